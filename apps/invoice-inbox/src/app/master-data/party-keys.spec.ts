import { nameKey, registrationKey, vatKey } from './party-keys';

describe('party keys', () => {
  it('compares identifiers without spaces, punctuation or case', () => {
    expect(registrationKey(' 101 234-567 ')).toBe('101234567');
    expect(vatKey('ee 101234567')).toBe('EE101234567');
    expect(vatKey('')).toBeNull();
    expect(registrationKey(undefined)).toBeNull();
  });

  it('compares names without legal forms and punctuation', () => {
    expect(nameKey('Acme OÜ')).toBe('acme');
    expect(nameKey('ACME, OÜ')).toBe('acme');
    expect(nameKey('Põhja Puit AS')).toBe('põhja puit');
    expect(nameKey('Baltic Trade SIA')).toBe(nameKey('SIA "Baltic Trade"'));
  });
});
