/**
 * How a failed export should be handled:
 * - `retryable`: transient (network, timeout, 5xx, rate limit); the hub retries by itself with
 *   the same idempotency key, so a journal the target did create is not created twice.
 * - `needs-a-person`: the target refused what we sent or who we are (validation errors,
 *   unknown account, expired credentials); fix the data or credentials, then export again.
 * - `terminal`: this entry can never go to this target as it is (e.g. no rows, or a
 *   journal with the same reference but different content already exists there).
 */
export type ExportErrorClass = 'retryable' | 'needs-a-person' | 'terminal';

/** A field-level problem as the target reported it. */
export interface ExportProblem {
  message: string;
  field?: string;
}

/** A failed export with its classification and the target's own words. */
export class ExportError extends Error {
  constructor(
    readonly errorClass: ExportErrorClass,
    message: string,
    readonly details: {
      /** HTTP status, when the target answered. */
      httpStatus?: number;
      /** The target's own error code (Xero ErrorNumber, Sage $dataCode, SAP error.code). */
      code?: string;
      problems?: ExportProblem[];
      /** Set on 429: how long the target asked us to wait. */
      retryAfterMs?: number;
      /** True when the request may have reached the target (timeout, connection reset, 5xx). */
      outcomeUnknown?: boolean;
    } = {},
  ) {
    super(message);
    this.name = 'ExportError';
  }

  get rateLimited(): boolean {
    return this.details.retryAfterMs !== undefined;
  }
}
