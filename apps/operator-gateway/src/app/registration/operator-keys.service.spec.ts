import { KEY_HINT_MIN_LENGTH, keyHint, maskedKey } from './operator-keys.service';

describe('operator key hints', () => {
  it('keeps the last four characters only of a key of 16 characters or more', () => {
    expect(KEY_HINT_MIN_LENGTH).toBe(16);
    expect(keyHint('sandbox-demo-key')).toBe('-key');
    expect(maskedKey(keyHint('sandbox-demo-key'))).toBe('************-key');
  });

  it('keeps no hint of a shorter key, and shows nothing of it', () => {
    for (const key of ['abcd', 'abcdefgh', 'twelve-chars', 'fifteen-chars!!']) {
      expect(keyHint(key)).toBeNull();
      expect(maskedKey(keyHint(key))).toBe('************');
    }
  });
});
