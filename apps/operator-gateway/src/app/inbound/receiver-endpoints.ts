import { ConflictException, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

/**
 * The form endpoint ids are stored and matched in: trimmed, lower-case (Peppol participant
 * ids are case-insensitive), `scheme:value` when the operator gives the scheme apart.
 */
export function endpointKeys(endpointId: string, scheme?: string): string[] {
  const id = endpointId.trim().toLowerCase();
  const keys = [id];
  const s = scheme?.trim().toLowerCase();
  if (s && !id.startsWith(`${s}:`)) keys.push(`${s}:${id}`);
  return keys;
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

/**
 * Which company receives at which endpoint of an operator. An endpoint belongs to one
 * company: a second company claiming it is refused (409), so a delivery can never be
 * routed to a company that merely said so later. The holder can release it (e.g. when it
 * moves to another provider); support finds the holder of a disputed endpoint with the
 * admin token and releases it in the holder's name, after which the rightful company
 * registers it.
 */
@Injectable()
export class ReceiverEndpoints {
  constructor(private readonly dataSource: DataSource) {}

  /** Fails with 409 when another company holds one of the endpoints (checked before calling the operator). */
  async assertClaimable(companyId: string, operators: string[], endpointIds: string[]): Promise<void> {
    const held: { operator: string; endpoint_id: string }[] = await this.dataSource.query(
      'SELECT operator, endpoint_id FROM receiver_endpoint WHERE operator = ANY($1) AND endpoint_id = ANY($2) AND company_id <> $3',
      [operators, endpointIds.map((e) => endpointKeys(e)[0]), companyId],
    );
    if (held.length > 0) throw conflict(held);
  }

  /** Records the endpoints for the company in the caller's transaction. */
  async claim(manager: EntityManager, companyId: string, operator: string, endpointIds: string[]): Promise<void> {
    if (endpointIds.length === 0) return;
    const ids = [...new Set(endpointIds.map((e) => endpointKeys(e)[0] ?? ''))];
    const rows: { operator: string; endpoint_id: string; company_id: string }[] = await manager.query(
      `INSERT INTO receiver_endpoint (operator, endpoint_id, company_id)
       SELECT $1, e, $2 FROM unnest($3::text[]) AS e
       ON CONFLICT (operator, endpoint_id) DO UPDATE SET registered_at = receiver_endpoint.registered_at
       RETURNING operator, endpoint_id, company_id`,
      [operator, companyId, ids],
    );
    const foreign = rows.filter((r) => r.company_id !== companyId);
    if (foreign.length > 0) throw conflict(foreign);
  }

  /** The company registered for the endpoint the operator delivered to, if any. */
  async resolve(operator: string, endpointId: string, scheme?: string): Promise<string | undefined> {
    const rows: { company_id: string }[] = await this.dataSource.query(
      'SELECT DISTINCT company_id FROM receiver_endpoint WHERE operator = $1 AND endpoint_id = ANY($2)',
      [operator, endpointKeys(endpointId, scheme)],
    );
    return rows.length === 1 ? rows[0]?.company_id : undefined;
  }

  /** Releases the company's endpoint; false when the company does not hold it (another may). */
  async release(companyId: string, operator: string, endpointId: string): Promise<boolean> {
    const [, count] = (await this.dataSource.query(
      'DELETE FROM receiver_endpoint WHERE operator = $1 AND endpoint_id = $2 AND company_id = $3',
      [operator, endpointKeys(endpointId)[0], companyId],
    )) as [unknown, number];
    return count > 0;
  }

  /** Who holds the endpoint, if anyone (admin only: it names the company). */
  async holder(operator: string, endpointId: string): Promise<EndpointHolderView | undefined> {
    const rows: { operator: string; endpoint_id: string; company_id: string; registered_at: Date }[] = await this.dataSource.query(
      'SELECT operator, endpoint_id, company_id, registered_at FROM receiver_endpoint WHERE operator = $1 AND endpoint_id = $2',
      [operator, endpointKeys(endpointId)[0]],
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

function conflict(held: { operator: string; endpoint_id: string }[]): ConflictException {
  // Says which endpoint, never which company holds it.
  return new ConflictException(
    `Endpoint ${held.map((h) => `${h.endpoint_id} (${h.operator})`).join(', ')} is registered to another company; ask support if it is yours`,
  );
}
