import { randomUUID } from 'node:crypto';
import Decimal from 'decimal.js';
import { FakeHttpServer, type FakeResponse, type RecordedRequest } from '../fake-http-server';
import { ScriptedFaults } from './scripted-faults';

/** A journal entry the fake company database holds. */
export interface SapB1FakeJournal {
  JdtNum: number;
  Number: number;
  ReferenceDate: string;
  Memo: string;
  Reference: string;
  Reference2?: string;
  JournalEntryLines: ({ AccountCode: string; Debit: number; Credit: number; LineMemo?: string } & Record<string, unknown>)[];
}

export interface SapB1FakeOptions {
  companyDb: string;
  userName: string;
  password: string;
  /** Account codes of the chart; other codes are refused. */
  accounts: string[];
  sessionTimeoutMinutes?: number;
}

const BASE = '/b1s/v1';

/**
 * Contract fake of the SAP Business One Service Layer ([client]): `POST /b1s/v1/Login`
 * `{CompanyDB, UserName, Password}` sets `B1SESSION` (and `ROUTEID`) cookies; every other
 * call needs the session cookie (else 401 code 301 "Invalid session."). `POST
 * /b1s/v1/JournalEntries` creates with NO idempotency (a repeated POST is a second
 * journal, as on a real server); `GET /b1s/v1/JournalEntries?$filter=Reference eq '...'`
 * finds by reference. Errors as `{"error":{"code", "message":{"lang","value"}}}`.
 * Base URL for adapters: `fake.url` (the adapter appends /b1s/v1).
 */
export class SapB1Fake extends FakeHttpServer {
  readonly journals: SapB1FakeJournal[] = [];
  readonly faults = new ScriptedFaults();
  private readonly sessions = new Set<string>();
  private nextNumber = 1;
  logins = 0;

  constructor(private readonly options: SapB1FakeOptions) {
    super();
    this.route('POST', `${BASE}/Login`, (req) => this.login(req));
    this.route('POST', `${BASE}/Logout`, (req) => {
      const s = session(req);
      if (s) this.sessions.delete(s);
      return { status: 204, body: '' };
    });
    this.route('GET', `${BASE}/JournalEntries`, (req) => this.authorise(req) ?? this.find(req));
    this.route('POST', `${BASE}/JournalEntries`, (req) => this.authorise(req) ?? this.create(req));
  }

  /** Ends every session, as a Service Layer restart or timeout would. */
  expireSessions(): void {
    this.sessions.clear();
  }

  private login(req: RecordedRequest): FakeResponse {
    const body = parse(req.body) as { CompanyDB?: string; UserName?: string; Password?: string } | undefined;
    if (body?.CompanyDB !== this.options.companyDb || body.UserName !== this.options.userName || body.Password !== this.options.password) {
      return sapError(401, 100000027, 'Login failed');
    }
    this.logins++;
    const id = randomUUID();
    this.sessions.add(id);
    const timeout = this.options.sessionTimeoutMinutes ?? 30;
    return {
      status: 200,
      headers: { 'set-cookie': `B1SESSION=${id}; HttpOnly; path=/b1s` },
      body: { 'odata.metadata': `${BASE}/$metadata#B1Sessions/@Element`, SessionId: id, Version: '1000190', SessionTimeout: timeout },
    };
  }

  private find(req: RecordedRequest): FakeResponse {
    const filter = req.query.get('$filter');
    const match = filter ? /^Reference eq '((?:[^']|'')*)'$/.exec(filter) : null;
    if (filter && !match) return sapError(400, -1000, `Fake supports only $filter=Reference eq '...', got ${filter}`);
    const wanted = match?.[1]?.replace(/''/g, "'");
    const value = this.journals.filter((j) => wanted === undefined || j.Reference === wanted);
    return { status: 200, body: { 'odata.metadata': `${BASE}/$metadata#JournalEntries`, value } };
  }

  private create(req: RecordedRequest): FakeResponse {
    const fault = this.faults.take();
    if (fault?.kind === 'answer') return fault.response;
    const delay = fault?.kind === 'delay' ? { delayMs: fault.delayMs } : {};
    const input = parse(req.body) as Partial<SapB1FakeJournal> | undefined;
    if (!input) return sapError(400, -1000, 'Invalid JSON');
    const problem = this.problem(input);
    if (problem) return { ...sapError(400, -5002, problem), ...delay };
    const n = this.nextNumber++;
    const journal: SapB1FakeJournal = {
      JdtNum: n,
      Number: n,
      ReferenceDate: input.ReferenceDate ?? '',
      Memo: input.Memo ?? '',
      Reference: input.Reference ?? '',
      ...(input.Reference2 ? { Reference2: input.Reference2 } : {}),
      JournalEntryLines: input.JournalEntryLines ?? [],
    };
    this.journals.push(journal);
    return { status: 201, body: { 'odata.metadata': `${BASE}/$metadata#JournalEntries/@Element`, ...journal }, ...delay };
  }

  private problem(j: Partial<SapB1FakeJournal>): string | undefined {
    if (!j.ReferenceDate || !/^\d{4}-\d{2}-\d{2}$/.test(j.ReferenceDate)) return "Value is not valid for property 'ReferenceDate'";
    if ((j.Memo ?? '').length > 50) return "Value too long in property 'Memo' of 'JournalEntry'";
    if ((j.Reference ?? '').length > 100) return "Value too long in property 'Reference' of 'JournalEntry'";
    const lines = j.JournalEntryLines ?? [];
    if (lines.length < 2) return 'Enter at least two rows';
    let total = new Decimal(0);
    for (const [i, l] of lines.entries()) {
      if (!this.options.accounts.includes(l.AccountCode)) return `Invalid account code '${l.AccountCode}' [JournalEntryLines.AccountCode][line: ${i + 1}]`;
      if (typeof l.Debit !== 'number' || typeof l.Credit !== 'number') return `Debit and Credit must be numbers [line: ${i + 1}]`;
      if (new Decimal(String(l.Debit)).decimalPlaces() > 2 || new Decimal(String(l.Credit)).decimalPlaces() > 2) return `Amount has too many decimals [line: ${i + 1}]`;
      total = total.plus(String(l.Debit)).minus(String(l.Credit));
    }
    return total.isZero() ? undefined : 'Unbalanced transaction';
  }

  private authorise(req: RecordedRequest): FakeResponse | undefined {
    const s = session(req);
    return s && this.sessions.has(s) ? undefined : sapError(401, 301, 'Invalid session.');
  }
}

function session(req: RecordedRequest): string | undefined {
  const cookie = req.headers['cookie'];
  const text = Array.isArray(cookie) ? cookie.join('; ') : (cookie ?? '');
  return /(?:^|;\s*)B1SESSION=([^;]+)/.exec(text)?.[1];
}

function sapError(status: number, code: number, value: string): FakeResponse {
  return { status, body: { error: { code, message: { lang: 'en-us', value } } } };
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
