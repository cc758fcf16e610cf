import { optionalField, requiredField } from './credential-fields';
import { ExportError } from './export-error';
import type { CredentialStore, TargetCredentials } from './ledger-export-adapter.port';
import type { OutboundPolicy } from './outbound-policy';
import { callTarget, parseRetryAfter, shortReason, type TargetResponse } from './target-http';

/** A token that expires within this margin is refreshed before the call, not after a 401. */
export const TOKEN_EXPIRY_MARGIN_MS = 60_000;

/** The OAuth2 authorization server of one target. */
export interface OAuth2Provider {
  /** As in messages: `Xero`, `Sage`. */
  name: string;
  /** Used when the credentials carry no `tokenUrl`. */
  defaultTokenUrl: string;
  /** What the person reconnects when the refresh token is refused (`organisation`, `business`). */
  connection: string;
}

/** The token endpoint's answer (RFC 6749 §5.1 and §5.2). */
interface TokenAnswer {
  access_token?: unknown;
  refresh_token?: unknown;
  expires_in?: unknown;
  token_type?: unknown;
  error?: unknown;
  error_description?: unknown;
}

/**
 * The bearer token of one export call, kept fresh: when the stored `expiresAt` says it is
 * expired (or within {@link TOKEN_EXPIRY_MARGIN_MS} of it) it is refreshed before the call;
 * on a 401 it is refreshed once and the call made once more. A refresh (RFC 6749 §6: form
 * `grant_type=refresh_token`, HTTP Basic client authentication) runs under the store's lock
 * on the stored credentials and re-reads them first: when another worker has refreshed
 * meanwhile, its token is used and the single-use refresh token is not spent twice. The
 * new access token, the rotated refresh token and `expiresAt` are stored before the lock is
 * released. Credentials without `refreshToken`/`clientId`/`clientSecret` are used as they are.
 * Tokens never go into errors or logs. The token endpoint (a company may store its own
 * `tokenUrl`) is called under the {@link OutboundPolicy}; of a refusal only the OAuth2
 * `error` code and a short `error_description` are kept, and only when they are the
 * plain ASCII RFC 6749 §5.2 allows.
 */
export class OAuth2Session {
  private refreshedBeforeCall = false;
  private refreshedAfter401 = false;

  constructor(
    private readonly provider: OAuth2Provider,
    private credentials: TargetCredentials,
    private readonly store: CredentialStore,
    private readonly timeoutMs: number,
    private readonly policy: OutboundPolicy,
  ) {}

  /** The access token to use now (refreshed first when known to be expiring). */
  async accessToken(): Promise<string> {
    const token = requiredField(this.credentials, 'accessToken', this.provider.name);
    if (this.refreshedBeforeCall || !canRefresh(this.credentials) || !expiring(this.credentials)) return token;
    this.refreshedBeforeCall = true;
    return this.refresh(token);
  }

  /** One call with `Authorization: Bearer …`; a 401 gets one refresh and one more call per export. */
  async send(call: (authorization: string) => Promise<TargetResponse>): Promise<TargetResponse> {
    const token = await this.accessToken();
    const res = await call(`Bearer ${token}`);
    if (res.status !== 401 || this.refreshedAfter401 || !canRefresh(this.credentials)) return res;
    this.refreshedAfter401 = true;
    return call(`Bearer ${await this.refresh(token)}`);
  }

  private async refresh(failed: string): Promise<string> {
    const stored = await this.store.update(async (current) => {
      const token = optionalField(current, 'accessToken');
      // Another worker refreshed (or the credentials were stored again) since this export read them.
      if (token && token !== failed && !expiring(current)) return undefined;
      if (!canRefresh(current)) return undefined;
      return this.requestTokens(current);
    });
    if (!stored) {
      throw new ExportError('needs-a-person', `No ${this.provider.name} credentials are stored for the company any more; store them and export again`);
    }
    this.credentials = stored;
    return requiredField(stored, 'accessToken', this.provider.name);
  }

  private async requestTokens(current: TargetCredentials): Promise<TargetCredentials> {
    const { name } = this.provider;
    const label = `${name} token endpoint`;
    const client = `${formEncode(requiredField(current, 'clientId', name))}:${formEncode(requiredField(current, 'clientSecret', name))}`;
    let res: TargetResponse;
    try {
      res = await callTarget(
        label,
        optionalField(current, 'tokenUrl') ?? this.provider.defaultTokenUrl,
        {
          method: 'POST',
          headers: {
            authorization: `Basic ${Buffer.from(client, 'utf8').toString('base64')}`,
            'content-type': 'application/x-www-form-urlencoded',
            accept: 'application/json',
          },
          body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: requiredField(current, 'refreshToken', name) }).toString(),
        },
        { timeoutMs: this.timeoutMs, policy: this.policy },
      );
    } catch (error) {
      // No journal is at stake at the token endpoint: retryable, but not an uncertain export.
      if (error instanceof ExportError) throw new ExportError(error.errorClass, error.message, { ...error.details, outcomeUnknown: false });
      throw error;
    }
    const body = (res.json ?? {}) as TokenAnswer;
    if (res.status === 200) return this.tokens(current, body);
    const code = oauthText(body.error, 64);
    const described = oauthText(body.error_description, 200);
    const description = described ? `: ${described}` : '';
    if (res.status === 429) {
      const retryAfterMs = parseRetryAfter(res.headers.get('retry-after')) ?? 60_000;
      throw new ExportError('retryable', `${label} rate limit reached; retry after ${Math.ceil(retryAfterMs / 1000)} s`, { retryAfterMs });
    }
    if (res.status >= 500) throw new ExportError('retryable', `${label} server error HTTP ${res.status}`);
    if (code === 'invalid_grant') {
      throw new ExportError('needs-a-person', `${name} refused the refresh token: reconnect the ${this.provider.connection}`, { code });
    }
    if (code === 'invalid_client' || code === 'unauthorized_client') {
      throw new ExportError('needs-a-person', `${name} refused the app's client credentials (${code}${description}); check clientId and clientSecret`, { code });
    }
    throw new ExportError('needs-a-person', `${label} refused the refresh (HTTP ${res.status}${code ? `, ${code}` : ''}${description})`, code ? { code } : {});
  }

  /** The stored fields a successful answer replaces; a missing refresh token keeps the old one (RFC 6749 §6). */
  private tokens(current: TargetCredentials, body: TokenAnswer): TargetCredentials {
    const label = `${this.provider.name} token endpoint`;
    if (typeof body.access_token !== 'string' || body.access_token === '') {
      throw new ExportError('retryable', `${label} answered without an access token`);
    }
    if (body.token_type !== undefined && String(body.token_type).toLowerCase() !== 'bearer') {
      throw new ExportError('needs-a-person', `${label} issued a ${String(body.token_type).slice(0, 20)} token, not a bearer token`);
    }
    const expiresIn = Number(body.expires_in);
    return {
      accessToken: body.access_token,
      refreshToken: typeof body.refresh_token === 'string' && body.refresh_token !== '' ? body.refresh_token : current['refreshToken'],
      // Unknown lifetime: no expiresAt, the next 401 triggers the refresh.
      expiresAt: Number.isFinite(expiresIn) && expiresIn > 0 ? new Date(Date.now() + expiresIn * 1000).toISOString() : undefined,
    };
  }
}

function canRefresh(credentials: TargetCredentials): boolean {
  return ['refreshToken', 'clientId', 'clientSecret'].every((f) => optionalField(credentials, f) !== undefined);
}

function expiring(credentials: TargetCredentials): boolean {
  const at = Date.parse(optionalField(credentials, 'expiresAt') ?? '');
  return !Number.isNaN(at) && at - Date.now() <= TOKEN_EXPIRY_MARGIN_MS;
}

/**
 * An OAuth2 `error` or `error_description` fit to show: RFC 6749 §5.2 limits both to
 * printable ASCII without `"` and `\`; anything else (an HTML page, another service's
 * answer) is not repeated. Cut to `max` characters.
 */
function oauthText(value: unknown, max: number): string | undefined {
  if (typeof value !== 'string' || !/^[\x20-\x21\x23-\x5b\x5d-\x7e]+$/.test(value)) return undefined;
  return shortReason(value, max);
}

/** application/x-www-form-urlencoded, as RFC 6749 §2.3.1 asks for the client id and secret in Basic. */
function formEncode(value: string): string {
  return new URLSearchParams([['', value]]).toString().slice(1);
}
