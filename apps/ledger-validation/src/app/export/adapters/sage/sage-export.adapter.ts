import { createHash } from 'node:crypto';
import type { ExportableEntry } from '../../ports/exportable-entry';
import { optionalField, stringMap } from '../credential-fields';
import { stringifyWithDecimals } from '../decimal-json';
import { ExportError, type ExportProblem } from '../export-error';
import type { CredentialStore, ExternalRef, LedgerExportAdapter, TargetCredentials } from '../ledger-export-adapter.port';
import { type OAuth2Provider, OAuth2Session } from '../oauth2-session';
import type { OutboundPolicy } from '../outbound-policy';
import { callTarget, commonFailure, shortReason, type TargetResponse } from '../target-http';
import { toSageJournal } from './sage-journal.mapper';

/** Sage's error answer: a list of `{$severity, $dataCode, $message, $source}`. */
interface SageError {
  $severity?: string;
  $dataCode?: string;
  $message?: string;
  $source?: string;
}

interface SagePage {
  $items?: { id?: string; nominal_code?: string }[];
  $next?: string | null;
}

const ACCOUNTS_TTL_MS = 10 * 60_000;
const MAX_ACCOUNT_PAGES = 50;

/** Sage's authorization server; access tokens live about 5 minutes, refresh tokens rotate. */
export const SAGE_OAUTH: OAuth2Provider = { name: 'Sage', defaultTokenUrl: 'https://oauth.accounting.sage.com/token', connection: 'business' };

/**
 * Sage Business Cloud Accounting v3.1 ([doc]): `POST /journals` with `idempotency_id`
 * so a retry is answered with the journal already made. Credentials: `accessToken`
 * (OAuth2 bearer; for refresh `refreshToken`, `clientId`, `clientSecret`, optional `tokenUrl`
 * and `expiresAt`, see {@link OAuth2Session}), optional `businessId` (`X-Business`, for multi-business users) and
 * optional `ledgerAccountIds` (ERP account number → Sage ledger account id); accounts
 * not mapped are found by nominal code through the paged `GET /ledger_accounts`.
 */
export class SageExportAdapter implements LedgerExportAdapter {
  readonly target = 'sage' as const;
  private readonly accountCache = new Map<string, { at: number; ids: Map<string, string> }>();

  constructor(
    private readonly baseUrl: () => string,
    private readonly timeoutMs: number,
    /** For the company's own `tokenUrl`. */
    private readonly policy: OutboundPolicy,
  ) {}

  async export(entry: ExportableEntry, credentials: TargetCredentials, idempotencyKey: string, store: CredentialStore): Promise<ExternalRef> {
    const session = new OAuth2Session(SAGE_OAUTH, credentials, store, this.timeoutMs, this.policy);
    const headers = this.headers(credentials);
    const ids = await this.ledgerAccounts(entry, credentials, headers, session);
    const journal = stringifyWithDecimals(toSageJournal(entry, ids, idempotencyKey));
    const res = await session.send((authorization) =>
      callTarget('Sage', `${this.baseUrl()}/journals`, { method: 'POST', headers: { ...headers, authorization, 'content-type': 'application/json' }, body: journal }, { timeoutMs: this.timeoutMs }),
    );
    if (res.status === 200 || res.status === 201) {
      const body = res.json as { id?: string; displayed_as?: string } | undefined;
      if (!body?.id) throw new ExportError('retryable', 'Sage answered without a journal id', { httpStatus: res.status, outcomeUnknown: true });
      return { externalId: body.id, ...(body.displayed_as ? { externalNumber: body.displayed_as } : {}), replayed: res.status === 200, warnings: [] };
    }
    throw failure(res);
  }

  /** Headers of every call but `authorization`, which the session adds. */
  private headers(credentials: TargetCredentials): Record<string, string> {
    const business = optionalField(credentials, 'businessId');
    return {
      accept: 'application/json',
      ...(business ? { 'x-business': business } : {}),
    };
  }

  /** Account number → Sage ledger account id, for every account the entry uses. */
  private async ledgerAccounts(entry: ExportableEntry, credentials: TargetCredentials, headers: Record<string, string>, session: OAuth2Session): Promise<Map<string, string>> {
    const mapped = stringMap(credentials, 'ledgerAccountIds');
    const needed = [...new Set(entry.rows.map((r) => r.accountNumber))];
    const ids = new Map(needed.filter((n) => mapped[n]).map((n) => [n, mapped[n] as string]));
    if (ids.size < needed.length) {
      const all = await this.nominalCodes(headers, session);
      for (const n of needed) if (!ids.has(n) && all.has(n)) ids.set(n, all.get(n) as string);
    }
    const missing = needed.filter((n) => !ids.has(n));
    if (missing.length) {
      throw new ExportError('needs-a-person', `Sage has no ledger account with nominal code ${missing.join(', ')}; create it in Sage or map it in the credentials' ledgerAccountIds`, {
        problems: missing.map((n) => ({ field: 'accountNumber', message: `no Sage ledger account for ${n}` })),
      });
    }
    return ids;
  }

  /** Cached per access token (a company's own), so a refreshed token reads the chart again once. */
  private async nominalCodes(headers: Record<string, string>, session: OAuth2Session): Promise<Map<string, string>> {
    const cacheKey = async (): Promise<string> =>
      createHash('sha256').update(`${this.baseUrl()}\n${headers['x-business'] ?? ''}\n${await session.accessToken()}`).digest('hex');
    const cached = this.accountCache.get(await cacheKey());
    if (cached && Date.now() - cached.at < ACCOUNTS_TTL_MS) return cached.ids;
    const ids = new Map<string, string>();
    let path: string | null | undefined = '/ledger_accounts?items_per_page=200&attributes=nominal_code';
    for (let page = 0; path && page < MAX_ACCOUNT_PAGES; page++) {
      const url = `${this.baseUrl()}${path.replace(/^\/v3\.1/, '')}`;
      const res = await session.send((authorization) => callTarget('Sage', url, { method: 'GET', headers: { ...headers, authorization } }, { timeoutMs: this.timeoutMs }));
      if (res.status !== 200) throw failure(res);
      const body = (res.json ?? {}) as SagePage;
      for (const a of body.$items ?? []) if (a.id && a.nominal_code) ids.set(a.nominal_code, a.id);
      path = body.$next;
    }
    // Tokens rotate, so keys of tokens no longer in use are dropped once stale.
    for (const [key, entry] of this.accountCache) if (Date.now() - entry.at >= ACCOUNTS_TTL_MS) this.accountCache.delete(key);
    this.accountCache.set(await cacheKey(), { at: Date.now(), ids });
    return ids;
  }
}

function failure(res: TargetResponse): ExportError {
  const errors = (Array.isArray(res.json) ? res.json : []) as SageError[];
  const problems: ExportProblem[] = errors.map((e) => ({ message: e.$message ?? 'error', ...(e.$source ? { field: e.$source } : {}) }));
  const summary = problems.map((p) => (p.field ? `${p.field}: ${p.message}` : p.message)).join('; ');
  const common = commonFailure('Sage', res, summary || undefined);
  if (common) return common;
  if (res.status === 400 || res.status === 422 || res.status === 409) {
    return new ExportError('needs-a-person', `Sage: ${summary || `refused the journal (HTTP ${res.status})`}`, {
      httpStatus: res.status,
      ...(errors[0]?.$dataCode ? { code: errors[0].$dataCode } : {}),
      problems,
    });
  }
  const reason = shortReason(summary);
  return new ExportError('terminal', `Sage answered HTTP ${res.status}${reason ? `: ${reason}` : ''}`, { httpStatus: res.status });
}
