import { parseXml } from '../../xml/parse-xml';
import type { Finding } from '../finding';
import { en16931UblRules } from './index';
import { syntheticInvoice } from './test-invoice.fixture';

function run(xml: string): Finding[] {
  const findings: Finding[] = [];
  en16931UblRules.run(parseXml(xml).root, findings);
  return findings;
}

const rules = (findings: Finding[]) => findings.map((f) => f.rule);

describe('en16931UblRules', () => {
  it('finds nothing in a valid synthetic invoice', () => {
    expect(run(syntheticInvoice(3))).toEqual([]);
  });

  it('reports location, flag and an own message', () => {
    const xml = syntheticInvoice(2).replace('<cbc:ID>2</cbc:ID>', '<cbc:ID> </cbc:ID>');
    const f = run(xml).find((x) => x.rule === 'BR-21');
    expect(f).toEqual({
      rule: 'BR-21',
      flag: 'fatal',
      location: '/Invoice/cac:InvoiceLine[2]',
      message: expect.stringMatching(/^\[BR-21\] /),
    });
  });

  it('rounds sums half towards positive infinity (BR-CO-10)', () => {
    // Three lines of 0.005 sum to 0.015, which rounds to 0.02.
    const xml = syntheticInvoice(3)
      .replace(/<cbc:LineExtensionAmount currencyID="EUR">10.00<\/cbc:LineExtensionAmount>/g, '<cbc:LineExtensionAmount currencyID="EUR">0.005</cbc:LineExtensionAmount>')
      .replace(/<cbc:LineExtensionAmount currencyID="EUR">30.00<\/cbc:LineExtensionAmount>/, '<cbc:LineExtensionAmount currencyID="EUR">0.02</cbc:LineExtensionAmount>');
    expect(rules(run(xml))).not.toContain('BR-CO-10');
    expect(rules(run(xml.replace('>0.02</cbc:LineExtensionAmount>', '>0.01</cbc:LineExtensionAmount>')))).toContain('BR-CO-10');
  });

  it('treats a value that cannot be cast as a failed assertion', () => {
    const xml = syntheticInvoice(1).replace('<cbc:PriceAmount currencyID="EUR">5.00</cbc:PriceAmount>', '<cbc:PriceAmount currencyID="EUR">five</cbc:PriceAmount>');
    expect(rules(run(xml))).toContain('BR-27');
  });

  it('applies the UBL-CR restrictions as warnings', () => {
    const xml = syntheticInvoice(1).replace('<cbc:DueDate>', '<cbc:UUID>x</cbc:UUID><cbc:DueDate>');
    const f = run(xml).find((x) => x.rule === 'UBL-CR-005');
    expect(f?.flag).toBe('warning');
    expect(f?.location).toBe('/Invoice');
  });

  it('validates a 2,000-line invoice quickly', () => {
    const xml = syntheticInvoice(2000);
    let best = Infinity;
    for (let i = 0; i < 5; i++) {
      const root = parseXml(xml).root; // a fresh tree each time: nothing cached from the last run
      const t = process.hrtime.bigint();
      const findings: Finding[] = [];
      en16931UblRules.run(root, findings);
      best = Math.min(best, Number(process.hrtime.bigint() - t) / 1e6);
      expect(findings).toEqual([]);
    }
    console.log(`EN16931 UBL rules on 2,000 lines: best of 5 ${best.toFixed(2)} ms`);
    // Loose bound: this machine is shared with parallel jobs; the benchmark tracks the real target.
    expect(best).toBeLessThan(500);
  });
});
