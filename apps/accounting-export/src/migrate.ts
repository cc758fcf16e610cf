import 'reflect-metadata';
import { migrateHubService } from '@hub/service-kit';
import { accountingExport } from './app/accounting-export.service';

void migrateHubService(accountingExport);
