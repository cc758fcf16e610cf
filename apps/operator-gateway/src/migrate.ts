import 'reflect-metadata';
import { migrateHubService } from '@hub/service-kit';
import { operatorGateway } from './app/operator-gateway.service';

void migrateHubService(operatorGateway);
