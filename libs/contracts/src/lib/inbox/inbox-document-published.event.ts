import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsBoolean,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { CompanyEvent } from '../company-event';
import { EventContract } from '../event-contract';

const DECIMAL = /^-?\d{1,15}(\.\d{1,6})?$/;
const DECIMAL_MESSAGE = '$property must be a decimal number written as text';

/** A dimension (object) on a coding: its object type and code, as the ERP knows them. */
export class PublishedDimension {
  @IsString()
  @MaxLength(32)
  type!: string;

  @IsString()
  @MaxLength(64)
  code!: string;
}

/** A party of the document: what the document said, and the ERP contact it was matched to. */
export class PublishedParty {
  @IsOptional() @IsString() @MaxLength(300) name?: string;
  /** The ERP contact the supplier was matched to (by registration code, VAT id or name) or chosen by a person. */
  @IsOptional() @IsString() @MaxLength(64) contactId?: string;
  @IsOptional() @IsString() @MaxLength(64) registrationCode?: string;
  @IsOptional() @IsString() @MaxLength(64) vatId?: string;
  @IsOptional() @IsString() @MaxLength(2) countryCode?: string;
  /** Payment account (IBAN) of the supplier. */
  @IsOptional() @IsString() @MaxLength(64) iban?: string;
}

export class PublishedTotals {
  @IsOptional() @Matches(DECIMAL, { message: DECIMAL_MESSAGE }) net?: string;
  @IsOptional() @Matches(DECIMAL, { message: DECIMAL_MESSAGE }) vat?: string;
  @IsOptional() @Matches(DECIMAL, { message: DECIMAL_MESSAGE }) gross?: string;
  @IsOptional() @Matches(DECIMAL, { message: DECIMAL_MESSAGE }) amountDue?: string;
}

export class PublishedVatBreakdown {
  @IsOptional() @IsString() @MaxLength(8) category?: string;
  @IsOptional() @Matches(DECIMAL, { message: DECIMAL_MESSAGE }) rate?: string;
  @IsOptional() @Matches(DECIMAL, { message: DECIMAL_MESSAGE }) taxableAmount?: string;
  @IsOptional() @Matches(DECIMAL, { message: DECIMAL_MESSAGE }) taxAmount?: string;
}

/** The coding of the whole document (header): account, dimensions, comment, contract. */
export class PublishedCoding {
  @IsOptional() @IsString() @MaxLength(32) account?: string;

  @ValidateNested({ each: true })
  @ArrayMaxSize(50)
  @Type(() => PublishedDimension)
  dimensions!: PublishedDimension[];

  @IsOptional() @IsString() @MaxLength(4000) comment?: string;
  @IsOptional() @IsString() @MaxLength(128) contractReference?: string;
}

/** A document line with its own coding (a line without account uses the header's). */
export class PublishedLine {
  @IsString() @MaxLength(64) lineId!: string;
  @IsOptional() @IsString() @MaxLength(1000) description?: string;
  @IsOptional() @Matches(DECIMAL, { message: DECIMAL_MESSAGE }) quantity?: string;
  @IsOptional() @IsString() @MaxLength(8) unitCode?: string;
  @IsOptional() @Matches(DECIMAL, { message: DECIMAL_MESSAGE }) unitPrice?: string;
  @IsOptional() @Matches(DECIMAL, { message: DECIMAL_MESSAGE }) netAmount?: string;
  @IsOptional() @IsString() @MaxLength(8) vatCategory?: string;
  @IsOptional() @Matches(DECIMAL, { message: DECIMAL_MESSAGE }) vatRate?: string;
  @IsOptional() @IsString() @MaxLength(32) account?: string;

  @ValidateNested({ each: true })
  @ArrayMaxSize(50)
  @Type(() => PublishedDimension)
  dimensions!: PublishedDimension[];

  @IsOptional() @IsString() @MaxLength(4000) comment?: string;
}

export class PublishedComment {
  @IsString() @MaxLength(64) author!: string;
  @IsString() @MaxLength(4000) text!: string;
  @IsISO8601({ strict: true }) at!: string;
}

export class PublishedApproval {
  /** API token id of the approver. */
  @IsString() @MaxLength(64) approvedBy!: string;
  @IsISO8601({ strict: true }) approvedAt!: string;
}

/** A downloadable file of the document (hub HTTP API path, under the company). */
export class PublishedFile {
  /** Path on the invoice-inbox API, e.g. `/companies/acme/erp/incoming-invoices/<id>/original`. */
  @IsString() @MaxLength(500) downloadPath!: string;
  @IsString() @MaxLength(100) contentType!: string;
  @IsString() @MaxLength(255) filename!: string;
  /** True when the hub rendered it from the structured invoice (an XML-only invoice has no PDF of its own). */
  @IsBoolean() rendered!: boolean;
  @IsOptional() @Matches(/^[0-9a-f]{64}$/) sha256?: string;
  @IsOptional() @IsInt() @Min(0) size?: number;
}

/**
 * A coded and approved purchase document was published to the ERP: every field of the
 * document and its coding, and where to download a readable original. Exactly one per
 * document; the outbox message id is derived from the document id.
 */
@EventContract({
  subject: 'inbox.document.published.v1',
  summary: 'An approved purchase document with its coding was published for the ERP incoming e-invoice register',
})
export class InboxDocumentPublished extends CompanyEvent {
  @IsUUID() documentId!: string;
  /** `invoice`, `credit-note` or `receipt`. */
  @IsString() @MaxLength(32) documentType!: string;
  /** How it arrived first: `einvoice`, `upload`, `email`, `mobile`. */
  @IsString() @MaxLength(32) channel!: string;
  /** Syntax of the structured original (`ubl`, `cii`, `ee`), absent for a PDF or image only. */
  @IsOptional() @IsString() @MaxLength(16) syntax?: string;
  @IsOptional() @IsString() @MaxLength(64) invoiceNumber?: string;
  @IsOptional() @IsISO8601({ strict: true }) issueDate?: string;
  @IsOptional() @IsISO8601({ strict: true }) dueDate?: string;
  @IsOptional() @Matches(/^[A-Z]{3}$/) currency?: string;
  @IsOptional() @IsString() @MaxLength(200) paymentReference?: string;
  @IsOptional() @IsString() @MaxLength(200) buyerReference?: string;
  @IsOptional() @IsString() @MaxLength(200) purchaseOrderReference?: string;

  @ValidateNested() @Type(() => PublishedParty) supplier!: PublishedParty;
  @IsOptional() @ValidateNested() @Type(() => PublishedParty) buyer?: PublishedParty;
  @ValidateNested() @Type(() => PublishedTotals) totals!: PublishedTotals;

  @ValidateNested({ each: true })
  @ArrayMaxSize(100)
  @Type(() => PublishedVatBreakdown)
  vatBreakdown!: PublishedVatBreakdown[];

  @ValidateNested() @Type(() => PublishedCoding) coding!: PublishedCoding;

  @ValidateNested({ each: true })
  @ArrayMaxSize(10_000)
  @Type(() => PublishedLine)
  lines!: PublishedLine[];

  @ValidateNested({ each: true })
  @ArrayMaxSize(500)
  @Type(() => PublishedComment)
  comments!: PublishedComment[];

  @ValidateNested() @Type(() => PublishedApproval) approval!: PublishedApproval;

  /** Something a person can read: the original PDF, or the hub's rendering of an XML-only invoice. */
  @ValidateNested() @Type(() => PublishedFile) readable!: PublishedFile;

  /** Every original file of the document, byte for byte as received. */
  @ValidateNested({ each: true })
  @ArrayMaxSize(50)
  @Type(() => PublishedFile)
  originals!: PublishedFile[];

  @IsISO8601({ strict: true }) receivedAt!: string;
  @IsISO8601({ strict: true }) publishedAt!: string;
  @IsString() @MinLength(1) @MaxLength(64) publishedBy!: string;
}
