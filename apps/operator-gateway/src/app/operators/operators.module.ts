import { Inject, Injectable, Logger, Module, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { SERVICE_ENV } from '@hub/platform';
import type { OperatorGatewayEnv } from '../operator-gateway.env';
import { OPERATOR_ADAPTERS, type OperatorAdapter } from './operator-adapter.port';
import { SandboxOperatorAdapter } from './sandbox/sandbox-operator.adapter';
import { parseSandboxKeyEndpoints, SandboxOperatorServer } from './sandbox/sandbox-operator.server';

/** Starts the sandbox operator with the service and stops it with the service. */
@Injectable()
class SandboxOperatorLifecycle implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('SandboxOperator');

  constructor(
    private readonly server: SandboxOperatorServer,
    @Inject(SERVICE_ENV) private readonly env: OperatorGatewayEnv,
  ) {}

  async onModuleInit(): Promise<void> {
    if (!this.env.SANDBOX_OPERATOR_ENABLED) return;
    const url = await this.server.start(this.env.SANDBOX_OPERATOR_PORT);
    this.logger.log(`sandbox operator listening on ${url}`);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.server.stop();
  }
}

@Module({
  providers: [
    {
      provide: SandboxOperatorServer,
      useFactory: (env: OperatorGatewayEnv) =>
        new SandboxOperatorServer(
          new Set(env.SANDBOX_OPERATOR_KEYS.split(',').map((k) => k.trim()).filter(Boolean)),
          parseSandboxKeyEndpoints(env.SANDBOX_OPERATOR_ENDPOINTS),
        ),
      inject: [SERVICE_ENV],
    },
    SandboxOperatorLifecycle,
    {
      provide: OPERATOR_ADAPTERS,
      useFactory: (env: OperatorGatewayEnv, sandbox: SandboxOperatorServer): Map<string, OperatorAdapter> => {
        const adapters: OperatorAdapter[] = [];
        if (env.SANDBOX_OPERATOR_ENABLED) adapters.push(new SandboxOperatorAdapter(() => sandbox.url, env.OPERATOR_TIMEOUT_MS));
        return new Map(adapters.map((a) => [a.code, a]));
      },
      inject: [SERVICE_ENV, SandboxOperatorServer],
    },
  ],
  exports: [OPERATOR_ADAPTERS],
})
export class OperatorsModule {}
