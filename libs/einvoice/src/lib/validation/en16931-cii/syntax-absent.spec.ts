import { BUYER, flagsOf, invoice, line, tax } from './cii-invoice.fixture';
import { ABSENT } from './syntax.rules';

/** Builds `ram:A/ram:B/@c` as elements (ram prefix implied, udt: written) with the attribute on the last one. */
function build(path: string): string {
  const steps = path.split('/');
  const last = steps[steps.length - 1] ?? '';
  const attr = last.startsWith('@') ? ` ${last.slice(1)}="x"` : '';
  const names = (attr ? steps.slice(0, -1) : steps).map((s) =>
    s.includes(':') ? s : `ram:${s}`,
  );
  // Innermost first: the attribute goes on the last step.
  let xml = '1';
  for (let i = names.length - 1; i >= 0; i--) {
    const a = i === names.length - 1 ? attr : '';
    xml = `<${names[i]}${a}>${xml}</${names[i]}>`;
  }
  return xml;
}

/** Puts `inner` inside the context element of each table. */
const PLACE: Record<keyof typeof ABSENT, (inner: string) => string> = {
  paymentMeans: (x) =>
    invoice({
      settlementExtra: `<ram:SpecifiedTradeSettlementPaymentMeans><ram:TypeCode>49</ram:TypeCode>${x}</ram:SpecifiedTradeSettlementPaymentMeans>`,
    }),
  documentContext: (x) => invoice({ contextExtra: x }),
  document: (x) => invoice({ documentExtra: x }),
  line: (x) =>
    invoice({
      lines: [
        line().replace(
          /<\/ram:IncludedSupplyChainTradeLineItem>$/,
          `${x}</ram:IncludedSupplyChainTradeLineItem>`,
        ),
      ],
    }),
  lineDocument: (x) =>
    invoice({
      lines: [
        line().replace(
          '<ram:LineID>1</ram:LineID>',
          `<ram:LineID>1</ram:LineID>${x}`,
        ),
      ],
    }),
  product: (x) => invoice({ lines: [line({ product: x })] }),
  lineAgreement: (x) => invoice({ lines: [line({ agreement: x })] }),
  lineDelivery: (x) => invoice({ lines: [line({ delivery: x })] }),
  lineSettlement: (x) => invoice({ lines: [line({ settlement: x })] }),
  headerAgreement: (x) => invoice({ agreementExtra: x }),
  headerDelivery: (x) => invoice({ delivery: x }),
  headerSettlement: (x) => invoice({ settlementExtra: x }),
  summation: (x) => invoice({ summationExtra: x }),
  root: (x) =>
    invoice().replace(
      '</rsm:CrossIndustryInvoice>',
      `${x}</rsm:CrossIndustryInvoice>`,
    ),
  contextParameter: (x) =>
    invoice({
      contextExtra: `<ram:BusinessProcessSpecifiedDocumentContextParameter><ram:ID>p</ram:ID>${x}</ram:BusinessProcessSpecifiedDocumentContextParameter>`,
    }),
  referencedDocument: (x) =>
    invoice({
      agreementExtra: `<ram:ContractReferencedDocument><ram:IssuerAssignedID>1</ram:IssuerAssignedID>${x}</ram:ContractReferencedDocument>`,
    }),
  tradeTax: (x) => invoice({ taxes: [tax({ extra: x })] }),
  period: (x) =>
    invoice({
      settlementExtra: `<ram:BillingSpecifiedPeriod>${x}</ram:BillingSpecifiedPeriod>`,
    }),
  address: (x) =>
    invoice({ buyer: BUYER.replace('<ram:CountryID>', `${x}<ram:CountryID>`) }),
};

describe('EN 16931 CII "should not be present" rules, every table entry', () => {
  const cases = (Object.keys(ABSENT) as (keyof typeof ABSENT)[]).flatMap(
    (table) =>
      ABSENT[table].entries.map(
        (e) => [e.rule.id, e.rule.flag, table, e.path] as const,
      ),
  );

  it('covers all 482 table entries', () => {
    expect(cases).toHaveLength(482);
  });

  it.each(cases)(
    '%s (%s) fires when %s contains %s',
    (id, flag, table, path) => {
      expect(flagsOf(PLACE[table](build(path)), id)).toEqual([flag]);
    },
  );

  it.each(Object.keys(ABSENT) as (keyof typeof ABSENT)[])(
    'nothing of table %s fires on the default invoice',
    (table) => {
      const xml = PLACE[table]('');
      for (const e of ABSENT[table].entries)
        expect(flagsOf(xml, e.rule.id)).toEqual([]);
    },
  );
});
