import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { ErpAccountChanged, ErpContactChanged, ErpDimensionChanged } from '@hub/contracts';
import { nameKey, registrationKey, vatKey } from './party-keys';

/** How a supplier was matched to an ERP contact. */
export type SupplierMatchRule = 'registration-code' | 'vat-id' | 'name';

export interface SupplierMatch {
  contactId: string;
  name: string;
  registrationCode: string | null;
  vatId: string | null;
  matchedBy: SupplierMatchRule;
}

export interface SupplierQuery {
  name?: string | null;
  registrationCode?: string | null;
  vatId?: string | null;
}

interface ContactRow {
  contact_id: string;
  name: string;
  registration_code: string | null;
  vat_id: string | null;
}

/**
 * Per-company projections of the ERP's master data. Every upsert keeps the newest version by
 * the ERP's `changedAt`: a late or replayed older change never overwrites a newer one.
 */
@Injectable()
export class MasterDataRepository {
  constructor(private readonly dataSource: DataSource) {}

  async upsertAccount(manager: EntityManager, e: ErpAccountChanged): Promise<void> {
    await manager.query(
      `INSERT INTO master_account (company_id, number, name, type, active, deleted, changed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (company_id, number) DO UPDATE
         SET name = EXCLUDED.name, type = EXCLUDED.type, active = EXCLUDED.active, deleted = EXCLUDED.deleted,
             changed_at = EXCLUDED.changed_at
         WHERE master_account.changed_at < EXCLUDED.changed_at`,
      [e.companyId, e.number, e.name, e.type, e.active, e.deleted ?? false, e.changedAt],
    );
  }

  async upsertDimension(manager: EntityManager, e: ErpDimensionChanged): Promise<void> {
    await manager.query(
      `INSERT INTO master_dimension (company_id, dimension_type, code, dimension_type_name, name, active, deleted, changed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (company_id, dimension_type, code) DO UPDATE
         SET dimension_type_name = COALESCE(EXCLUDED.dimension_type_name, master_dimension.dimension_type_name),
             name = EXCLUDED.name, active = EXCLUDED.active, deleted = EXCLUDED.deleted, changed_at = EXCLUDED.changed_at
         WHERE master_dimension.changed_at < EXCLUDED.changed_at`,
      [e.companyId, e.dimensionType, e.code, e.dimensionTypeName ?? null, e.name, e.active, e.deleted ?? false, e.changedAt],
    );
  }

  async upsertContact(manager: EntityManager, e: ErpContactChanged): Promise<void> {
    await manager.query(
      `INSERT INTO master_contact (company_id, contact_id, name, registration_code, vat_id, country_code, roles, active, deleted,
                                   registration_key, vat_key, name_key, changed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
       ON CONFLICT (company_id, contact_id) DO UPDATE
         SET name = EXCLUDED.name, registration_code = EXCLUDED.registration_code, vat_id = EXCLUDED.vat_id,
             country_code = EXCLUDED.country_code, roles = EXCLUDED.roles, active = EXCLUDED.active, deleted = EXCLUDED.deleted,
             registration_key = EXCLUDED.registration_key, vat_key = EXCLUDED.vat_key, name_key = EXCLUDED.name_key,
             changed_at = EXCLUDED.changed_at
         WHERE master_contact.changed_at < EXCLUDED.changed_at`,
      [
        e.companyId,
        e.contactId,
        e.name,
        e.registrationCode ?? null,
        e.vatId ?? null,
        e.countryCode ?? null,
        e.roles,
        e.active,
        e.deleted ?? false,
        registrationKey(e.registrationCode),
        vatKey(e.vatId),
        nameKey(e.name),
        e.changedAt,
      ],
    );
  }

  /**
   * The ERP contact a document's supplier is: by registration code, else by VAT id, else by
   * name — only active suppliers (or contacts without roles), and by name only when exactly one matches.
   */
  async matchSupplier(companyId: string, q: SupplierQuery, manager: EntityManager = this.dataSource.manager): Promise<SupplierMatch | null> {
    const usable = `company_id = $1 AND active AND NOT deleted AND (roles = '{}' OR 'supplier' = ANY(roles))`;
    const attempts: [SupplierMatchRule, string, string | null][] = [
      ['registration-code', 'registration_key', registrationKey(q.registrationCode)],
      ['vat-id', 'vat_key', vatKey(q.vatId)],
      ['name', 'name_key', nameKey(q.name) || null],
    ];
    for (const [rule, column, key] of attempts) {
      if (!key) continue;
      const rows: ContactRow[] = await manager.query(
        `SELECT contact_id, name, registration_code, vat_id FROM master_contact WHERE ${usable} AND ${column} = $2
          ORDER BY contact_id LIMIT 2`,
        [companyId, key],
      );
      const [row] = rows;
      if (row && rows.length === 1) {
        return { contactId: row.contact_id, name: row.name, registrationCode: row.registration_code, vatId: row.vat_id, matchedBy: rule };
      }
    }
    return null;
  }
}
