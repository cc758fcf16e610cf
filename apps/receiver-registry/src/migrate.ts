import 'reflect-metadata';
import { migrateHubService } from '@hub/service-kit';
import { receiverRegistry } from './app/receiver-registry.service';

void migrateHubService(receiverRegistry);
