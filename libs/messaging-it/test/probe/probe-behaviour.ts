/**
 * What the probe handler does for a given probe id, set by a test before it sends the
 * message, and what it saw: every delivery (including the ones whose transaction rolled
 * back). Module-level on purpose: the services run in the test's own process.
 */
export interface ProbeBehaviour {
  /** Throw a transient error on the first n deliveries. */
  failTimes?: number;
  /** Throw a transient error on every delivery (until changed). */
  failAlways?: boolean;
  /** Throw a PermanentMessageError (the data can never succeed). */
  permanent?: boolean;
  /** On the first n deliveries, run a failing statement and catch its error (the transaction is aborted). */
  swallowDbErrorTimes?: number;
  /** Work this long inside the transaction. */
  delayMs?: number;
}

export interface ProbeDelivery {
  probeId: string;
  messageId: string;
  deliveryCount: number;
  at: number;
  /** Identifies the handler's transaction (messages applied together share it). */
  transaction?: number;
}

const behaviours = new Map<string, ProbeBehaviour>();
const transactions = new WeakMap<object, number>();
let lastTransaction = 0;
const deliveries: ProbeDelivery[] = [];
let defaultBehaviour: ProbeBehaviour = {};

export const probeBehaviour = {
  set(probeId: string, behaviour: ProbeBehaviour): void {
    behaviours.set(probeId, behaviour);
  },
  setDefault(behaviour: ProbeBehaviour): void {
    defaultBehaviour = behaviour;
  },
  get(probeId: string): ProbeBehaviour {
    return behaviours.get(probeId) ?? defaultBehaviour;
  },
  record(delivery: ProbeDelivery): number {
    deliveries.push(delivery);
    return deliveries.filter((d) => d.probeId === delivery.probeId).length;
  },
  /** A number per transaction object (the handler's query runner). */
  transactionOf(runner: object | undefined): number | undefined {
    if (!runner) return undefined;
    let id = transactions.get(runner);
    if (id === undefined) transactions.set(runner, (id = ++lastTransaction));
    return id;
  },
  all(): ProbeDelivery[] {
    return [...deliveries];
  },
  deliveriesOf(probeId: string): ProbeDelivery[] {
    return deliveries.filter((d) => d.probeId === probeId);
  },
  reset(): void {
    behaviours.clear();
    deliveries.length = 0;
    defaultBehaviour = {};
  },
};
