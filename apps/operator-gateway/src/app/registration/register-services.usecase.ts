import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { type EInvoiceService, GatewayConnectionRegistered, RegisteredServiceResult } from '@hub/contracts';
import { OutboxWriter } from '@hub/messaging';
import { plainToInstance } from 'class-transformer';
import type { RegistrationOutcome } from '../operators/operator-adapter.port';
import { normaliseEndpoint, ReceiverEndpoints } from '../inbound/receiver-endpoints';
import { OperatorKeysService } from './operator-keys.service';
import type { RegistrationView } from './registration.dto';
import { type EndpointClaimResult, ServiceRegistration } from './service-registration.entity';

export interface RegisterServicesCommand {
  companyId: string;
  operators: string[];
  services: EInvoiceService[];
  /** Endpoints the company receives under at these operators (routes inbound documents). */
  endpoints?: string[];
}

/** Endpoints route inbound e-invoices: they are recorded only while this service is active at the operator. */
const RECEIVE_SERVICE: EInvoiceService = 'receive-supplier-einvoices';

/**
 * "Register service" from the ERP's e-services setup: for each chosen operator, call it
 * with the company's key, store the answer per service (active, system message, time)
 * and publish `gateway.connection.registered.v1` through the outbox in the same
 * transaction. The operator call happens before the transaction: no lock is held on a
 * slow network, and a failed call is still recorded with its message.
 *
 * Endpoints (which route inbound documents to the company) are passed to the operator, and
 * one is recorded for the company only when (1) the company has a key stored for that
 * operator, (2) the operator, called with that key, confirmed the endpoint belongs to the
 * key's account, and (3) the receive service is active there after this registration.
 * Otherwise the endpoint's result says why and nothing is recorded; an endpoint another
 * company holds moves only on the operator's confirmation. Per-endpoint results are kept
 * with the registration answer (`endpoints` of each service of that operator).
 */
@Injectable()
export class RegisterServicesUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly keys: OperatorKeysService,
    private readonly outbox: OutboxWriter,
    private readonly endpoints: ReceiverEndpoints,
  ) {}

  async execute(command: RegisterServicesCommand): Promise<RegistrationView[]> {
    const adapters = command.operators.map((code) => this.keys.assertOperator(code));
    const endpoints = uniqueEndpoints(command.endpoints ?? []);
    const views: RegistrationView[] = [];
    for (const adapter of adapters) {
      const requestedAt = new Date();
      const key = await this.keys.reveal(this.dataSource.manager, command.companyId, adapter.code);
      const answer: RegistrationOutcome = key
        ? await adapter.register(key, command.services, endpoints)
        : {
            services: command.services.map((service) => ({
              service,
              active: false,
              message: `No e-invoice key is stored for operator ${adapter.code}; set the key first`,
            })),
            endpoints: [],
          };
      const outcomes = answer.services;
      const registrationId = randomUUID();
      const endpointResults = await this.dataSource.transaction(async (manager) => {
        const results = await this.claimEndpoints(manager, command, adapter.code, key !== undefined, answer, endpoints);
        await manager.getRepository(ServiceRegistration).upsert(
          outcomes.map((o) => ({
            companyId: command.companyId,
            operator: adapter.code,
            service: o.service,
            registrationId,
            active: o.active,
            systemMessage: o.message,
            requestedAt,
            endpointResults: results,
          })),
          ['companyId', 'operator', 'service'],
        );
        await this.outbox.publish(
          manager,
          plainToInstance(GatewayConnectionRegistered, {
            companyId: command.companyId,
            registrationId,
            operator: adapter.code,
            services: outcomes.map((o) => plainToInstance(RegisteredServiceResult, o)),
            registeredAt: requestedAt.toISOString(),
          }),
          registrationId,
        );
        return results;
      });
      for (const o of outcomes) {
        views.push({
          operator: adapter.code,
          service: o.service,
          active: o.active,
          systemMessage: o.message,
          requestedAt: requestedAt.toISOString(),
          registrationId,
          endpoints: endpointResults,
        });
      }
    }
    return views;
  }

  /** Records the endpoints the operator confirmed for the company's key (in the registration's transaction); says why for the rest. */
  private async claimEndpoints(
    manager: EntityManager,
    command: RegisterServicesCommand,
    operator: string,
    hasKey: boolean,
    answer: RegistrationOutcome,
    endpoints: string[],
  ): Promise<EndpointClaimResult[]> {
    if (endpoints.length === 0) return [];
    if (!hasKey) {
      const message = `Not recorded: no e-invoice key is stored for operator ${operator}; set the key first`;
      return endpoints.map((endpointId) => ({ endpointId, claimed: false, message }));
    }
    const receiveActive = await this.receiveActive(manager, command, operator, answer);
    const heldByOthers = await this.endpoints.heldByOthers(manager, command.companyId, operator, endpoints);
    const results: EndpointClaimResult[] = [];
    for (const endpointId of endpoints) {
      const id = normaliseEndpoint(endpointId);
      const confirmation = answer.endpoints.find((c) => normaliseEndpoint(c.endpointId) === id);
      if (!confirmation?.confirmed) {
        const why = confirmation?.message ?? 'the operator did not answer for it';
        // Says which endpoint, never which company holds it.
        const message = heldByOthers.has(id)
          ? `Not recorded: endpoint ${endpointId} is registered to another company, and ${operator} did not confirm it for this company's key (${why}); ask support if it is yours`
          : `Not recorded: ${operator} did not confirm endpoint ${endpointId} for this company's key: ${why}`;
        results.push({ endpointId, claimed: false, message });
        continue;
      }
      if (!receiveActive) {
        results.push({
          endpointId,
          claimed: false,
          message: `Not recorded: endpoints are recorded only while the ${RECEIVE_SERVICE} service is active at ${operator}; register it successfully first`,
        });
        continue;
      }
      const how = await this.endpoints.claimConfirmed(manager, command.companyId, operator, endpointId);
      results.push({
        endpointId,
        claimed: true,
        message:
          how === 'moved'
            ? `Recorded: ${operator} confirmed endpoint ${endpointId} for this company's key; it moved here from the company that held it`
            : `Recorded: ${operator} confirmed endpoint ${endpointId} for this company's key; documents delivered to it come to this company`,
      });
    }
    return results;
  }

  /** The receive service is active at the operator after this registration: from this answer if it was asked for, else as last recorded. */
  private async receiveActive(manager: EntityManager, command: RegisterServicesCommand, operator: string, answer: RegistrationOutcome): Promise<boolean> {
    if (command.services.includes(RECEIVE_SERVICE)) {
      return answer.services.some((o) => o.service === RECEIVE_SERVICE && o.active);
    }
    const row = await manager.getRepository(ServiceRegistration).findOneBy({ companyId: command.companyId, operator, service: RECEIVE_SERVICE });
    return row?.active === true;
  }

  async list(companyId: string): Promise<RegistrationView[]> {
    const rows = await this.dataSource
      .getRepository(ServiceRegistration)
      .find({ where: { companyId }, order: { operator: 'ASC', service: 'ASC' } });
    return rows.map((r) => ({
      operator: r.operator,
      service: r.service,
      active: r.active,
      systemMessage: r.systemMessage,
      requestedAt: r.requestedAt.toISOString(),
      registrationId: r.registrationId,
      endpoints: r.endpointResults,
    }));
  }
}

/** Trimmed, one per normalised form (Peppol ids are case-insensitive), as the company wrote it. */
function uniqueEndpoints(endpointIds: string[]): string[] {
  const seen = new Map<string, string>();
  for (const e of endpointIds) {
    const id = normaliseEndpoint(e);
    if (id && !seen.has(id)) seen.set(id, e.trim());
  }
  return [...seen.values()];
}
