import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { RandomLedger } from '../test/random-ledger';
import { prng } from '../test/random-ledger';
import type { CompiledRuleSet } from '../src/app/engine/compiled-rule-set';
import type { RowFailure } from '../src/app/engine/rule-set.model';

const BATCH_ENTRIES = 2_000;

/**
 * Loads the benchmark ledger with multi-row INSERTs (no per-row round trips). Rows carry
 * random projects; 98% of them are then completed with what the rules demand, so about
 * 80% of the 10-row entries are valid, as in a ledger that is mostly in order.
 */
export async function loadBenchLedger(ds: DataSource, company: string, ledger: RandomLedger, rules: CompiledRuleSet, entries: number, rowsPerEntry: number): Promise<void> {
  const rnd = prng(7);
  const vat = ['22', '9', '0', 'EU'];
  await ds.query(`INSERT INTO company_settings (company_id) VALUES ($1) ON CONFLICT DO NOTHING`, [company]);
  await ds.query(
    `INSERT INTO ledger_account (company_id, number, name, changed_at) SELECT $1, a, 'Account ' || a, now() FROM unnest($2::text[]) a ON CONFLICT DO NOTHING`,
    [company, ledger.accounts],
  );
  for (let start = 0; start < entries; start += BATCH_ENTRIES) {
    const e: unknown[][] = [[], [], []];
    const r: unknown[][] = Array.from({ length: 11 }, () => []);
    for (let i = start; i < Math.min(entries, start + BATCH_ENTRIES); i++) {
      const id = randomUUID();
      e[0]!.push(id);
      e[1]!.push(`E${String(i).padStart(7, '0')}`);
      e[2]!.push(`2026-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`);
      for (let n = 1; n <= rowsPerEntry; n++) {
        const row = ledger.row();
        const groups = new Set(row.groups.filter(() => rnd() < 0.4));
        if (rnd() < 0.98) {
          const failures: RowFailure[] = [];
          rules.validateRow(row.accountNumber, [...groups], n, failures);
          for (const f of failures) if (f.missingGroup) groups.add(f.missingGroup);
        }
        const list = [...groups];
        const debit = n <= rowsPerEntry / 2;
        [id, n, row.accountNumber, debit ? '100.00' : '0', debit ? '0' : '100.00', vat[n % vat.length], `Partner ${n % 50}`, String(10000000 + (n % 50)), list.join('\u001f'), list.map((g) => `${g}-P${1 + Math.floor(rnd() * 5)}`).join('\u001f')].forEach((v, c) => r[c]!.push(v));
      }
    }
    await ds.query(
      `INSERT INTO journal_entry (id, company_id, number, entry_date, content_hash, row_count, total_debit)
       SELECT id, $4, number, date, 'bench', ${rowsPerEntry}, ${(rowsPerEntry / 2) * 100} FROM unnest($1::uuid[], $2::text[], $3::date[]) AS x(id, number, date)`,
      [...e, company],
    );
    await ds.query(
      `INSERT INTO journal_row (entry_id, row_no, account_number, debit, credit, vat_code, partner_kind, partner_name, partner_reg_code, project_groups, project_codes)
       SELECT id, no, acc, debit, credit, vat, 'supplier', partner, reg,
         CASE WHEN groups = '' THEN '{}'::text[] ELSE string_to_array(groups, E'\\x1f') END,
         CASE WHEN codes = '' THEN '{}'::text[] ELSE string_to_array(codes, E'\\x1f') END
       FROM unnest($1::uuid[], $2::int[], $3::text[], $4::numeric[], $5::numeric[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[])
         AS x(id, no, acc, debit, credit, vat, partner, reg, groups, codes)`,
      r.slice(0, 10),
    );
  }
  await ds.query(`VACUUM ANALYZE journal_entry, journal_row`);
}
