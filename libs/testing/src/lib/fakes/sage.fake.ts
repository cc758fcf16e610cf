import { randomBytes } from 'node:crypto';
import Decimal from 'decimal.js';
import { FakeHttpServer, type FakeResponse, type RecordedRequest } from '../fake-http-server';
import { FakeOAuth2Tokens } from './oauth2-tokens';
import { ScriptedFaults } from './scripted-faults';

/** A journal the fake Sage business holds. */
export interface SageFakeJournal {
  id: string;
  business: string;
  idempotency_id?: string;
  date: string;
  reference: string;
  description: string;
  journal_lines: { ledger_account_id: string; debit: number; credit: number; details?: string }[];
}

export interface SageFakeOptions {
  /** A token accepted for ever (tests that are not about expiry); issued tokens expire. */
  accessToken: string;
  /** The business id; a request whose X-Business names another business is refused. */
  businessId: string;
  /** Nominal codes of the chart of accounts; each gets a ledger account id. */
  nominalCodes: string[];
  /** Ledger accounts per page of `GET /ledger_accounts` (Sage's default is 20). */
  pageSize?: number;
  /** The app's client credentials at the token endpoint; tokens it issues live 5 minutes unless told otherwise. */
  oauth?: { clientId: string; clientSecret: string; accessTokenTtlSeconds?: number };
}

const BASE = '/v3.1';
/** Path of Sage's token endpoint (oauth.accounting.sage.com) on the fake. */
const TOKEN_PATH = '/token';

/**
 * Contract fake of Sage Business Cloud Accounting v3.1 ([doc]): `POST /v3.1/journals`
 * `{"journal":{date, reference, description, journal_lines[{ledger_account_id, debit, credit, details}], idempotency_id}}`
 * with `Authorization: Bearer` and `X-Business`; the same `idempotency_id` answers with the
 * journal already made; errors as `[{$severity, $dataCode, $message, $source}]`; paged
 * `GET /v3.1/ledger_accounts` (`$items`, `$next`, `$total`); 429 with `Retry-After` on demand;
 * 401 for an unknown or expired access token. `POST /token` is the token endpoint
 * ({@link FakeOAuth2Tokens}: short-lived access tokens, rotating refresh tokens).
 * Base URL for adapters: `${fake.url}/v3.1`; token URL `fake.tokenUrl`.
 */
export class SageFake extends FakeHttpServer {
  readonly journals: SageFakeJournal[] = [];
  readonly faults = new ScriptedFaults();
  readonly tokens: FakeOAuth2Tokens;
  /** nominal code → ledger account id. */
  readonly ledgerAccounts = new Map<string, string>();

  constructor(private readonly options: SageFakeOptions) {
    super();
    const oauth = options.oauth ?? { clientId: 'sage-fake-client', clientSecret: 'sage-fake-secret' };
    this.tokens = new FakeOAuth2Tokens({ ...oauth, accessTokenTtlSeconds: oauth.accessTokenTtlSeconds ?? 300, prefix: 'sage' });
    this.route('POST', TOKEN_PATH, (req) => this.tokens.handle(req));
    for (const code of options.nominalCodes) this.ledgerAccounts.set(code, randomBytes(16).toString('hex'));
    this.route('GET', `${BASE}/ledger_accounts`, (req) => this.authorise(req) ?? this.listAccounts(req));
    this.route('POST', `${BASE}/journals`, (req) => this.authorise(req) ?? this.createJournal(req));
  }

  get apiUrl(): string {
    return `${this.url}${BASE}`;
  }

  get tokenUrl(): string {
    return `${this.url}${TOKEN_PATH}`;
  }

  private listAccounts(req: RecordedRequest): FakeResponse {
    const size = Math.min(Number(req.query.get('items_per_page') ?? this.options.pageSize ?? 20), this.options.pageSize ?? 200);
    const page = Math.max(1, Number(req.query.get('page') ?? 1));
    const all = [...this.ledgerAccounts.entries()].map(([code, id]) => ({ id, displayed_as: `Account ${code} (${code})`, $path: `/ledger_accounts/${id}`, nominal_code: code }));
    const items = all.slice((page - 1) * size, page * size);
    const next = page * size < all.length ? `/ledger_accounts?items_per_page=${size}&page=${page + 1}` : null;
    return { status: 200, body: { $total: all.length, $page: page, $next: next, $back: page > 1 ? `/ledger_accounts?page=${page - 1}` : null, $itemsPerPage: size, $items: items } };
  }

  private createJournal(req: RecordedRequest): FakeResponse {
    const fault = this.faults.take();
    if (fault?.kind === 'answer') return fault.response;
    const delay = fault?.kind === 'delay' ? { delayMs: fault.delayMs } : {};
    let input: Partial<SageFakeJournal>;
    try {
      input = ((JSON.parse(req.body) as { journal?: Partial<SageFakeJournal> }).journal ?? {}) as Partial<SageFakeJournal>;
    } catch {
      return { status: 400, body: [error('InvalidJSON', 'The request body is not valid JSON', 'journal')] };
    }
    if (input.idempotency_id) {
      const earlier = this.journals.find((j) => j.business === this.options.businessId && j.idempotency_id === input.idempotency_id);
      if (earlier) return { status: 200, body: view(earlier), ...delay };
    }
    const problems = this.problems(input);
    if (problems.length) return { status: 422, body: problems, ...delay };
    const journal: SageFakeJournal = {
      id: randomBytes(16).toString('hex'),
      business: this.options.businessId,
      ...(input.idempotency_id ? { idempotency_id: input.idempotency_id } : {}),
      date: input.date ?? '',
      reference: input.reference ?? '',
      description: input.description ?? '',
      journal_lines: input.journal_lines ?? [],
    };
    this.journals.push(journal);
    return { status: 201, body: view(journal), ...delay };
  }

  private problems(j: Partial<SageFakeJournal>): ReturnType<typeof error>[] {
    const out: ReturnType<typeof error>[] = [];
    if (!j.date || !/^\d{4}-\d{2}-\d{2}$/.test(j.date)) out.push(error('RecordInvalid', 'Date is required', 'date'));
    if (!j.reference) out.push(error('RecordInvalid', "Reference can't be blank", 'reference'));
    const lines = j.journal_lines ?? [];
    if (lines.length < 2) out.push(error('RecordInvalid', 'A journal needs at least two lines', 'journal_lines'));
    const known = new Set(this.ledgerAccounts.values());
    let debit = new Decimal(0);
    let credit = new Decimal(0);
    lines.forEach((l, i) => {
      if (!known.has(l.ledger_account_id)) out.push(error('RecordInvalid', 'Ledger account is invalid', `journal_lines[${i}].ledger_account_id`));
      for (const side of ['debit', 'credit'] as const) {
        const v = l[side];
        if (typeof v !== 'number' || new Decimal(String(v)).decimalPlaces() > 2 || v < 0) {
          out.push(error('RecordInvalid', `${side} must be a non-negative amount with at most 2 decimals`, `journal_lines[${i}].${side}`));
        }
      }
      if (typeof l.debit === 'number') debit = debit.plus(String(l.debit));
      if (typeof l.credit === 'number') credit = credit.plus(String(l.credit));
    });
    if (!debit.equals(credit)) out.push(error('RecordInvalid', `The journal does not balance (debits ${debit.toFixed(2)}, credits ${credit.toFixed(2)})`, 'journal_lines'));
    return out;
  }

  private authorise(req: RecordedRequest): FakeResponse | undefined {
    const bearer = /^Bearer (.+)$/.exec(String(req.headers['authorization'] ?? ''))?.[1] ?? '';
    if (bearer !== this.options.accessToken && !this.tokens.isValid(bearer)) {
      return { status: 401, body: [error('AuthenticationError', 'Your access token is invalid or has expired', null)] };
    }
    const business = req.headers['x-business'];
    if (business !== undefined && business !== this.options.businessId) {
      return { status: 403, body: [error('AccessDenied', 'You do not have access to this business', 'X-Business')] };
    }
    return undefined;
  }
}

function error(dataCode: string, message: string, source: string | null): { $severity: string; $dataCode: string; $message: string; $source: string | null } {
  return { $severity: 'error', $dataCode: dataCode, $message: message, $source: source };
}

function view(j: SageFakeJournal): Record<string, unknown> {
  const { business: _b, ...rest } = j;
  return { ...rest, displayed_as: j.reference, $path: `/journals/${j.id}` };
}
