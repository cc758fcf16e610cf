import type { Identifier, Invoice } from '../../src/lib/model';

/**
 * What survives model → Estonian e-invoice 1.2 → model, per the official EE↔EN syntax binding
 * (schemas/estonian-einvoice-1.2, "E-invoicing - syntax binding for EE and EN"). Every BT the
 * binding maps is carried, EXCEPT the differences this projection applies:
 *
 * - BT-30-1, BT-47-1, BT-61-1 (scheme of the legal registration ids): EE RegNumber has no scheme,
 *   and the binding's PartyEN/PartyId place for it collides with BT-29/46/60; the scheme is dropped.
 * - BT-6 (VAT accounting currency) is only an attribute of BT-111 in EE: lost when BT-111 is absent.
 * - BT-29 seller identifiers: the first one of scheme 0088 goes to GLN and is read back first.
 * - BT-85 (payment account name) exists once in EE (PaymentInfoEN): kept for the first account only.
 * - BT-153 item name is mandatory in EE: a missing name is written as the description (or "-").
 * - Remittance information (BT-83) is carried in PaymentInfo/PaymentId; BT-82 in PaymentMethod.
 */
export const EE_BINDING_DIFFERENCES = [
  'BT-30-1/BT-47-1/BT-61-1 dropped',
  'BT-6 only with BT-111',
  'BT-29 GLN (0088) first',
  'BT-85 first account only',
  'BT-153 defaults to BT-154 or "-"',
] as const;

function stripScheme(id: Identifier | undefined): Identifier | undefined {
  return id ? { value: id.value } : undefined;
}

function glnFirst(ids: readonly Identifier[]): Identifier[] {
  const gln = ids.find((i) => i.schemeId === '0088');
  return gln ? [gln, ...ids.filter((i) => i !== gln)] : [...ids];
}

/** The model as it should read back after a trip through the Estonian e-invoice. */
export function projectToEe(inv: Invoice): Invoice {
  const pay = inv.paymentInstructions;
  return dropUndefined({
    ...inv,
    vatAccountingCurrencyCode: inv.totals.vatTotalInAccountingCurrency
      ? inv.vatAccountingCurrencyCode
      : undefined,
    seller: {
      ...inv.seller,
      identifiers: glnFirst(inv.seller.identifiers),
      legalRegistrationId: stripScheme(inv.seller.legalRegistrationId),
    },
    buyer: {
      ...inv.buyer,
      legalRegistrationId: stripScheme(inv.buyer.legalRegistrationId),
    },
    payee: inv.payee
      ? {
          ...inv.payee,
          legalRegistrationId: stripScheme(inv.payee.legalRegistrationId),
        }
      : undefined,
    paymentInstructions: pay
      ? {
          ...pay,
          creditTransfers: pay.creditTransfers.map((ct, i) =>
            i === 0 ? ct : { ...ct, accountName: undefined },
          ),
        }
      : undefined,
    lines: inv.lines.map((l) => ({
      ...l,
      item: { ...l.item, name: l.item.name ?? l.item.description ?? '-' },
    })),
  });
}

/** Removes undefined-valued keys recursively (the readers never set them). */
export function dropUndefined<T>(value: T): T {
  if (Array.isArray(value))
    return value.map((v: unknown) => dropUndefined(v)) as T;
  if (value && typeof value === 'object' && value.constructor === Object) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value))
      if (v !== undefined) out[k] = dropUndefined(v);
    return out as T;
  }
  return value;
}
