import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseXml } from '../../src/lib/xml/parse-xml';
import type { XmlElement } from '../../src/lib/xml/xml-node';

/**
 * Loads the official vefa unit-test sets (see ../shared/conformance/README.md).
 * The folder comes from HUB_CONFORMANCE_DIR, else `../shared/conformance` next to the workspace.
 */
export const conformanceDir = resolve(
  process.env['HUB_CONFORMANCE_DIR'] ?? join(__dirname, '../../../../../shared/conformance'),
);

export const hasConformance = existsSync(conformanceDir);

/** Prints once why conformance suites are skipped, so a skip is never silent. */
export function describeConformance(name: string, fn: () => void): void {
  if (hasConformance) {
    describe(name, fn);
  } else {
    describe.skip(`${name} (skipped: conformance folder ${conformanceDir} is absent; set HUB_CONFORMANCE_DIR)`, fn);
  }
}

export interface VefaCase {
  readonly file: string;
  readonly id: string;
  readonly description: string;
  readonly success: readonly string[];
  readonly error: readonly string[];
  readonly warning: readonly string[];
  /** The Invoice / CreditNote / CrossIndustryInvoice element embedded in the test. */
  readonly document: XmlElement;
}

const VEFA_NS = 'http://difi.no/xsd/vefa/validator/1.0';

export function loadVefaFolder(relative: string): VefaCase[] {
  const dir = join(conformanceDir, relative);
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.xml'))
    .sort();
  return files.flatMap((f) => loadVefaFile(join(dir, f), f));
}

export function loadVefaFile(path: string, label = path): VefaCase[] {
  const doc = parseXml(readFileSync(path), { maxElements: 10_000_000 });
  const cases: VefaCase[] = [];
  for (const test of doc.root.children.filter((c) => c.local === 'test' && c.ns === VEFA_NS)) {
    const assertEl = test.children.find((c) => c.local === 'assert' && c.ns === VEFA_NS);
    const document = test.children.find((c) => c.ns !== VEFA_NS);
    if (!assertEl || !document) continue;
    const pick = (local: string) =>
      assertEl.children.filter((c) => c.local === local && c.ns === VEFA_NS).map((c) => c.text.trim());
    cases.push({
      file: label,
      id: test.attributes.find((a) => a.local === 'id')?.value ?? `${label}#${cases.length + 1}`,
      description: pick('description').join(' '),
      success: pick('success'),
      error: pick('error'),
      warning: pick('warning'),
      document,
    });
  }
  return cases;
}

export function listXml(relative: string): string[] {
  const dir = join(conformanceDir, relative);
  return readdirSync(dir)
    .filter((f) => f.toLowerCase().endsWith('.xml'))
    .sort()
    .map((f) => join(dir, f));
}
