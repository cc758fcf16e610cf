import 'reflect-metadata';
import { provisionHubService } from '@hub/service-kit';
import { ledgerValidation } from './app/ledger-validation.service';

void provisionHubService(ledgerValidation);
