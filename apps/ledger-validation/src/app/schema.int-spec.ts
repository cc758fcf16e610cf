import { assertInfra, schemaDriftOf } from '@hub/testing';
import { ledgerValidation } from './ledger-validation.service';

jest.setTimeout(60_000);

describe('ledger-validation database schema', () => {
  beforeAll(assertInfra);

  it('has every table and column its entities declare, with their types and nullability, once its migrations ran', async () => {
    expect(await schemaDriftOf(ledgerValidation)).toEqual([]);
  });
});
