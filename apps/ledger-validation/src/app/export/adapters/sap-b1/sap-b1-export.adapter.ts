import { createHash } from 'node:crypto';
import type { ExportableEntry } from '../../ports/exportable-entry';
import { requiredField } from '../credential-fields';
import { stringifyWithDecimals } from '../decimal-json';
import { ExportError } from '../export-error';
import type { ExternalRef, LedgerExportAdapter, TargetCredentials } from '../ledger-export-adapter.port';
import { joinBaseUrl, type OutboundPolicy, OutboundRefused } from '../outbound-policy';
import { type CallOptions, callTarget, commonFailure, shortReason, type TargetRequest, type TargetResponse } from '../target-http';
import { toSapJournalEntry } from './sap-b1-journal.mapper';

/** `{"error":{"code":-5002,"message":{"lang":"en-us","value":"..."}}}` */
interface SapError {
  error?: { code?: number | string; message?: { value?: string } | string };
}

interface Session {
  cookie: string;
  expiresAt: number;
}

/** Service Layer answers 401 with this code when the B1SESSION expired or was logged out. */
const SESSION_INVALID = '301';

/**
 * SAP Business One Service Layer ([client]): `POST /b1s/v1/Login` sets the `B1SESSION`
 * cookie; `POST /b1s/v1/JournalEntries` creates. The Service Layer has no idempotency,
 * so every export first asks `GET /JournalEntries?$filter=Reference eq '<ref>'` for the
 * reference derived from the entry: a journal created by an attempt whose answer was lost
 * is found and adopted instead of being created again. Credentials: `serviceLayerUrl`
 * (the company's own server), `companyDb`, `userName`, `password`; option `dimensions`.
 * `serviceLayerUrl` is the company's: every call goes through the {@link OutboundPolicy}
 * and errors keep the status and SAP's own short message, never the raw answer.
 */
export class SapB1ExportAdapter implements LedgerExportAdapter {
  readonly target = 'sap-b1' as const;
  private readonly sessions = new Map<string, Session>();

  constructor(
    private readonly timeoutMs: number,
    private readonly policy: OutboundPolicy,
  ) {}

  async export(entry: ExportableEntry, credentials: TargetCredentials, idempotencyKey: string): Promise<ExternalRef> {
    try {
      return await this.exportOnce(entry, credentials, idempotencyKey);
    } catch (error) {
      if (!(error instanceof SessionExpired)) throw error;
      this.sessions.delete(sessionKey(credentials));
      return this.exportOnce(entry, credentials, idempotencyKey);
    }
  }

  private async exportOnce(entry: ExportableEntry, credentials: TargetCredentials, reference: string): Promise<ExternalRef> {
    const base = serviceLayerBase(requiredField(credentials, 'serviceLayerUrl', 'SAP B1'));
    const cookie = await this.session(base, credentials);
    const headers = { cookie, accept: 'application/json' };
    const filter = encodeURIComponent(`Reference eq '${reference.replace(/'/g, "''")}'`);
    const found = await this.call(`${base}/JournalEntries?$filter=${filter}&$select=JdtNum,Number,Reference`, { method: 'GET', headers });
    if (found.status !== 200) throw failure(found);
    const existing = ((found.json ?? {}) as { value?: { JdtNum?: number; Number?: number }[] }).value?.[0];
    if (existing?.JdtNum !== undefined) {
      return { externalId: String(existing.JdtNum), ...numberOf(existing), replayed: true, warnings: [] };
    }
    const dims = credentials['dimensions'];
    const { journal, warnings } = toSapJournalEntry(entry, reference, isDimensionMap(dims) ? dims : undefined);
    const res = await this.call(`${base}/JournalEntries`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: stringifyWithDecimals(journal),
    });
    if (res.status !== 201 && res.status !== 200) throw failure(res);
    const body = (res.json ?? {}) as { JdtNum?: number; Number?: number };
    if (body.JdtNum === undefined) throw new ExportError('retryable', 'SAP B1 answered without a JdtNum', { httpStatus: res.status, outcomeUnknown: true });
    return { externalId: String(body.JdtNum), ...numberOf(body), replayed: false, warnings };
  }

  /** A B1SESSION cookie, reused until shortly before the server's session timeout. */
  private async session(base: string, credentials: TargetCredentials): Promise<string> {
    const key = sessionKey(credentials);
    const cached = this.sessions.get(key);
    if (cached && cached.expiresAt > Date.now()) return cached.cookie;
    const res = await this.call(`${base}/Login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({
        CompanyDB: requiredField(credentials, 'companyDb', 'SAP B1'),
        UserName: requiredField(credentials, 'userName', 'SAP B1'),
        Password: requiredField(credentials, 'password', 'SAP B1'),
      }),
    });
    if (res.status !== 200) {
      const err = failure(res);
      // A refused login is never fixed by retrying; the Service Layer says 401 with its own code.
      if (err instanceof ExportError && (res.status === 401 || res.status === 400)) {
        throw new ExportError('needs-a-person', `SAP B1 login failed: ${err.message}`, err.details);
      }
      throw err;
    }
    const cookies = res.headers.getSetCookie().map((c) => c.split(';')[0] ?? '').filter((c) => /^(B1SESSION|ROUTEID)=/.test(c));
    if (!cookies.some((c) => c.startsWith('B1SESSION='))) throw new ExportError('retryable', 'SAP B1 login answered without a B1SESSION cookie');
    const minutes = Number((res.json as { SessionTimeout?: number } | undefined)?.SessionTimeout ?? 30);
    const session = { cookie: cookies.join('; '), expiresAt: Date.now() + Math.max(1, minutes - 1) * 60_000 };
    this.sessions.set(key, session);
    return session.cookie;
  }

  private call(url: string, init: TargetRequest): Promise<TargetResponse> {
    const options: CallOptions = { timeoutMs: this.timeoutMs, policy: this.policy };
    return callTarget('SAP B1', url, init, options);
  }
}

class SessionExpired extends Error {}

/** `<serviceLayerUrl>/b1s/v1`; a URL whose `?` or `#` would swallow the path is refused. */
function serviceLayerBase(serviceLayerUrl: string): string {
  try {
    return joinBaseUrl(serviceLayerUrl, '/b1s/v1');
  } catch (error) {
    if (!(error instanceof OutboundRefused)) throw error;
    throw new ExportError('needs-a-person', `SAP B1 serviceLayerUrl refused: ${error.message}; store the credentials again`);
  }
}

function failure(res: TargetResponse): Error {
  const body = (res.json ?? {}) as SapError;
  const code = body.error?.code !== undefined ? String(body.error.code) : undefined;
  const message = shortReason(typeof body.error?.message === 'string' ? body.error.message : body.error?.message?.value);
  if (res.status === 401 && code === SESSION_INVALID) return new SessionExpired('SAP B1 session expired');
  const common = commonFailure('SAP B1', res, message);
  if (common) return common;
  if (res.status === 400 || res.status === 404 || res.status === 409) {
    return new ExportError('needs-a-person', `SAP B1: ${message ?? `refused the journal (HTTP ${res.status})`}`, {
      httpStatus: res.status,
      ...(code ? { code } : {}),
      problems: message ? [{ message }] : [],
    });
  }
  return new ExportError('terminal', `SAP B1 answered HTTP ${res.status}${message ? `: ${message}` : ''}`, { httpStatus: res.status });
}

function numberOf(journal: { Number?: number }): { externalNumber?: string } {
  return journal.Number !== undefined ? { externalNumber: String(journal.Number) } : {};
}

function sessionKey(credentials: TargetCredentials): string {
  const parts = ['serviceLayerUrl', 'companyDb', 'userName', 'password'].map((f) => String(credentials[f] ?? ''));
  return createHash('sha256').update(parts.join('\n')).digest('hex');
}

function isDimensionMap(value: unknown): value is Record<string, number> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every((v) => Number.isInteger(v) && v >= 1 && v <= 5);
}
