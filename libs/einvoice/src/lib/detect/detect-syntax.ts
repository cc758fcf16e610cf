import { NS } from '../xml/query';
import type { XmlElement } from '../xml/xml-node';

/** The document syntaxes the hub reads. */
export type InvoiceSyntax = 'ubl-invoice' | 'ubl-creditnote' | 'cii' | 'ee' | 'unknown';

/** Identifies the syntax from the root element's namespace and local name (never from the prefix). */
export function detectSyntax(root: XmlElement): InvoiceSyntax {
  switch (root.ns) {
    case NS.invoice:
      return root.local === 'Invoice' ? 'ubl-invoice' : 'unknown';
    case NS.creditNote:
      return root.local === 'CreditNote' ? 'ubl-creditnote' : 'unknown';
    case NS.rsm:
      return root.local === 'CrossIndustryInvoice' ? 'cii' : 'unknown';
    case '':
      // The Estonian e-invoice 1.2 schema has no target namespace.
      return root.local === 'E_Invoice' ? 'ee' : 'unknown';
    default:
      return 'unknown';
  }
}

/** True for the two UBL document types. */
export function isUbl(syntax: InvoiceSyntax): syntax is 'ubl-invoice' | 'ubl-creditnote' {
  return syntax === 'ubl-invoice' || syntax === 'ubl-creditnote';
}
