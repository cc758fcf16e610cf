import { Module } from '@nestjs/common';
import { OperatorsModule } from '../operators/operators.module';
import { RegistrationModule } from '../registration/registration.module';
import { InboundController } from './inbound.controller';
import { InboundDeliveryService } from './inbound-delivery.service';
import { InboundFilesController } from './inbound-files.controller';
import { InboundFetchUseCase } from './inbound-fetch.usecase';

@Module({
  imports: [OperatorsModule, RegistrationModule],
  controllers: [InboundController, InboundFilesController],
  providers: [InboundDeliveryService, InboundFetchUseCase],
})
export class InboundModule {}
