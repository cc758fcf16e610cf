import { assertInfra, schemaDriftOf } from '@hub/testing';
import { operatorGateway } from './operator-gateway.service';

jest.setTimeout(60_000);

describe('operator-gateway database schema', () => {
  beforeAll(assertInfra);

  it('has every table and column its entities declare, with their types and nullability, once its migrations ran', async () => {
    expect(await schemaDriftOf(operatorGateway)).toEqual([]);
  });
});
