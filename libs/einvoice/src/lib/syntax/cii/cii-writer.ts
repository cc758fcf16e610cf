import { EN16931_CUSTOMIZATION_ID } from '../../model/code-lists';
import type { Invoice } from '../../model/invoice.model';
import { CII_NS } from '../namespaces';
import type { XmlWriter as Writer } from '../xml-writer';
import { XmlWriter } from '../xml-writer';
import { taxPointCodeToCii, toCiiDate } from './cii-read.util';
import {
  dec,
  writeAllowanceCharge,
  writeCiiLine,
  writeDate,
  writePeriod,
} from './cii-line.writer';
import {
  writeCiiAddress,
  writeCiiBuyer,
  writeCiiPartyIds,
  writeCiiPayee,
  writeCiiSeller,
  writeCiiTaxRepresentative,
} from './cii-party.writer';

/** Two letters, two check digits, then 11–30 alphanumerics: the shape of an IBAN (no checksum test). */
const IBAN_SHAPE = /^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/;

/** Writes the model as a UN/CEFACT CII D16B CrossIndustryInvoice (EN 16931 binding, schema element order). */
export function writeCii(inv: Invoice): string {
  const w = new XmlWriter();
  w.root(
    'rsm:CrossIndustryInvoice',
    {
      'xmlns:rsm': CII_NS.rsm,
      'xmlns:ram': CII_NS.ram,
      'xmlns:udt': CII_NS.udt,
      'xmlns:qdt': CII_NS.qdt,
    },
    () => {
      w.group('rsm:ExchangedDocumentContext', () => {
        if (inv.businessProcessType !== undefined) {
          w.group('ram:BusinessProcessSpecifiedDocumentContextParameter', () =>
            w.leaf('ram:ID', inv.businessProcessType),
          );
        }
        w.group('ram:GuidelineSpecifiedDocumentContextParameter', () =>
          w.leaf(
            'ram:ID',
            inv.specificationId === ''
              ? EN16931_CUSTOMIZATION_ID
              : inv.specificationId,
          ),
        );
      });
      w.group('rsm:ExchangedDocument', () => {
        w.leaf('ram:ID', inv.id);
        w.leaf('ram:TypeCode', inv.typeCode);
        writeDate(w, 'ram:IssueDateTime', inv.issueDate);
        for (const n of inv.notes) {
          w.group('ram:IncludedNote', () => {
            w.leaf('ram:Content', n.text);
            w.leaf('ram:SubjectCode', n.subjectCode);
          });
        }
      });
      w.group('rsm:SupplyChainTradeTransaction', () => {
        for (const line of inv.lines) writeCiiLine(w, line);
        writeAgreement(w, inv);
        writeDelivery(w, inv);
        writeSettlement(w, inv);
      });
    },
  );
  return w.toString();
}

function docRef(w: Writer, name: string, id: string | undefined): void {
  if (id !== undefined) w.group(name, () => w.leaf('ram:IssuerAssignedID', id));
}

function writeAgreement(w: Writer, inv: Invoice): void {
  w.group('ram:ApplicableHeaderTradeAgreement', () => {
    w.leaf('ram:BuyerReference', inv.buyerReference);
    writeCiiSeller(w, inv.seller);
    writeCiiBuyer(w, inv.buyer);
    writeCiiTaxRepresentative(w, inv.taxRepresentative);
    docRef(w, 'ram:SellerOrderReferencedDocument', inv.salesOrderReference);
    docRef(w, 'ram:BuyerOrderReferencedDocument', inv.purchaseOrderReference);
    docRef(w, 'ram:ContractReferencedDocument', inv.contractReference);
    for (const d of inv.supportingDocuments) {
      w.group('ram:AdditionalReferencedDocument', () => {
        w.leaf('ram:IssuerAssignedID', d.id);
        w.leaf('ram:URIID', d.externalLocation);
        w.leaf('ram:TypeCode', '916');
        w.leaf('ram:Name', d.description);
        if (d.attachment) {
          w.leaf('ram:AttachmentBinaryObject', d.attachment.contentBase64, {
            mimeCode: d.attachment.mimeCode,
            filename: d.attachment.filename,
          });
        }
      });
    }
    if (inv.tenderOrLotReference !== undefined) {
      w.group('ram:AdditionalReferencedDocument', () => {
        w.leaf('ram:IssuerAssignedID', inv.tenderOrLotReference);
        w.leaf('ram:TypeCode', '50');
      });
    }
    if (inv.invoicedObjectId) {
      const obj = inv.invoicedObjectId;
      w.group('ram:AdditionalReferencedDocument', () => {
        w.leaf('ram:IssuerAssignedID', obj.value);
        w.leaf('ram:TypeCode', '130');
        w.leaf('ram:ReferenceTypeCode', obj.schemeId);
      });
    }
    if (inv.projectReference !== undefined) {
      w.group('ram:SpecifiedProcuringProject', () => {
        w.leaf('ram:ID', inv.projectReference);
        // ram:Name is mandatory in the schema; EN 16931 has no term for it.
        w.leaf('ram:Name', 'Project reference');
      });
    }
  });
}

function writeDelivery(w: Writer, inv: Invoice): void {
  const d = inv.delivery;
  w.group(
    'ram:ApplicableHeaderTradeDelivery',
    () => {
      if (d && (d.partyName !== undefined || d.locationId || d.address)) {
        w.group('ram:ShipToTradeParty', () => {
          writeCiiPartyIds(w, [d.locationId]);
          w.leaf('ram:Name', d.partyName);
          writeCiiAddress(w, d.address);
        });
      }
      if (d?.actualDeliveryDate !== undefined) {
        w.group('ram:ActualDeliverySupplyChainEvent', () =>
          writeDate(w, 'ram:OccurrenceDateTime', d.actualDeliveryDate),
        );
      }
      docRef(
        w,
        'ram:DespatchAdviceReferencedDocument',
        inv.despatchAdviceReference,
      );
      docRef(
        w,
        'ram:ReceivingAdviceReferencedDocument',
        inv.receivingAdviceReference,
      );
    },
    undefined,
    true,
  );
}

function writeSettlement(w: Writer, inv: Invoice): void {
  const p = inv.paymentInstructions;
  const t = inv.totals;
  w.group('ram:ApplicableHeaderTradeSettlement', () => {
    w.leaf('ram:CreditorReferenceID', p?.directDebit?.creditorId);
    w.leaf('ram:PaymentReference', p?.remittanceInformation);
    w.leaf('ram:TaxCurrencyCode', inv.vatAccountingCurrencyCode);
    w.leaf('ram:InvoiceCurrencyCode', inv.currencyCode);
    writeCiiPayee(w, inv.payee);
    if (
      p &&
      (p.meansCode !== undefined ||
        p.meansText !== undefined ||
        p.creditTransfers.length > 0 ||
        p.paymentCard ||
        p.directDebit?.debitedAccountId !== undefined)
    ) {
      const transfers =
        p.creditTransfers.length > 0 ? p.creditTransfers : [undefined];
      transfers.forEach((ct, i) => {
        w.group('ram:SpecifiedTradeSettlementPaymentMeans', () => {
          w.leaf('ram:TypeCode', p.meansCode);
          w.leaf('ram:Information', p.meansText);
          if (i === 0 && p.paymentCard) {
            const card = p.paymentCard;
            w.group('ram:ApplicableTradeSettlementFinancialCard', () => {
              w.leaf('ram:ID', card.primaryAccountNumber);
              w.leaf('ram:CardholderName', card.holderName);
            });
          }
          const debited = p.directDebit?.debitedAccountId;
          if (i === 0 && debited !== undefined)
            w.group('ram:PayerPartyDebtorFinancialAccount', () =>
              w.leaf('ram:IBANID', debited),
            );
          if (ct) {
            w.group('ram:PayeePartyCreditorFinancialAccount', () => {
              // BT-84 is an IBAN or a proprietary account number; CII has an element for each
              // (schema order: IBANID, AccountName, ProprietaryID).
              const iban = IBAN_SHAPE.test(ct.accountId);
              w.leaf('ram:IBANID', iban ? ct.accountId : undefined);
              w.leaf('ram:AccountName', ct.accountName);
              w.leaf('ram:ProprietaryID', iban ? undefined : ct.accountId);
            });
            if (ct.serviceProviderId !== undefined) {
              w.group('ram:PayeeSpecifiedCreditorFinancialInstitution', () =>
                w.leaf('ram:BICID', ct.serviceProviderId),
              );
            }
          }
        });
      });
    }
    inv.vatBreakdown.forEach((b, i) => {
      w.group('ram:ApplicableTradeTax', () => {
        w.leaf('ram:CalculatedAmount', dec(b.taxAmount));
        w.leaf('ram:TypeCode', 'VAT');
        w.leaf('ram:ExemptionReason', b.exemptionReason);
        w.leaf('ram:BasisAmount', dec(b.taxableAmount));
        w.leaf('ram:CategoryCode', b.categoryCode);
        w.leaf('ram:ExemptionReasonCode', b.exemptionReasonCode);
        // BT-7 / BT-8 are document level; CII repeats them per VAT breakdown, we write them on the first.
        if (i === 0 && inv.taxPointDate !== undefined) {
          const d = toCiiDate(inv.taxPointDate);
          w.group('ram:TaxPointDate', () =>
            w.leaf('udt:DateString', d ?? inv.taxPointDate, { format: '102' }),
          );
        }
        if (i === 0)
          w.leaf(
            'ram:DueDateTypeCode',
            taxPointCodeToCii(inv.taxPointDateCode),
          );
        w.leaf('ram:RateApplicablePercent', dec(b.rate));
      });
    });
    writePeriod(w, inv.invoicingPeriod);
    for (const a of inv.allowances) writeAllowanceCharge(w, a, false, true);
    for (const c of inv.charges) writeAllowanceCharge(w, c, true, true);
    if (
      inv.paymentTerms !== undefined ||
      inv.dueDate !== undefined ||
      p?.directDebit?.mandateReference !== undefined
    ) {
      w.group('ram:SpecifiedTradePaymentTerms', () => {
        w.leaf('ram:Description', inv.paymentTerms);
        writeDate(w, 'ram:DueDateDateTime', inv.dueDate);
        w.leaf('ram:DirectDebitMandateID', p?.directDebit?.mandateReference);
      });
    }
    w.group('ram:SpecifiedTradeSettlementHeaderMonetarySummation', () => {
      w.leaf('ram:LineTotalAmount', dec(t.lineNetTotal));
      w.leaf('ram:ChargeTotalAmount', dec(t.chargeTotal));
      w.leaf('ram:AllowanceTotalAmount', dec(t.allowanceTotal));
      w.leaf('ram:TaxBasisTotalAmount', dec(t.totalWithoutVat));
      w.leaf('ram:TaxTotalAmount', dec(t.vatTotal), {
        currencyID: inv.currencyCode,
      });
      w.leaf('ram:TaxTotalAmount', dec(t.vatTotalInAccountingCurrency), {
        currencyID: inv.vatAccountingCurrencyCode ?? inv.currencyCode,
      });
      w.leaf('ram:RoundingAmount', dec(t.roundingAmount));
      w.leaf('ram:GrandTotalAmount', dec(t.totalWithVat));
      w.leaf('ram:TotalPrepaidAmount', dec(t.paidAmount));
      w.leaf('ram:DuePayableAmount', dec(t.amountDue));
    });
    // CII D16B allows one InvoiceReferencedDocument at header level: only the first BG-3 fits.
    const pr = inv.precedingInvoices[0];
    if (pr) {
      w.group('ram:InvoiceReferencedDocument', () => {
        w.leaf('ram:IssuerAssignedID', pr.id);
        writeDate(
          w,
          'ram:FormattedIssueDateTime',
          pr.issueDate,
          'qdt:DateTimeString',
        );
      });
    }
    if (inv.buyerAccountingReference !== undefined) {
      w.group('ram:ReceivableSpecifiedTradeAccountingAccount', () =>
        w.leaf('ram:ID', inv.buyerAccountingReference),
      );
    }
  });
}
