import { ExportError } from './export-error';

/** A target's answer: status, headers and the body as text and (when it is JSON) parsed. */
export interface TargetResponse {
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
}

/**
 * One HTTP call to an external ledger with a hard timeout. A timeout or a broken
 * connection becomes a retryable {@link ExportError} marked `outcomeUnknown`: the target
 * may have created the journal, which is exactly why the retry reuses the idempotency key.
 * Headers are never put into errors or logs (they carry tokens and session cookies).
 */
export async function callTarget(target: string, url: string, init: RequestInit, timeoutMs: number): Promise<TargetResponse> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
    const reason = timedOut ? `no answer within ${timeoutMs} ms` : `could not be reached (${causeOf(error)})`;
    throw new ExportError('retryable', `${target} ${reason}`, { outcomeUnknown: true });
  }
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    throw new ExportError('retryable', `${target} answer was cut off (${causeOf(error)})`, { outcomeUnknown: true, httpStatus: response.status });
  }
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

/**
 * Errors every target shares: rate limits (429 with Retry-After), server errors (5xx,
 * the journal may or may not exist) and refused credentials. Returns undefined for the
 * target-specific cases the adapter reads from its own error body.
 */
export function commonFailure(target: string, res: TargetResponse, vendorMessage: string | undefined): ExportError | undefined {
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
