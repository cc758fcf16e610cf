import Decimal from 'decimal.js';
import type { Invoice } from '@hub/einvoice';
import { kindOfTypeCode } from '@hub/einvoice';
import type { DocumentKind } from '../documents/document-channel';

/**
 * The header of a document as the inbox keeps it: read from the EN 16931 model, or typed in
 * by a person. Amounts are decimal strings.
 */
export interface HeaderFields {
  kind: DocumentKind;
  typeCode: string | null;
  supplierName: string | null;
  supplierIdentifier: string | null;
  supplierVatId: string | null;
  supplierRegistrationCode: string | null;
  invoiceNumber: string | null;
  issueDate: string | null;
  dueDate: string | null;
  currency: string | null;
  totalNet: string | null;
  totalVat: string | null;
  totalGross: string | null;
  amountDue: string | null;
  buyerReference: string | null;
  orderReference: string | null;
  contractReference: string | null;
}

export function emptyHeader(kind: DocumentKind = 'unknown'): HeaderFields {
  return {
    kind,
    typeCode: null,
    supplierName: null,
    supplierIdentifier: null,
    supplierVatId: null,
    supplierRegistrationCode: null,
    invoiceNumber: null,
    issueDate: null,
    dueDate: null,
    currency: null,
    totalNet: null,
    totalVat: null,
    totalGross: null,
    amountDue: null,
    buyerReference: null,
    orderReference: null,
    contractReference: null,
  };
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function headerFromInvoice(invoice: Invoice): HeaderFields {
  const seller = invoice.seller;
  const vatId = normaliseId(seller.vatId);
  const registration = normaliseId(seller.legalRegistrationId?.value);
  const other = normaliseId(seller.identifiers[0]?.value);
  const endpoint = seller.electronicAddress ? normaliseId(`${seller.electronicAddress.schemeId ?? ''}:${seller.electronicAddress.value}`) : null;
  const typeCode = text(invoice.typeCode);
  return {
    kind: typeCode ? kindOfTypeCode(typeCode) : invoice.invoiceKind,
    typeCode,
    supplierName: text(seller.name),
    // VAT id first: it is the identifier a seller's every channel is most likely to carry.
    supplierIdentifier: vatId ?? registration ?? other ?? endpoint,
    supplierVatId: vatId,
    supplierRegistrationCode: registration,
    invoiceNumber: text(invoice.id),
    issueDate: date(invoice.issueDate),
    dueDate: date(invoice.dueDate),
    currency: text(invoice.currencyCode),
    totalNet: money(invoice.totals.totalWithoutVat?.text),
    totalVat: money(invoice.totals.vatTotal?.text),
    totalGross: money(invoice.totals.totalWithVat?.text),
    amountDue: money(invoice.totals.amountDue?.text),
    buyerReference: text(invoice.buyerReference),
    orderReference: text(invoice.purchaseOrderReference),
    contractReference: text(invoice.contractReference),
  };
}

/** Identifiers compare without case, blanks, dots or dashes (`EE 1000-1234` = `ee10001234`). */
export function normaliseId(value: string | undefined | null): string | null {
  const v = value?.toUpperCase().replace(/[\s.\-/]+/g, '');
  return v ? v : null;
}

function text(value: string | undefined | null): string | null {
  const v = value?.replace(/\s+/g, ' ').trim();
  return v ? v : null;
}

function date(value: string | undefined): string | null {
  return value && DATE.test(value.trim()) ? value.trim() : null;
}

/** A decimal text that fits numeric(19,4), or null (an unreadable amount is a validator finding, not a crash). */
function money(value: string | undefined): string | null {
  if (!value) return null;
  try {
    const d = new Decimal(value.trim());
    if (!d.isFinite() || d.abs().greaterThanOrEqualTo('1e15')) return null;
    return d.toDecimalPlaces(4).toFixed();
  } catch {
    return null;
  }
}
