import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { type EInvoiceService, GatewayConnectionRegistered, RegisteredServiceResult } from '@hub/contracts';
import { OutboxWriter } from '@hub/messaging';
import { plainToInstance } from 'class-transformer';
import type { ServiceRegistrationOutcome } from '../operators/operator-adapter.port';
import { ReceiverEndpoints } from '../inbound/receiver-endpoints';
import { OperatorKeysService } from './operator-keys.service';
import type { RegistrationView } from './registration.dto';
import { ServiceRegistration } from './service-registration.entity';

export interface RegisterServicesCommand {
  companyId: string;
  operators: string[];
  services: EInvoiceService[];
  /** Endpoints the company receives under at these operators (routes inbound documents). */
  endpoints?: string[];
}

/**
 * "Register service" from the ERP's e-services setup: for each chosen operator, call it
 * with the company's key, store the answer per service (active, system message, time)
 * and publish `gateway.connection.registered.v1` through the outbox in the same
 * transaction. The operator call happens before the transaction: no lock is held on a
 * slow network, and a failed call is still recorded with its message. The endpoints the
 * company names are recorded per operator: inbound documents delivered to them are its own.
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
    const endpoints = command.endpoints ?? [];
    if (endpoints.length > 0) await this.endpoints.assertClaimable(command.companyId, command.operators, endpoints);
    const views: RegistrationView[] = [];
    for (const adapter of adapters) {
      const requestedAt = new Date();
      const key = await this.keys.reveal(this.dataSource.manager, command.companyId, adapter.code);
      const outcomes: ServiceRegistrationOutcome[] = key
        ? await adapter.register(key, command.services)
        : command.services.map((service) => ({
            service,
            active: false,
            message: `No e-invoice key is stored for operator ${adapter.code}; set the key first`,
          }));
      const registrationId = randomUUID();
      await this.dataSource.transaction(async (manager) => {
        await this.endpoints.claim(manager, command.companyId, adapter.code, endpoints);
        await manager.getRepository(ServiceRegistration).upsert(
          outcomes.map((o) => ({
            companyId: command.companyId,
            operator: adapter.code,
            service: o.service,
            registrationId,
            active: o.active,
            systemMessage: o.message,
            requestedAt,
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
      });
      for (const o of outcomes) {
        views.push({
          operator: adapter.code,
          service: o.service,
          active: o.active,
          systemMessage: o.message,
          requestedAt: requestedAt.toISOString(),
          registrationId,
        });
      }
    }
    return views;
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
    }));
  }
}
