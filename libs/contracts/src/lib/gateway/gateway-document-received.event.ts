import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsBase64,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { CompanyEvent } from '../company-event';
import { EventContract } from '../event-contract';

/**
 * Largest file carried inline, as base64 text (≈ 600 KiB of bytes): NATS refuses messages
 * over its max_payload (1 MiB by default). Bigger files travel as a `fetchUrl`.
 */
export const GATEWAY_INLINE_MAX_BASE64 = 800_000;

/** One file of an inbound document: inline bytes (base64) or a reference to fetch them from. */
export class GatewayDocumentFile {
  @IsString()
  @MinLength(1)
  @MaxLength(255)
  filename!: string;

  /** As the operator declared it (`application/xml`, `application/pdf` …); the inbox sniffs the bytes anyway. */
  @IsString()
  @MaxLength(255)
  contentType!: string;

  /** The bytes, base64; exactly one of `contentBase64` and `fetchUrl`. */
  @IsOptional()
  @IsBase64()
  @MaxLength(GATEWAY_INLINE_MAX_BASE64)
  contentBase64?: string;

  /** Where the bytes can be fetched (GET) when they are too big to travel inline. */
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  @MaxLength(2000)
  fetchUrl?: string;

  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(1024 * 1024 * 1024)
  sizeBytes!: number;

  /** sha256 of the bytes, hex, when the operator gave or the gateway computed it. */
  @IsOptional()
  @Matches(/^[0-9a-f]{64}$/)
  sha256?: string;
}

/**
 * An operator delivered a document (an e-invoice, usually with its PDF rendering) to a
 * company. operator-gateway chose `companyId` from the RECEIVER identifier the operator
 * delivered to (the company's registered endpoint), never from who is logged in.
 */
@EventContract({
  subject: 'gateway.document.received.v1',
  summary: 'An e-invoice operator delivered an inbound document to a company (chosen by the receiver identifier)',
})
export class GatewayDocumentReceived extends CompanyEvent {
  /** Receiver endpoint the operator delivered to, e.g. `0088:4035811991021` or an Estonian registry code. */
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  receiverEndpointId!: string;

  /** Scheme of the receiver endpoint (EAS / ICD code such as `0088`, `0191`), when known. */
  @IsOptional()
  @IsString()
  @MaxLength(20)
  receiverScheme?: string;

  /** Operator code, e.g. `sandbox`, `omniva`. */
  @IsString()
  @Matches(/^[a-z][a-z0-9-]{1,31}$/)
  operator!: string;

  /** The operator's id of the document: the same id delivered again is the same delivery retried. */
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  operatorDocumentId!: string;

  @IsISO8601({ strict: true })
  receivedAt!: string;

  @ValidateNested({ each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @Type(() => GatewayDocumentFile)
  files!: GatewayDocumentFile[];
}
