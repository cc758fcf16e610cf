import 'reflect-metadata';
import { migrateHubService } from '@hub/service-kit';
import { ledgerValidation } from './app/ledger-validation.service';

void migrateHubService(ledgerValidation);
