import { NS } from '../xml/query';
import { parseXml, XmlParseError } from '../xml/parse-xml';
import type { XmlElement } from '../xml/xml-node';
import { generatePeppolUbl } from '../../../bench/generate-ubl';
import { readInvoice, writeEe } from '../syntax';
import { en16931CiiRules } from './en16931-cii';
import { en16931UblRules } from './en16931-ubl';
import { peppolCiiRules, peppolUblRules } from './peppol';
import { INTERNAL_ERROR_RULE, NO_RULES_RULE, UNKNOWN_SYNTAX_RULE, validateDocument, validateXml } from './validator';

const PEPPOL = 'urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0';
const ubl = (id: string) =>
  `<Invoice xmlns="${NS.invoice}" xmlns:cbc="${NS.cbc}"><cbc:CustomizationID>${id}</cbc:CustomizationID></Invoice>`;
const cii = (id: string) =>
  `<rsm:CrossIndustryInvoice xmlns:rsm="${NS.rsm}" xmlns:ram="${NS.ram}"><rsm:ExchangedDocumentContext><ram:GuidelineSpecifiedDocumentContextParameter><ram:ID>${id}</ram:ID></ram:GuidelineSpecifiedDocumentContextParameter></rsm:ExchangedDocumentContext></rsm:CrossIndustryInvoice>`;

describe('validateXml', () => {
  afterEach(() => jest.restoreAllMocks());

  it('runs EN 16931 UBL rules, plus Peppol when BT-24 claims Peppol BIS 3', () => {
    expect(validateXml(ubl('urn:cen.eu:en16931:2017')).ruleSets).toEqual([en16931UblRules.id]);
    const r = validateXml(ubl(PEPPOL));
    expect(r.syntax).toBe('ubl-invoice');
    expect(r.profile.id).toBe('peppol-bis3');
    expect(r.ruleSets).toEqual([en16931UblRules.id, peppolUblRules.id]);
  });

  it('runs the CII rule sets for CII', () => {
    expect(validateXml(cii(PEPPOL)).ruleSets).toEqual([en16931CiiRules.id, peppolCiiRules.id]);
    expect(validateXml(cii('urn:cen.eu:en16931:2017')).ruleSets).toEqual([en16931CiiRules.id]);
  });

  it('honours explicit rule set choices', () => {
    expect(validateXml(ubl('x'), { ruleSets: ['peppol'] }).ruleSets).toEqual([peppolUblRules.id]);
    expect(validateXml(ubl(PEPPOL), { ruleSets: ['en16931'] }).ruleSets).toEqual([en16931UblRules.id]);
  });

  it('passes the findings of rule sets through and derives valid from fatal ones', () => {
    jest.spyOn(en16931UblRules, 'run').mockImplementation((_root, findings) => {
      findings.push({ rule: 'BR-X', flag: 'warning', location: '/Invoice', message: 'w' });
    });
    const warn = validateXml(ubl('urn:cen.eu:en16931:2017'));
    expect(warn.valid).toBe(true);
    expect(warn.findings.map((f) => f.rule)).toEqual(['BR-X']);
    jest.spyOn(en16931UblRules, 'run').mockImplementation((_root, findings) => {
      findings.push({ rule: 'BR-Y', flag: 'fatal', location: '/Invoice', message: 'f' });
    });
    expect(validateXml(ubl('urn:cen.eu:en16931:2017')).valid).toBe(false);
  });

  it('turns a crashing rule set into a fatal internal finding', () => {
    jest.spyOn(en16931UblRules, 'run').mockImplementation(() => {
      throw new Error('boom');
    });
    const r = validateXml(ubl('urn:cen.eu:en16931:2017'));
    expect(r.valid).toBe(false);
    expect(r.findings[0]).toMatchObject({ rule: INTERNAL_ERROR_RULE, flag: 'fatal' });
    expect(r.findings[0]?.message).toContain('boom');
  });

  it('reports unknown roots as a fatal finding and Estonian documents with a warning', () => {
    const u = validateXml('<Order/>');
    expect(u).toMatchObject({ syntax: 'unknown', valid: false, ruleSets: [] });
    expect(u.findings[0]?.rule).toBe(UNKNOWN_SYNTAX_RULE);
    const ee = validateXml('<E_Invoice><Header/><Footer/></E_Invoice>', { eeViaUbl: false });
    expect(ee).toMatchObject({ syntax: 'ee', valid: true });
    expect(ee.findings[0]?.rule).toBe(NO_RULES_RULE);
  });

  it('validates each Estonian invoice through its UBL rendering', () => {
    const [invoice] = readInvoice(parseXml(generatePeppolUbl(3)).root);
    if (!invoice) throw new Error('generated invoice not read');
    const ee = writeEe([invoice, invoice]);
    const seen: string[] = [];
    jest.spyOn(en16931UblRules, 'run').mockImplementation((root, findings) => {
      seen.push(root.local);
      findings.push({ rule: 'BR-Z', flag: 'fatal', location: '/Invoice/cbc:ID', message: 'z' });
    });
    const r = validateXml(ee);
    expect(r.syntax).toBe('ee');
    expect(seen).toEqual(['Invoice', 'Invoice']);
    expect(r.ruleSets).toContain(en16931UblRules.id);
    expect(r.findings.map((f) => f.location)).toEqual([
      '/E_Invoice/Invoice[1] (as UBL /Invoice/cbc:ID)',
      '/E_Invoice/Invoice[2] (as UBL /Invoice/cbc:ID)',
    ]);
    expect(r.valid).toBe(false);
  });

  it('throws XmlParseError for unacceptable XML and honours limits', () => {
    expect(() => validateXml('<!DOCTYPE x><x/>')).toThrow(XmlParseError);
    expect(() => validateXml(ubl(PEPPOL), { limits: { maxBytes: 10 } })).toThrow(XmlParseError);
  });

  it('validateDocument judges an embedded document (vefa style) by the root it is given', () => {
    const wrapper = parseXml(`<t>${ubl(PEPPOL)}</t>`).root;
    expect(validateXml(`<t>${ubl(PEPPOL)}</t>`).syntax).toBe('unknown');
    const r = validateDocument(wrapper.children[0] as XmlElement);
    expect(r.syntax).toBe('ubl-invoice');
    expect(r.ruleSets).toEqual([en16931UblRules.id, peppolUblRules.id]);
  });
});
