import Decimal from 'decimal.js';
import type { Invoice } from '../../model/invoice.model';
import { XmlWriter } from '../xml-writer';
import {
  writeEeAddition,
  writeEeAdditionEn,
  writeEeLine,
} from './ee-line.writer';
import { writeEeAddress, writeEeParty } from './ee-party.writer';
import { writeEeVat, writeExtension } from './ee-vat.util';

/** File header fields of an E_Invoice (not part of EN 16931). */
export interface EeHeader {
  /** Header/Test: YES for test files. */
  readonly test?: boolean;
  /** Header/Date, file creation date (default: today, UTC). */
  readonly date?: string;
  /** Header/FileId (default: the first invoice number). */
  readonly fileId?: string;
  readonly appId?: string;
  /** Header/Version (default `1.2`). */
  readonly version?: string;
  readonly senderId?: string;
  readonly receiverId?: string;
  readonly contractId?: string;
  readonly payeeAccountNumber?: string;
}

/**
 * Writes invoices as one Estonian e-invoice 1.2 file (E_Invoice with Header, the invoices and the
 * Footer check sums), mapped by the official EE↔EN syntax binding: core EE elements where the
 * binding names them, the EN extensions (InvoiceInformationEN, PartyEN, …) for the rest.
 */
export function writeEe(
  invoices: readonly Invoice[],
  header: EeHeader = {},
): string {
  const w = new XmlWriter();
  w.root(
    'E_Invoice',
    {
      'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
      'xsi:noNamespaceSchemaLocation': 'e-invoice_ver1.2.EN.xsd',
    },
    () => {
      w.group('Header', () => {
        w.leaf(
          'Test',
          header.test === undefined ? undefined : header.test ? 'YES' : 'NO',
        );
        w.leaf('Date', header.date ?? new Date().toISOString().slice(0, 10));
        w.leaf('FileId', header.fileId ?? invoices[0]?.id ?? '');
        w.leaf('AppId', header.appId);
        w.leaf('Version', header.version ?? '1.2');
        w.leaf('SenderId', header.senderId);
        w.leaf('ReceiverId', header.receiverId);
        w.leaf('ContractId', header.contractId);
        w.leaf('PayeeAccountNumber', header.payeeAccountNumber);
      });
      let total = new Decimal(0);
      for (const inv of invoices) {
        writeInvoice(w, inv);
        const due = inv.totals.amountDue;
        if (due?.isValid()) total = total.plus(due.toDecimal());
      }
      w.group('Footer', () => {
        w.leaf('TotalNumberInvoices', String(invoices.length));
        w.leaf('TotalAmount', total.toFixed(2));
      });
    },
  );
  return w.toString();
}

function writeInvoice(w: XmlWriter, inv: Invoice): void {
  const credit = inv.invoiceKind === 'credit-note';
  const pay = inv.paymentInstructions;
  const transfers = pay?.creditTransfers ?? [];
  w.group(
    'Invoice',
    () => {
      w.group('InvoiceParties', () => {
        const s = inv.seller;
        writeEeParty(w, 'SellerParty', {
          name: s.name,
          identifiers: s.identifiers,
          regNumber: s.legalRegistrationId?.value,
          regNumberRequired: true,
          vatRegNumber: s.vatId,
          contact: s.contact,
          address: s.postalAddress,
          accounts: transfers.map((t) => ({
            accountNumber: t.accountId,
            bic: t.serviceProviderId,
          })),
          tradingName: s.tradingName,
          additionalLegalInfo: s.additionalLegalInfo,
          electronicAddress: s.electronicAddress,
          taxRegId: s.taxRegistrationId,
        });
        const b = inv.buyer;
        const debited = pay?.directDebit?.debitedAccountId;
        writeEeParty(w, 'BuyerParty', {
          name: b.name,
          identifiers: b.identifier ? [b.identifier] : [],
          regNumber: b.legalRegistrationId?.value,
          vatRegNumber: b.vatId,
          contact: b.contact,
          address: b.postalAddress,
          accounts: debited === undefined ? [] : [{ accountNumber: debited }],
          tradingName: b.tradingName,
          electronicAddress: b.electronicAddress,
        });
        const d = inv.delivery;
        if (d && (d.partyName !== undefined || d.locationId || d.address)) {
          writeEeParty(w, 'DeliveryParty', {
            name: d.partyName ?? '',
            identifiers: d.locationId ? [d.locationId] : [],
            address: d.address,
          });
        }
        if (inv.payee) {
          writeEeParty(w, 'FactorParty', {
            name: inv.payee.name,
            identifiers: inv.payee.identifier ? [inv.payee.identifier] : [],
            regNumber: inv.payee.legalRegistrationId?.value,
          });
        }
      });
      writeInformation(w, inv, credit);
      writeSums(w, inv);
      w.group('InvoiceItem', () =>
        w.group(
          'InvoiceItemGroup',
          () => inv.lines.forEach((l) => writeEeLine(w, l)),
          undefined,
          true,
        ),
      );
      const tr = inv.taxRepresentative;
      if (tr) {
        writeExtension(
          w,
          'AdditionalInformation',
          'SellerTaxRepPartyEN',
          'Seller tax representative information for EN invoice.',
          () => {
            w.leaf('Name', tr.name);
            w.leaf('VATRegNumber', tr.vatId);
            w.group('ContactData', () => writeEeAddress(w, tr.postalAddress));
          },
        );
      }
      if (pay?.meansCode !== undefined) {
        writeExtension(
          w,
          'AdditionalInformation',
          'PaymentInfoEN',
          'Additional payment information for EN invoice.',
          () => w.leaf('PaymentMethodCode', pay.meansCode),
        );
      }
      writePaymentInfo(w, inv);
    },
    {
      invoiceId: inv.id,
      regNumber: inv.buyer.legalRegistrationId?.value ?? '',
      sellerRegnumber: inv.seller.legalRegistrationId?.value ?? '',
    },
  );
}

function writeInformation(w: XmlWriter, inv: Invoice, credit: boolean): void {
  const pay = inv.paymentInstructions;
  w.group('InvoiceInformation', () => {
    w.group(
      'Type',
      () =>
        w.leaf(
          'SourceInvoice',
          credit ? inv.precedingInvoices[0]?.id : undefined,
        ),
      { type: credit ? 'CRE' : 'DEB' },
      true,
    );
    w.leaf('ContractNumber', inv.contractReference);
    w.leaf('DocumentName', credit ? 'Kreeditarve' : 'Arve');
    w.leaf('InvoiceNumber', inv.id);
    w.leaf('InvoiceContentCode', inv.buyerReference);
    w.leaf('PaymentMethod', pay?.meansText);
    w.leaf('InvoiceDate', inv.issueDate);
    w.leaf('DueDate', inv.dueDate);
    w.leaf('PaymentTerm', inv.paymentTerms);
    if (inv.invoicingPeriod) {
      const period = inv.invoicingPeriod;
      w.group('Period', () => {
        w.leaf('StartDate', period.startDate);
        w.leaf('EndDate', period.endDate);
      });
    }
    writeExtension(
      w,
      'Extension',
      'InvoiceInformationEN',
      'Additional EN invoice information.',
      () => {
        w.leaf('InvoiceTypeCode', inv.typeCode);
        if (
          inv.taxPointDate !== undefined ||
          inv.taxPointDateCode !== undefined
        ) {
          w.group('VATPointDate', () => {
            w.leaf('VATPointDate', inv.taxPointDate);
            w.leaf('VATPointDateCode', inv.taxPointDateCode);
          });
        }
        w.leaf('ProjectRef', inv.projectReference);
        if (inv.invoicedObjectId)
          w.leaf('ObjectId', inv.invoicedObjectId.value, {
            schemeId: inv.invoicedObjectId.schemeId,
          });
        w.leaf('PurchaseOrderRef', inv.purchaseOrderReference);
        w.leaf('SalesOrderRef', inv.salesOrderReference);
        w.leaf('ReceivingAdviceRef', inv.receivingAdviceReference);
        w.leaf('DespatchAdviceRef', inv.despatchAdviceReference);
        w.leaf('TenderRef', inv.tenderOrLotReference);
        w.leaf('ActualDeliveryDate', inv.delivery?.actualDeliveryDate);
        for (const p of inv.precedingInvoices) {
          w.group('PrecedingInvoice', () => {
            w.leaf('Number', p.id);
            w.leaf('Date', p.issueDate);
          });
        }
        for (const d of inv.supportingDocuments) {
          w.group('AdditionalDocument', () => {
            w.leaf('Number', d.id);
            w.leaf('Name', d.description);
            w.leaf('URL', d.externalLocation);
            if (d.attachment) {
              const a = d.attachment;
              w.group('File', () => {
                w.leaf('Filename', a.filename ?? '');
                w.leaf('FileMimeCode', a.mimeCode ?? '');
                w.leaf('BinaryObject', a.contentBase64);
              });
            }
          });
        }
        w.group('ProcessControl', () => {
          w.leaf('BusinessProcessType', inv.businessProcessType ?? '');
          w.leaf('SpecificationId', inv.specificationId);
        });
        for (const n of inv.notes) {
          w.group('InvoiceNote', () => {
            w.leaf('SubjectCode', n.subjectCode);
            w.leaf('Note', n.text);
          });
        }
      },
    );
    const card = pay?.paymentCard;
    const accountName = pay?.creditTransfers[0]?.accountName;
    if (card || accountName !== undefined) {
      writeExtension(
        w,
        'Extension',
        'PaymentInfoEN',
        'Card payment information for EN invoice.',
        () => {
          w.leaf('PaymentMethodCode', pay?.meansCode ?? '');
          if (card) {
            w.group('PaymentCardInfo', () => {
              w.leaf('PrimaryAccountNumber', card.primaryAccountNumber);
              w.leaf('PaymentCardHolderName', card.holderName ?? '');
            });
          }
          w.leaf('PaymentAccountName', accountName);
        },
      );
    }
  });
}

function writeSums(w: XmlWriter, inv: Invoice): void {
  const t = inv.totals;
  w.group('InvoiceSumGroup', () => {
    w.leaf('InvoiceSum', t.lineNetTotal?.text);
    for (const a of inv.allowances) writeEeAddition(w, a, false);
    for (const c of inv.charges) writeEeAddition(w, c, true);
    w.leaf('Rounding', t.roundingAmount?.text);
    for (const b of inv.vatBreakdown) {
      writeEeVat(w, {
        categoryCode: b.categoryCode,
        rate: b.rate,
        base: b.taxableAmount,
        taxAmount: b.taxAmount,
        exemptionReason: b.exemptionReason,
        exemptionReasonCode: b.exemptionReasonCode,
      });
    }
    w.leaf('TotalVATSum', t.vatTotal?.text);
    w.leaf('TotalSum', t.totalWithVat?.text ?? '');
    w.leaf('TotalToPay', t.amountDue?.text);
    w.leaf('Currency', inv.currencyCode);
    if (inv.buyerAccountingReference !== undefined) {
      w.group('Accounting', () =>
        w.group('JournalEntry', () =>
          w.leaf('GeneralLedger', inv.buyerAccountingReference),
        ),
      );
    }
    for (const a of inv.allowances)
      writeEeAdditionEn(w, 'Extension', a, false, true);
    for (const c of inv.charges)
      writeEeAdditionEn(w, 'Extension', c, true, true);
    writeExtension(
      w,
      'Extension',
      'InvoiceSumGroupEN',
      'Additional document level information for EN invoice.',
      () => {
        w.leaf('PrepaidAmount', t.paidAmount?.text);
        w.leaf('AllowanceSum', t.allowanceTotal?.text);
        w.leaf('ChargeSum', t.chargeTotal?.text);
        if (t.vatTotalInAccountingCurrency) {
          w.leaf(
            'InvoiceTotalVATSumInAccountingCurrency',
            t.vatTotalInAccountingCurrency.text,
            {
              currency: inv.vatAccountingCurrencyCode ?? inv.currencyCode,
            },
          );
        }
        w.leaf('InvoiceTotalSumWithoutVAT', t.totalWithoutVat?.text ?? '');
      },
    );
  });
}

function writePaymentInfo(w: XmlWriter, inv: Invoice): void {
  const pay = inv.paymentInstructions;
  const first = pay?.creditTransfers[0];
  const due = inv.totals.amountDue;
  const payable =
    due?.isValid() && due.toDecimal().greaterThan(0) ? 'YES' : 'NO';
  w.group('PaymentInfo', () => {
    w.leaf('Currency', inv.currencyCode);
    w.leaf('PaymentDescription', inv.id);
    w.leaf('Payable', payable);
    w.leaf('PayDueDate', inv.dueDate);
    w.leaf('PaymentTotalSum', due?.text ?? '0');
    w.leaf('PayerName', inv.buyer.name);
    // PaymentId is mandatory (NormalTextType, may be empty): BT-83, or empty when the invoice has none.
    w.leaf('PaymentId', pay?.remittanceInformation ?? '');
    w.leaf('PayToAccount', first?.accountId ?? '');
    w.leaf('PayToName', inv.payee?.name ?? inv.seller.name);
    w.leaf('PayToBIC', first?.serviceProviderId);
    w.leaf('DirectDebitPayeeContractNumber', pay?.directDebit?.creditorId);
    w.leaf('DirectDebitPayerNumber', pay?.directDebit?.mandateReference);
  });
}
