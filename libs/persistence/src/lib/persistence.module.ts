import { type DynamicModule, Inject, Injectable, Module, type OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { HealthRegistry } from '@hub/platform';
import { serviceDataSourceOptions, type ServiceDataSourceConfig } from './data-source-options';

@Injectable()
class DatabaseReadiness implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(HealthRegistry) private readonly health: HealthRegistry,
  ) {}

  onModuleInit(): void {
    this.health.register({
      name: 'database',
      check: async () => {
        await this.dataSource.query('SELECT 1');
        return { up: true };
      },
    });
  }
}

/** TypeORM for one service, built from {@link serviceDataSourceOptions}. */
@Module({})
export class PersistenceModule {
  static forRoot(config: ServiceDataSourceConfig): DynamicModule {
    return {
      module: PersistenceModule,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => ({
            ...serviceDataSourceOptions(config),
            retryAttempts: config.retryAttempts ?? 3,
            retryDelay: 1000,
          }),
        }),
      ],
      providers: [DatabaseReadiness],
    };
  }
}
