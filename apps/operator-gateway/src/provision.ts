import 'reflect-metadata';
import { provisionHubService } from '@hub/service-kit';
import { operatorGateway } from './app/operator-gateway.service';

void provisionHubService(operatorGateway);
