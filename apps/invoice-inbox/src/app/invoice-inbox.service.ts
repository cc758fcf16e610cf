import type { HubServiceDefinition } from '@hub/service-kit';
import { EinvoiceChannelModule } from './channels/einvoice/einvoice-channel.module';
import { EmailChannelModule } from './channels/email/email-channel.module';
import { InboundAddress } from './channels/email/inbound-address.entity';
import { UploadChannelModule } from './channels/upload/upload-channel.module';
import { DocumentFile } from './documents/document-file.entity';
import { DocumentReceipt } from './documents/document-receipt.entity';
import { DocumentTransition } from './documents/document-transition.entity';
import { Document } from './documents/document.entity';
import { DocumentsModule } from './documents/documents.module';
import { InvoiceInboxEnv } from './invoice-inbox.env';
import { Documents1763900002000 } from './migrations/1763900002000-documents.migration';
import { OriginalBlob } from './originals/original-blob.entity';
import { WORKFLOW_ENTITIES, WORKFLOW_MIGRATIONS, WORKFLOW_MODULES } from './workspace/workflow.parts';

export { InvoiceInboxEnv } from './invoice-inbox.env';

/**
 * invoice-inbox: purchase documents from every channel (e-invoice, upload, e-mail, mobile),
 * digitised, deduplicated, then coded, approved and published into the ERP.
 * Lists are one entry per line so features can be appended without touching the others.
 */
export const invoiceInbox: HubServiceDefinition<InvoiceInboxEnv> = {
  name: 'invoice-inbox',
  description: 'Receives purchase documents from every channel, digitises, codes, approves and publishes them into the ERP',
  defaultPort: 3103,
  env: InvoiceInboxEnv,
  entities: [
    Document,
    DocumentReceipt,
    DocumentFile,
    DocumentTransition,
    OriginalBlob,
    InboundAddress,
    ...WORKFLOW_ENTITIES,
  ],
  migrations: [
    Documents1763900002000,
    ...WORKFLOW_MIGRATIONS,
  ],
  modules: () => [
    DocumentsModule,
    EinvoiceChannelModule,
    UploadChannelModule,
    EmailChannelModule,
    ...WORKFLOW_MODULES,
  ],
};
