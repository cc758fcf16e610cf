import { Type } from 'class-transformer';
import { IsBoolean, IsInt, IsString, Matches, Max, Min } from 'class-validator';
import { EnvBoolean, ServiceEnv } from '@hub/platform';

export class OperatorGatewayEnv extends ServiceEnv {
  /** base64 of 32 random bytes; encrypts operator keys at rest. */
  @Matches(/^[A-Za-z0-9+/]{43}=$/, { message: 'CREDENTIALS_KEY must be 32 bytes, base64-encoded (openssl rand -base64 32)' })
  CREDENTIALS_KEY!: string;

  /** Run the built-in sandbox operator (a real HTTP server on loopback). */
  @EnvBoolean()
  @IsBoolean()
  SANDBOX_OPERATOR_ENABLED = true;

  /** 0 picks a free port. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(65535)
  SANDBOX_OPERATOR_PORT = 0;

  /** Keys the sandbox operator accepts, comma-separated. */
  @IsString()
  SANDBOX_OPERATOR_KEYS = 'sandbox-demo-key';

  /** Timeout for calls to operators. */
  @Type(() => Number)
  @IsInt()
  @Min(100)
  OPERATOR_TIMEOUT_MS = 10_000;

  /** How often the gateway fetches inbound documents from the operators; 0 turns the poll job off. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  INBOUND_POLL_INTERVAL_MS = 60_000;

  /**
   * Base URL under which invoice-inbox reaches this service (e.g. `http://operator-gateway:3101`);
   * files too big to travel inline are served under it as `fetchUrl`. Empty: such documents need attention.
   */
  @IsString()
  INBOUND_FILES_BASE_URL = '';

  /** Largest inbound file passed on (as `fetchUrl`). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  INBOUND_FILE_MAX_BYTES = 20 * 1024 * 1024;
}
