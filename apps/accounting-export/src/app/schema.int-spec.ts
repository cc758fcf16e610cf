import { assertInfra, schemaDriftOf } from '@hub/testing';
import { accountingExport } from './accounting-export.service';

jest.setTimeout(60_000);

describe('accounting-export database schema', () => {
  beforeAll(assertInfra);

  it('has every table and column its entities declare, with their types and nullability, once its migrations ran', async () => {
    expect(await schemaDriftOf(accountingExport)).toEqual([]);
  });
});
