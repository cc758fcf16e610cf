import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DocumentsRepository } from '../documents/documents.repository';
import { DOCUMENT_STORAGE, type DocumentStorage } from '../originals/document-storage.port';
import { ErpDelivery } from '../publication/erp-delivery.entity';
import { renderInvoicePdf } from '../publication/invoice-pdf.renderer';
import { chooseReadable } from '../publication/readable-file';

export interface Download {
  bytes: Buffer;
  contentType: string;
  filename: string;
}

/**
 * Downloads of the incoming e-invoice register: the readable original (the original PDF or
 * image, or a PDF rendered from an XML-only invoice — rendered on demand, deterministically,
 * so nothing derived is stored) and each original file byte for byte.
 */
@Injectable()
export class RegisterDownloadService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly documents: DocumentsRepository,
    @Inject(DOCUMENT_STORAGE) private readonly storage: DocumentStorage,
  ) {}

  async readable(companyId: string, documentId: string): Promise<Download> {
    await this.assertPublished(companyId, documentId);
    const doc = await this.documents.findOne(companyId, documentId);
    if (!doc) throw notInRegister(documentId);
    const choice = chooseReadable(await this.documents.files(companyId, documentId), doc.invoice !== null);
    if (choice.kind === 'file') return this.file(companyId, documentId, choice.file.id);
    if (choice.kind === 'none') throw new NotFoundException(`Document ${documentId} has no file`);
    return {
      bytes: await renderInvoicePdf(doc),
      contentType: 'application/pdf',
      filename: `${(doc.invoiceNumber ?? doc.id).replace(/[^A-Za-z0-9._-]+/g, '_')}.pdf`,
    };
  }

  async file(companyId: string, documentId: string, fileId: string): Promise<Download> {
    await this.assertPublished(companyId, documentId);
    const file = await this.documents.file(companyId, documentId, fileId);
    if (!file) throw new NotFoundException(`Document ${documentId} has no file ${fileId}`);
    const bytes = await this.storage.get(this.dataSource.manager, companyId, file.sha256);
    if (!bytes) throw new NotFoundException(`The bytes of file ${fileId} are missing from the original store`);
    return { bytes, contentType: file.contentType, filename: file.filename };
  }

  private async assertPublished(companyId: string, documentId: string): Promise<void> {
    if (!(await this.dataSource.getRepository(ErpDelivery).existsBy({ companyId, documentId }))) throw notInRegister(documentId);
  }
}

function notInRegister(documentId: string): NotFoundException {
  return new NotFoundException(`Document ${documentId} is not in the incoming e-invoice register`);
}
