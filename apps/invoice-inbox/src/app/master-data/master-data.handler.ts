import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { ErpAccountChanged, ErpContactChanged, ErpDimensionChanged } from '@hub/contracts';
import { JetStreamContext } from '@hub/messaging';
import { MasterDataRepository } from './master-data.repository';

/** Keeps the per-company copies of the ERP's accounts, dimensions and contacts. */
@Controller()
export class MasterDataHandler {
  constructor(private readonly repository: MasterDataRepository) {}

  @EventPattern('erp.account.changed.v1')
  async onAccount(@Payload() event: ErpAccountChanged, @Ctx() ctx: JetStreamContext): Promise<void> {
    await this.repository.upsertAccount(ctx.manager, event);
  }

  @EventPattern('erp.dimension.changed.v1')
  async onDimension(@Payload() event: ErpDimensionChanged, @Ctx() ctx: JetStreamContext): Promise<void> {
    await this.repository.upsertDimension(ctx.manager, event);
  }

  @EventPattern('erp.contact.changed.v1')
  async onContact(@Payload() event: ErpContactChanged, @Ctx() ctx: JetStreamContext): Promise<void> {
    await this.repository.upsertContact(ctx.manager, event);
  }
}
