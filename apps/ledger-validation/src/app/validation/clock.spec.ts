import { localDateTime, nightlyDue } from './clock';

describe('nightly schedule in the company time zone', () => {
  const tallinn = { timeZone: 'Europe/Tallinn', nightlyTime: '02:00', lastNightlyDate: null };

  it('reads local date and time, summer and winter', () => {
    expect(localDateTime(new Date('2026-01-20T23:59:00Z'), 'Europe/Tallinn')).toEqual({ date: '2026-01-21', time: '01:59' });
    expect(localDateTime(new Date('2026-07-20T23:30:00Z'), 'Europe/Tallinn')).toEqual({ date: '2026-07-21', time: '02:30' });
  });

  it('is due from 02:00 local time, once per local date, catching up after downtime', () => {
    expect(nightlyDue(new Date('2026-01-20T23:59:00Z'), tallinn)).toBeUndefined();
    expect(nightlyDue(new Date('2026-01-21T00:00:00Z'), tallinn)).toBe('2026-01-21');
    expect(nightlyDue(new Date('2026-01-21T10:00:00Z'), { ...tallinn, lastNightlyDate: '2026-01-21' })).toBeUndefined();
    expect(nightlyDue(new Date('2026-01-21T10:00:00Z'), { ...tallinn, lastNightlyDate: '2026-01-19' })).toBe('2026-01-21');
    // 19:30 on the 20th in New York: that day's 02:00 has passed.
    expect(nightlyDue(new Date('2026-01-21T00:30:00Z'), { ...tallinn, timeZone: 'America/New_York' })).toBe('2026-01-20');
  });
});
