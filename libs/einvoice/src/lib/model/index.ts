/** The EN 16931 semantic model: types, the decimal wrapper and the code lists the syntaxes need. */
export { DecimalValue } from './decimal-value';
export type {
  Amount,
  Percentage,
  Quantity,
  UnitPriceAmount,
} from './decimal-value';
export type {
  AllowanceCharge,
  Attachment,
  CreditTransfer,
  DirectDebit,
  DocumentTotals,
  Invoice,
  InvoiceKind,
  InvoiceLine,
  InvoiceNote,
  Item,
  ItemAttribute,
  ItemClassification,
  LineVat,
  PaymentCard,
  PaymentInstructions,
  Period,
  PrecedingInvoiceReference,
  PriceDetails,
  SupportingDocument,
  VatBreakdown,
} from './invoice.model';
export type {
  Buyer,
  Contact,
  Delivery,
  Identifier,
  Payee,
  PostalAddress,
  Seller,
  TaxRepresentative,
} from './party.model';
export {
  COMMON_INVOICE_TYPE_CODES,
  CREDIT_NOTE_TYPE_CODES,
  EN16931_CUSTOMIZATION_ID,
  PEPPOL_BIS3_CUSTOMIZATION_ID,
  PEPPOL_BIS3_PROFILE_ID,
  VAT_CATEGORY_CODES,
  kindOfTypeCode,
} from './code-lists';
