import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, Matches, Min } from 'class-validator';
import { ExportEnv } from './export/export.env';

/** The service's variables; CREDENTIALS_KEY and the export's settings come from ExportEnv (which extends ServiceEnv). */
export class LedgerValidationEnv extends ExportEnv {
  /** `smtp://user:pass@host:587` or `smtps://...`; without it failure mails are skipped (logged, and the run records it). */
  @IsOptional()
  @Matches(/^smtps?:\/\/.+/, { message: 'SMTP_URL must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  /** Sender of failure mails: `address@host` or `Name <address@host>`. */
  @Matches(/^([^\s@<>]+@[^\s@<>]+|[^<>]*<[^\s@<>]+@[^\s@<>]+>)$/, { message: 'SMTP_FROM must be an address or Name <address>' })
  SMTP_FROM = 'ledger-validation@localhost';

  /** Validate entries as they arrive, for companies that have not chosen (a company setting overrides it). */
  @Transform(({ value }) => parseFlag(value))
  @IsBoolean()
  LEDGER_VALIDATE_ON_ARRIVAL = false;

  /** Run the nightly scheduler in this replica (the advisory lock still lets only one replica run each job). */
  @Transform(({ value }) => parseFlag(value))
  @IsBoolean()
  LEDGER_SCHEDULER_ENABLED = true;

  /** How often the scheduler looks for companies whose nightly run is due. */
  @Type(() => Number)
  @IsInt()
  @Min(1000)
  LEDGER_SCHEDULER_TICK_MS = 60_000;

  /** Public base URL of this service's API, for links in failure mails (optional). */
  @IsOptional()
  @Matches(/^https?:\/\/.+/, { message: 'LEDGER_PUBLIC_URL must be an http(s) URL' })
  LEDGER_PUBLIC_URL?: string;
}

/** `Boolean('false')` is true: read flags by their text. */
function parseFlag(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  if (/^(true|1|yes|on)$/i.test(value)) return true;
  if (/^(false|0|no|off)$/i.test(value)) return false;
  return value;
}
