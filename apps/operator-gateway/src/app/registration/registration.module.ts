import { Module } from '@nestjs/common';
import { CredentialCipher, SERVICE_ENV } from '@hub/platform';
import type { OperatorGatewayEnv } from '../operator-gateway.env';
import { ReceiverEndpoints } from '../inbound/receiver-endpoints';
import { OperatorsModule } from '../operators/operators.module';
import { OperatorKeysService } from './operator-keys.service';
import { RegisterServicesUseCase } from './register-services.usecase';
import { EndpointsAdminController, RegistrationController } from './registration.controller';

@Module({
  imports: [OperatorsModule],
  controllers: [RegistrationController, EndpointsAdminController],
  providers: [
    { provide: CredentialCipher, useFactory: (env: OperatorGatewayEnv) => new CredentialCipher(env.CREDENTIALS_KEY), inject: [SERVICE_ENV] },
    OperatorKeysService,
    RegisterServicesUseCase,
    ReceiverEndpoints,
  ],
  exports: [OperatorKeysService, ReceiverEndpoints],
})
export class RegistrationModule {}
