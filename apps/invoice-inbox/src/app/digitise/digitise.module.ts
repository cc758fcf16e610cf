import { Module } from '@nestjs/common';
import { DigitiseService } from './digitise.service';
import { EXTRACTOR, NoExtractor } from './extractor.port';

/** XML/PDF/image → EN 16931 model and header fields; the Extractor port is where OCR plugs in. */
@Module({
  providers: [DigitiseService, { provide: EXTRACTOR, useClass: NoExtractor }],
  exports: [DigitiseService],
})
export class DigitiseModule {}
