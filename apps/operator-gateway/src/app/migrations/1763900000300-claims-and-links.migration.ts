import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Security review fixes: per-endpoint claim results with the registration answer, key hints
 * only for long keys, and an expiry for inbound file links.
 */
export class ClaimsAndLinks1763900000300 implements MigrationInterface {
  name = 'ClaimsAndLinks1763900000300';

  async up(q: QueryRunner): Promise<void> {
    // What became of each endpoint named in the latest registration (confirmed and recorded, or why not).
    await q.query(`ALTER TABLE service_registration ADD COLUMN endpoint_results jsonb NOT NULL DEFAULT '[]'::jsonb`);
    // A hint is kept only for keys of 16 characters or more. The key length of a stored row is not
    // known without decrypting; the ciphertext (AES-GCM, `v1.iv.tag.body`) has as many bytes as the
    // key's UTF-8 form, and a key of 64 bytes or more has at least 16 characters. Shorter ones lose
    // the hint until the key is set again (cosmetic; the key itself is untouched).
    await q.query('ALTER TABLE operator_credential ALTER COLUMN key_hint DROP NOT NULL');
    await q.query(`UPDATE operator_credential SET key_hint = NULL WHERE (length(split_part(encrypted_key, '.', 4)) * 3) / 4 < 64`);
    // Links issued before this migration get the default lifetime (7 days from when they were kept).
    await q.query('ALTER TABLE inbound_file ADD COLUMN expires_at timestamptz');
    await q.query(`UPDATE inbound_file SET expires_at = created_at + interval '7 days'`);
    await q.query('ALTER TABLE inbound_file ALTER COLUMN expires_at SET NOT NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE inbound_file DROP COLUMN expires_at');
    await q.query(`UPDATE operator_credential SET key_hint = '' WHERE key_hint IS NULL`);
    await q.query('ALTER TABLE operator_credential ALTER COLUMN key_hint SET NOT NULL');
    await q.query('ALTER TABLE service_registration DROP COLUMN endpoint_results');
  }
}
