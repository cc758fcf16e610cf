import {
  PEPPOL_BIS3_CUSTOMIZATION_ID,
  PEPPOL_BIS3_PROFILE_ID,
} from '../../model/code-lists';
import type { DecimalValue } from '../../model/decimal-value';
import type { Invoice, PaymentInstructions } from '../../model/invoice.model';
import { UBL_NS } from '../namespaces';
import { XmlWriter } from '../xml-writer';
import {
  writeUblBuyer,
  writeUblDelivery,
  writeUblId,
  writeUblPayee,
  writeUblSeller,
  writeUblTaxRepresentative,
} from './ubl-party.writer';
import { writeUblAllowanceCharge, writeUblLine } from './ubl-line.writer';

/** Options of {@link writeUbl}. */
export interface UblWriteOptions {
  /**
   * Force the Peppol BIS Billing 3.0 CustomizationID and ProfileID (BT-24 / BT-23) whatever the
   * model says. Default false: the model's own values are written, Peppol's only fill in when absent.
   */
  readonly peppol?: boolean;
}

/**
 * Writes the model as a UBL 2.1 Invoice or CreditNote (by `invoiceKind`) following the Peppol BIS
 * Billing 3.0 binding. CustomizationID / ProfileID are BT-24 / BT-23 of the model (so a read → write
 * round trip is exact), the Peppol BIS 3 identifiers when the model has none or `peppol` is set.
 */
export function writeUbl(inv: Invoice, options: UblWriteOptions = {}): string {
  const w = new XmlWriter();
  const credit = inv.invoiceKind === 'credit-note';
  const cur = { currencyID: inv.currencyCode };
  const amount = (name: string, v: DecimalValue | undefined): void =>
    w.leaf(name, v?.text, cur);
  const spec =
    options.peppol || inv.specificationId === ''
      ? PEPPOL_BIS3_CUSTOMIZATION_ID
      : inv.specificationId;
  // Peppol requires a ProfileID; a plain EN 16931 document may have none.
  const profile = options.peppol
    ? PEPPOL_BIS3_PROFILE_ID
    : (inv.businessProcessType ??
      (spec === PEPPOL_BIS3_CUSTOMIZATION_ID
        ? PEPPOL_BIS3_PROFILE_ID
        : undefined));

  w.root(
    credit ? 'CreditNote' : 'Invoice',
    {
      xmlns: credit ? UBL_NS.creditNote : UBL_NS.invoice,
      'xmlns:cac': UBL_NS.cac,
      'xmlns:cbc': UBL_NS.cbc,
    },
    () => {
      w.leaf('cbc:CustomizationID', spec);
      w.leaf('cbc:ProfileID', profile);
      w.leaf('cbc:ID', inv.id);
      w.leaf('cbc:IssueDate', inv.issueDate);
      if (credit) {
        w.leaf('cbc:TaxPointDate', inv.taxPointDate);
        w.leaf('cbc:CreditNoteTypeCode', inv.typeCode);
      } else {
        w.leaf('cbc:DueDate', inv.dueDate);
        w.leaf('cbc:InvoiceTypeCode', inv.typeCode);
      }
      for (const n of inv.notes)
        w.leaf(
          'cbc:Note',
          n.subjectCode !== undefined ? `#${n.subjectCode}#${n.text}` : n.text,
        );
      if (!credit) w.leaf('cbc:TaxPointDate', inv.taxPointDate);
      w.leaf('cbc:DocumentCurrencyCode', inv.currencyCode);
      w.leaf('cbc:TaxCurrencyCode', inv.vatAccountingCurrencyCode);
      w.leaf('cbc:AccountingCost', inv.buyerAccountingReference);
      w.leaf('cbc:BuyerReference', inv.buyerReference);
      if (inv.invoicingPeriod || inv.taxPointDateCode !== undefined) {
        w.group('cac:InvoicePeriod', () => {
          w.leaf('cbc:StartDate', inv.invoicingPeriod?.startDate);
          w.leaf('cbc:EndDate', inv.invoicingPeriod?.endDate);
          w.leaf('cbc:DescriptionCode', inv.taxPointDateCode);
        });
      }
      if (
        inv.purchaseOrderReference !== undefined ||
        inv.salesOrderReference !== undefined
      ) {
        // cbc:ID is mandatory in UBL; Peppol writes NA when only the sales order is known.
        w.group('cac:OrderReference', () => {
          w.leaf('cbc:ID', inv.purchaseOrderReference ?? 'NA');
          w.leaf('cbc:SalesOrderID', inv.salesOrderReference);
        });
      }
      for (const p of inv.precedingInvoices) {
        w.group('cac:BillingReference', () =>
          w.group('cac:InvoiceDocumentReference', () => {
            w.leaf('cbc:ID', p.id);
            w.leaf('cbc:IssueDate', p.issueDate);
          }),
        );
      }
      const idRef = (name: string, id: string | undefined): void => {
        if (id !== undefined) w.group(name, () => w.leaf('cbc:ID', id));
      };
      idRef('cac:DespatchDocumentReference', inv.despatchAdviceReference);
      idRef('cac:ReceiptDocumentReference', inv.receivingAdviceReference);
      if (!credit)
        idRef('cac:OriginatorDocumentReference', inv.tenderOrLotReference);
      idRef('cac:ContractDocumentReference', inv.contractReference);
      writeAdditionalDocuments(w, inv, credit);
      if (credit)
        idRef('cac:OriginatorDocumentReference', inv.tenderOrLotReference);
      else idRef('cac:ProjectReference', inv.projectReference);
      const dd = inv.paymentInstructions?.directDebit;
      writeUblSeller(w, inv.seller, inv.payee ? undefined : dd?.creditorId);
      writeUblBuyer(w, inv.buyer);
      writeUblPayee(w, inv.payee, dd);
      writeUblTaxRepresentative(w, inv.taxRepresentative);
      writeUblDelivery(w, inv.delivery);
      writePaymentMeans(
        w,
        inv.paymentInstructions,
        credit ? inv.dueDate : undefined,
      );
      if (inv.paymentTerms !== undefined)
        w.group('cac:PaymentTerms', () => w.leaf('cbc:Note', inv.paymentTerms));
      for (const a of inv.allowances)
        writeUblAllowanceCharge(w, a, false, cur, true);
      for (const c of inv.charges)
        writeUblAllowanceCharge(w, c, true, cur, true);
      w.group('cac:TaxTotal', () => {
        // cbc:TaxAmount is mandatory in UBL; a document without BT-110 (e.g. only category O) gets 0.
        w.leaf('cbc:TaxAmount', inv.totals.vatTotal?.text ?? '0', cur);
        for (const b of inv.vatBreakdown) {
          w.group('cac:TaxSubtotal', () => {
            amount('cbc:TaxableAmount', b.taxableAmount);
            amount('cbc:TaxAmount', b.taxAmount);
            w.group('cac:TaxCategory', () => {
              w.leaf('cbc:ID', b.categoryCode);
              w.leaf('cbc:Percent', b.rate?.text);
              w.leaf('cbc:TaxExemptionReasonCode', b.exemptionReasonCode);
              w.leaf('cbc:TaxExemptionReason', b.exemptionReason);
              w.group('cac:TaxScheme', () => w.leaf('cbc:ID', 'VAT'));
            });
          });
        }
      });
      if (inv.totals.vatTotalInAccountingCurrency) {
        w.group('cac:TaxTotal', () =>
          w.leaf(
            'cbc:TaxAmount',
            inv.totals.vatTotalInAccountingCurrency?.text,
            {
              currencyID: inv.vatAccountingCurrencyCode ?? inv.currencyCode,
            },
          ),
        );
      }
      const t = inv.totals;
      w.group('cac:LegalMonetaryTotal', () => {
        amount('cbc:LineExtensionAmount', t.lineNetTotal);
        amount('cbc:TaxExclusiveAmount', t.totalWithoutVat);
        amount('cbc:TaxInclusiveAmount', t.totalWithVat);
        amount('cbc:AllowanceTotalAmount', t.allowanceTotal);
        amount('cbc:ChargeTotalAmount', t.chargeTotal);
        amount('cbc:PrepaidAmount', t.paidAmount);
        amount('cbc:PayableRoundingAmount', t.roundingAmount);
        amount('cbc:PayableAmount', t.amountDue);
      });
      for (const line of inv.lines) writeUblLine(w, line, credit, cur);
    },
  );
  return w.toString();
}

function writeAdditionalDocuments(
  w: XmlWriter,
  inv: Invoice,
  credit: boolean,
): void {
  for (const d of inv.supportingDocuments) {
    w.group('cac:AdditionalDocumentReference', () => {
      w.leaf('cbc:ID', d.id);
      w.leaf('cbc:DocumentDescription', d.description);
      w.group('cac:Attachment', () => {
        if (d.attachment) {
          w.leaf(
            'cbc:EmbeddedDocumentBinaryObject',
            d.attachment.contentBase64,
            {
              mimeCode: d.attachment.mimeCode,
              filename: d.attachment.filename,
            },
          );
        }
        if (d.externalLocation !== undefined)
          w.group('cac:ExternalReference', () =>
            w.leaf('cbc:URI', d.externalLocation),
          );
      });
    });
  }
  if (inv.invoicedObjectId) {
    w.group('cac:AdditionalDocumentReference', () => {
      writeUblId(w, 'cbc:ID', inv.invoicedObjectId);
      w.leaf('cbc:DocumentTypeCode', '130');
    });
  }
  // A UBL CreditNote has no cac:ProjectReference: Peppol carries BT-11 as document type 50.
  if (credit && inv.projectReference !== undefined) {
    w.group('cac:AdditionalDocumentReference', () => {
      w.leaf('cbc:ID', inv.projectReference);
      w.leaf('cbc:DocumentTypeCode', '50');
    });
  }
}

/** One cac:PaymentMeans per credit transfer (at least one), repeating code, text and remittance. */
function writePaymentMeans(
  w: XmlWriter,
  pay: PaymentInstructions | undefined,
  creditDueDate: string | undefined,
): void {
  // A credit note's due date (BT-9) can only live in a PaymentMeans: write one for it if needed.
  const p =
    pay ?? (creditDueDate !== undefined ? { creditTransfers: [] } : undefined);
  if (!p) return;
  const dd0 = p.directDebit;
  const needed =
    p.meansCode !== undefined ||
    p.meansText !== undefined ||
    p.remittanceInformation !== undefined ||
    p.creditTransfers.length > 0 ||
    p.paymentCard !== undefined ||
    dd0?.mandateReference !== undefined ||
    dd0?.debitedAccountId !== undefined ||
    creditDueDate !== undefined;
  // A creditor id alone (BT-90) lives in the party identification, not in a PaymentMeans.
  if (!needed) return;
  const transfers =
    p.creditTransfers.length > 0 ? p.creditTransfers : [undefined];
  transfers.forEach((ct, i) => {
    w.group('cac:PaymentMeans', () => {
      // PaymentMeansCode is mandatory; UNTDID 4461 code 1 means "instrument not defined".
      w.leaf('cbc:PaymentMeansCode', p.meansCode ?? '1', { name: p.meansText });
      if (i === 0) w.leaf('cbc:PaymentDueDate', creditDueDate);
      w.leaf('cbc:PaymentID', p.remittanceInformation);
      if (i === 0 && p.paymentCard) {
        const card = p.paymentCard;
        w.group('cac:CardAccount', () => {
          w.leaf('cbc:PrimaryAccountNumberID', card.primaryAccountNumber);
          // NetworkID is mandatory in UBL but not an EN 16931 term; NA marks it unknown.
          w.leaf('cbc:NetworkID', 'NA');
          w.leaf('cbc:HolderName', card.holderName);
        });
      }
      if (ct) {
        w.group('cac:PayeeFinancialAccount', () => {
          w.leaf('cbc:ID', ct.accountId);
          w.leaf('cbc:Name', ct.accountName);
          if (ct.serviceProviderId !== undefined) {
            w.group('cac:FinancialInstitutionBranch', () =>
              w.leaf('cbc:ID', ct.serviceProviderId),
            );
          }
        });
      }
      const dd = p.directDebit;
      if (
        i === 0 &&
        dd &&
        (dd.mandateReference !== undefined || dd.debitedAccountId !== undefined)
      ) {
        w.group('cac:PaymentMandate', () => {
          w.leaf('cbc:ID', dd.mandateReference);
          if (dd.debitedAccountId !== undefined)
            w.group('cac:PayerFinancialAccount', () =>
              w.leaf('cbc:ID', dd.debitedAccountId),
            );
        });
      }
    });
  });
}
