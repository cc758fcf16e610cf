import { Type } from 'class-transformer';
import { isIP } from 'node:net';
import { IsInt, Matches, Max, Min, ValidateBy } from 'class-validator';
import { ServiceEnv } from '@hub/platform';

/**
 * The export's variables. The service's env class extends this one, so they are
 * validated at boot with everything else.
 */
export class ExportEnv extends ServiceEnv {
  /** base64 of 32 random bytes; encrypts the companies' ledger credentials at rest. */
  @Matches(/^[A-Za-z0-9+/]{43}=$/, { message: 'CREDENTIALS_KEY must be 32 bytes, base64-encoded (openssl rand -base64 32)' })
  CREDENTIALS_KEY!: string;

  /** Xero Accounting API base (tests point it at the contract fake). */
  @Matches(/^https?:\/\/.+/, { message: 'XERO_API_URL must be an http(s) URL' })
  XERO_API_URL = 'https://api.xero.com/api.xro/2.0';

  /** Sage Business Cloud Accounting API base. */
  @Matches(/^https?:\/\/.+/, { message: 'SAGE_API_URL must be an http(s) URL' })
  SAGE_API_URL = 'https://api.accounting.sage.com/v3.1';

  @Type(() => Number)
  @IsInt()
  @Min(100)
  EXPORT_TIMEOUT_MS = 30_000;

  /**
   * Hosts a company's URLs (`tokenUrl`, `serviceLayerUrl`) may name although they are or
   * resolve to loopback, private, link-local, CGNAT or other non-public addresses, which are
   * otherwise refused: comma-separated host names or IP literals exactly as in the URL
   * (`127.0.0.1,localhost,sap.internal`). Empty (the default, and right for production):
   * none. Tests and local development against the contract fakes set `127.0.0.1`.
   */
  @ValidateBy({
    name: 'isHostList',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && value.split(',').every((h) => h.trim() === '' || isHostOrAddress(h.trim())),
      defaultMessage: () => 'EXPORT_ALLOWED_PRIVATE_HOSTS must be a comma-separated list of host names or IP addresses (no scheme, port or path)',
    },
  })
  EXPORT_ALLOWED_PRIVATE_HOSTS = '';

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10)
  EXPORT_MAX_ATTEMPTS = 3;

  @Type(() => Number)
  @IsInt()
  @Min(0)
  EXPORT_BACKOFF_MS = 500;

  /** The longest Retry-After a worker sleeps through; longer waits park the batch. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  EXPORT_RATE_LIMIT_MAX_WAIT_MS = 30_000;

  @Type(() => Number)
  @IsInt()
  @Min(100)
  EXPORT_POLL_MS = 5_000;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100_000)
  EXPORT_BATCH_MAX_ENTRIES = 10_000;
}

/** A DNS host name or an IP literal (IPv6 with or without brackets). */
function isHostOrAddress(host: string): boolean {
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  if (isIP(bare) !== 0) return true;
  return host.length <= 253 && /^(?!-)[A-Za-z0-9-]{1,63}(?<!-)(?:\.(?!-)[A-Za-z0-9-]{1,63}(?<!-))*\.?$/.test(host);
}
