import { Module } from '@nestjs/common';
import { IngestModule } from '../../ingest/ingest.module';
import { InboundAddressController } from './inbound-address.controller';
import { InboundAddressService } from './inbound-address.service';
import { SmtpInboundServer } from './smtp-inbound.server';

/** Channel 3: per-company inbound addresses and the SMTP receiver. */
@Module({
  imports: [IngestModule],
  controllers: [InboundAddressController],
  providers: [InboundAddressService, SmtpInboundServer],
  exports: [SmtpInboundServer],
})
export class EmailChannelModule {}
