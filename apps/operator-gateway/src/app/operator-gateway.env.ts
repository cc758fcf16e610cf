import { Type } from 'class-transformer';
import { IsBoolean, IsInt, IsString, Matches, Max, Min } from 'class-validator';
import { EnvBoolean, ServiceEnv } from '@hub/platform';

/** The endpoints the demo key owns by default: what the README's example and the tests register. */
export const DEMO_ENDPOINTS = ['0088:7300010000025', '0088:7300010000099', '0088:7300099999999', 'platform-acc-a'] as const;

const ENDPOINT = '[A-Za-z0-9][A-Za-z0-9:._/-]{0,199}';
const SANDBOX_ENDPOINTS_ENTRY = `[^=;\\s]+=${ENDPOINT}(,${ENDPOINT})*`;
const SANDBOX_ENDPOINTS_FORMAT = new RegExp(`^(${SANDBOX_ENDPOINTS_ENTRY}(;${SANDBOX_ENDPOINTS_ENTRY})*)?$`);

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

  /**
   * The endpoints each sandbox key's account owns: `key=endpoint,endpoint;key2=endpoint`. The
   * sandbox confirms an endpoint in a registration only for a key that owns it (the gateway
   * records the endpoint, which routes inbound documents, only then). The default gives the demo
   * key the endpoints the demo and tests use; a key not listed owns none.
   */
  @Matches(SANDBOX_ENDPOINTS_FORMAT, {
    message: 'SANDBOX_OPERATOR_ENDPOINTS must be key=endpoint,endpoint;key2=endpoint (keys without = ; or spaces)',
  })
  SANDBOX_OPERATOR_ENDPOINTS = `sandbox-demo-key=${DEMO_ENDPOINTS.join(',')}`;

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

  /**
   * How long a `fetchUrl` for a kept inbound file works (fixed when the link is issued); after
   * that it answers 410 Gone. Default 7 days: invoice-inbox fetches within seconds, the rest is
   * room for an outage. Minimum one minute.
   */
  @Type(() => Number)
  @IsInt()
  @Min(60_000)
  INBOUND_FILE_LINK_TTL_MS = 7 * 24 * 60 * 60 * 1000;
}
