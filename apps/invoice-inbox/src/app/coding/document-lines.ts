/**
 * The document's lines as the EN 16931 model stored with it (`document.invoice`, JSON with
 * amounts as exact decimal text). Read defensively: the JSON comes from the database, and a
 * PDF-only document has no model at all (no lines; it is coded on the header).
 */
export interface DocumentLineView {
  lineId: string;
  description?: string;
  quantity?: string;
  unitCode?: string;
  unitPrice?: string;
  netAmount?: string;
  vatCategory?: string;
  vatRate?: string;
  note?: string;
}

type Json = Record<string, unknown>;

export function documentLines(invoice: Json | null | undefined): DocumentLineView[] {
  const lines = invoice?.['lines'];
  if (!Array.isArray(lines)) return [];
  return lines.flatMap((raw: unknown): DocumentLineView[] => {
    if (!isObject(raw)) return [];
    const id = text(raw['id']);
    if (!id) return [];
    const item = isObject(raw['item']) ? raw['item'] : {};
    const price = isObject(raw['price']) ? raw['price'] : {};
    const vat = isObject(raw['vat']) ? raw['vat'] : {};
    const name = text(item['name']);
    const description = text(item['description']);
    return [
      prune({
        lineId: id,
        description: name && description && name !== description ? `${name}: ${description}` : (name ?? description),
        quantity: text(raw['quantity']),
        unitCode: text(raw['unitCode']),
        unitPrice: text(price['netPrice']),
        netAmount: text(raw['netAmount']),
        vatCategory: text(vat['categoryCode']),
        vatRate: text(vat['rate']),
        note: text(raw['note']),
      }),
    ];
  });
}

export function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A string or decimal-as-text field of the model JSON; anything else is absent. */
export function text(v: unknown): string | undefined {
  if (typeof v === 'string' && v.length > 0) return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}

function prune<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
