import { once } from 'node:events';
import type { Response } from 'express';

/**
 * Writes a CSV download with backpressure: waits for `drain` when the socket's buffer is
 * full, so memory stays bounded however slow the client; stops when the client goes away.
 */
export class CsvStream {
  private chunks: Buffer[] = [];
  private size = 0;

  constructor(
    private readonly res: Response,
    filename: string,
    bom: boolean,
  ) {
    res.status(200);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
    res.setHeader('Cache-Control', 'no-store');
    // Excel opens UTF-8 CSV correctly only with a byte-order mark.
    if (bom) this.chunks.push(Buffer.from('\ufeff'));
  }

  get closed(): boolean {
    return this.res.destroyed || this.res.writableEnded;
  }

  /** Queues text or UTF-8 bytes; flushes in writes of ~64 kB or more. */
  async line(text: string | Buffer): Promise<void> {
    const chunk = typeof text === 'string' ? Buffer.from(text) : text;
    this.chunks.push(chunk);
    this.size += chunk.length;
    if (this.size >= 64 * 1024) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.chunks.length === 0 || this.closed) return;
    const chunks = this.chunks;
    this.chunks = [];
    this.size = 0;
    // Corked: the chunks leave in one writev, without copying them into one.
    this.res.cork();
    let ok = true;
    for (const chunk of chunks) ok = this.res.write(chunk);
    this.res.uncork();
    if (!ok) await Promise.race([once(this.res, 'drain'), once(this.res, 'close')]);
  }

  async end(): Promise<void> {
    await this.flush();
    if (!this.closed) this.res.end();
  }
}
