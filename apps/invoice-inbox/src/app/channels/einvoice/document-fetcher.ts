import { Inject, Injectable } from '@nestjs/common';
import { SERVICE_ENV } from '@hub/platform';
import type { InvoiceInboxEnv } from '../../invoice-inbox.env';

/** Why a referenced original could not be fetched; `retry` when trying again later may help. */
export class FetchProblem extends Error {
  constructor(
    message: string,
    readonly retry: boolean,
  ) {
    super(message);
    this.name = 'FetchProblem';
  }
}

/**
 * Fetches an original the operator-gateway could not send inline. Only from configured
 * origins (no request to wherever a message points), with a size cap and a timeout.
 */
@Injectable()
export class DocumentFetcher {
  private readonly origins: Set<string>;

  constructor(@Inject(SERVICE_ENV) private readonly env: InvoiceInboxEnv) {
    this.origins = new Set(
      env.DOCUMENT_FETCH_ORIGINS.split(',')
        .map((o) => o.trim())
        .filter(Boolean)
        .map((o) => new URL(o).origin),
    );
  }

  async fetch(url: string, maxBytes: number): Promise<Buffer> {
    const origin = new URL(url).origin;
    if (!this.origins.has(origin)) {
      throw new FetchProblem(`the inbox does not fetch from ${origin} (not in DOCUMENT_FETCH_ORIGINS)`, false);
    }
    let res: Response;
    try {
      res = await fetch(url, { signal: AbortSignal.timeout(this.env.DOCUMENT_FETCH_TIMEOUT_MS), redirect: 'error' });
    } catch (error) {
      throw new FetchProblem(`fetching ${url} failed: ${error instanceof Error ? error.message : String(error)}`, true);
    }
    if (!res.ok) throw new FetchProblem(`fetching ${url} answered ${res.status}`, res.status >= 500 || res.status === 429);
    const declared = Number(res.headers.get('content-length') ?? '0');
    if (declared > maxBytes) throw new FetchProblem(`${url} is ${declared} bytes, more than ${maxBytes}`, false);
    const body = Buffer.from(await res.arrayBuffer());
    if (body.length > maxBytes) throw new FetchProblem(`${url} is more than ${maxBytes} bytes`, false);
    return body;
  }
}
