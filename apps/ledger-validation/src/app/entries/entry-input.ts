import { createHash } from 'node:crypto';
import type { JournalRow } from '@hub/contracts';

/** A journal entry as the ERP sends it (event or bulk import), without the company. */
export interface EntryInput {
  number: string;
  date: string;
  description?: string;
  source?: string;
  changedAt?: string;
  rows: JournalRow[];
}

/** Entry statuses: unconfirmed (not validated, not sent), confirmed (validated, not sent), locked (sent). */
export const ENTRY_STATUSES = ['unconfirmed', 'confirmed', 'locked'] as const;
export type EntryStatus = (typeof ENTRY_STATUSES)[number];

/**
 * Hash of what the entry says (not when it was sent): an ERP re-sending the same entry
 * changes nothing, not even a confirmed status.
 */
export function contentHash(input: EntryInput): string {
  const canonical = {
    date: input.date,
    description: input.description ?? null,
    source: input.source ?? null,
    rows: input.rows.map((r) => ({
      a: r.accountNumber,
      n: r.accountName ?? null,
      d: normaliseAmount(r.debit),
      c: normaliseAmount(r.credit),
      vc: r.vatCode ?? null,
      vn: r.vatName ?? null,
      p: r.partner ? [r.partner.kind, r.partner.code ?? null, r.partner.name, r.partner.registrationCode ?? null] : null,
      t: r.description ?? null,
      g: [...r.projects].sort((x, y) => x.group.localeCompare(y.group)).map((p) => `${p.group}=${p.code}`),
    })),
  };
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}

/** `12.5`, `12.50` and `012.5000` are the same amount. */
function normaliseAmount(value: string): string {
  const negative = value.startsWith('-');
  const [int = '0', frac = ''] = (negative ? value.slice(1) : value).split('.');
  const i = int.replace(/^0+(?=\d)/, '');
  const f = frac.replace(/0+$/, '');
  const text = f ? `${i}.${f}` : i;
  return negative && text !== '0' ? `-${text}` : text;
}

/** Column arrays for one multi-row INSERT ... SELECT FROM unnest(...). */
export function rowColumns(rows: readonly JournalRow[]): unknown[][] {
  const cols: unknown[][] = Array.from({ length: 14 }, () => []);
  rows.forEach((r, i) => {
    const values = [
      i + 1,
      r.accountNumber,
      r.accountName ?? null,
      r.debit,
      r.credit,
      r.vatCode ?? null,
      r.vatName ?? null,
      r.partner?.kind ?? null,
      r.partner?.code ?? null,
      r.partner?.name ?? null,
      r.partner?.registrationCode ?? null,
      r.description ?? null,
      // Arrays of arrays do not survive unnest; groups and codes travel as delimited text.
      r.projects.map((p) => p.group).join('\u001f'),
      r.projects.map((p) => p.code).join('\u001f'),
    ];
    values.forEach((v, c) => cols[c]?.push(v));
  });
  return cols;
}

export const INSERT_ROWS_SQL = `
  INSERT INTO journal_row (entry_id, row_no, account_number, account_name, debit, credit, vat_code, vat_name,
    partner_kind, partner_code, partner_name, partner_reg_code, description, project_groups, project_codes)
  SELECT $1, r.no, r.acc, r.accname, r.debit, r.credit, r.vc, r.vn, r.pk, r.pc, r.pn, r.prc, r.descr,
    CASE WHEN r.groups = '' THEN '{}'::text[] ELSE string_to_array(r.groups, E'\\x1f') END,
    CASE WHEN r.codes = '' THEN '{}'::text[] ELSE string_to_array(r.codes, E'\\x1f') END
  FROM unnest($2::int[], $3::text[], $4::text[], $5::numeric[], $6::numeric[], $7::text[], $8::text[], $9::text[],
    $10::text[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[])
    AS r(no, acc, accname, debit, credit, vc, vn, pk, pc, pn, prc, descr, groups, codes)`;
