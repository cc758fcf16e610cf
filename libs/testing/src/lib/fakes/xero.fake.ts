import { randomUUID } from 'node:crypto';
import Decimal from 'decimal.js';
import { FakeHttpServer, type FakeResponse, type RecordedRequest } from '../fake-http-server';
import { FakeOAuth2Tokens } from './oauth2-tokens';
import { ScriptedFaults } from './scripted-faults';

/** A manual journal the fake Xero organisation holds. */
export interface XeroFakeJournal {
  ManualJournalID: string;
  tenantId: string;
  idempotencyKey?: string;
  Narration: string;
  Date: string;
  Status: string;
  LineAmountTypes: string;
  JournalLines: { LineAmount: number; AccountCode: string; Description?: string; TaxType?: string; Tracking?: { Name: string; Option: string }[] }[];
}

export interface XeroFakeOptions {
  /** A token accepted for ever (tests that are not about expiry); issued tokens expire. */
  accessToken: string;
  tenantId: string;
  /** Account codes of the chart; when set, other codes are refused. */
  accounts?: string[];
  /** Calls per tenant per minute before 429 (Xero: 60). */
  minuteLimit?: number;
  /** The app's client credentials at the token endpoint; tokens it issues live 30 minutes unless told otherwise. */
  oauth?: { clientId: string; clientSecret: string; accessTokenTtlSeconds?: number };
}

const BASE = '/api.xro/2.0';
/** Path of Xero's token endpoint (identity.xero.com) on the fake. */
const TOKEN_PATH = '/connect/token';

/**
 * Contract fake of the Xero Accounting API's ManualJournals ([doc] XeroAPI/Xero-OpenAPI):
 * `PUT /api.xro/2.0/ManualJournals` with a bearer token and `xero-tenant-id`; an
 * `Idempotency-Key` (≤ 128 characters) answers a repeated request with the first answer
 * and creates nothing; validation errors as `{ErrorNumber, Type, Message, Elements[..ValidationErrors]}`;
 * per-minute limit with `Retry-After`, `X-MinLimit-Remaining`, `X-DayLimit-Remaining`;
 * 401 for an unknown or expired access token. `POST /connect/token` is the identity
 * server's token endpoint ({@link FakeOAuth2Tokens}: short-lived access tokens, rotating
 * refresh tokens). Base URL for adapters: `${fake.url}/api.xro/2.0`; token URL `fake.tokenUrl`.
 */
export class XeroFake extends FakeHttpServer {
  readonly journals: XeroFakeJournal[] = [];
  readonly faults = new ScriptedFaults();
  readonly tokens: FakeOAuth2Tokens;
  private readonly replies = new Map<string, FakeResponse>();
  private readonly calls: number[] = [];

  constructor(private readonly options: XeroFakeOptions) {
    super();
    const oauth = options.oauth ?? { clientId: 'xero-fake-client', clientSecret: 'xero-fake-secret' };
    this.tokens = new FakeOAuth2Tokens({ ...oauth, accessTokenTtlSeconds: oauth.accessTokenTtlSeconds ?? 1800, prefix: 'xero' });
    this.route('POST', TOKEN_PATH, (req) => this.tokens.handle(req));
    this.route('PUT', `${BASE}/ManualJournals`, (req) => this.createJournals(req));
    this.route('POST', `${BASE}/ManualJournals`, (req) => this.createJournals(req));
    this.route('GET', `${BASE}/ManualJournals`, (req) => this.authorise(req) ?? this.ok({ ManualJournals: this.journals.filter((j) => j.tenantId === this.options.tenantId).map(view) }));
  }

  get apiUrl(): string {
    return `${this.url}${BASE}`;
  }

  get tokenUrl(): string {
    return `${this.url}${TOKEN_PATH}`;
  }

  private createJournals(req: RecordedRequest): FakeResponse {
    const refused = this.authorise(req);
    if (refused) return refused;
    const key = header(req, 'idempotency-key');
    if (key !== undefined && key.length > 128) return validation([], 'Idempotency-Key must be at most 128 characters');
    const fault = this.faults.take();
    if (fault?.kind === 'answer') return fault.response;
    const scoped = key === undefined ? undefined : `${this.options.tenantId}:${key}`;
    const earlier = scoped ? this.replies.get(scoped) : undefined;
    if (earlier) return { ...earlier, ...(fault?.kind === 'delay' ? { delayMs: fault.delayMs } : {}) };
    const limited = this.countCall();
    if (limited) return limited;
    const reply = this.validateAndCreate(req.body, key);
    // Xero keeps the answer for the key, success or validation error alike.
    if (scoped && (reply.status ?? 200) < 500) this.replies.set(scoped, reply);
    return { ...reply, ...(fault?.kind === 'delay' ? { delayMs: fault.delayMs } : {}) };
  }

  private validateAndCreate(raw: string, key: string | undefined): FakeResponse {
    let body: { ManualJournals?: Partial<XeroFakeJournal>[] };
    try {
      body = JSON.parse(raw) as typeof body;
    } catch {
      return { status: 400, body: { ErrorNumber: 14, Type: 'PostDataInvalidException', Message: 'Invalid Json data' } };
    }
    const input = body.ManualJournals ?? [];
    if (!input.length) return validation([], 'ManualJournals must contain at least one journal');
    const elements = input.map((j) => ({ ...j, ValidationErrors: this.problems(j).map((Message) => ({ Message })) }));
    if (elements.some((e) => e.ValidationErrors.length)) return validation(elements);
    const created = input.map((j): XeroFakeJournal => ({
      ManualJournalID: randomUUID(),
      tenantId: this.options.tenantId,
      ...(key ? { idempotencyKey: key } : {}),
      Narration: j.Narration ?? '',
      Date: j.Date ?? '',
      Status: j.Status ?? 'DRAFT',
      LineAmountTypes: j.LineAmountTypes ?? 'NoTax',
      JournalLines: j.JournalLines ?? [],
    }));
    this.journals.push(...created);
    return this.ok({ Id: randomUUID(), Status: 'OK', ProviderName: 'hub-fake', DateTimeUTC: `/Date(${Date.now()})/`, ManualJournals: created.map(view) });
  }

  private problems(j: Partial<XeroFakeJournal>): string[] {
    const out: string[] = [];
    if (!j.Narration) out.push('Narration is required');
    if (!j.Date || !/^\d{4}-\d{2}-\d{2}/.test(j.Date)) out.push('Date is required');
    if (j.Status && !['DRAFT', 'POSTED'].includes(j.Status)) out.push(`Status ${j.Status} is not valid`);
    if (j.LineAmountTypes && !['NoTax', 'Exclusive', 'Inclusive'].includes(j.LineAmountTypes)) out.push('LineAmountTypes is not valid');
    const lines = j.JournalLines ?? [];
    if (lines.length < 2) out.push('Journal must have at least two lines');
    let total = new Decimal(0);
    lines.forEach((l) => {
      if (typeof l.LineAmount !== 'number') out.push('LineAmount must be a number');
      else if (new Decimal(String(l.LineAmount)).decimalPlaces() > 2) out.push(`LineAmount ${l.LineAmount} has more than 2 decimal places`);
      else total = total.plus(String(l.LineAmount));
      if (this.options.accounts && !this.options.accounts.includes(l.AccountCode)) {
        out.push(`Account code '${l.AccountCode}' is not a valid code for this document.`);
      }
      if ((l.Tracking ?? []).length > 2) out.push('A maximum of 2 tracking categories can be applied to a line item.');
    });
    if (!total.isZero()) out.push(`The total debits (${sum(lines, 1)}) must equal total credits (${sum(lines, -1)})`);
    return out;
  }

  private authorise(req: RecordedRequest): FakeResponse | undefined {
    const bearer = /^Bearer (.+)$/.exec(header(req, 'authorization') ?? '')?.[1] ?? '';
    if (bearer !== this.options.accessToken && !this.tokens.isValid(bearer)) {
      return { status: 401, headers: { 'www-authenticate': 'Bearer error="invalid_token"' }, body: { Type: null, Title: 'Unauthorized', Status: 401, Detail: 'TokenExpired: token expired or unknown' } };
    }
    if (header(req, 'xero-tenant-id') !== this.options.tenantId) {
      return { status: 403, body: { Type: null, Title: 'Forbidden', Status: 403, Detail: 'AuthorizationUnsuccessful' } };
    }
    return undefined;
  }

  private countCall(): FakeResponse | undefined {
    const now = Date.now();
    while (this.calls.length && (this.calls[0] ?? 0) < now - 60_000) this.calls.shift();
    const limit = this.options.minuteLimit ?? 60;
    if (this.calls.length >= limit) {
      const retry = Math.max(1, Math.ceil(((this.calls[0] ?? now) + 60_000 - now) / 1000));
      return { status: 429, headers: { 'retry-after': String(retry), 'x-rate-limit-problem': 'minute' } };
    }
    this.calls.push(now);
    return undefined;
  }

  private ok(body: unknown): FakeResponse {
    const left = Math.max(0, (this.options.minuteLimit ?? 60) - this.calls.length);
    return { status: 200, headers: { 'x-minlimit-remaining': String(left), 'x-daylimit-remaining': '4999' }, body };
  }
}

function validation(elements: unknown[], message?: string): FakeResponse {
  return {
    status: 400,
    body: {
      ErrorNumber: 10,
      Type: 'ValidationException',
      Message: 'A validation exception occurred',
      Elements: message ? [{ ValidationErrors: [{ Message: message }] }] : elements,
    },
  };
}

function view(j: XeroFakeJournal): Record<string, unknown> {
  const { tenantId: _t, idempotencyKey: _k, ...rest } = j;
  return { ...rest, Date: `/Date(${Date.parse(j.Date)}+0000)/`, ShowOnCashBasisReports: true, HasAttachments: false };
}

function sum(lines: { LineAmount: number }[], sign: 1 | -1): string {
  return lines.reduce((s, l) => (Math.sign(l.LineAmount) === sign ? s.plus(String(Math.abs(l.LineAmount))) : s), new Decimal(0)).toFixed(2);
}

function header(req: RecordedRequest, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}
