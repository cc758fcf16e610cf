import type { XmlElement } from '../../xml/xml-node';
import type { FindingFlag } from '../finding';
import type { CiiDoc } from './cii-doc';
import { anyEq, at, hasAncestor, is, kid, kids, RAM } from './cii-xpath.util';
import type { Reporter, Rule } from './rule-kit';
import { rules } from './rule-kit';

/** A rule "attribute @name shall not be used" on some data type. */
interface AttrRule {
  readonly attr: string;
  readonly rule: Rule;
}

function attrRules(
  flag: FindingFlag,
  list: readonly (readonly [string, string])[],
): AttrRule[] {
  return list.map(([id, attr]) => ({
    attr,
    rule: {
      id,
      flag,
      message: `[${id}] Attribute @${attr} ${flag === 'fatal' ? 'shall' : 'should'} not be used.`,
    },
  }));
}

/** CII-DT-001..007: identifiers BT-24, BT-1, BT-126 and BT-155 take no scheme attributes. */
export const ID_NO_SCHEME = attrRules('fatal', [
  ['CII-DT-001', 'schemeName'],
  ['CII-DT-002', 'schemeAgencyName'],
  ['CII-DT-003', 'schemeDataURI'],
  ['CII-DT-004', 'schemeURI'],
  ['CII-DT-005', 'schemeID'],
  ['CII-DT-006', 'schemeAgencyID'],
  ['CII-DT-007', 'schemeVersionID'],
]);
/** CII-DT-101..104 on every other `ram:*ID`. */
export const ID_ATTRS = attrRules('fatal', [
  ['CII-DT-101', 'schemeName'],
  ['CII-DT-102', 'schemeAgencyName'],
  ['CII-DT-103', 'schemeDataURI'],
  ['CII-DT-104', 'schemeURI'],
]);
/** CII-DT-008 / 009 on `ram:TypeCode`. */
export const TYPE_CODE_ATTRS = attrRules('fatal', [
  ['CII-DT-008', 'name'],
  ['CII-DT-009', 'listURI'],
]);
/**
 * CII-DT-010..012 on the document type code. Their context comes after `//ram:TypeCode` in the
 * official pattern, so that earlier rule always takes the node and these never fire; they are
 * declared (and tested as unreachable) to keep the rule inventory complete.
 */
export const DOCUMENT_TYPE_CODE_ATTRS = attrRules('fatal', [
  ['CII-DT-010', 'listID'],
  ['CII-DT-011', 'listAgencyID'],
  ['CII-DT-012', 'listVersionID'],
]);
/** CII-DT-045..048 on the invoiced item VAT category code (BT-151). */
export const LINE_CATEGORY_ATTRS = attrRules('warning', [
  ['CII-DT-045', 'listID'],
  ['CII-DT-046', 'listAgencyID'],
  ['CII-DT-047', 'listVersionID'],
  ['CII-DT-048', 'listURI'],
]);
/** CII-DT-031 / 032 on amounts other than `ram:TaxTotalAmount`. */
export const AMOUNT_ATTRS = attrRules('fatal', [
  ['CII-DT-031', 'currencyID'],
  ['CII-DT-032', 'currencyCodeListVersionID'],
]);
/** CII-DT-034..036 on quantities. */
export const QUANTITY_ATTRS = attrRules('fatal', [
  ['CII-DT-034', 'unitCodeListID'],
  ['CII-DT-035', 'unitCodeListAgencyID'],
  ['CII-DT-036', 'unitCodeListAgencyName'],
]);
/** CII-DT-013 / 014 on the document element. */
export const ROOT_ATTRS = attrRules('fatal', [
  ['CII-DT-013', 'languageID'],
  ['CII-DT-014', 'languageLocaleID'],
]);

/** Reports each attribute rule whose attribute is present on `el`. */
export function checkAttrs(
  r: Reporter,
  el: XmlElement,
  list: readonly AttrRule[],
): void {
  if (el.attributes.length === 0) return;
  for (const a of list) if (at(el, a.attr) !== undefined) r.fail(a.rule, el);
}

/** Data type rules with conditions (fatal). */
export const DT_RULES = rules('fatal', {
  'CII-DT-015':
    'A referenced document shall not have a URI (ram:URIID), except an additional supporting document with type code 916.',
  'CII-DT-018':
    'A referenced document shall not have a type code, except an additional supporting document with type code 50, 130 or 916.',
  'CII-DT-021':
    'A referenced document shall not have a name, except an additional supporting document with type code 916.',
  'CII-DT-022':
    'A referenced document shall not have an attachment, except an additional supporting document with type code 916.',
  'CII-DT-024':
    'A referenced document shall not have a reference type code, except an additional supporting document with type code 130.',
  'CII-DT-027':
    'Only a preceding invoice reference may have an issue date (ram:FormattedIssueDateTime).',
  'CII-DT-033':
    'A quantity shall not have @unitCode unless the invoiced quantity carries one.',
  'CII-DT-037': 'A tax type code shall be VAT.',
  'CII-DT-097': 'A date with format 102 shall be written YYYYMMDD.',
});
/** Data type rules with conditions (warnings). */
export const DT_WARNINGS = rules('warning', {
  'CII-DT-041':
    'Only a VAT breakdown should have a taxable amount (ram:BasisAmount).',
  'CII-DT-052':
    'Only an applicable trade tax should have an exemption reason code.',
  'CII-DT-098': 'Only an applicable trade tax should have an exemption reason.',
  'CII-DT-054':
    'Only a VAT breakdown should have a VAT point date (ram:TaxPointDate).',
  'CII-DT-058':
    'Only a VAT breakdown should have a VAT point date code (ram:DueDateTypeCode).',
});

/** Conditional rules of context `//ram:*[ends-with(name(), 'ReferencedDocument')]` (the plain ones are a table). */
export function referencedDocumentRules(r: Reporter, ref: XmlElement): void {
  const additional = is(ref, RAM, 'AdditionalReferencedDocument');
  const types = kids(ref, RAM, 'TypeCode');
  const isType = (code: string): boolean => additional && anyEq(types, code);
  const absentOr = (local: string, allowed: boolean): boolean =>
    allowed || kid(ref, RAM, local) === undefined;
  r.ok(DT_RULES['CII-DT-015'], ref, absentOr('URIID', isType('916')));
  r.ok(
    DT_RULES['CII-DT-018'],
    ref,
    absentOr('TypeCode', isType('50') || isType('130') || isType('916')),
  );
  r.ok(DT_RULES['CII-DT-021'], ref, absentOr('Name', isType('916')));
  r.ok(
    DT_RULES['CII-DT-022'],
    ref,
    absentOr('AttachmentBinaryObject', isType('916')),
  );
  r.ok(
    DT_RULES['CII-DT-024'],
    ref,
    absentOr('ReferenceTypeCode', isType('130')),
  );
  r.ok(
    DT_RULES['CII-DT-027'],
    ref,
    absentOr(
      'FormattedIssueDateTime',
      is(ref, RAM, 'InvoiceReferencedDocument'),
    ),
  );
}

/** Conditional rules of context `//ram:*[ends-with(name(), 'TradeTax')]` (the plain ones are a table). */
export function tradeTaxRules(
  r: Reporter,
  tax: XmlElement,
  root: XmlElement,
): void {
  const types = kids(tax, RAM, 'TypeCode');
  r.ok(DT_RULES['CII-DT-037'], tax, types.length === 0 || anyEq(types, 'VAT'));
  const applicable = is(tax, RAM, 'ApplicableTradeTax');
  let header: boolean | undefined;
  const inHeader = (): boolean =>
    (header ??= hasAncestor(tax, root, 'ApplicableHeaderTradeSettlement'));
  const absentOr = (local: string, allowed: () => boolean): boolean =>
    kid(tax, RAM, local) === undefined || allowed();
  r.ok(DT_WARNINGS['CII-DT-041'], tax, absentOr('BasisAmount', inHeader));
  r.ok(
    DT_WARNINGS['CII-DT-052'],
    tax,
    absentOr('ExemptionReasonCode', () => applicable),
  );
  r.ok(
    DT_WARNINGS['CII-DT-098'],
    tax,
    absentOr('ExemptionReason', () => applicable),
  );
  r.ok(DT_WARNINGS['CII-DT-054'], tax, absentOr('TaxPointDate', inHeader));
  r.ok(DT_WARNINGS['CII-DT-058'], tax, absentOr('DueDateTypeCode', inHeader));
}

/** Context `//ram:*[ends-with(name(), 'Quantity')]`. */
export function quantityRules(doc: CiiDoc, r: Reporter, q: XmlElement): void {
  if (q.attributes.length === 0) return;
  r.ok(
    DT_RULES['CII-DT-033'],
    q,
    at(q, 'unitCode') === undefined || doc.billedUnitCodeAny,
  );
  checkAttrs(r, q, QUANTITY_ATTRS);
}

// XPath `\s` is space, tab, CR, LF; `\d` is any Unicode decimal digit.
const DATE_102 =
  /^[ \t\n\r]*\p{Nd}{4}(1[0-2]|0[1-9])(3[01]|[12][0-9]|0[1-9])[ \t\n\r]*$/u;

/** Context `//udt:DateTimeString[@format = '102']`. */
export function date102Rules(r: Reporter, d: XmlElement): void {
  r.ok(DT_RULES['CII-DT-097'], d, DATE_102.test(d.text));
}
