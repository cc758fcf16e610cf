import 'reflect-metadata';
import { migrateHubService } from '@hub/service-kit';
import { masterDataSync } from './app/master-data-sync.service';

void migrateHubService(masterDataSync);
