import 'reflect-metadata';
import { startHubService } from '@hub/service-kit';
import { masterDataSync } from './app/master-data-sync.service';

void startHubService(masterDataSync);
