import { Controller, Get, Param } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { GatewayConnectionRegistered } from '@hub/contracts';
import { JetStreamContext } from '@hub/messaging';
import { CompanyIdPipe } from '@hub/platform';
import { CompanyConnection } from './company-connection.entity';

@ApiTags('connections')
@ApiBearerAuth()
@Controller('companies/:companyId/connections')
export class ConnectionsController {
  constructor(private readonly dataSource: DataSource) {}

  @Get()
  @ApiOperation({ summary: 'Operators this company is connected through (from the gateway registrations)' })
  list(@Param('companyId', CompanyIdPipe) companyId: string): Promise<CompanyConnection[]> {
    return this.dataSource.getRepository(CompanyConnection).find({ where: { companyId }, order: { operator: 'ASC' } });
  }

  /** Keeps the newest registration per operator; an older one arriving late changes nothing. */
  @EventPattern('gateway.connection.registered.v1')
  async onRegistered(@Payload() event: GatewayConnectionRegistered, @Ctx() ctx: JetStreamContext): Promise<void> {
    await ctx.manager.query(
      `INSERT INTO company_connection (company_id, operator, connected, services, registration_id, registered_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (company_id, operator) DO UPDATE
         SET connected = EXCLUDED.connected, services = EXCLUDED.services, registration_id = EXCLUDED.registration_id,
             registered_at = EXCLUDED.registered_at, recorded_at = now()
         WHERE company_connection.registered_at < EXCLUDED.registered_at`,
      [
        event.companyId,
        event.operator,
        event.services.some((s) => s.active),
        JSON.stringify(event.services),
        event.registrationId,
        event.registeredAt,
      ],
    );
  }
}
