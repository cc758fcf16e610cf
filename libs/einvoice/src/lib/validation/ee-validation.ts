import { classifySpecificationId } from '../detect/detect-profile';
import { readEeInvoice } from '../syntax/ee/ee-reader';
import { writeUbl } from '../syntax/ubl/ubl-writer';
import { parseXml } from '../xml/parse-xml';
import { child, locationOf } from '../xml/query';
import type { XmlElement } from '../xml/xml-node';
import { en16931UblRules } from './en16931-ubl';
import type { Finding, RuleSet } from './finding';
import { peppolUblRules } from './peppol';

/** Raised when an Estonian invoice cannot be mapped to the EN 16931 model at all. */
export const EE_CONVERT_RULE = 'HUB-EE-CONVERT';

/**
 * The EN 16931 rules exist for UBL and CII only, and the official EE↔EN binding maps every
 * Estonian invoice to the model. So each invoice of an E_Invoice file is read into the model,
 * written as UBL, and judged by the UBL rule sets; locations name the Estonian invoice and then
 * the path inside its UBL rendering.
 */
export function validateEe(
  root: XmlElement,
  wanted: readonly ('en16931' | 'peppol')[] | undefined,
  findings: Finding[],
  onRuleSetError: (set: RuleSet, e: unknown, location: string) => void,
): string[] {
  const ran = new Set<string>();
  const invoices = root.children.filter((c) => c.local === 'Invoice' && c.ns === '');
  invoices.forEach((invoiceEl) => {
    const where = locationOf(invoiceEl, root);
    let ublRoot: XmlElement;
    try {
      ublRoot = parseXml(writeUbl(readEeInvoice(invoiceEl))).root;
    } catch (e) {
      findings.push({
        rule: EE_CONVERT_RULE,
        flag: 'fatal',
        location: where,
        message: `[${EE_CONVERT_RULE}] The invoice cannot be mapped to EN 16931 by the EE binding: ${e instanceof Error ? e.message : String(e)}`,
      });
      return;
    }
    const spec = classifySpecificationId(child(ublRoot, 'urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2', 'CustomizationID')?.text);
    const names = wanted ?? (spec.peppol ? ['en16931', 'peppol'] : ['en16931']);
    const sets: RuleSet[] = [];
    if (names.includes('en16931')) sets.push(en16931UblRules);
    if (names.includes('peppol')) sets.push(peppolUblRules);
    for (const set of sets) {
      ran.add(set.id);
      const local: Finding[] = [];
      try {
        set.run(ublRoot, local);
      } catch (e) {
        onRuleSetError(set, e, where);
      }
      for (const f of local) findings.push({ ...f, location: `${where} (as UBL ${f.location})` });
    }
  });
  return [...ran];
}
