/** Injection token of the clock the scheduler reads; tests pass their own time to `tick`. */
export const CLOCK = Symbol('LEDGER_CLOCK');

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** The local calendar date and wall-clock time of an instant in a time zone. */
export function localDateTime(instant: Date, timeZone: string): { date: string; time: string } {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(instant);
  const get = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? '00';
  return { date: `${get('year')}-${get('month')}-${get('day')}`, time: `${get('hour')}:${get('minute')}` };
}

/**
 * A company's nightly run is due when, in its time zone, the run time of today has passed
 * and today's run has not happened. A replica that was down at 02:00 catches up at its next tick.
 */
export function nightlyDue(instant: Date, settings: { timeZone: string; nightlyTime: string; lastNightlyDate: string | null }): string | undefined {
  const local = localDateTime(instant, settings.timeZone);
  if (local.time < settings.nightlyTime) return undefined;
  if (settings.lastNightlyDate !== null && settings.lastNightlyDate >= local.date) return undefined;
  return local.date;
}
