/**
 * `@hub/einvoice`: safe XML parsing, syntax/profile detection, the native EN 16931 and
 * Peppol BIS 3 validator, and the EN 16931 semantic model with its syntax readers/writers.
 */

// Safe XML parser and tree
export { DEFAULT_XML_LIMITS, parseXml, XmlParseError } from './lib/xml/parse-xml';
export type { XmlAttribute, XmlDocument, XmlElement, XmlErrorCode, XmlLimits } from './lib/xml/xml-node';

// Tree navigation helpers
export { attr, child, children, descendants, first, locationOf, normalizeSpace, NS, select } from './lib/xml/query';
export type { NsPrefix } from './lib/xml/query';

// Syntax and profile detection
export {
  classifySpecificationId,
  detect,
  detectProfile,
  detectSyntax,
  EN16931_ID,
  isUbl,
  PEPPOL_BIS3_ID,
  specificationIdOf,
} from './lib/detect';
export type { DetectedProfile, Detection, InvoiceSyntax, ProfileId } from './lib/detect';

// Validation
export {
  EE_CONVERT_RULE,
  INTERNAL_ERROR_RULE,
  NO_RULES_RULE,
  selectRuleSets,
  UNKNOWN_SYNTAX_RULE,
  validateDocument,
  validateXml,
} from './lib/validation/validator';
export type { RuleSetName, ValidateOptions, ValidationResult } from './lib/validation/validator';
export type { Finding, FindingFlag, RuleSet } from './lib/validation/finding';
export { en16931UblRules } from './lib/validation/en16931-ubl';
export { en16931CiiRules } from './lib/validation/en16931-cii';
export { peppolCiiRules, peppolUblRules } from './lib/validation/peppol';

// EN 16931 semantic model
export * from './lib/model';

// Syntax readers and writers (model <-> UBL 2.1, CII D16B, Estonian e-invoice 1.2)
export {
  escapeAttr,
  escapeText,
  isCiiRoot,
  isEeRoot,
  isUblRoot,
  readCii,
  readEe,
  readEeInvoice,
  readInvoice,
  readUbl,
  syntaxOfRoot,
  UnsupportedDocumentError,
  writeCii,
  writeEe,
  writeUbl,
  XmlWriter,
} from './lib/syntax';
// The readers' coarse syntax ('ubl' | 'cii' | 'ee'), distinct from detection's InvoiceSyntax.
export type { EeHeader, InvoiceSyntax as ReadableSyntax, UblWriteOptions } from './lib/syntax';
