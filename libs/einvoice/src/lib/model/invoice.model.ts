import type {
  Amount,
  Percentage,
  Quantity,
  UnitPriceAmount,
} from './decimal-value';
import type {
  Buyer,
  Delivery,
  Identifier,
  Payee,
  Seller,
  TaxRepresentative,
} from './party.model';

/**
 * The EN 16931-1 semantic model of an invoice or credit note (BT-1 … BT-165, BG-1 … BG-32),
 * independent of syntax. UBL, CII and the Estonian e-invoice are read into it and written from it.
 *
 * Conventions: dates are `YYYY-MM-DD` strings (a date the source wrote in another form is kept
 * verbatim); amounts, quantities, prices and percentages are {@link DecimalValue}s holding the
 * exact text; codes (document type, VAT category, unit, …) are plain strings from their code lists.
 */
export type InvoiceKind = 'invoice' | 'credit-note';

/** BG-1 INVOICE NOTE. */
export interface InvoiceNote {
  /** BT-21 Invoice note subject code (UNTDID 4451). */
  readonly subjectCode?: string;
  /** BT-22 Invoice note. */
  readonly text: string;
}

/** BG-3 PRECEDING INVOICE REFERENCE. */
export interface PrecedingInvoiceReference {
  /** BT-25 Preceding Invoice reference. */
  readonly id: string;
  /** BT-26 Preceding Invoice issue date. */
  readonly issueDate?: string;
}

/** BG-14 INVOICING PERIOD and BG-26 INVOICE LINE PERIOD. */
export interface Period {
  /** BT-73 / BT-134 start date. */
  readonly startDate?: string;
  /** BT-74 / BT-135 end date. */
  readonly endDate?: string;
}

/** BG-17 CREDIT TRANSFER. */
export interface CreditTransfer {
  /** BT-84 Payment account identifier (IBAN or proprietary). */
  readonly accountId: string;
  /** BT-85 Payment account name. */
  readonly accountName?: string;
  /** BT-86 Payment service provider identifier (BIC). */
  readonly serviceProviderId?: string;
}

/** BG-18 PAYMENT CARD INFORMATION. */
export interface PaymentCard {
  /** BT-87 Payment card primary account number (at most the last 4–6 digits). */
  readonly primaryAccountNumber: string;
  /** BT-88 Payment card holder name. */
  readonly holderName?: string;
}

/** BG-19 DIRECT DEBIT. */
export interface DirectDebit {
  /** BT-89 Mandate reference identifier. */
  readonly mandateReference?: string;
  /** BT-90 Bank assigned creditor identifier. */
  readonly creditorId?: string;
  /** BT-91 Debited account identifier. */
  readonly debitedAccountId?: string;
}

/** BG-16 PAYMENT INSTRUCTIONS. */
export interface PaymentInstructions {
  /** BT-81 Payment means type code (UNTDID 4461). */
  readonly meansCode?: string;
  /** BT-82 Payment means text. */
  readonly meansText?: string;
  /** BT-83 Remittance information. */
  readonly remittanceInformation?: string;
  /** BG-17 CREDIT TRANSFER (0..n). */
  readonly creditTransfers: readonly CreditTransfer[];
  /** BG-18 PAYMENT CARD INFORMATION. */
  readonly paymentCard?: PaymentCard;
  /** BG-19 DIRECT DEBIT. */
  readonly directDebit?: DirectDebit;
}

/**
 * BG-20 / BG-21 document level allowance or charge, and BG-27 / BG-28 invoice line allowance or charge.
 * Line level ones carry no VAT (BT-95/96/102/103 are document level only).
 */
export interface AllowanceCharge {
  /** BT-92 / BT-99 / BT-136 / BT-141 amount (without VAT); 1..1 in EN 16931, absent only in broken input. */
  readonly amount?: Amount;
  /** BT-93 / BT-100 / BT-137 / BT-142 base amount. */
  readonly baseAmount?: Amount;
  /** BT-94 / BT-101 / BT-138 / BT-143 percentage. */
  readonly percentage?: Percentage;
  /** BT-95 / BT-102 VAT category code (UNTDID 5305 subset). */
  readonly vatCategoryCode?: string;
  /** BT-96 / BT-103 VAT rate. */
  readonly vatRate?: Percentage;
  /** BT-97 / BT-104 / BT-139 / BT-144 reason. */
  readonly reason?: string;
  /** BT-98 / BT-105 / BT-140 / BT-145 reason code (UNTDID 5189 for allowances, 7161 for charges). */
  readonly reasonCode?: string;
}

/** BG-22 DOCUMENT TOTALS. */
export interface DocumentTotals {
  /** BT-106 Sum of Invoice line net amount. */
  readonly lineNetTotal?: Amount;
  /** BT-107 Sum of allowances on document level. */
  readonly allowanceTotal?: Amount;
  /** BT-108 Sum of charges on document level. */
  readonly chargeTotal?: Amount;
  /** BT-109 Invoice total amount without VAT. */
  readonly totalWithoutVat?: Amount;
  /** BT-110 Invoice total VAT amount (in the invoice currency). */
  readonly vatTotal?: Amount;
  /** BT-111 Invoice total VAT amount in accounting currency (currency BT-6). */
  readonly vatTotalInAccountingCurrency?: Amount;
  /** BT-112 Invoice total amount with VAT. */
  readonly totalWithVat?: Amount;
  /** BT-113 Paid amount. */
  readonly paidAmount?: Amount;
  /** BT-114 Rounding amount. */
  readonly roundingAmount?: Amount;
  /** BT-115 Amount due for payment. */
  readonly amountDue?: Amount;
}

/** BG-23 VAT BREAKDOWN. */
export interface VatBreakdown {
  /** BT-116 VAT category taxable amount. */
  readonly taxableAmount?: Amount;
  /** BT-117 VAT category tax amount. */
  readonly taxAmount?: Amount;
  /** BT-118 VAT category code. */
  readonly categoryCode?: string;
  /** BT-119 VAT category rate. */
  readonly rate?: Percentage;
  /** BT-120 VAT exemption reason text. */
  readonly exemptionReason?: string;
  /** BT-121 VAT exemption reason code (VATEX). */
  readonly exemptionReasonCode?: string;
}

/** BT-125 Attached document (embedded, base64). */
export interface Attachment {
  /** BT-125 Attached document, base64 text as written (whitespace removed). */
  readonly contentBase64: string;
  /** BT-125-1 Attached document Mime code. */
  readonly mimeCode?: string;
  /** BT-125-2 Attached document Filename. */
  readonly filename?: string;
}

/** BG-24 ADDITIONAL SUPPORTING DOCUMENTS. */
export interface SupportingDocument {
  /** BT-122 Supporting document reference. */
  readonly id: string;
  /** BT-123 Supporting document description. */
  readonly description?: string;
  /** BT-124 External document location (URL). */
  readonly externalLocation?: string;
  /** BT-125 Attached document. */
  readonly attachment?: Attachment;
}

/** BG-29 PRICE DETAILS. */
export interface PriceDetails {
  /** BT-146 Item net price. */
  readonly netPrice?: UnitPriceAmount;
  /** BT-147 Item price discount. */
  readonly discount?: UnitPriceAmount;
  /** BT-148 Item gross price. */
  readonly grossPrice?: UnitPriceAmount;
  /** BT-149 Item price base quantity. */
  readonly baseQuantity?: Quantity;
  /** BT-150 Item price base quantity unit of measure code. */
  readonly baseQuantityUnitCode?: string;
}

/** BG-30 LINE VAT INFORMATION. */
export interface LineVat {
  /** BT-151 Invoiced item VAT category code. */
  readonly categoryCode?: string;
  /** BT-152 Invoiced item VAT rate. */
  readonly rate?: Percentage;
}

/** BT-158 Item classification identifier with BT-158-1 scheme and BT-158-2 scheme version. */
export interface ItemClassification {
  readonly value: string;
  /** BT-158-1 Scheme identifier (UNTDID 7143). */
  readonly listId?: string;
  /** BT-158-2 Scheme version identifier. */
  readonly listVersionId?: string;
}

/** BG-32 ITEM ATTRIBUTES. */
export interface ItemAttribute {
  /** BT-160 Item attribute name. */
  readonly name: string;
  /** BT-161 Item attribute value. */
  readonly value: string;
}

/** BG-31 ITEM INFORMATION. */
export interface Item {
  /** BT-153 Item name. */
  readonly name?: string;
  /** BT-154 Item description. */
  readonly description?: string;
  /** BT-155 Item Seller's identifier. */
  readonly sellerId?: string;
  /** BT-156 Item Buyer's identifier. */
  readonly buyerId?: string;
  /** BT-157 Item standard identifier, BT-157-1 scheme. */
  readonly standardId?: Identifier;
  /** BT-158 Item classification identifiers (0..n). */
  readonly classifications: readonly ItemClassification[];
  /** BT-159 Item country of origin. */
  readonly originCountryCode?: string;
  /** BG-32 ITEM ATTRIBUTES (0..n). */
  readonly attributes: readonly ItemAttribute[];
}

/** BG-25 INVOICE LINE. */
export interface InvoiceLine {
  /** BT-126 Invoice line identifier. */
  readonly id: string;
  /** BT-127 Invoice line note. */
  readonly note?: string;
  /** BT-128 Invoice line object identifier, BT-128-1 scheme. */
  readonly objectId?: Identifier;
  /** BT-129 Invoiced quantity. */
  readonly quantity?: Quantity;
  /** BT-130 Invoiced quantity unit of measure code (UN/ECE Rec 20/21). */
  readonly unitCode?: string;
  /** BT-131 Invoice line net amount. */
  readonly netAmount?: Amount;
  /** BT-132 Referenced purchase order line reference. */
  readonly orderLineReference?: string;
  /** BT-133 Invoice line Buyer accounting reference. */
  readonly buyerAccountingReference?: string;
  /** BG-26 INVOICE LINE PERIOD. */
  readonly period?: Period;
  /** BG-27 INVOICE LINE ALLOWANCES. */
  readonly allowances: readonly AllowanceCharge[];
  /** BG-28 INVOICE LINE CHARGES. */
  readonly charges: readonly AllowanceCharge[];
  /** BG-29 PRICE DETAILS. */
  readonly price: PriceDetails;
  /** BG-30 LINE VAT INFORMATION. */
  readonly vat: LineVat;
  /** BG-31 ITEM INFORMATION. */
  readonly item: Item;
}

/** An invoice or credit note (the root of the EN 16931 model). */
export interface Invoice {
  /** Whether the document is an invoice or a credit note (UBL root / BT-3 family). */
  readonly invoiceKind: InvoiceKind;
  /** BT-1 Invoice number. */
  readonly id: string;
  /** BT-2 Invoice issue date. */
  readonly issueDate: string;
  /** BT-3 Invoice type code (UNTDID 1001 subset, e.g. 380, 381). */
  readonly typeCode: string;
  /** BT-5 Invoice currency code. */
  readonly currencyCode: string;
  /** BT-6 VAT accounting currency code. */
  readonly vatAccountingCurrencyCode?: string;
  /** BT-7 Value added tax point date. */
  readonly taxPointDate?: string;
  /** BT-8 Value added tax point date code (UNTDID 2005: 3, 35, 432; CII's 5, 29, 72 are converted). */
  readonly taxPointDateCode?: string;
  /** BT-9 Payment due date. */
  readonly dueDate?: string;
  /** BT-10 Buyer reference. */
  readonly buyerReference?: string;
  /** BT-11 Project reference. */
  readonly projectReference?: string;
  /** BT-12 Contract reference. */
  readonly contractReference?: string;
  /** BT-13 Purchase order reference. */
  readonly purchaseOrderReference?: string;
  /** BT-14 Sales order reference. */
  readonly salesOrderReference?: string;
  /** BT-15 Receiving advice reference. */
  readonly receivingAdviceReference?: string;
  /** BT-16 Despatch advice reference. */
  readonly despatchAdviceReference?: string;
  /** BT-17 Tender or lot reference. */
  readonly tenderOrLotReference?: string;
  /** BT-18 Invoiced object identifier, BT-18-1 scheme. */
  readonly invoicedObjectId?: Identifier;
  /** BT-19 Buyer accounting reference. */
  readonly buyerAccountingReference?: string;
  /** BT-20 Payment terms. */
  readonly paymentTerms?: string;
  /** BG-1 INVOICE NOTE (0..n). */
  readonly notes: readonly InvoiceNote[];
  /** BG-2 PROCESS CONTROL: BT-23 Business process type. */
  readonly businessProcessType?: string;
  /** BG-2 PROCESS CONTROL: BT-24 Specification identifier. */
  readonly specificationId: string;
  /** BG-3 PRECEDING INVOICE REFERENCE (0..n). */
  readonly precedingInvoices: readonly PrecedingInvoiceReference[];
  /** BG-4 SELLER. */
  readonly seller: Seller;
  /** BG-7 BUYER. */
  readonly buyer: Buyer;
  /** BG-10 PAYEE. */
  readonly payee?: Payee;
  /** BG-11 SELLER TAX REPRESENTATIVE PARTY. */
  readonly taxRepresentative?: TaxRepresentative;
  /** BG-13 DELIVERY INFORMATION. */
  readonly delivery?: Delivery;
  /** BG-14 INVOICING PERIOD. */
  readonly invoicingPeriod?: Period;
  /** BG-16 PAYMENT INSTRUCTIONS. */
  readonly paymentInstructions?: PaymentInstructions;
  /** BG-20 DOCUMENT LEVEL ALLOWANCES. */
  readonly allowances: readonly AllowanceCharge[];
  /** BG-21 DOCUMENT LEVEL CHARGES. */
  readonly charges: readonly AllowanceCharge[];
  /** BG-22 DOCUMENT TOTALS. */
  readonly totals: DocumentTotals;
  /** BG-23 VAT BREAKDOWN (1..n). */
  readonly vatBreakdown: readonly VatBreakdown[];
  /** BG-24 ADDITIONAL SUPPORTING DOCUMENTS (0..n). */
  readonly supportingDocuments: readonly SupportingDocument[];
  /** BG-25 INVOICE LINE (1..n). */
  readonly lines: readonly InvoiceLine[];
}
