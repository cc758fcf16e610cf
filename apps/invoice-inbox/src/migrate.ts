import 'reflect-metadata';
import { migrateHubService } from '@hub/service-kit';
import { invoiceInbox } from './app/invoice-inbox.service';

void migrateHubService(invoiceInbox);
