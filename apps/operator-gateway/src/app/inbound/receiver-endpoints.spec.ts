import { endpointKeys } from './receiver-endpoints';

describe('endpointKeys', () => {
  it('matches case-insensitively and trimmed', () => {
    expect(endpointKeys('  0088:ABC ')).toEqual(['0088:abc']);
  });

  it('also tries scheme:id when the operator gives the scheme apart', () => {
    expect(endpointKeys('7300010000025', '0088')).toEqual(['7300010000025', '0088:7300010000025']);
  });

  it('does not prefix an id that already carries its scheme', () => {
    expect(endpointKeys('0088:7300010000025', '0088')).toEqual(['0088:7300010000025']);
  });
});
