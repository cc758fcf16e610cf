/**
 * Thrown by a handler for a message that can never succeed (its data contradicts the
 * business rules): the message is terminated and kept as a dead letter, not retried.
 * Anything else a handler throws is taken as transient and retried with backoff.
 */
export class PermanentMessageError extends Error {
  readonly permanent = true;

  constructor(message: string) {
    super(message);
    this.name = 'PermanentMessageError';
  }
}

export function isPermanentError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { permanent?: unknown }).permanent === true;
}

/** Delay before the n-th redelivery: 0.5 s, 1 s, 2 s ... capped at 60 s. */
export function retryDelayMs(deliveryCount: number): number {
  return Math.min(60_000, 500 * 2 ** Math.max(0, deliveryCount - 1));
}

export function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  if (typeof error === 'object' && error !== null) {
    const message = (error as { message?: unknown }).message;
    if (typeof message === 'string') return message;
    try {
      return JSON.stringify(error);
    } catch {
      return String(error);
    }
  }
  return String(error);
}
