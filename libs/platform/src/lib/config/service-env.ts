import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, Min } from 'class-validator';

/**
 * Variables every service reads. A service's own env class extends this one and sets
 * `PORT`'s default with {@link withDefaultPort}.
 */
export class ServiceEnv {
  @IsOptional()
  @IsString()
  HOST = '0.0.0.0';

  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3100;

  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL = 'postgres://hub:hub@127.0.0.1:5432/hub';

  @IsOptional()
  @Matches(/^[a-z_][a-z0-9_]{0,62}$/, { message: 'DATABASE_SCHEMA must be a lower-case SQL identifier' })
  DATABASE_SCHEMA?: string;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  DATABASE_POOL_SIZE = 10;

  @Matches(/^(nats|tls|ws|wss):\/\/.+/, { message: 'NATS_URL must be a nats:// URL (comma-separated for a cluster)' })
  NATS_URL = 'nats://127.0.0.1:4222';

  @IsOptional()
  @Matches(/^[a-z][a-z0-9_]{0,30}$/, { message: 'MESSAGING_PREFIX must be lower-case letters, digits or _' })
  MESSAGING_PREFIX?: string;

  /** Handlers running at once per consumer. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(256)
  MESSAGING_CONCURRENCY = 16;

  /** Messages applied in one consumer transaction (group commit; each in its own savepoint). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(60)
  MESSAGING_BATCH_SIZE = 16;

  /** Messages of a batch handler applied in one consumer transaction (one savepoint and one handler call for all). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(60)
  MESSAGING_GROUP_SIZE = 60;

  /** A consumer transaction stops taking messages this long (ms) after it opened (latency bound). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  MESSAGING_BATCH_BUDGET_MS = 10;

  /** Outbox rows published per relay batch. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(5000)
  OUTBOX_RELAY_BATCH_SIZE = 500;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** `token=companyA,companyB;admintoken=*` — see ApiTokenGuard. */
  @IsString()
  @IsNotEmpty({ message: 'API_TOKENS must list at least one token (token=company1,company2;...)' })
  @Matches(/^[^=;\s]{16,}=[^;\s]+(;[^=;\s]{16,}=[^;\s]+)*;?$/, {
    message: 'API_TOKENS must look like token=companyA,companyB;other-token=* (tokens at least 16 characters)',
  })
  API_TOKENS!: string;

  @Type(() => Number)
  @IsInt()
  @Min(1000)
  SHUTDOWN_TIMEOUT_MS = 25000;
}

/** The schema a service uses when DATABASE_SCHEMA is not set: its name in snake_case. */
export function defaultSchema(service: string): string {
  return service.replace(/-/g, '_');
}
