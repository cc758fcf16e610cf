import 'reflect-metadata';
import { provisionHubService } from '@hub/service-kit';
import { masterDataSync } from './app/master-data-sync.service';

void provisionHubService(masterDataSync);
