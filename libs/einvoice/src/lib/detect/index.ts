import { parseXml } from '../xml/parse-xml';
import type { XmlElement, XmlLimits } from '../xml/xml-node';
import { detectProfile, type DetectedProfile } from './detect-profile';
import { detectSyntax, type InvoiceSyntax } from './detect-syntax';

export { classifySpecificationId, detectProfile, EN16931_ID, PEPPOL_BIS3_ID, specificationIdOf } from './detect-profile';
export type { DetectedProfile, ProfileId } from './detect-profile';
export { detectSyntax, isUbl } from './detect-syntax';
export type { InvoiceSyntax } from './detect-syntax';

export interface Detection {
  readonly syntax: InvoiceSyntax;
  readonly profile: DetectedProfile;
}

/**
 * Syntax and profile of a document given as bytes, string or parsed root.
 * Bytes are parsed safely first (throws `XmlParseError` when they are not acceptable XML).
 */
export function detect(input: Buffer | string | XmlElement, limits?: Partial<XmlLimits>): Detection {
  const root = typeof input === 'string' || Buffer.isBuffer(input) ? parseXml(input, limits).root : input;
  const syntax = detectSyntax(root);
  return { syntax, profile: detectProfile(root, syntax) };
}
