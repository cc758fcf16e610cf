import { assertInfra, schemaDriftOf } from '@hub/testing';
import { receiverRegistry } from './receiver-registry.service';

jest.setTimeout(60_000);

describe('receiver-registry database schema', () => {
  beforeAll(assertInfra);

  it('has every table and column its entities declare, with their types and nullability, once its migrations ran', async () => {
    expect(await schemaDriftOf(receiverRegistry)).toEqual([]);
  });
});
