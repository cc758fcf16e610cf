import type { EntityManager } from 'typeorm';
import type { ExportableEntry } from './exportable-entry';

/**
 * Where the export reads journal entries from. Implemented over the entries feature's
 * tables; the export never reads those tables itself, so the two features stay separable.
 */
export interface ExportableEntrySource {
  /** Ids of the company's confirmed entries, oldest first (bounded by `limit`). */
  listConfirmedIds(companyId: string, limit: number): Promise<string[]>;
  /** One entry with its rows and current status, or undefined when the company has no such entry. */
  load(companyId: string, entryId: string, manager?: EntityManager): Promise<ExportableEntry | undefined>;
}

export const EXPORTABLE_ENTRY_SOURCE = Symbol('EXPORTABLE_ENTRY_SOURCE');
