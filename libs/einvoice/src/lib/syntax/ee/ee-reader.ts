import type {
  AllowanceCharge,
  CreditTransfer,
  Invoice,
  PaymentInstructions,
  SupportingDocument,
  VatBreakdown,
} from '../../model/invoice.model';
import type { XmlElement } from '../../xml/xml-node';
import { attrOf, nonEmpty } from '../xml-read.util';
import { readEeLine } from './ee-line.reader';
import {
  readEeBuyer,
  readEeDelivery,
  readEePayee,
  readEeSeller,
  readEeTaxRepresentative,
} from './ee-party.reader';
import {
  ee,
  eeDec,
  eeId,
  ees,
  eeText,
  enBlock,
  enBlocks,
} from './ee-read.util';
import { readEeVat } from './ee-vat.util';

/** True when `root` is an Estonian e-invoice file (`E_Invoice`, no namespace). */
export function isEeRoot(root: XmlElement): boolean {
  return root.local === 'E_Invoice' && root.ns === '';
}

/** Reads every Invoice of an Estonian e-invoice 1.2 file (EE↔EN syntax binding) into the model. */
export function readEe(root: XmlElement): Invoice[] {
  return ees(root, 'Invoice').map(readEeInvoice);
}

/** Reads one E_Invoice/Invoice element. */
export function readEeInvoice(inv: XmlElement): Invoice {
  const parties = ee(inv, 'InvoiceParties');
  const info = ee(inv, 'InvoiceInformation');
  const infoEn = enBlock(info, 'Extension', 'InvoiceInformationEN');
  const sums = ee(inv, 'InvoiceSumGroup');
  const sumsEn = enBlock(sums, 'Extension', 'InvoiceSumGroupEN');
  const payment = ee(inv, 'PaymentInfo');
  const accountingVat = ee(sumsEn, 'InvoiceTotalVATSumInAccountingCurrency');
  const typeAttr = attrOf(ee(info, 'Type'), 'type');
  const period = ee(info, 'Period');
  const { allowances, charges } = readDocumentAdditions(sums);

  return {
    invoiceKind: typeAttr === 'CRE' ? 'credit-note' : 'invoice',
    id: eeText(info, 'InvoiceNumber') ?? attrOf(inv, 'invoiceId') ?? '',
    issueDate: eeText(info, 'InvoiceDate') ?? '',
    typeCode:
      eeText(infoEn, 'InvoiceTypeCode') ?? (typeAttr === 'CRE' ? '381' : '380'),
    currencyCode: eeText(sums, 'Currency') ?? eeText(payment, 'Currency') ?? '',
    vatAccountingCurrencyCode: attrOf(accountingVat, 'currency'),
    taxPointDate: eeText(ee(infoEn, 'VATPointDate'), 'VATPointDate'),
    taxPointDateCode: eeText(ee(infoEn, 'VATPointDate'), 'VATPointDateCode'),
    dueDate: eeText(info, 'DueDate') ?? eeText(payment, 'PayDueDate'),
    buyerReference: eeText(info, 'InvoiceContentCode'),
    projectReference: eeText(infoEn, 'ProjectRef'),
    contractReference: eeText(info, 'ContractNumber'),
    purchaseOrderReference: eeText(infoEn, 'PurchaseOrderRef'),
    salesOrderReference: eeText(infoEn, 'SalesOrderRef'),
    receivingAdviceReference: eeText(infoEn, 'ReceivingAdviceRef'),
    despatchAdviceReference: eeText(infoEn, 'DespatchAdviceRef'),
    tenderOrLotReference: eeText(infoEn, 'TenderRef'),
    invoicedObjectId: eeId(ee(infoEn, 'ObjectId')),
    buyerAccountingReference: eeText(
      ee(ee(sums, 'Accounting'), 'JournalEntry'),
      'GeneralLedger',
    ),
    paymentTerms: eeText(info, 'PaymentTerm'),
    notes: ees(infoEn, 'InvoiceNote').flatMap((n) => {
      const text = eeText(n, 'Note');
      return text === undefined
        ? []
        : [{ subjectCode: eeText(n, 'SubjectCode'), text }];
    }),
    businessProcessType: eeText(
      ee(infoEn, 'ProcessControl'),
      'BusinessProcessType',
    ),
    specificationId:
      eeText(ee(infoEn, 'ProcessControl'), 'SpecificationId') ?? '',
    precedingInvoices: ees(infoEn, 'PrecedingInvoice').flatMap((p) => {
      const id = eeText(p, 'Number');
      return id === undefined ? [] : [{ id, issueDate: eeText(p, 'Date') }];
    }),
    seller: readEeSeller(ee(parties, 'SellerParty')),
    buyer: readEeBuyer(ee(parties, 'BuyerParty')),
    payee: readEePayee(ee(parties, 'FactorParty')),
    taxRepresentative: readEeTaxRepresentative(
      enBlock(inv, 'AdditionalInformation', 'SellerTaxRepPartyEN'),
    ),
    delivery: readEeDelivery(
      ee(parties, 'DeliveryParty'),
      eeText(infoEn, 'ActualDeliveryDate'),
    ),
    invoicingPeriod: period
      ? nonEmpty({
          startDate: eeText(period, 'StartDate'),
          endDate: eeText(period, 'EndDate'),
        })
      : undefined,
    paymentInstructions: readPayment(
      inv,
      info,
      payment,
      ee(parties, 'SellerParty'),
      ee(parties, 'BuyerParty'),
    ),
    allowances,
    charges,
    totals: {
      lineNetTotal: eeDec(sums, 'InvoiceSum'),
      allowanceTotal: eeDec(sumsEn, 'AllowanceSum'),
      chargeTotal: eeDec(sumsEn, 'ChargeSum'),
      totalWithoutVat: eeDec(sumsEn, 'InvoiceTotalSumWithoutVAT'),
      vatTotal: eeDec(sums, 'TotalVATSum'),
      vatTotalInAccountingCurrency: eeDec(
        sumsEn,
        'InvoiceTotalVATSumInAccountingCurrency',
      ),
      totalWithVat: eeDec(sums, 'TotalSum'),
      paidAmount: eeDec(sumsEn, 'PrepaidAmount'),
      roundingAmount: eeDec(sums, 'Rounding'),
      amountDue: eeDec(sums, 'TotalToPay'),
    },
    vatBreakdown: ees(sums, 'VAT').map((v): VatBreakdown => {
      const vat = readEeVat(v);
      const en = enBlock(v, 'Reference', 'VATEN');
      return {
        taxableAmount: eeDec(v, 'SumBeforeVAT'),
        taxAmount: eeDec(v, 'VATSum'),
        categoryCode: vat.categoryCode,
        rate: vat.rate,
        exemptionReason: eeText(en, 'ExemptionReasonText'),
        exemptionReasonCode: eeText(en, 'ExemptionReasonCode'),
      };
    }),
    supportingDocuments: ees(infoEn, 'AdditionalDocument').map(
      (d): SupportingDocument => {
        const file = ee(d, 'File');
        const bin = ee(file, 'BinaryObject');
        return {
          id: eeText(d, 'Number') ?? '',
          description: eeText(d, 'Name'),
          externalLocation: eeText(d, 'URL'),
          attachment: file
            ? {
                contentBase64: bin ? bin.text.replace(/\s+/g, '') : '',
                mimeCode: eeText(file, 'FileMimeCode'),
                filename: eeText(file, 'Filename'),
              }
            : undefined,
        };
      },
    ),
    lines: ees(ee(inv, 'InvoiceItem'), 'InvoiceItemGroup').flatMap((g) =>
      ees(g, 'ItemEntry').map(readEeLine),
    ),
  };
}

/**
 * Document allowances and charges: the AdditionEN extensions carry every EN term, the core
 * Addition records only reason, rate and amount; the extensions win when present.
 */
function readDocumentAdditions(sums: XmlElement | undefined): {
  allowances: AllowanceCharge[];
  charges: AllowanceCharge[];
} {
  const allowances: AllowanceCharge[] = [];
  const charges: AllowanceCharge[] = [];
  const en = enBlocks(sums, 'Extension', 'AdditionEN');
  for (const a of en.length > 0 ? en : ees(sums, 'Addition')) {
    const vat = ee(a, 'VAT');
    const v = vat ? readEeVat(vat) : undefined;
    const entry = {
      amount: eeDec(a, 'AddSum'),
      baseAmount: eeDec(a, 'AddBaseSum'),
      percentage: eeDec(a, 'AddRate'),
      vatCategoryCode: v?.categoryCode,
      vatRate: v?.rate,
      reason: eeText(a, 'AddContent'),
      reasonCode: eeText(a, 'AddContentCode'),
    };
    (attrOf(a, 'addCode') === 'CHR' ? charges : allowances).push(entry);
  }
  return { allowances, charges };
}

function readPayment(
  inv: XmlElement,
  info: XmlElement | undefined,
  payment: XmlElement | undefined,
  seller: XmlElement | undefined,
  buyer: XmlElement | undefined,
): PaymentInstructions | undefined {
  const payEn = enBlock(inv, 'AdditionalInformation', 'PaymentInfoEN');
  const infoPayEn = enBlock(info, 'Extension', 'PaymentInfoEN');
  const accountName =
    eeText(infoPayEn, 'PaymentAccountName') ??
    eeText(payEn, 'PaymentAccountName');
  const creditTransfers: CreditTransfer[] = [];
  const accounts = ees(seller, 'AccountInfo');
  if (accounts.length > 0) {
    for (const a of accounts) {
      const accountId = eeText(a, 'AccountNumber') ?? eeText(a, 'IBAN');
      if (accountId === undefined) continue;
      creditTransfers.push({ accountId, serviceProviderId: eeText(a, 'BIC') });
    }
  } else {
    const accountId = eeText(payment, 'PayToAccount');
    if (accountId !== undefined)
      creditTransfers.push({
        accountId,
        serviceProviderId: eeText(payment, 'PayToBIC'),
      });
  }
  const first = creditTransfers[0];
  if (first && accountName !== undefined)
    creditTransfers[0] = { ...first, accountName };
  const card = ee(infoPayEn ?? payEn, 'PaymentCardInfo');
  const pan = eeText(card, 'PrimaryAccountNumber');
  // PaymentId is mandatory in EE; our writer leaves it empty when there is no BT-83.
  const remittance = eeText(payment, 'PaymentId');
  const result = {
    meansCode:
      eeText(payEn, 'PaymentMethodCode') ??
      eeText(infoPayEn, 'PaymentMethodCode'),
    meansText: eeText(info, 'PaymentMethod'),
    remittanceInformation: remittance,
    creditTransfers,
    paymentCard:
      pan === undefined
        ? undefined
        : {
            primaryAccountNumber: pan,
            holderName: eeText(card, 'PaymentCardHolderName'),
          },
    directDebit: nonEmpty({
      mandateReference: eeText(payment, 'DirectDebitPayerNumber'),
      creditorId: eeText(payment, 'DirectDebitPayeeContractNumber'),
      debitedAccountId: eeText(ee(buyer, 'AccountInfo'), 'AccountNumber'),
    }),
  };
  const { creditTransfers: _ct, ...rest } = result;
  return creditTransfers.length === 0 && !nonEmpty(rest) ? undefined : result;
}
