import { Controller, Get, GoneException, NotFoundException, Param, ParseUUIDPipe, Res, StreamableFile } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { createHash, timingSafeEqual } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Public } from '@hub/platform';

/** A content type as a header may carry it (`type/subtype` with parameters); anything else is served as bytes. */
const CONTENT_TYPE = /^[A-Za-z0-9!#$&^_.+-]+\/[A-Za-z0-9!#$&^_.+-]+(\s*;\s*[A-Za-z0-9!#$&^_.+-]+=("[^"\\\r\n]*"|[A-Za-z0-9!#$&^_.+-]+))*$/;

/**
 * Serves files too big to travel inline in `gateway.document.received.v1`, at the event's
 * `fetchUrl`. No bearer token (invoice-inbox fetches without one): the URL itself is the
 * capability — a random id and a 256-bit token, of which only the hash is stored. A link
 * works until its expiry (`INBOUND_FILE_LINK_TTL_MS` when it was issued), then answers 410.
 * The content type comes from the operator, so it is never rendered: always a download
 * (`Content-Disposition: attachment`), no sniffing, no scripts.
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
    const rows: { token_sha256: string; content_type: string; filename: string; expired: boolean }[] = await this.dataSource.query(
      'SELECT token_sha256, content_type, filename, expires_at <= now() AS expired FROM inbound_file WHERE id = $1',
      [fileId],
    );
    const row = rows[0];
    const given = createHash('sha256').update(token).digest();
    if (!row || !timingSafeEqual(given, Buffer.from(row.token_sha256, 'hex'))) throw new NotFoundException('No such file');
    // Only to the holder of the right token: an expired link is told apart from a wrong one.
    if (row.expired) throw new GoneException('This file link has expired');
    const bytes: { bytes: Buffer }[] = await this.dataSource.query('SELECT bytes FROM inbound_file WHERE id = $1', [fileId]);
    const body = bytes[0]?.bytes ?? Buffer.alloc(0);
    res.setHeader('content-type', CONTENT_TYPE.test(row.content_type) ? row.content_type : 'application/octet-stream');
    res.setHeader('content-length', String(body.length));
    res.setHeader('content-disposition', contentDisposition(row.filename));
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('content-security-policy', "default-src 'none'; sandbox");
    res.setHeader('cache-control', 'private, no-store');
    return new StreamableFile(body);
  }
}

/**
 * `attachment` with the operator's file name made safe: an ASCII fallback of letters, digits,
 * `.`, `_` and `-` (at most 100 characters, no leading dots), plus the RFC 5987 UTF-8 form
 * (no control characters, no leading dots).
 */
export function contentDisposition(filename: string): string {
  const base = filename.split(/[\\/]/).pop() ?? '';
  const ascii = base.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._]+/, '').slice(0, 100) || 'file';
  // By code point: no control characters, no lone surrogates (encodeURIComponent would throw), at most 200.
  const printable = [...base].filter((c) => {
    const cp = c.codePointAt(0) ?? 0;
    return cp > 0x1f && cp !== 0x7f && (cp < 0xd800 || cp > 0xdfff);
  });
  const utf8 = encodeURIComponent(printable.slice(0, 200).join('').replace(/^\.+/, '')).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return utf8 && utf8 !== ascii ? `attachment; filename="${ascii}"; filename*=UTF-8''${utf8}` : `attachment; filename="${ascii}"`;
}
