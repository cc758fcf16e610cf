import { assertInfra, schemaDriftOf } from '@hub/testing';
import { masterDataSync } from './master-data-sync.service';

jest.setTimeout(60_000);

describe('master-data-sync database schema', () => {
  beforeAll(assertInfra);

  it('has every table and column its entities declare, with their types and nullability, once its migrations ran', async () => {
    expect(await schemaDriftOf(masterDataSync)).toEqual([]);
  });
});
