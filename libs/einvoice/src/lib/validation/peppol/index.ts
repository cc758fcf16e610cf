import type { XmlElement } from '../../xml/xml-node';
import type { Finding, RuleSet } from '../finding';
import { runCiiCore } from './cii-core.rules';
import { CiiDoc } from './cii-doc';
import { runCiiNational } from './cii-national.rules';
import { runUblCodes } from './ubl-codes.rules';
import { runUblCore } from './ubl-core.rules';
import { UblDoc } from './ubl-doc';
import { runUblGermany } from './ubl-national-de.rules';
import { runUblGreece } from './ubl-national-gr.rules';
import { runUblItalyNetherlands } from './ubl-national-it-nl.rules';
import { runUblNordic } from './ubl-national-nordic.rules';

/**
 * Peppol BIS Billing 3.0 rules (release 3.0.19) for UBL Invoice/CreditNote: the Peppol
 * transaction rules (PEPPOL-EN16931-*), identifier checks (PEPPOL-COMMON-*), restricted code
 * lists and the national rules (NO, DK, SE, IS, IT, NL, GR, DE), with the official ids and
 * flags. The document is indexed once; every rule then visits only its own elements.
 */
export const peppolUblRules: RuleSet = {
  id: 'PEPPOL-EN16931-UBL',
  run(root: XmlElement, findings: Finding[]): void {
    const doc = new UblDoc(root, findings);
    runUblCore(doc);
    runUblNordic(doc);
    runUblItalyNetherlands(doc);
    runUblGreece(doc);
    runUblGermany(doc);
    runUblCodes(doc);
  },
};

/** Peppol BIS Billing 3.0 rules for UN/CEFACT CII D16B (national rules NO, DK, IT, SE, NL included). */
export const peppolCiiRules: RuleSet = {
  id: 'PEPPOL-EN16931-CII',
  run(root: XmlElement, findings: Finding[]): void {
    const doc = new CiiDoc(root, findings);
    runCiiCore(doc);
    runCiiNational(doc);
  },
};
