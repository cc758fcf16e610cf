import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { allContracts, checkEvent, SUBJECT_PATTERN } from '../index';
import { asyncApiDocument, contractSchemas } from './asyncapi';
import { checkTopology, CONSUMERS } from './topology';

const docs = join(__dirname, '../../../../docs');

describe('contracts', () => {
  it('the committed AsyncAPI document matches the code (run `npm run contracts:generate` after changing a contract)', () => {
    expect(readFileSync(join(docs, 'asyncapi.yaml'), 'utf8')).toBe(asyncApiDocument());
  });

  it('the committed JSON Schemas match the code', () => {
    for (const [name, schema] of Object.entries(contractSchemas())) {
      const committed = JSON.parse(readFileSync(join(docs, 'schemas', `${name}.json`), 'utf8')) as Record<string, unknown>;
      expect(committed).toEqual({ $id: name, ...schema });
    }
  });

  it('every subject is versioned and past tense, and the topology is consistent', () => {
    for (const c of allContracts()) expect(c.subject).toMatch(SUBJECT_PATTERN);
    expect(checkTopology()).toEqual([]);
    expect(CONSUMERS.length).toBeGreaterThan(0);
  });

  it('rejects unknown fields and wrong types, naming them', () => {
    const result = checkEvent('gateway.connection.registered.v1', {
      companyId: 'acme',
      registrationId: 'not-a-uuid',
      operator: 'sandbox',
      services: [{ service: 'receive-supplier-einvoices', active: 'yes', message: 'x' }],
      registeredAt: '2026-01-01T00:00:00Z',
      surprise: 1,
    });
    expect(result.ok).toBe(false);
    const fields = result.ok ? [] : result.violations.map((v) => v.field).sort();
    expect(fields).toEqual(['registrationId', 'services.0.active', 'surprise']);
  });

  it('accepts a valid event', () => {
    const result = checkEvent('gateway.connection.registered.v1', {
      companyId: 'acme',
      registrationId: '6f1c1a7e-3d7b-4b8e-9d55-1b2c3d4e5f60',
      operator: 'sandbox',
      services: [{ service: 'receive-supplier-einvoices', active: true, message: 'Registration was successful!' }],
      registeredAt: '2026-01-01T00:00:00Z',
    });
    expect(result.ok).toBe(true);
  });
});
