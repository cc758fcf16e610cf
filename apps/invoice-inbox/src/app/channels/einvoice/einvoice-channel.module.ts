import { Module } from '@nestjs/common';
import { IngestModule } from '../../ingest/ingest.module';
import { DocumentFetcher } from './document-fetcher';
import { DocumentReceivedHandler } from './document-received.handler';

/** Channel 1: `gateway.document.received.v1` from operator-gateway. */
@Module({
  imports: [IngestModule],
  controllers: [DocumentReceivedHandler],
  providers: [DocumentFetcher],
})
export class EinvoiceChannelModule {}
