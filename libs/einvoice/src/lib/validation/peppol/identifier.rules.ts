import type { XmlElement } from '../../xml/xml-node';
import {
  abnChecksum,
  australianBusinessNumber,
  belgianEnterpriseNumber,
  codiceFiscale,
  codiceIpa,
  danishCvrFormat,
  gln,
  norwegianOrgNumber,
  partitaIvaWithCountry,
  swedishOrgNumber,
} from './identifiers.util';
import { at, type RuleContext } from './rule-context';
import { nsp } from './xpath.util';

/**
 * PEPPOL-COMMON-R040..R050: identifiers whose scheme (ICD / EAS code in @schemeID) has a known
 * format or check digit. UBL applies them to cbc:EndpointID, cac:PartyIdentification/cbc:ID and
 * cbc:CompanyID; CII to ram:URIID, ram:ID and ram:GlobalID.
 */

/** Kind of identifier element: electronic addresses also accept the EAS-only schemes 9906/9907. */
export type IdentifierKind = 'endpoint' | 'party';

/** Applies the scheme's rule, if any, to one identifier element. */
export function checkIdentifier(ctx: RuleContext, el: XmlElement, kind: IdentifierKind, syntax: 'ubl' | 'cii'): void {
  const scheme = at(el, 'schemeID');
  if (scheme === undefined) return;
  const v = nsp(el.text);
  switch (scheme) {
    case '0088':
      ctx.check(/^[0-9]+$/.test(v) && gln(v), 'PEPPOL-COMMON-R040', 'fatal', el, 'GLN (0088) MUST have a valid GS1 format and check digit.');
      break;
    case '0192':
      ctx.check(norwegianOrgNumber(v), 'PEPPOL-COMMON-R041', 'fatal', el, 'Norwegian organization number (0192) MUST be nine digits with a valid check digit.');
      break;
    case '0184':
      // This rule tests the unnormalised string value.
      ctx.check(danishCvrFormat(el.text), 'PEPPOL-COMMON-R042', 'fatal', el, "Danish organization number (CVR, 0184) MUST be eight digits, optionally prefixed 'DK'.");
      break;
    case '0208':
      ctx.check(belgianEnterpriseNumber(v), 'PEPPOL-COMMON-R043', 'fatal', el, 'Belgian enterprise number (0208) MUST be ten digits with a valid mod-97 check.');
      break;
    case '0201':
      ctx.check(codiceIpa(v), 'PEPPOL-COMMON-R044', 'warning', el, 'IPA code (0201) should be six letters or digits.');
      break;
    case '0210':
      ctx.check(codiceFiscale(v), 'PEPPOL-COMMON-R045', 'warning', el, 'Italian tax code (Codice Fiscale, 0210) should have a valid format.');
      break;
    case '9907':
      if (kind === 'endpoint') {
        ctx.check(codiceFiscale(v), 'PEPPOL-COMMON-R046', 'warning', el, 'Italian tax code (Codice Fiscale, 9907) should have a valid format.');
      }
      break;
    case '0211':
      ctx.check(partitaIvaWithCountry(v), 'PEPPOL-COMMON-R047', 'warning', el, 'Italian VAT number (Partita IVA, 0211) should have a valid format and check digit.');
      break;
    case '9906':
      // The UBL Schematron has this rule commented out; only the CII rules apply it.
      if (kind === 'endpoint' && syntax === 'cii') {
        ctx.check(partitaIvaWithCountry(v), 'PEPPOL-COMMON-R048', 'warning', el, 'Italian VAT number (Partita IVA, 9906) should have a valid format and check digit.');
      }
      break;
    case '0007':
      ctx.check(swedishOrgNumber(v), 'PEPPOL-COMMON-R049', 'fatal', el, 'Swedish organization number (0007) MUST be ten digits with a valid Luhn check digit.');
      break;
    case '0151':
      ctx.check(
        syntax === 'ubl' ? australianBusinessNumber(v) : abnChecksum(v),
        'PEPPOL-COMMON-R050',
        'fatal',
        el,
        'Australian Business Number (ABN, 0151) MUST be eleven digits with a valid checksum.',
      );
      break;
    default:
      break;
  }
}
