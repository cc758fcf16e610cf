import 'reflect-metadata';
import { startHubService } from '@hub/service-kit';
import { accountingExport } from './app/accounting-export.service';

void startHubService(accountingExport);
