import { Controller, Get, NotFoundException, Param, ParseUUIDPipe, Res, StreamableFile } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { createHash, timingSafeEqual } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Public } from '@hub/platform';

/**
 * Serves files too big to travel inline in `gateway.document.received.v1`, at the event's
 * `fetchUrl`. No bearer token (invoice-inbox fetches without one): the URL itself is the
 * capability — a random id and a 256-bit token, of which only the hash is stored.
 */
@ApiExcludeController()
@Controller('inbound-files')
export class InboundFilesController {
  constructor(private readonly dataSource: DataSource) {}

  @Get(':fileId/:token')
  @Public()
  async get(
    @Param('fileId', ParseUUIDPipe) fileId: string,
    @Param('token') token: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const rows: { token_sha256: string; content_type: string; filename: string; bytes: Buffer }[] = await this.dataSource.query(
      'SELECT token_sha256, content_type, filename, bytes FROM inbound_file WHERE id = $1',
      [fileId],
    );
    const row = rows[0];
    const given = createHash('sha256').update(token).digest();
    if (!row || !timingSafeEqual(given, Buffer.from(row.token_sha256, 'hex'))) throw new NotFoundException('No such file');
    res.setHeader('content-type', row.content_type);
    res.setHeader('content-length', String(row.bytes.length));
    res.setHeader('cache-control', 'private, no-store');
    return new StreamableFile(row.bytes);
  }
}
