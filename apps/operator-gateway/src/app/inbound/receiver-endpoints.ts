import { Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

/**
 * The form endpoint ids are stored and matched in: trimmed, lower-case (Peppol participant
 * ids are case-insensitive), `scheme:value` when the operator gives the scheme apart.
 */
export function endpointKeys(endpointId: string, scheme?: string): string[] {
  const id = normaliseEndpoint(endpointId);
  const keys = [id];
  const s = scheme?.trim().toLowerCase();
  if (s && !id.startsWith(`${s}:`)) keys.push(`${s}:${id}`);
  return keys;
}

/** The stored form of an endpoint id a company names. */
export function normaliseEndpoint(endpointId: string): string {
  return endpointId.trim().toLowerCase();
}

export interface ReceiverEndpointView {
  operator: string;
  endpointId: string;
  registeredAt: string;
}

/** Who holds an endpoint (for support, through the admin token). */
export interface EndpointHolderView extends ReceiverEndpointView {
  companyId: string;
}

/** How a confirmed claim was recorded: new, already the company's, or moved from another company. */
export type ClaimRecorded = 'recorded' | 'held' | 'moved';

/**
 * Which company receives at which endpoint of an operator. An endpoint belongs to one
 * company, and only to one the operator confirmed it for: the registration use case records
 * a claim only after the operator, called with the company's own key, confirmed that the
 * endpoint belongs to that key's account (and the receive service is active there). A
 * company merely naming an endpoint first gets nothing. An endpoint another company holds
 * moves only on such a confirmation. The holder can release it (e.g. when it moves to
 * another provider); support finds the holder of a disputed endpoint with the admin token.
 */
@Injectable()
export class ReceiverEndpoints {
  private readonly logger = new Logger('ReceiverEndpoints');

  constructor(private readonly dataSource: DataSource) {}

  /** The endpoints of these ids (normalised) another company holds at the operator. */
  async heldByOthers(manager: EntityManager, companyId: string, operator: string, endpointIds: string[]): Promise<Set<string>> {
    const rows: { endpoint_id: string }[] = await manager.query(
      'SELECT endpoint_id FROM receiver_endpoint WHERE operator = $1 AND endpoint_id = ANY($2) AND company_id <> $3',
      [operator, endpointIds.map(normaliseEndpoint), companyId],
    );
    return new Set(rows.map((r) => r.endpoint_id));
  }

  /**
   * Records an endpoint the OPERATOR CONFIRMED for the company's key, in the caller's
   * transaction. Held by another company: moved (the operator's confirmation is the
   * authority), logged without any secret.
   */
  async claimConfirmed(manager: EntityManager, companyId: string, operator: string, endpointId: string): Promise<ClaimRecorded> {
    const id = normaliseEndpoint(endpointId);
    // Twice at most: a concurrent first claim that wins the insert is found by the second look.
    for (let attempt = 0; attempt < 2; attempt++) {
      const before: { company_id: string }[] = await manager.query(
        'SELECT company_id FROM receiver_endpoint WHERE operator = $1 AND endpoint_id = $2 FOR UPDATE',
        [operator, id],
      );
      const previous = before[0]?.company_id;
      if (previous === companyId) return 'held';
      if (previous !== undefined) {
        await manager.query('UPDATE receiver_endpoint SET company_id = $3, registered_at = now() WHERE operator = $1 AND endpoint_id = $2', [operator, id, companyId]);
        this.logger.warn(`endpoint ${id} (${operator}) moved from company ${previous} to company ${companyId}: the operator confirmed it for ${companyId}'s key`);
        return 'moved';
      }
      const inserted: unknown[] = await manager.query(
        'INSERT INTO receiver_endpoint (operator, endpoint_id, company_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING endpoint_id',
        [operator, id, companyId],
      );
      if (inserted.length > 0) return 'recorded';
    }
    throw new Error(`endpoint ${id} (${operator}) could not be recorded; try again`);
  }

  /**
   * The company registered for the endpoint the operator delivered to, if any — and only while
   * that company is still connected to the operator (a stored key and an active registration):
   * a claim left from a registration that no longer stands routes nothing.
   */
  async resolve(operator: string, endpointId: string, scheme?: string): Promise<string | undefined> {
    const rows: { company_id: string }[] = await this.dataSource.query(
      `SELECT DISTINCT e.company_id FROM receiver_endpoint e
        WHERE e.operator = $1 AND e.endpoint_id = ANY($2)
          AND EXISTS (SELECT 1 FROM operator_credential c WHERE c.company_id = e.company_id AND c.operator = e.operator)
          AND EXISTS (SELECT 1 FROM service_registration r WHERE r.company_id = e.company_id AND r.operator = e.operator AND r.active)`,
      [operator, endpointKeys(endpointId, scheme)],
    );
    return rows.length === 1 ? rows[0]?.company_id : undefined;
  }

  /** Releases the company's endpoint; false when the company does not hold it (another may). */
  async release(companyId: string, operator: string, endpointId: string): Promise<boolean> {
    const [, count] = (await this.dataSource.query(
      'DELETE FROM receiver_endpoint WHERE operator = $1 AND endpoint_id = $2 AND company_id = $3',
      [operator, normaliseEndpoint(endpointId), companyId],
    )) as [unknown, number];
    return count > 0;
  }

  /** Who holds the endpoint, if anyone (admin only: it names the company). */
  async holder(operator: string, endpointId: string): Promise<EndpointHolderView | undefined> {
    const rows: { operator: string; endpoint_id: string; company_id: string; registered_at: Date }[] = await this.dataSource.query(
      'SELECT operator, endpoint_id, company_id, registered_at FROM receiver_endpoint WHERE operator = $1 AND endpoint_id = $2',
      [operator, normaliseEndpoint(endpointId)],
    );
    const r = rows[0];
    return r && { operator: r.operator, endpointId: r.endpoint_id, companyId: r.company_id, registeredAt: r.registered_at.toISOString() };
  }

  async list(companyId: string): Promise<ReceiverEndpointView[]> {
    const rows: { operator: string; endpoint_id: string; registered_at: Date }[] = await this.dataSource.query(
      'SELECT operator, endpoint_id, registered_at FROM receiver_endpoint WHERE company_id = $1 ORDER BY operator, endpoint_id',
      [companyId],
    );
    return rows.map((r) => ({ operator: r.operator, endpointId: r.endpoint_id, registeredAt: r.registered_at.toISOString() }));
  }
}
