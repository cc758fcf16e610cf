import type { Invoice } from '../model/invoice.model';
import type { XmlElement } from '../xml/xml-node';
import { isCiiRoot, readCii } from './cii/cii-reader';
import { isEeRoot, readEe } from './ee/ee-reader';
import { UnsupportedDocumentError } from './errors';
import { isUblRoot, readUbl } from './ubl/ubl-reader';

/** The syntax of a root element, or undefined when it is none the library reads. */
export type InvoiceSyntax = 'ubl' | 'cii' | 'ee';

export function syntaxOfRoot(root: XmlElement): InvoiceSyntax | undefined {
  if (isUblRoot(root)) return 'ubl';
  if (isCiiRoot(root)) return 'cii';
  if (isEeRoot(root)) return 'ee';
  return undefined;
}

/**
 * Reads any supported document into the model: a UBL Invoice / CreditNote or a CII invoice gives
 * one invoice, an Estonian E_Invoice file as many as it holds.
 * @throws UnsupportedDocumentError for any other root element.
 */
export function readInvoice(root: XmlElement): Invoice[] {
  switch (syntaxOfRoot(root)) {
    case 'ubl':
      return [readUbl(root)];
    case 'cii':
      return [readCii(root)];
    case 'ee':
      return readEe(root);
    default:
      throw new UnsupportedDocumentError(root.ns, root.local);
  }
}
