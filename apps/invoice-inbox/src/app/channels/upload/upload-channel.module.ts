import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { SERVICE_ENV } from '@hub/platform';
import { IngestModule } from '../../ingest/ingest.module';
import type { InvoiceInboxEnv } from '../../invoice-inbox.env';
import { UploadController } from './upload.controller';

/** Channels 2 and 4: multipart upload (web and mobile app). */
@Module({
  imports: [
    IngestModule,
    MulterModule.registerAsync({
      // No `dest`/`storage`: files stay in memory, bounded by these limits.
      useFactory: (env: InvoiceInboxEnv) => ({
        limits: { fileSize: env.UPLOAD_MAX_FILE_BYTES, files: env.UPLOAD_MAX_FILES, fields: 20, fieldSize: 4096, parts: env.UPLOAD_MAX_FILES + 20 },
      }),
      inject: [SERVICE_ENV],
    }),
  ],
  controllers: [UploadController],
})
export class UploadChannelModule {}
