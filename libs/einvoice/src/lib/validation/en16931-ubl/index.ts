import type { XmlElement } from '../../xml/xml-node';
import type { Finding, RuleSet } from '../finding';
import { codeListRules } from './code-lists.rules';
import { partyAndReferenceRules, periodRules, rootCoreRules } from './core.rules';
import { documentAllowanceChargeRules, lineRules, monetaryTotalRules, taxTotalRules } from './totals.rules';
import { UblIndex } from './ubl-index';
import { ublCrRules } from './ubl-cr.rules';
import { ublSyntaxRules } from './ubl-syntax.rules';
import { vatCategoryRules } from './vat-category.rules';
import { VatFacts } from './vat-facts';
import { vatPresenceRules } from './vat-presence.rules';

/**
 * The EN 16931 business rules bound to UBL 2.1 (CEN/TC 434 validation artefacts 1.3.16): BR-*, BR-CO-*,
 * BR-DEC-*, the VAT category rules, BR-CL-* code lists and the UBL-CR/SR/DT syntax rules, with the
 * official rule ids, flags and meaning. The document is indexed once; every rule family reads the index.
 *
 * Four official assertions can never fail and so never produce a finding: BR-CO-05..08 (their test is
 * `true()`), and BR-DEC-13/15 (their XPath compares with a child of cbc:TaxAmount that cannot exist).
 * Where an official assertion would raise an XPath error (e.g. an amount that is not a number), the
 * assertion counts as failed.
 */
export const en16931UblRules: RuleSet = {
  id: 'EN16931-UBL',
  run(root: XmlElement, findings: Finding[]): void {
    const ix = new UblIndex(root, findings);
    // UBL-model
    partyAndReferenceRules(ix);
    documentAllowanceChargeRules(ix);
    monetaryTotalRules(ix);
    rootCoreRules(ix);
    const facts = new VatFacts(ix);
    vatPresenceRules(ix, facts);
    lineRules(ix);
    periodRules(ix);
    taxTotalRules(ix);
    vatCategoryRules(ix, facts);
    // UBL-syntax
    ublSyntaxRules(ix);
    ublCrRules(ix);
    // Codes
    codeListRules(ix);
  },
};
