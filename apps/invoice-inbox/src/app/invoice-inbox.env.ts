import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { ServiceEnv } from '@hub/platform';

/** Settings of invoice-inbox (on top of every service's). */
export class InvoiceInboxEnv extends ServiceEnv {
  /** Largest single uploaded file; a bigger one is refused with 413. */
  @Type(() => Number)
  @IsInt()
  @Min(1024)
  UPLOAD_MAX_FILE_BYTES = 20 * 1024 * 1024;

  /** Files per uploaded document. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(50)
  UPLOAD_MAX_FILES = 10;

  /** Run the SMTP receiver for the per-company inbound addresses. */
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? ['true', '1', 'yes'].includes(value.toLowerCase()) : value !== false))
  @IsBoolean()
  SMTP_INBOUND_ENABLED = true;

  /** SMTP port; 0 picks a free port (tests, development). Production sets e.g. 2525 behind an MX on 25. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(65535)
  SMTP_INBOUND_PORT = 0;

  @IsOptional()
  @IsString()
  SMTP_INBOUND_HOST = '0.0.0.0';

  /** Domain of the generated inbound addresses (`<company>.<random>@<domain>`); its MX points at this service. */
  @Matches(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/, { message: 'INBOUND_MAIL_DOMAIN must be a domain name' })
  INBOUND_MAIL_DOMAIN = 'inbox.hub.localhost';

  /** Largest accepted mail (advertised with SIZE; a bigger one is refused with 552). */
  @Type(() => Number)
  @IsInt()
  @Min(1024)
  MAIL_MAX_BYTES = 30 * 1024 * 1024;

  /**
   * Origins (`https://host:port`, comma-separated) the inbox may fetch an operator's
   * document from when it does not travel inline. Empty: never fetch (such a document
   * lands in needs-attention with the reason).
   */
  @IsOptional()
  @IsString()
  DOCUMENT_FETCH_ORIGINS = '';

  @Type(() => Number)
  @IsInt()
  @Min(100)
  DOCUMENT_FETCH_TIMEOUT_MS = 15_000;
}
