import type { FakeResponse } from '../fake-http-server';

/** A fault a test asks a contract fake to inject into its next answers. */
export type ScriptedFault =
  /** Answer with this instead of handling the request (nothing is created). */
  | { kind: 'answer'; response: FakeResponse }
  /** Handle the request normally (the journal is created) but answer only after `delayMs`. */
  | { kind: 'delay'; delayMs: number };

/** A queue of faults for the next requests to one endpoint of a fake. */
export class ScriptedFaults {
  private readonly queue: ScriptedFault[] = [];

  /** The next `times` requests get HTTP 429 with `Retry-After: retryAfterSeconds`. */
  rateLimit(retryAfterSeconds: number, times = 1, headers: Record<string, string> = {}, body: unknown = undefined): void {
    for (let i = 0; i < times; i++) {
      this.queue.push({ kind: 'answer', response: { status: 429, headers: { 'retry-after': String(retryAfterSeconds), ...headers }, body } });
    }
  }

  /** The next request is processed (and creates) but its answer comes after `delayMs`: a client timeout that still created. */
  delayNext(delayMs: number): void {
    this.queue.push({ kind: 'delay', delayMs });
  }

  /** The next request gets this answer verbatim (e.g. a 503). */
  answerNext(response: FakeResponse): void {
    this.queue.push({ kind: 'answer', response });
  }

  take(): ScriptedFault | undefined {
    return this.queue.shift();
  }

  clear(): void {
    this.queue.length = 0;
  }
}
