/** Readers and writers between the EN 16931 model and UBL 2.1, CII D16B and the Estonian e-invoice 1.2. */
export { readInvoice, syntaxOfRoot } from './read-invoice';
export type { InvoiceSyntax } from './read-invoice';
export { UnsupportedDocumentError } from './errors';
export { isUblRoot, readUbl } from './ubl/ubl-reader';
export { writeUbl } from './ubl/ubl-writer';
export type { UblWriteOptions } from './ubl/ubl-writer';
export { isCiiRoot, readCii } from './cii/cii-reader';
export { writeCii } from './cii/cii-writer';
export { isEeRoot, readEe, readEeInvoice } from './ee/ee-reader';
export { writeEe } from './ee/ee-writer';
export type { EeHeader } from './ee/ee-writer';
export { XmlWriter, escapeAttr, escapeText } from './xml-writer';
