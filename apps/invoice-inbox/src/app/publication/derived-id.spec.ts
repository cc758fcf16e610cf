import { derivedId } from './derived-id';

describe('derivedId', () => {
  it('is a stable version-5 style UUID per name', () => {
    const a = derivedId('inbox.document.published:1');
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(derivedId('inbox.document.published:1')).toBe(a);
    expect(derivedId('inbox.document.published:2')).not.toBe(a);
  });
});
