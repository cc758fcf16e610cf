import 'reflect-metadata';
import { provisionHubService } from '@hub/service-kit';
import { invoiceInbox } from './app/invoice-inbox.service';

void provisionHubService(invoiceInbox);
