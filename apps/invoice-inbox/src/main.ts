import 'reflect-metadata';
import { startHubService } from '@hub/service-kit';
import { invoiceInbox } from './app/invoice-inbox.service';

void startHubService(invoiceInbox);
