import 'reflect-metadata';
import { startHubService } from '@hub/service-kit';
import { receiverRegistry } from './app/receiver-registry.service';

void startHubService(receiverRegistry);
