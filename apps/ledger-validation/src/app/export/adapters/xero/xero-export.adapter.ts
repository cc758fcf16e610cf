import type { ExportableEntry } from '../../ports/exportable-entry';
import { optionalField, requiredField, stringList, stringMap } from '../credential-fields';
import { stringifyWithDecimals } from '../decimal-json';
import { ExportError, type ExportProblem } from '../export-error';
import type { CredentialStore, ExternalRef, LedgerExportAdapter, TargetCredentials } from '../ledger-export-adapter.port';
import { type OAuth2Provider, OAuth2Session } from '../oauth2-session';
import type { OutboundPolicy } from '../outbound-policy';
import { callTarget, commonFailure, shortReason, type TargetResponse } from '../target-http';
import { toXeroManualJournal } from './xero-journal.mapper';

/** Xero documents the Idempotency-Key header as at most 128 characters. */
const MAX_IDEMPOTENCY_KEY = 128;

/** Xero's identity server; access tokens live 30 minutes, refresh tokens rotate. */
export const XERO_OAUTH: OAuth2Provider = { name: 'Xero', defaultTokenUrl: 'https://identity.xero.com/connect/token', connection: 'organisation' };

interface XeroValidationBody {
  ErrorNumber?: number;
  Type?: string;
  Message?: string;
  Elements?: unknown[];
}

/**
 * Xero Accounting API, ManualJournals ([doc] XeroAPI/Xero-OpenAPI): `PUT /ManualJournals`
 * creates; `xero-tenant-id` picks the organisation; `Idempotency-Key` makes a retry return
 * the first answer instead of a second journal. Credentials: `accessToken` (OAuth2 bearer),
 * `tenantId`; for refresh `refreshToken`, `clientId`, `clientSecret`, optional `tokenUrl`
 * and `expiresAt` ({@link OAuth2Session}); options `trackingGroups`, `taxTypes`, `journalStatus`.
 */
export class XeroExportAdapter implements LedgerExportAdapter {
  readonly target = 'xero' as const;

  constructor(
    private readonly baseUrl: () => string,
    private readonly timeoutMs: number,
    /** For the company's own `tokenUrl`. */
    private readonly policy: OutboundPolicy,
  ) {}

  async export(entry: ExportableEntry, credentials: TargetCredentials, idempotencyKey: string, store: CredentialStore): Promise<ExternalRef> {
    if (idempotencyKey.length > MAX_IDEMPOTENCY_KEY) throw new Error(`Xero Idempotency-Key longer than ${MAX_IDEMPOTENCY_KEY}`);
    const session = new OAuth2Session(XERO_OAUTH, credentials, store, this.timeoutMs, this.policy);
    const tenantId = requiredField(credentials, 'tenantId', 'Xero');
    const { journal, warnings } = toXeroManualJournal(entry, {
      trackingGroups: stringList(credentials, 'trackingGroups'),
      taxTypes: stringMap(credentials, 'taxTypes'),
      status: optionalField(credentials, 'journalStatus') === 'DRAFT' ? 'DRAFT' : 'POSTED',
    });
    const body = stringifyWithDecimals({ ManualJournals: [journal] });
    const res = await session.send((authorization) =>
      callTarget(
        'Xero',
        `${this.baseUrl()}/ManualJournals?summarizeErrors=true`,
        {
          method: 'PUT',
          headers: { authorization, 'xero-tenant-id': tenantId, 'idempotency-key': idempotencyKey, accept: 'application/json', 'content-type': 'application/json' },
          body,
        },
        { timeoutMs: this.timeoutMs },
      ),
    );
    if (res.status === 200 || res.status === 201) return this.created(res, warnings);
    throw this.failure(res);
  }

  private created(res: TargetResponse, warnings: string[]): ExternalRef {
    const body = res.json as { ManualJournals?: { ManualJournalID?: string }[] } | undefined;
    const id = body?.ManualJournals?.[0]?.ManualJournalID;
    if (!id) throw new ExportError('retryable', 'Xero answered without a ManualJournalID', { httpStatus: res.status, outcomeUnknown: true });
    // Xero counts calls per tenant per minute; when none are left the next call would be a 429.
    const minuteLeft = res.headers.get('x-minlimit-remaining');
    return { externalId: id, replayed: false, warnings, ...(minuteLeft === '0' ? { pauseMs: 60_000 } : {}) };
  }

  private failure(res: TargetResponse): ExportError {
    const body = (res.json ?? {}) as XeroValidationBody & { Detail?: string; Title?: string };
    const common = commonFailure('Xero', res, body.Message ?? body.Detail ?? body.Title);
    if (common) return common;
    if (res.status === 400) {
      const problems = validationErrors(body.Elements ?? []);
      const summary = problems.map((p) => p.message).join('; ') || body.Message || 'Xero refused the journal';
      return new ExportError('needs-a-person', `Xero: ${summary}`, {
        httpStatus: 400,
        code: body.ErrorNumber !== undefined ? `${body.ErrorNumber} ${body.Type ?? ''}`.trim() : body.Type,
        problems,
      });
    }
    const reason = shortReason(body.Message);
    return new ExportError('terminal', `Xero answered HTTP ${res.status}${reason ? `: ${reason}` : ''}`, { httpStatus: res.status });
  }
}

/** Every `ValidationErrors[].Message` anywhere under the elements (journal and its lines). */
function validationErrors(node: unknown, path = ''): ExportProblem[] {
  if (Array.isArray(node)) return node.flatMap((n, i) => validationErrors(n, path ? `${path}[${i}]` : ''));
  if (typeof node !== 'object' || node === null) return [];
  const out: ExportProblem[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (key === 'ValidationErrors' && Array.isArray(value)) {
      for (const v of value) {
        const message = (v as { Message?: unknown }).Message;
        if (typeof message === 'string') out.push({ message, ...(path ? { field: path } : {}) });
      }
    } else if (typeof value === 'object' && value !== null) {
      out.push(...validationErrors(value, path ? `${path}.${key}` : key));
    }
  }
  return out;
}
