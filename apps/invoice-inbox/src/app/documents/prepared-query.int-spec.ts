import { queryTest } from '@hub/testing';
import { byteaArray } from './prepared-query';

describe('byteaArray: a bytea[] parameter in binary form', () => {
  it('reaches Postgres byte for byte, in order, with every byte value and empty elements', async () => {
    const every = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    const values = [every, Buffer.alloc(0), Buffer.from('<?xml version="1.0"?><Invoice/>'), Buffer.from([0x5c, 0x22, 0x7b, 0x7d, 0x2c])];
    const [row] = await queryTest<{ n: number; items: Buffer[]; sizes: number[] }>(
      `SELECT cardinality($1::bytea[]) AS n, $1::bytea[] AS items, ARRAY(SELECT length(b) FROM unnest($1::bytea[]) AS b) AS sizes`,
      [byteaArray(values)],
    );
    expect(row?.n).toBe(4);
    expect(row?.sizes).toEqual([256, 0, 31, 5]);
    expect(row?.items).toEqual(values);
  });

  it('is an empty array for no values', async () => {
    const [row] = await queryTest<{ n: number; empty: boolean }>(`SELECT cardinality($1::bytea[]) AS n, $1::bytea[] = '{}'::bytea[] AS empty`, [byteaArray([])]);
    expect(row).toEqual({ n: 0, empty: true });
  });
});
