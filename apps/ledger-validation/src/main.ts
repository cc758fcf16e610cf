import 'reflect-metadata';
import { startHubService } from '@hub/service-kit';
import { ledgerValidation } from './app/ledger-validation.service';

void startHubService(ledgerValidation);
