import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { DecimalValue } from '../../src/lib/model/decimal-value';
import type { Invoice } from '../../src/lib/model/invoice.model';
import {
  readCii,
  readEe,
  readInvoice,
  readUbl,
  writeCii,
  writeEe,
  writeUbl,
} from '../../src/lib/syntax';
import { parseXml } from '../../src/lib/xml/parse-xml';
import {
  describeConformance,
  hasConformance,
  listXml,
  loadVefaFolder,
} from '../conformance/vefa';
import {
  dropUndefined,
  EE_BINDING_DIFFERENCES,
  projectToEe,
} from './ee-binding';

/**
 * Round trips over the official examples (see ../shared/conformance/README.md):
 * same syntax (read → write → read is the identity on the model), cross syntax (UBL ↔ CII), and
 * through the Estonian e-invoice (the fields its binding carries, see ./ee-binding.ts).
 */
const files = (relative: string): string[] =>
  hasConformance ? listXml(relative) : [];
const UBL = [
  ...files('en16931/ubl/examples'),
  ...files('peppol-bis3/examples'),
  ...files('cius-ro/examples'),
];
const CII = files('en16931/cii/examples');
const model = (path: string): Invoice => {
  const invoices = readInvoice(parseXml(readFileSync(path)).root);
  if (invoices.length !== 1 || !invoices[0])
    throw new Error(`${path}: expected one invoice`);
  return invoices[0];
};

/**
 * Structural differences between UBL and CII that carry the same EN 16931 meaning, applied to the
 * source model before comparing a cross-syntax trip:
 * - to CII: a price discount (BT-147) without gross price (BT-148) gets the gross price net + discount,
 *   because CII's GrossPriceProductTradePrice needs a ChargeAmount; only the first preceding invoice
 *   reference (BG-3) fits CII D16B's single InvoiceReferencedDocument;
 * - to UBL: a gross price without discount gets discount 0 (UBL's price AllowanceCharge needs an Amount),
 *   and a missing BT-110 becomes 0 (UBL's cac:TaxTotal needs a TaxAmount).
 */
function expectedAfterCross(inv: Invoice, to: 'ubl' | 'cii'): Invoice {
  return dropUndefined({
    ...inv,
    precedingInvoices:
      to === 'cii' ? inv.precedingInvoices.slice(0, 1) : inv.precedingInvoices,
    totals:
      to === 'ubl' && !inv.totals.vatTotal
        ? { ...inv.totals, vatTotal: DecimalValue.of('0') }
        : inv.totals,
    lines: inv.lines.map((l) => {
      const p = l.price;
      if (to === 'cii' && p.discount && !p.grossPrice && p.netPrice) {
        return {
          ...l,
          price: {
            ...p,
            grossPrice: DecimalValue.fromDecimal(
              p.netPrice.toDecimal().plus(p.discount.toDecimal()),
            ),
          },
        };
      }
      if (to === 'ubl' && p.grossPrice && !p.discount)
        return { ...l, price: { ...p, discount: DecimalValue.of('0') } };
      return l;
    }),
  });
}

const counts = { ublSame: 0, ciiSame: 0, ublToCii: 0, ciiToUbl: 0, toEe: 0 };
afterAll(() => {
  console.log(
    `round trips passed: UBL→UBL ${counts.ublSame}/${UBL.length}, CII→CII ${counts.ciiSame}/${CII.length}, ` +
      `UBL→CII ${counts.ublToCii}/${UBL.length}, CII→UBL ${counts.ciiToUbl}/${CII.length}, ` +
      `→EE ${counts.toEe}/${UBL.length + CII.length} (EE binding differences: ${EE_BINDING_DIFFERENCES.join('; ')})`,
  );
});

describeConformance('round trip over the official examples', () => {
  describe('same syntax: read → write → read gives a deep-equal model', () => {
    for (const path of UBL) {
      it(`UBL ${basename(path)}`, () => {
        const m = model(path);
        expect(m.lines.length).toBeGreaterThan(0);
        expect(readUbl(parseXml(writeUbl(m)).root)).toEqual(m);
        counts.ublSame++;
      });
    }
    for (const path of CII) {
      it(`CII ${basename(path)}`, () => {
        const m = model(path);
        expect(m.lines.length).toBeGreaterThan(0);
        expect(readCii(parseXml(writeCii(m)).root)).toEqual(m);
        counts.ciiSame++;
      });
    }
  });

  describe('cross syntax: UBL → CII → model and CII → UBL → model', () => {
    for (const path of UBL) {
      it(`UBL→CII ${basename(path)}`, () => {
        const m = model(path);
        expect(dropUndefined(readCii(parseXml(writeCii(m)).root))).toEqual(
          expectedAfterCross(m, 'cii'),
        );
        counts.ublToCii++;
      });
    }
    for (const path of CII) {
      it(`CII→UBL ${basename(path)}`, () => {
        const m = model(path);
        expect(dropUndefined(readUbl(parseXml(writeUbl(m)).root))).toEqual(
          expectedAfterCross(m, 'ubl'),
        );
        counts.ciiToUbl++;
      });
    }
  });

  describe('through the Estonian e-invoice: the fields the EE binding carries survive', () => {
    for (const path of [...UBL, ...CII]) {
      it(`→EE ${basename(path)}`, () => {
        const m = model(path);
        const back = readEe(
          parseXml(writeEe([m], { date: '2024-01-01' })).root,
        );
        expect(back.map(dropUndefined)).toEqual([projectToEe(m)]);
        counts.toEe++;
      });
    }

    it('writes all examples into one E_Invoice file and reads them all back', () => {
      const all = [...UBL, ...CII].map(model);
      const back = readEe(
        parseXml(writeEe(all, { date: '2024-01-01', fileId: 'ALL' })).root,
      );
      expect(back.map(dropUndefined)).toEqual(all.map(projectToEe));
    });
  });
});

describe('Estonian fixture with two invoices', () => {
  const path = join(__dirname, 'fixtures/ee-two-invoices.xml');
  it('reads both invoices and survives read → write → read', () => {
    const first = readInvoice(parseXml(readFileSync(path)).root);
    expect(first.map((i) => [i.id, i.invoiceKind])).toEqual([
      ['INV-2024-001', 'invoice'],
      ['CN-2024-001', 'credit-note'],
    ]);
    expect(readEe(parseXml(writeEe(first)).root)).toEqual(first);
  });

  it('converts each invoice to UBL and CII and back without loss', () => {
    for (const inv of readEe(parseXml(readFileSync(path)).root)) {
      expect(dropUndefined(readUbl(parseXml(writeUbl(inv)).root))).toEqual(
        expectedAfterCross(inv, 'ubl'),
      );
      expect(dropUndefined(readCii(parseXml(writeCii(inv)).root))).toEqual(
        expectedAfterCross(inv, 'cii'),
      );
    }
  });
});

describeConformance(
  'readers on the vefa unit-test fragments (often not schema-valid)',
  () => {
    it('read every fragment without throwing, and writers re-read their output', () => {
      const sets = [
        'en16931/ubl/unit/Invoice-unit-UBL',
        'peppol-bis3/unit/unit-UBL-PEPPOL',
        'peppol-bis3/unit/unit-CII-PEPPOL',
      ];
      const failures: string[] = [];
      let n = 0;
      for (const set of sets) {
        for (const c of loadVefaFolder(set)) {
          const [inv] = readInvoice(c.document);
          if (!inv) throw new Error(`${c.id}: no invoice`);
          // Same-syntax trips stay exact even for broken fragments, up to what the writer must add
          // for schema validity (see expectedAfterCross and withWriterDefaults).
          const cii = c.document.local === 'CrossIndustryInvoice';
          const to = cii ? 'cii' : 'ubl';
          const back = dropUndefined(
            cii
              ? readCii(parseXml(writeCii(inv)).root)
              : readUbl(parseXml(writeUbl(inv)).root),
          );
          const expected = expectedAfterCross(withWriterDefaults(inv, to), to);
          if (!isDeepStrictEqual(back, expected))
            failures.push(`${set} ${c.id}: ${firstDifference(expected, back)}`);
          readEe(parseXml(writeEe([inv], { date: '2024-01-01' })).root);
          n++;
        }
      }
      console.log(
        `vefa fragments read and round-tripped: ${n - failures.length}/${n}`,
      );
      expect(failures.slice(0, 20)).toEqual([]);
      expect(n).toBeGreaterThan(1200);
    });
  },
);

/**
 * What a writer fills in when a (broken) model lacks a mandatory element: UBL writes the Peppol
 * CustomizationID/ProfileID and PaymentMeansCode 1 ("instrument not defined"), CII the EN 16931 id.
 */
function withWriterDefaults(inv: Invoice, to: 'ubl' | 'cii'): Invoice {
  const peppol =
    'urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0';
  if (to === 'cii')
    return inv.specificationId === ''
      ? { ...inv, specificationId: 'urn:cen.eu:en16931:2017' }
      : inv;
  const spec = inv.specificationId === '' ? peppol : inv.specificationId;
  const pay =
    inv.paymentInstructions ??
    (inv.invoiceKind === 'credit-note' && inv.dueDate !== undefined
      ? { creditTransfers: [] }
      : undefined);
  const writesMeans =
    pay !== undefined &&
    (pay.meansText !== undefined ||
      pay.remittanceInformation !== undefined ||
      pay.creditTransfers.length > 0 ||
      pay.paymentCard !== undefined ||
      pay.directDebit?.mandateReference !== undefined ||
      pay.directDebit?.debitedAccountId !== undefined ||
      (inv.invoiceKind === 'credit-note' && inv.dueDate !== undefined));
  return {
    ...inv,
    specificationId: spec,
    businessProcessType:
      inv.businessProcessType ??
      (spec === peppol
        ? 'urn:fdc:peppol.eu:2017:poacc:billing:01:1.0'
        : undefined),
    paymentInstructions:
      pay && writesMeans && pay.meansCode === undefined
        ? { ...pay, meansCode: '1' }
        : pay,
  };
}

function firstDifference(a: unknown, b: unknown, path = ''): string {
  if (isDeepStrictEqual(a, b)) return '';
  if (
    a &&
    b &&
    typeof a === 'object' &&
    typeof b === 'object' &&
    !(a instanceof DecimalValue)
  ) {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const d = firstDifference(
        (a as Record<string, unknown>)[k],
        (b as Record<string, unknown>)[k],
        `${path}.${k}`,
      );
      if (d) return d;
    }
  }
  return `${path}: expected ${JSON.stringify(a)}, got ${JSON.stringify(b)}`;
}
