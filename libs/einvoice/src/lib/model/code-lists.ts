import type { InvoiceKind } from './invoice.model';

/**
 * The few code lists the readers and writers need to choose structure (not the full lists
 * the validator checks). Codes are plain strings everywhere in the model.
 */

/** UNTDID 1001 codes EN 16931 treats as credit notes (the UBL CreditNote document). */
export const CREDIT_NOTE_TYPE_CODES: ReadonlySet<string> = new Set([
  '81',
  '83',
  '381',
  '396',
  '532',
]);

/** UNTDID 1001 codes EN 16931 allows for invoices (BR-CL-01 subset most used; not exhaustive). */
export const COMMON_INVOICE_TYPE_CODES: ReadonlySet<string> = new Set([
  '80',
  '82',
  '84',
  '130',
  '202',
  '203',
  '204',
  '211',
  '261',
  '262',
  '295',
  '296',
  '308',
  '325',
  '326',
  '380',
  '383',
  '384',
  '385',
  '386',
  '387',
  '388',
  '389',
  '390',
  '393',
  '394',
  '395',
  '456',
  '457',
  '527',
  '575',
  '623',
  '633',
  '751',
  '780',
  '935',
]);

/** UNTDID 5305 VAT category codes used by EN 16931 (BR-CL-17/18). */
export const VAT_CATEGORY_CODES: ReadonlySet<string> = new Set([
  'S',
  'Z',
  'E',
  'AE',
  'K',
  'G',
  'O',
  'L',
  'M',
  'B',
]);

/** The document kind a type code implies: credit-note codes give `credit-note`, anything else `invoice`. */
export function kindOfTypeCode(typeCode: string): InvoiceKind {
  return CREDIT_NOTE_TYPE_CODES.has(typeCode.trim())
    ? 'credit-note'
    : 'invoice';
}

/** Specification identifier (BT-24) of Peppol BIS Billing 3.0. */
export const PEPPOL_BIS3_CUSTOMIZATION_ID =
  'urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0';
/** Business process type (BT-23) of Peppol BIS Billing 3.0. */
export const PEPPOL_BIS3_PROFILE_ID =
  'urn:fdc:peppol.eu:2017:poacc:billing:01:1.0';
/** Specification identifier (BT-24) of plain EN 16931. */
export const EN16931_CUSTOMIZATION_ID = 'urn:cen.eu:en16931:2017';
