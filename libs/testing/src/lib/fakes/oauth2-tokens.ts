import { randomBytes } from 'node:crypto';
import type { FakeResponse, RecordedRequest } from '../fake-http-server';

export interface FakeOAuth2Options {
  clientId: string;
  clientSecret: string;
  /** Lifetime of the access tokens the endpoint issues (Xero: 1800 s, Sage: 300 s). */
  accessTokenTtlSeconds: number;
  /** Prefix of issued tokens, so a test can tell whose they are. */
  prefix: string;
}

/** An access and refresh token pair as a completed authorization would leave them. */
export interface FakeTokenPair {
  accessToken: string;
  refreshToken: string;
  /** ISO time the access token expires. */
  expiresAt: string;
}

/**
 * The token endpoint of a fake OAuth2 authorization server, refresh grant only
 * (RFC 6749 §6): `POST` form-encoded `grant_type=refresh_token&refresh_token=…` with HTTP
 * Basic client authentication; answers `{access_token, refresh_token, expires_in, token_type}`.
 * Refresh tokens rotate: each is single-use, a used or revoked one gets `400 invalid_grant`;
 * wrong client credentials get `401 invalid_client`. Access tokens are short-lived and
 * {@link isValid} says whether one is currently accepted.
 */
export class FakeOAuth2Tokens {
  /** Every refresh request the endpoint got, answered or not. */
  readonly refreshRequests: RecordedRequest[] = [];
  /** Every token ever issued (for tests that check none reached a log). */
  readonly issued: string[] = [];
  private readonly accessTokens = new Map<string, number>();
  private readonly refreshTokens = new Set<string>();
  private holds: Promise<void>[] = [];

  constructor(private readonly options: FakeOAuth2Options) {}

  /** A fresh pair, as if the company had just connected (authorization code flow, not faked). */
  issue(ttlSeconds = this.options.accessTokenTtlSeconds): FakeTokenPair {
    const accessToken = this.token('at');
    const refreshToken = this.token('rt');
    const expiresAt = Date.now() + ttlSeconds * 1000;
    this.accessTokens.set(accessToken, expiresAt);
    this.refreshTokens.add(refreshToken);
    return { accessToken, refreshToken, expiresAt: new Date(expiresAt).toISOString() };
  }

  isValid(accessToken: string): boolean {
    return (this.accessTokens.get(accessToken) ?? 0) > Date.now();
  }

  /** The token is refused from now on (as if it had expired early). */
  expire(accessToken: string): void {
    this.accessTokens.set(accessToken, 0);
  }

  /** Every refresh token is refused from now on (the company disconnected the app). */
  revokeRefreshTokens(): void {
    this.refreshTokens.clear();
  }

  /** Token requests wait until the returned function is called (to hold a refresh in flight). */
  hold(): () => void {
    let release!: () => void;
    this.holds.push(new Promise<void>((resolve) => (release = resolve)));
    return release;
  }

  async handle(req: RecordedRequest): Promise<FakeResponse> {
    this.refreshRequests.push(req);
    await Promise.all(this.holds);
    if (!String(header(req, 'content-type')).startsWith('application/x-www-form-urlencoded')) {
      return oauthError(400, 'invalid_request', 'The body must be application/x-www-form-urlencoded');
    }
    if (!this.clientAuthenticated(header(req, 'authorization'))) {
      return { ...oauthError(401, 'invalid_client', 'Client authentication failed'), headers: { 'www-authenticate': 'Basic realm="token"' } };
    }
    const form = new URLSearchParams(req.body);
    if (form.get('grant_type') !== 'refresh_token') return oauthError(400, 'unsupported_grant_type', 'Only refresh_token is supported here');
    const presented = form.get('refresh_token') ?? '';
    if (!this.refreshTokens.delete(presented)) return oauthError(400, 'invalid_grant', 'The refresh token is invalid, expired or already used');
    const pair = this.issue();
    return {
      status: 200,
      headers: { 'cache-control': 'no-store' },
      body: { access_token: pair.accessToken, refresh_token: pair.refreshToken, expires_in: this.options.accessTokenTtlSeconds, token_type: 'Bearer' },
    };
  }

  private clientAuthenticated(authorization: string | undefined): boolean {
    const match = /^Basic ([A-Za-z0-9+/=]+)$/.exec(authorization ?? '');
    if (!match?.[1]) return false;
    const decoded = Buffer.from(match[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return false;
    const formDecode = (s: string): string => decodeURIComponent(s.replace(/\+/g, ' '));
    return formDecode(decoded.slice(0, colon)) === this.options.clientId && formDecode(decoded.slice(colon + 1)) === this.options.clientSecret;
  }

  private token(kind: string): string {
    const value = `${this.options.prefix}-${kind}-${randomBytes(18).toString('base64url')}`;
    this.issued.push(value);
    return value;
  }
}

function oauthError(status: number, error: string, description: string): FakeResponse {
  return { status, headers: { 'cache-control': 'no-store' }, body: { error, error_description: description } };
}

function header(req: RecordedRequest, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}
