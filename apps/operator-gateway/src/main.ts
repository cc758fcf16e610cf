import 'reflect-metadata';
import { startHubService } from '@hub/service-kit';
import { operatorGateway } from './app/operator-gateway.service';

void startHubService(operatorGateway);
