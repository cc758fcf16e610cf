import type { XmlElement } from '../../xml/xml-node';
import { type Dec, xsDecimal } from '../common/decimal.util';
import { xsDate } from '../common/date.util';
import { xsDouble } from '../common/xpath.util';

/**
 * Raised where XPath would raise a dynamic error (e.g. `xs:decimal('abc')`). `UblIndex.test` turns it
 * into a failed assertion: a value the official rules cannot even evaluate is not a valid value.
 */
export class CastError extends Error {
  constructor(value: string, type: string) {
    super(`cannot cast '${value}' to ${type}`);
  }
}

/** Parsed values per element: several rules read the same amounts (trees are immutable). */
const decimals = new WeakMap<XmlElement, Dec>();

/** `xs:decimal(el)`: undefined for an absent element (empty sequence), throws CastError when invalid. */
export function xd(el: XmlElement | undefined): Dec | undefined {
  if (!el) return undefined;
  let d = decimals.get(el);
  if (d === undefined) {
    d = xsDecimal(el.text);
    if (d === undefined) throw new CastError(el.text, 'xs:decimal');
    decimals.set(el, d);
  }
  return d;
}

/** `xs:decimal(el)` for an element the caller knows is present. */
export function xdReq(el: XmlElement): Dec {
  return xd(el) as Dec;
}

/** Untyped value cast to xs:double, as in `cbc:Percent > 0`; throws CastError when invalid. */
export function xdouble(el: XmlElement): number {
  const v = xsDouble(el.text);
  if (v === undefined) throw new CastError(el.text, 'xs:double');
  return v;
}

/** `xs:date(el)` as comparable minutes; throws CastError when invalid. */
export function xdate(el: XmlElement): number {
  const v = xsDate(el.text);
  if (v === undefined) throw new CastError(el.text, 'xs:date');
  return v;
}

/** Decimal equality where an empty operand makes the comparison false. */
export function decEq(a: Dec | undefined, b: Dec | undefined): boolean {
  return a !== undefined && b !== undefined && a.eq(b);
}
