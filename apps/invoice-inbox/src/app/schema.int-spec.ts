import { assertInfra, schemaDriftOf } from '@hub/testing';
import { invoiceInbox } from './invoice-inbox.service';

jest.setTimeout(60_000);

describe('invoice-inbox database schema', () => {
  beforeAll(assertInfra);

  it('has every table and column its entities declare, with their types and nullability, once its migrations ran', async () => {
    expect(await schemaDriftOf(invoiceInbox)).toEqual([]);
  });
});
