import http from 'node:http';
import https from 'node:https';
import { Logger } from '@nestjs/common';
import { ExportError } from './export-error';
import { OutboundRefused, type OutboundPolicy } from './outbound-policy';

/** A target's answer: status, headers and the body as text and (when it is JSON) parsed. */
export interface TargetResponse {
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
}

/** What the adapters send: a method, headers and an optional (JSON or form) body. */
export interface TargetRequest {
  method: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface CallOptions {
  /** For the whole call: connecting, sending and reading the answer. */
  timeoutMs: number;
  /** For URLs a company supplied: which hosts may be called (checked when connecting). */
  policy?: OutboundPolicy;
  /** The longest answer read; a longer one is cut off and the call fails. Default {@link MAX_RESPONSE_BYTES}. */
  maxResponseBytes?: number;
}

/** 1 MiB: far more than any journal or token answer (a Sage page of 200 accounts is about 30 KiB). */
export const MAX_RESPONSE_BYTES = 1024 * 1024;

const logger = new Logger('TargetHttp');

/**
 * One HTTP call to an external ledger, with a hard timeout for the whole call, no
 * redirects followed (a 3xx fails the call: a redirect could lead anywhere, and the
 * company should store the final URL), and the answer read up to
 * {@link CallOptions.maxResponseBytes}. With a {@link OutboundPolicy} the URL and every
 * address its host resolves to are checked as the connection is made.
 *
 * A timeout or a broken connection becomes a retryable {@link ExportError} marked
 * `outcomeUnknown`: the target may have created the journal, which is exactly why the
 * retry reuses the idempotency key. The message names the host but not why the connection
 * failed (refused, reset, unknown name, TLS), so errors shown to a company do not tell
 * open from closed ports; the cause is logged for the operator. Headers are never put
 * into errors or logs (they carry tokens and session cookies).
 */
export async function callTarget(target: string, url: string, init: TargetRequest, options: CallOptions): Promise<TargetResponse> {
  const { timeoutMs, policy, maxResponseBytes = MAX_RESPONSE_BYTES } = options;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ExportError('needs-a-person', `${target} URL is not valid; store the credentials again`);
  }
  let agent: http.Agent | undefined;
  try {
    if (policy) agent = policy.agentFor(parsed);
    else if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new OutboundRefused(`only http and https URLs are called, not ${parsed.protocol.slice(0, 20)}`);
  } catch (error) {
    throw refused(target, error);
  }
  const host = parsed.host;
  const body = init.body === undefined ? undefined : Buffer.from(init.body, 'utf8');
  const client = parsed.protocol === 'https:' ? https : http;

  return new Promise<TargetResponse>((resolve, reject) => {
    let settled = false;
    let answered = false;
    let request: http.ClientRequest | undefined;
    const settle = (outcome: { error: Error } | { response: TargetResponse }): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if ('error' in outcome) {
        request?.destroy();
        reject(outcome.error);
      } else {
        resolve(outcome.response);
      }
    };
    const timer = setTimeout(() => {
      settle({ error: new ExportError('retryable', `${target} gave no answer within ${timeoutMs} ms (${host})`, { outcomeUnknown: true }) });
    }, timeoutMs);
    const cutOff = (status: number): ExportError => new ExportError('retryable', `${target} answer was cut off`, { outcomeUnknown: true, httpStatus: status });

    const onResponse = (res: http.IncomingMessage): void => {
      answered = true;
      const status = res.statusCode ?? 0;
      if (status >= 300 && status < 400 && status !== 304) {
        settle({
          error: new ExportError('needs-a-person', `${target} answered with a redirect (HTTP ${status}); redirects are not followed, store the final URL`, { httpStatus: status }),
        });
        return;
      }
      const tooLarge = (): ExportError =>
        new ExportError('retryable', `${target} answer is larger than ${maxResponseBytes} bytes; it was cut off and not used`, { httpStatus: status, outcomeUnknown: true });
      if (Number(res.headers['content-length'] ?? 0) > maxResponseBytes) {
        settle({ error: tooLarge() });
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxResponseBytes) settle({ error: tooLarge() });
        else chunks.push(chunk);
      });
      res.on('error', (error) => {
        logger.debug(`${target} answer from ${host} broke off: ${causeOf(error)}`);
        settle({ error: cutOff(status) });
      });
      res.on('close', () => {
        if (!res.complete) settle({ error: cutOff(status) });
      });
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: unknown;
        try {
          json = text ? JSON.parse(text) : undefined;
        } catch {
          json = undefined;
        }
        settle({ response: { status, headers: headersOf(res.rawHeaders), text, json } });
      });
    };

    try {
      request = client.request(
        parsed,
        {
          method: init.method,
          headers: { ...init.headers, ...(body ? { 'content-length': String(body.length) } : {}) },
          ...(agent ? { agent } : {}),
        },
        onResponse,
      );
    } catch (error) {
      // Node refuses e.g. a header value with control characters before sending anything.
      settle({ error: new ExportError('needs-a-person', `${target} request could not be made: ${causeOf(error).slice(0, 200)}`) });
      return;
    }
    request.on('error', (error) => {
      if (settled) return;
      if (error instanceof OutboundRefused) {
        settle({ error: refused(target, error) });
        return;
      }
      logger.debug(`${target} call to ${host} failed: ${causeOf(error)}`);
      settle({ error: answered ? cutOff(0) : new ExportError('retryable', `${target} could not connect to ${host}`, { outcomeUnknown: true }) });
    });
    request.end(body);
  });
}

function refused(target: string, error: unknown): ExportError {
  if (!(error instanceof OutboundRefused)) throw error;
  return new ExportError('needs-a-person', `${target} URL refused: ${error.message}; store the credentials with the target's public URL`);
}

function headersOf(raw: readonly string[]): Headers {
  const headers = new Headers();
  for (let i = 0; i + 1 < raw.length; i += 2) {
    try {
      headers.append(raw[i] as string, raw[i + 1] as string);
    } catch {
      // A header Headers refuses (invalid name or value) is dropped.
    }
  }
  return headers;
}

/**
 * A reason from a target's answer, fit to store and show: control characters removed,
 * whitespace collapsed, at most `max` characters. Undefined when nothing is left.
 */
export function shortReason(value: unknown, max = 200): string | undefined {
  if (typeof value !== 'string') return undefined;
  // eslint-disable-next-line no-control-regex
  const clean = value.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').replace(/\s+/g, ' ').trim();
  if (clean === '') return undefined;
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}

/**
 * Errors every target shares: rate limits (429 with Retry-After), server errors (5xx,
 * the journal may or may not exist) and refused credentials. Returns undefined for the
 * target-specific cases the adapter reads from its own error body.
 */
export function commonFailure(target: string, res: TargetResponse, vendorText: string | undefined): ExportError | undefined {
  const vendorMessage = shortReason(vendorText);
  if (res.status === 429) {
    const retryAfterMs = parseRetryAfter(res.headers.get('retry-after')) ?? 60_000;
    return new ExportError('retryable', `${target} rate limit reached${vendorMessage ? `: ${vendorMessage}` : ''}; retry after ${Math.ceil(retryAfterMs / 1000)} s`, {
      httpStatus: 429,
      retryAfterMs,
    });
  }
  if (res.status >= 500) {
    return new ExportError('retryable', `${target} server error HTTP ${res.status}${vendorMessage ? `: ${vendorMessage}` : ''}`, {
      httpStatus: res.status,
      outcomeUnknown: true,
    });
  }
  if (res.status === 401 || res.status === 403) {
    return new ExportError(
      'needs-a-person',
      `${target} refused the company's credentials (HTTP ${res.status})${vendorMessage ? `: ${vendorMessage}` : ''}; store new credentials and export again`,
      { httpStatus: res.status },
    );
  }
  return undefined;
}

/** `Retry-After` as seconds or an HTTP date, in milliseconds (never negative). */
export function parseRetryAfter(value: string | null): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

function causeOf(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as Error & { cause?: unknown }).cause;
    return cause instanceof Error ? cause.message : error.message;
  }
  return String(error);
}
