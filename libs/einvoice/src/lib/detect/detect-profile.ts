import { child, first, normalizeSpace, NS } from '../xml/query';
import type { XmlElement } from '../xml/xml-node';
import type { InvoiceSyntax } from './detect-syntax';

/**
 * Known specification identifiers (BT-24). Order matters: the most specific CIUS or
 * extension wins, and Peppol BIS 3 derivatives (e.g. Norwegian EHF) stay Peppol.
 */
export type ProfileId =
  | 'peppol-bis3'
  | 'xrechnung'
  | 'cius-ro'
  | 'factur-x'
  | 'zugferd-1'
  | 'en16931'
  | 'en16931-cius'
  | 'en16931-extension'
  | 'other'
  | 'none';

export interface DetectedProfile {
  readonly id: ProfileId;
  /** BT-24 as written (whitespace-normalised), `undefined` when absent or empty. */
  readonly specificationId: string | undefined;
  /** True when Peppol BIS Billing 3.0 rules apply (the identifier claims BIS 3 compliance). */
  readonly peppol: boolean;
  /** Human-readable name for summaries. */
  readonly label: string;
}

export const EN16931_ID = 'urn:cen.eu:en16931:2017';
export const PEPPOL_BIS3_ID = 'urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0';
const PEPPOL_MARK = 'urn:fdc:peppol.eu:2017:poacc:billing:3.0';

/** Classifies a specification identifier (BT-24). */
export function classifySpecificationId(raw: string | undefined, syntax?: InvoiceSyntax): DetectedProfile {
  const id = raw === undefined ? '' : normalizeSpace(raw);
  const make = (pid: ProfileId, label: string): DetectedProfile => ({
    id: pid,
    specificationId: id === '' ? undefined : id,
    peppol: pid === 'peppol-bis3',
    label,
  });
  if (id === '') return make('none', 'no specification identifier');
  if (id.includes(PEPPOL_MARK)) return make('peppol-bis3', id === PEPPOL_BIS3_ID ? 'Peppol BIS Billing 3.0' : 'Peppol BIS Billing 3.0 (national extension)');
  if (id.includes('urn:xeinkauf.de:kosit:xrechnung') || id.includes('urn:xoev-de:kosit:standard:xrechnung')) {
    return make('xrechnung', 'XRechnung (CIUS DE)');
  }
  if (id.includes('urn:efactura.mfinante.ro:CIUS-RO')) return make('cius-ro', 'CIUS-RO (Romania)');
  if (id.includes('urn:factur-x.eu:') || id.includes('urn:zugferd.de:')) return make('factur-x', 'Factur-X / ZUGFeRD 2');
  if (id.startsWith('urn:ferd:CrossIndustryDocument')) return make('zugferd-1', 'ZUGFeRD 1.0');
  if (id === EN16931_ID) {
    return make('en16931', syntax === 'cii' ? 'EN 16931 core (also Factur-X/ZUGFeRD EN 16931 profile)' : 'EN 16931 core');
  }
  if (id.startsWith(`${EN16931_ID}#compliant#`)) return make('en16931-cius', 'EN 16931 CIUS');
  if (id.startsWith(`${EN16931_ID}#conformant#`)) return make('en16931-extension', 'EN 16931 extension');
  return make('other', 'unrecognised specification identifier');
}

/** Reads BT-24 from the tree where the syntax keeps it. */
export function specificationIdOf(root: XmlElement, syntax: InvoiceSyntax): string | undefined {
  switch (syntax) {
    case 'ubl-invoice':
    case 'ubl-creditnote':
      return child(root, NS.cbc, 'CustomizationID')?.text;
    case 'cii':
      return first(root, 'rsm:ExchangedDocumentContext/ram:GuidelineSpecifiedDocumentContextParameter/ram:ID')?.text;
    case 'ee':
      // First invoice wins: a file bundles invoices of one sender under one specification.
      return first(root, 'Invoice/InvoiceInformation/Extension/CustomContent/InvoiceInformationEN/ProcessControl/SpecificationId')
        ?.text;
    default:
      return undefined;
  }
}

/** Detects the profile (CIUS / extension) of a parsed document. */
export function detectProfile(root: XmlElement, syntax: InvoiceSyntax): DetectedProfile {
  return classifySpecificationId(specificationIdOf(root, syntax), syntax);
}
