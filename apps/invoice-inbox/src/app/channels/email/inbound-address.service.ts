import { Inject, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { SERVICE_ENV } from '@hub/platform';
import { updateReturning } from '../../documents/update-returning';
import type { InvoiceInboxEnv } from '../../invoice-inbox.env';

export interface InboundAddressView {
  address: string;
  createdAt: string;
}

const BASE32 = 'abcdefghijkmnpqrstuvwxyz23456789';

/**
 * The per-company inbound addresses. The random part makes an address unguessable, so
 * spam cannot be aimed at a company by its name alone; rotation replaces a leaked one.
 */
@Injectable()
export class InboundAddressService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(SERVICE_ENV) private readonly env: InvoiceInboxEnv,
  ) {}

  /** The company's working address, generated on first use. */
  async current(companyId: string): Promise<InboundAddressView> {
    const existing = await this.active(this.dataSource.manager, companyId);
    if (existing) return existing;
    await this.dataSource.query(
      `INSERT INTO inbound_address (address, company_id, active) VALUES ($1, $2, true)
       ON CONFLICT (company_id) WHERE active DO NOTHING`,
      [this.generate(companyId), companyId],
    );
    const created = await this.active(this.dataSource.manager, companyId);
    if (!created) throw new Error(`no inbound address for ${companyId}`);
    return created;
  }

  /** Retires the current address and issues a new one, atomically. */
  async rotate(companyId: string): Promise<InboundAddressView & { previous: string | null }> {
    return this.dataSource.transaction(async (manager) => {
      const retired = await updateReturning<{ address: string }>(
        manager,
        `UPDATE inbound_address SET active = false, retired_at = now() WHERE company_id = $1 AND active RETURNING address`,
        [companyId],
      );
      await manager.query(`INSERT INTO inbound_address (address, company_id, active) VALUES ($1, $2, true)`, [this.generate(companyId), companyId]);
      const now = await this.active(manager, companyId);
      if (!now) throw new Error(`no inbound address for ${companyId}`);
      return { ...now, previous: retired[0]?.address ?? null };
    });
  }

  /** The company an address belongs to, if it is a working address of this inbox. */
  async resolve(address: string): Promise<string | undefined> {
    const normalised = address.trim().toLowerCase();
    if (!normalised.endsWith(`@${this.env.INBOUND_MAIL_DOMAIN}`)) return undefined;
    const rows: { company_id: string }[] = await this.dataSource.query(
      `SELECT company_id FROM inbound_address WHERE address = $1 AND active`,
      [normalised],
    );
    return rows[0]?.company_id;
  }

  private async active(manager: EntityManager, companyId: string): Promise<InboundAddressView | undefined> {
    const rows: { address: string; created_at: Date }[] = await manager.query(
      `SELECT address, created_at FROM inbound_address WHERE company_id = $1 AND active`,
      [companyId],
    );
    const row = rows[0];
    return row ? { address: row.address, createdAt: row.created_at.toISOString() } : undefined;
  }

  private generate(companyId: string): string {
    const slug = companyId.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 30) || 'company';
    const random = [...randomBytes(10)].map((b) => BASE32[b % BASE32.length]).join('');
    return `${slug}.${random}@${this.env.INBOUND_MAIL_DOMAIN}`;
  }
}
