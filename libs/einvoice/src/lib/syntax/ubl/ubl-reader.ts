import type {
  AllowanceCharge,
  CreditTransfer,
  DocumentTotals,
  Invoice,
  InvoiceNote,
  PaymentInstructions,
  Period,
  SupportingDocument,
  VatBreakdown,
} from '../../model/invoice.model';
import type { Identifier } from '../../model/party.model';
import type { XmlElement } from '../../xml/xml-node';
import { UBL_NS } from '../namespaces';
import { attrOf, nonEmpty, textOf } from '../xml-read.util';
import {
  readUblBuyer,
  readUblDelivery,
  readUblPayee,
  readUblSeller,
  readUblTaxRepresentative,
} from './ubl-party.reader';
import { cac, cacs, cbc, cbcDec, cbcEl, cbcs, idOf } from './ubl-read.util';
import { readUblLine } from './ubl-line.reader';

/** A note written as `#SUBJ#text` carries BT-21 in UBL (the EN 16931 / Peppol convention). */
const NOTE_SUBJECT = /^#([A-Za-z0-9]{1,3})#/;

/** True when `root` is a UBL 2.1 Invoice or CreditNote element. */
export function isUblRoot(root: XmlElement): boolean {
  return (
    (root.local === 'Invoice' && root.ns === UBL_NS.invoice) ||
    (root.local === 'CreditNote' && root.ns === UBL_NS.creditNote)
  );
}

/** Reads a UBL 2.1 Invoice or CreditNote (Peppol BIS Billing 3.0 / EN 16931 binding) into the model. */
export function readUbl(root: XmlElement): Invoice {
  const isCredit = root.local === 'CreditNote';
  const currency = cbc(root, 'DocumentCurrencyCode') ?? '';
  const taxCurrency = cbc(root, 'TaxCurrencyCode');
  const { seller, creditorId: sellerSepa } = readUblSeller(
    cac(root, 'AccountingSupplierParty'),
  );
  const { payee, creditorId: payeeSepa } = readUblPayee(
    cac(root, 'PayeeParty'),
  );
  const period = cac(root, 'InvoicePeriod');
  const paymentMeans = cacs(root, 'PaymentMeans');
  const refs = readDocumentReferences(root);

  return {
    invoiceKind: isCredit ? 'credit-note' : 'invoice',
    id: cbc(root, 'ID') ?? '',
    issueDate: cbc(root, 'IssueDate') ?? '',
    typeCode:
      cbc(root, isCredit ? 'CreditNoteTypeCode' : 'InvoiceTypeCode') ?? '',
    currencyCode: currency,
    vatAccountingCurrencyCode: taxCurrency,
    taxPointDate: cbc(root, 'TaxPointDate'),
    taxPointDateCode: cbc(period, 'DescriptionCode'),
    dueDate: cbc(root, 'DueDate') ?? firstText(paymentMeans, 'PaymentDueDate'),
    buyerReference: cbc(root, 'BuyerReference'),
    projectReference: cbc(cac(root, 'ProjectReference'), 'ID') ?? refs.project,
    contractReference: cbc(cac(root, 'ContractDocumentReference'), 'ID'),
    purchaseOrderReference: purchaseOrderOf(cac(root, 'OrderReference')),
    salesOrderReference: cbc(cac(root, 'OrderReference'), 'SalesOrderID'),
    receivingAdviceReference: cbc(cac(root, 'ReceiptDocumentReference'), 'ID'),
    despatchAdviceReference: cbc(cac(root, 'DespatchDocumentReference'), 'ID'),
    tenderOrLotReference: cbc(cac(root, 'OriginatorDocumentReference'), 'ID'),
    invoicedObjectId: refs.invoicedObject,
    buyerAccountingReference: cbc(root, 'AccountingCost'),
    paymentTerms: cbc(cac(root, 'PaymentTerms'), 'Note'),
    notes: cbcs(root, 'Note').flatMap(readNote),
    businessProcessType: cbc(root, 'ProfileID'),
    specificationId: cbc(root, 'CustomizationID') ?? '',
    precedingInvoices: cacs(root, 'BillingReference').flatMap((br) => {
      const doc = cac(br, 'InvoiceDocumentReference');
      const id = cbc(doc, 'ID');
      return id === undefined ? [] : [{ id, issueDate: cbc(doc, 'IssueDate') }];
    }),
    seller,
    buyer: readUblBuyer(cac(root, 'AccountingCustomerParty')),
    payee,
    taxRepresentative: readUblTaxRepresentative(
      cac(root, 'TaxRepresentativeParty'),
    ),
    delivery: readUblDelivery(cac(root, 'Delivery')),
    invoicingPeriod: readPeriod(period),
    paymentInstructions: readPaymentInstructions(
      paymentMeans,
      sellerSepa ?? payeeSepa,
    ),
    allowances: readAllowanceCharges(root, false),
    charges: readAllowanceCharges(root, true),
    ...readTaxTotals(root, currency, taxCurrency),
    supportingDocuments: refs.supporting,
    lines: cacs(root, isCredit ? 'CreditNoteLine' : 'InvoiceLine').map((l) =>
      readUblLine(l, isCredit),
    ),
  };
}

/** Peppol writes `NA` as the mandatory order ID when only a sales order (BT-14) is known. */
function purchaseOrderOf(ref: XmlElement | undefined): string | undefined {
  const id = cbc(ref, 'ID');
  return id === 'NA' && cbc(ref, 'SalesOrderID') !== undefined ? undefined : id;
}

function firstText(
  els: readonly XmlElement[],
  local: string,
): string | undefined {
  for (const el of els) {
    const t = cbc(el, local);
    if (t !== undefined) return t;
  }
  return undefined;
}

function readNote(el: XmlElement): InvoiceNote[] {
  const raw = textOf(el);
  if (raw === undefined) return [];
  const m = NOTE_SUBJECT.exec(raw);
  if (!m || m[1] === undefined) return [{ text: raw }];
  return [{ subjectCode: m[1], text: raw.slice(m[0].length) }];
}

/** InvoicePeriod / line InvoicePeriod → BG-14 / BG-26. */
export function readPeriod(el: XmlElement | undefined): Period | undefined {
  if (!el) return undefined;
  return nonEmpty<Period>({
    startDate: cbc(el, 'StartDate'),
    endDate: cbc(el, 'EndDate'),
  });
}

/** AdditionalDocumentReference splits into BT-18 (type 130), BT-11 (type 50) and BG-24 documents. */
function readDocumentReferences(root: XmlElement): {
  supporting: SupportingDocument[];
  invoicedObject?: Identifier;
  project?: string;
} {
  const supporting: SupportingDocument[] = [];
  let invoicedObject: Identifier | undefined;
  let project: string | undefined;
  for (const ref of cacs(root, 'AdditionalDocumentReference')) {
    const typeCode = cbc(ref, 'DocumentTypeCode');
    if (typeCode === '130') {
      invoicedObject ??= idOf(cbcEl(ref, 'ID'));
      continue;
    }
    if (typeCode === '50') {
      project ??= cbc(ref, 'ID');
      continue;
    }
    const attachment = cac(ref, 'Attachment');
    const binary = cbcEl(attachment, 'EmbeddedDocumentBinaryObject');
    const content = binary ? binary.text.replace(/\s+/g, '') : undefined;
    supporting.push({
      id: cbc(ref, 'ID') ?? '',
      description: cbc(ref, 'DocumentDescription'),
      externalLocation: cbc(cac(attachment, 'ExternalReference'), 'URI'),
      attachment:
        binary && content !== undefined
          ? {
              contentBase64: content,
              mimeCode: attrOf(binary, 'mimeCode'),
              filename: attrOf(binary, 'filename'),
            }
          : undefined,
    });
  }
  return { supporting, invoicedObject, project };
}

/**
 * BG-16 from the cac:PaymentMeans list: code, text and remittance from the first one,
 * credit transfers (BG-17) from every one (Peppol repeats PaymentMeans per account).
 */
function readPaymentInstructions(
  means: readonly XmlElement[],
  creditorId: string | undefined,
): PaymentInstructions | undefined {
  const first = means[0];
  const creditTransfers: CreditTransfer[] = [];
  let card: PaymentInstructions['paymentCard'];
  let mandate: XmlElement | undefined;
  for (const pm of means) {
    const account = cac(pm, 'PayeeFinancialAccount');
    const accountId = cbc(account, 'ID');
    if (accountId !== undefined) {
      creditTransfers.push({
        accountId,
        accountName: cbc(account, 'Name'),
        serviceProviderId: cbc(
          cac(account, 'FinancialInstitutionBranch'),
          'ID',
        ),
      });
    }
    const cardEl = cac(pm, 'CardAccount');
    const pan = cbc(cardEl, 'PrimaryAccountNumberID');
    if (!card && pan !== undefined)
      card = {
        primaryAccountNumber: pan,
        holderName: cbc(cardEl, 'HolderName'),
      };
    mandate ??= cac(pm, 'PaymentMandate');
  }
  const directDebit = nonEmpty({
    mandateReference: cbc(mandate, 'ID'),
    creditorId,
    debitedAccountId: cbc(cac(mandate, 'PayerFinancialAccount'), 'ID'),
  });
  const codeEl = cbcEl(first, 'PaymentMeansCode');
  const meansCode = textOf(codeEl);
  const meansText = attrOf(codeEl, 'name');
  const remittance = firstText(means, 'PaymentID');
  // An empty PaymentMeans (broken input) carries no EN term: no BG-16 then.
  if (
    !directDebit &&
    !card &&
    creditTransfers.length === 0 &&
    meansCode === undefined &&
    meansText === undefined &&
    remittance === undefined
  ) {
    return undefined;
  }
  return {
    meansCode,
    meansText,
    remittanceInformation: remittance,
    creditTransfers,
    paymentCard: card,
    directDebit,
  };
}

/** Document level cac:AllowanceCharge with the given ChargeIndicator → BG-20 / BG-21. */
function readAllowanceCharges(
  root: XmlElement,
  charge: boolean,
): AllowanceCharge[] {
  const out: AllowanceCharge[] = [];
  for (const ac of cacs(root, 'AllowanceCharge')) {
    if ((cbc(ac, 'ChargeIndicator') === 'true') !== charge) continue;
    const tax = cac(ac, 'TaxCategory');
    out.push({
      amount: cbcDec(ac, 'Amount'),
      baseAmount: cbcDec(ac, 'BaseAmount'),
      percentage: cbcDec(ac, 'MultiplierFactorNumeric'),
      vatCategoryCode: cbc(tax, 'ID'),
      vatRate: cbcDec(tax, 'Percent'),
      reason: cbc(ac, 'AllowanceChargeReason'),
      reasonCode: cbc(ac, 'AllowanceChargeReasonCode'),
    });
  }
  return out;
}

/**
 * cac:TaxTotal (one in the invoice currency with the breakdown, optionally one in the VAT accounting
 * currency: BT-111) and cac:LegalMonetaryTotal → BG-22 and BG-23.
 */
function readTaxTotals(
  root: XmlElement,
  currency: string,
  taxCurrency: string | undefined,
): { totals: DocumentTotals; vatBreakdown: VatBreakdown[] } {
  let vatTotal: DocumentTotals['vatTotal'];
  let vatTotalInAccountingCurrency: DocumentTotals['vatTotalInAccountingCurrency'];
  const vatBreakdown: VatBreakdown[] = [];
  for (const tt of cacs(root, 'TaxTotal')) {
    const amountEl = cbcEl(tt, 'TaxAmount');
    const cur = attrOf(amountEl, 'currencyID');
    const amount = cbcDec(tt, 'TaxAmount');
    const isAccounting =
      taxCurrency !== undefined &&
      taxCurrency !== currency &&
      cur === taxCurrency;
    if (isAccounting) vatTotalInAccountingCurrency ??= amount;
    else vatTotal ??= amount;
    for (const st of cacs(tt, 'TaxSubtotal')) {
      const cat = cac(st, 'TaxCategory');
      vatBreakdown.push({
        taxableAmount: cbcDec(st, 'TaxableAmount'),
        taxAmount: cbcDec(st, 'TaxAmount'),
        categoryCode: cbc(cat, 'ID'),
        rate: cbcDec(cat, 'Percent'),
        exemptionReason: cbc(cat, 'TaxExemptionReason'),
        exemptionReasonCode: cbc(cat, 'TaxExemptionReasonCode'),
      });
    }
  }
  const lmt = cac(root, 'LegalMonetaryTotal');
  const totals = {
    lineNetTotal: cbcDec(lmt, 'LineExtensionAmount'),
    allowanceTotal: cbcDec(lmt, 'AllowanceTotalAmount'),
    chargeTotal: cbcDec(lmt, 'ChargeTotalAmount'),
    totalWithoutVat: cbcDec(lmt, 'TaxExclusiveAmount'),
    vatTotal,
    vatTotalInAccountingCurrency,
    totalWithVat: cbcDec(lmt, 'TaxInclusiveAmount'),
    paidAmount: cbcDec(lmt, 'PrepaidAmount'),
    roundingAmount: cbcDec(lmt, 'PayableRoundingAmount'),
    amountDue: cbcDec(lmt, 'PayableAmount'),
  };
  return { totals, vatBreakdown };
}
