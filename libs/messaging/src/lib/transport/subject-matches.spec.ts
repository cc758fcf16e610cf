import { STREAMS } from '@hub/contracts';
import { subjectMatches } from './jetstream.server';

describe('subjectMatches (NATS wildcards)', () => {
  it.each([
    ['gateway.>', 'gateway.connection.registered.v1', true],
    ['gateway.>', 'gateway', false],
    ['gateway.*.x', 'gateway.a.x', true],
    ['gateway.*.x', 'gateway.a.b.x', false],
    ['a.b', 'a.b', true],
    ['a.b', 'a.b.c', false],
  ])('%s vs %s → %s', (filter, subject, expected) => {
    expect(subjectMatches(filter, subject)).toBe(expected);
  });

  it('query subjects outside the streams are not captured (request/reply would get a JetStream PubAck)', () => {
    const captured = (s: string): boolean =>
      STREAMS.some((st) => st.subjects.some((f) => subjectMatches(f, s)));
    expect(captured('testkit.probe.echo')).toBe(true);
    expect(captured('query.testkit.probe.echo')).toBe(false);
  });
});
