import 'reflect-metadata';
import { provisionHubService } from '@hub/service-kit';
import { accountingExport } from './app/accounting-export.service';

void provisionHubService(accountingExport);
