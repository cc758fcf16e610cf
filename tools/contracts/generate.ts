/**
 * Writes docs/asyncapi.yaml and docs/schemas/<Contract>.json from the contract classes.
 * `npm run contracts:generate`; a contracts spec fails when the committed files drift.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { asyncApiDocument, contractSchemas } from '../../libs/contracts/src/index';

const root = join(__dirname, '../..');
const docs = join(root, 'docs');
const schemasDir = join(docs, 'schemas');
mkdirSync(schemasDir, { recursive: true });
writeFileSync(join(docs, 'asyncapi.yaml'), asyncApiDocument());
const schemas = contractSchemas();
for (const f of readdirSync(schemasDir)) rmSync(join(schemasDir, f));
for (const [name, schema] of Object.entries(schemas)) {
  writeFileSync(join(schemasDir, `${name}.json`), `${JSON.stringify({ $id: name, ...schema }, null, 2)}\n`);
}
process.stdout.write(`wrote docs/asyncapi.yaml and ${Object.keys(schemas).length} schemas\n`);
