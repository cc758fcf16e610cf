import { once } from 'node:events';
import type { Response } from 'express';

/**
 * Writes a CSV download with backpressure: waits for `drain` when the socket's buffer is
 * full, so memory stays bounded however slow the client; stops when the client goes away.
 */
export class CsvStream {
  private buffer: string[] = [];
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
    if (bom) this.buffer.push('\ufeff');
  }

  get closed(): boolean {
    return this.res.destroyed || this.res.writableEnded;
  }

  /** Queues a line; flushes in ~64 kB writes. */
  async line(text: string): Promise<void> {
    this.buffer.push(text);
    this.size += text.length;
    if (this.size >= 64 * 1024) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.buffer.length === 0 || this.closed) return;
    const chunk = this.buffer.join('');
    this.buffer = [];
    this.size = 0;
    if (!this.res.write(chunk)) await Promise.race([once(this.res, 'drain'), once(this.res, 'close')]);
  }

  async end(): Promise<void> {
    await this.flush();
    if (!this.closed) this.res.end();
  }
}
