import { EntryExport } from './batches/entry-export.entity';
import { ExportBatch } from './batches/export-batch.entity';
import { ExportItem } from './batches/export-item.entity';
import { ExportCredential } from './credentials/export-credential.entity';
import { LedgerExport1763900001100 } from './migrations/1763900001100-ledger-export.migration';

/** For the service definition's `entities` and `migrations` lists. */
export const EXPORT_ENTITIES = [ExportCredential, ExportBatch, ExportItem, EntryExport];
export const EXPORT_MIGRATIONS = [LedgerExport1763900001100];
