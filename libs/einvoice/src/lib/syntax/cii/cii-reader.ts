import type {
  CreditTransfer,
  DocumentTotals,
  Invoice,
  InvoiceNote,
  PaymentInstructions,
  SupportingDocument,
} from '../../model/invoice.model';
import { kindOfTypeCode } from '../../model/code-lists';
import { DecimalValue } from '../../model/decimal-value';
import type { Identifier } from '../../model/party.model';
import type { XmlElement } from '../../xml/xml-node';
import { CII_NS } from '../namespaces';
import { attrOf, childOf, nonEmpty, textOf } from '../xml-read.util';
import {
  readCiiBuyer,
  readCiiDelivery,
  readCiiPayee,
  readCiiSeller,
  readCiiTaxRepresentative,
} from './cii-party.reader';
import {
  ciiDate,
  ram,
  ramDec,
  rams,
  ramText,
  readCiiAllowanceCharges,
  taxPointCodeFromCii,
} from './cii-read.util';
import { readCiiLine } from './cii-line.reader';

/** True when `root` is a UN/CEFACT CrossIndustryInvoice. */
export function isCiiRoot(root: XmlElement): boolean {
  return root.local === 'CrossIndustryInvoice' && root.ns === CII_NS.rsm;
}

/** Reads a CII D16B CrossIndustryInvoice (EN 16931 profile binding) into the model. */
export function readCii(root: XmlElement): Invoice {
  const context = childOf(root, CII_NS.rsm, 'ExchangedDocumentContext');
  const doc = childOf(root, CII_NS.rsm, 'ExchangedDocument');
  const tx = childOf(root, CII_NS.rsm, 'SupplyChainTradeTransaction');
  const agreement = ram(tx, 'ApplicableHeaderTradeAgreement');
  const delivery = ram(tx, 'ApplicableHeaderTradeDelivery');
  const settlement = ram(tx, 'ApplicableHeaderTradeSettlement');
  const typeCode = ramText(doc, 'TypeCode') ?? '';
  const currency = ramText(settlement, 'InvoiceCurrencyCode') ?? '';
  const taxCurrency = ramText(settlement, 'TaxCurrencyCode');
  const terms = rams(settlement, 'SpecifiedTradePaymentTerms');
  const refs = readAdditionalReferences(agreement);
  const taxes = rams(settlement, 'ApplicableTradeTax');
  const period = ram(settlement, 'BillingSpecifiedPeriod');

  return {
    invoiceKind: kindOfTypeCode(typeCode),
    id: ramText(doc, 'ID') ?? '',
    issueDate: ciiDate(ram(doc, 'IssueDateTime')) ?? '',
    typeCode,
    currencyCode: currency,
    vatAccountingCurrencyCode: taxCurrency,
    taxPointDate: firstOf(taxes, (t) => ciiDate(ram(t, 'TaxPointDate'))),
    taxPointDateCode: taxPointCodeFromCii(
      firstOf(taxes, (t) => ramText(t, 'DueDateTypeCode')),
    ),
    dueDate: firstOf(terms, (t) => ciiDate(ram(t, 'DueDateDateTime'))),
    buyerReference: ramText(agreement, 'BuyerReference'),
    projectReference: ramText(
      ram(agreement, 'SpecifiedProcuringProject'),
      'ID',
    ),
    contractReference: ramText(
      ram(agreement, 'ContractReferencedDocument'),
      'IssuerAssignedID',
    ),
    purchaseOrderReference: ramText(
      ram(agreement, 'BuyerOrderReferencedDocument'),
      'IssuerAssignedID',
    ),
    salesOrderReference: ramText(
      ram(agreement, 'SellerOrderReferencedDocument'),
      'IssuerAssignedID',
    ),
    receivingAdviceReference: ramText(
      ram(delivery, 'ReceivingAdviceReferencedDocument'),
      'IssuerAssignedID',
    ),
    despatchAdviceReference: ramText(
      ram(delivery, 'DespatchAdviceReferencedDocument'),
      'IssuerAssignedID',
    ),
    tenderOrLotReference: refs.tender,
    invoicedObjectId: refs.invoicedObject,
    buyerAccountingReference: ramText(
      ram(settlement, 'ReceivableSpecifiedTradeAccountingAccount'),
      'ID',
    ),
    paymentTerms: firstOf(terms, (t) => ramText(t, 'Description')),
    notes: rams(doc, 'IncludedNote').flatMap(readNote),
    businessProcessType: ramText(
      ram(context, 'BusinessProcessSpecifiedDocumentContextParameter'),
      'ID',
    ),
    specificationId:
      ramText(
        ram(context, 'GuidelineSpecifiedDocumentContextParameter'),
        'ID',
      ) ?? '',
    precedingInvoices: rams(settlement, 'InvoiceReferencedDocument').flatMap(
      (r) => {
        const id = ramText(r, 'IssuerAssignedID');
        return id === undefined
          ? []
          : [{ id, issueDate: ciiDate(ram(r, 'FormattedIssueDateTime')) }];
      },
    ),
    seller: readCiiSeller(ram(agreement, 'SellerTradeParty')),
    buyer: readCiiBuyer(ram(agreement, 'BuyerTradeParty')),
    payee: readCiiPayee(ram(settlement, 'PayeeTradeParty')),
    taxRepresentative: readCiiTaxRepresentative(
      ram(agreement, 'SellerTaxRepresentativeTradeParty'),
    ),
    delivery: readCiiDelivery(delivery),
    invoicingPeriod: period
      ? nonEmpty({
          startDate: ciiDate(ram(period, 'StartDateTime')),
          endDate: ciiDate(ram(period, 'EndDateTime')),
        })
      : undefined,
    paymentInstructions: readPayment(settlement, terms),
    allowances: readCiiAllowanceCharges(settlement, false, true),
    charges: readCiiAllowanceCharges(settlement, true, true),
    totals: readTotals(settlement, currency, taxCurrency),
    vatBreakdown: taxes.map((t) => ({
      taxableAmount: ramDec(t, 'BasisAmount'),
      taxAmount: ramDec(t, 'CalculatedAmount'),
      categoryCode: ramText(t, 'CategoryCode'),
      rate: ramDec(t, 'RateApplicablePercent'),
      exemptionReason: ramText(t, 'ExemptionReason'),
      exemptionReasonCode: ramText(t, 'ExemptionReasonCode'),
    })),
    supportingDocuments: refs.supporting,
    lines: rams(tx, 'IncludedSupplyChainTradeLineItem').map(readCiiLine),
  };
}

function firstOf<T>(
  els: readonly XmlElement[],
  f: (el: XmlElement) => T | undefined,
): T | undefined {
  for (const el of els) {
    const v = f(el);
    if (v !== undefined) return v;
  }
  return undefined;
}

function readNote(el: XmlElement): InvoiceNote[] {
  const text = ramText(el, 'Content');
  if (text === undefined) return [];
  return [{ subjectCode: ramText(el, 'SubjectCode'), text }];
}

/** AdditionalReferencedDocument: type 50 = BT-17 tender, 130 = BT-18 invoiced object, 916 (or other) = BG-24. */
function readAdditionalReferences(agreement: XmlElement | undefined): {
  supporting: SupportingDocument[];
  tender?: string;
  invoicedObject?: Identifier;
} {
  const supporting: SupportingDocument[] = [];
  let tender: string | undefined;
  let invoicedObject: Identifier | undefined;
  for (const ref of rams(agreement, 'AdditionalReferencedDocument')) {
    const type = ramText(ref, 'TypeCode');
    const id = ramText(ref, 'IssuerAssignedID');
    if (type === '50') {
      tender ??= id;
      continue;
    }
    if (type === '130') {
      if (!invoicedObject && id !== undefined) {
        const scheme = ramText(ref, 'ReferenceTypeCode');
        invoicedObject =
          scheme === undefined
            ? { value: id }
            : { value: id, schemeId: scheme };
      }
      continue;
    }
    const bin = ram(ref, 'AttachmentBinaryObject');
    const content = bin ? bin.text.replace(/\s+/g, '') : undefined;
    supporting.push({
      id: id ?? '',
      description: ramText(ref, 'Name'),
      externalLocation: ramText(ref, 'URIID'),
      attachment:
        bin && content !== undefined
          ? {
              contentBase64: content,
              mimeCode: attrOf(bin, 'mimeCode'),
              filename: attrOf(bin, 'filename'),
            }
          : undefined,
    });
  }
  return { supporting, tender, invoicedObject };
}

function readPayment(
  settlement: XmlElement | undefined,
  terms: readonly XmlElement[],
): PaymentInstructions | undefined {
  const means = rams(settlement, 'SpecifiedTradeSettlementPaymentMeans');
  const creditTransfers: CreditTransfer[] = [];
  let card: PaymentInstructions['paymentCard'];
  let debited: string | undefined;
  for (const pm of means) {
    const account = ram(pm, 'PayeePartyCreditorFinancialAccount');
    const accountId =
      ramText(account, 'IBANID') ?? ramText(account, 'ProprietaryID');
    if (accountId !== undefined) {
      creditTransfers.push({
        accountId,
        accountName: ramText(account, 'AccountName'),
        serviceProviderId: ramText(
          ram(pm, 'PayeeSpecifiedCreditorFinancialInstitution'),
          'BICID',
        ),
      });
    }
    const cardEl = ram(pm, 'ApplicableTradeSettlementFinancialCard');
    const pan = ramText(cardEl, 'ID');
    if (!card && pan !== undefined)
      card = {
        primaryAccountNumber: pan,
        holderName: ramText(cardEl, 'CardholderName'),
      };
    debited ??= ramText(ram(pm, 'PayerPartyDebtorFinancialAccount'), 'IBANID');
  }
  const directDebit = nonEmpty({
    mandateReference: firstOf(terms, (t) => ramText(t, 'DirectDebitMandateID')),
    creditorId: ramText(settlement, 'CreditorReferenceID'),
    debitedAccountId: debited,
  });
  const first = means[0];
  const remittance = ramText(settlement, 'PaymentReference');
  if (!first && !directDebit && remittance === undefined) return undefined;
  return {
    meansCode: ramText(first, 'TypeCode'),
    meansText: ramText(first, 'Information'),
    remittanceInformation: remittance,
    creditTransfers,
    paymentCard: card,
    directDebit,
  };
}

/** Monetary summation; of several TaxTotalAmount the one in the VAT accounting currency is BT-111. */
function readTotals(
  settlement: XmlElement | undefined,
  currency: string,
  taxCurrency: string | undefined,
): DocumentTotals {
  const sum = ram(
    settlement,
    'SpecifiedTradeSettlementHeaderMonetarySummation',
  );
  let vatTotal: DocumentTotals['vatTotal'];
  let vatTotalInAccountingCurrency: DocumentTotals['vatTotalInAccountingCurrency'];
  for (const el of rams(sum, 'TaxTotalAmount')) {
    const t = textOf(el);
    if (t === undefined) continue;
    const cur = attrOf(el, 'currencyID');
    const dec = DecimalValue.of(t);
    if (
      taxCurrency !== undefined &&
      taxCurrency !== currency &&
      cur === taxCurrency
    )
      vatTotalInAccountingCurrency ??= dec;
    else vatTotal ??= dec;
  }
  return {
    lineNetTotal: ramDec(sum, 'LineTotalAmount'),
    allowanceTotal: ramDec(sum, 'AllowanceTotalAmount'),
    chargeTotal: ramDec(sum, 'ChargeTotalAmount'),
    totalWithoutVat: ramDec(sum, 'TaxBasisTotalAmount'),
    vatTotal,
    vatTotalInAccountingCurrency,
    totalWithVat: ramDec(sum, 'GrandTotalAmount'),
    paidAmount: ramDec(sum, 'TotalPrepaidAmount'),
    roundingAmount: ramDec(sum, 'RoundingAmount'),
    amountDue: ramDec(sum, 'DuePayableAmount'),
  };
}
