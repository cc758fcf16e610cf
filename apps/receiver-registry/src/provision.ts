import 'reflect-metadata';
import { provisionHubService } from '@hub/service-kit';
import { receiverRegistry } from './app/receiver-registry.service';

void provisionHubService(receiverRegistry);
