/** How the export talks to targets and paces itself; read from the service env. */
export interface ExportSettings {
  /** Per HTTP call to a target. */
  timeoutMs: number;
  /** Calls per entry for retryable failures (timeouts, 5xx) before the item is recorded as failed. */
  maxAttempts: number;
  /** First backoff between attempts; doubles each time. */
  backoffMs: number;
  /** The longest Retry-After a worker sleeps through; a longer one parks the batch until then. */
  rateLimitMaxWaitMs: number;
  /** How often workers look for queued, due or abandoned batches. */
  pollMs: number;
  /** Most entries one "all confirmed" batch takes; the rest go in the next batch. */
  batchMaxEntries: number;
}

export const EXPORT_SETTINGS = Symbol('EXPORT_SETTINGS');
