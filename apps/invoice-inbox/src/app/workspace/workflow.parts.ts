import { ApprovalModule } from '../approval/approval.module';
import { DocumentApproval } from '../approval/document-approval.entity';
import { CodingModule } from '../coding/coding.module';
import { DocumentCoding } from '../coding/document-coding.entity';
import { ErpModule } from '../erp/erp.module';
import { ErpSetting } from '../erp/erp-setting.entity';
import { PurchaseInvoiceRequest } from '../erp/purchase-invoice-request.entity';
import { SalesInvoiceRecord } from '../erp/sales-invoice-record.entity';
import { MasterAccount } from '../master-data/master-account.entity';
import { MasterContact } from '../master-data/master-contact.entity';
import { MasterDataModule } from '../master-data/master-data.module';
import { MasterDimension } from '../master-data/master-dimension.entity';
import { MasterData1763900002100 } from '../migrations/1763900002100-master-data.migration';
import { Workspace1763900002110 } from '../migrations/1763900002110-workspace.migration';
import { ErpDelivery1763900002120 } from '../migrations/1763900002120-erp-delivery.migration';
import { ErpDelivery } from '../publication/erp-delivery.entity';
import { PublicationModule } from '../publication/publication.module';
import { DocumentComment } from './document-comment.entity';
import { WorkspaceModule } from './workspace.module';

/**
 * The second half of the inbox (master data, workspace, approval, publication, ERP), as the
 * service definition lists it: entities, migrations and modules.
 */
export const WORKFLOW_ENTITIES = [
  MasterAccount,
  MasterDimension,
  MasterContact,
  DocumentCoding,
  DocumentComment,
  DocumentApproval,
  ErpDelivery,
  PurchaseInvoiceRequest,
  ErpSetting,
  SalesInvoiceRecord,
];

export const WORKFLOW_MIGRATIONS = [MasterData1763900002100, Workspace1763900002110, ErpDelivery1763900002120];

export const WORKFLOW_MODULES = [MasterDataModule, CodingModule, WorkspaceModule, ApprovalModule, PublicationModule, ErpModule];
