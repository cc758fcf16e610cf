import { jetstream } from '@nats-io/jetstream';
import { headers } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import { TEST_NATS_URL, TEST_TOKENS } from '@hub/testing';

export const AUTH = {
  a: { authorization: `Bearer ${TEST_TOKENS.companyA}`, 'content-type': 'application/json' },
  b: { authorization: `Bearer ${TEST_TOKENS.companyB}`, 'content-type': 'application/json' },
};

/** A balanced two-row entry: expense row with the given projects against a payables row. */
export function entry(number: string, date: string, projects: { group: string; code: string }[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    number,
    date,
    description: `Entry ${number}`,
    source: 'purchase-invoice',
    rows: [
      {
        accountNumber: '6000',
        accountName: 'Office expenses',
        debit: '100.00',
        credit: '0',
        vatCode: '22',
        vatName: 'VAT 22%',
        partner: { kind: 'supplier', name: 'Supplier OÜ', registrationCode: '12345678' },
        projects,
      },
      { accountNumber: '2110', accountName: 'Payables', debit: '0', credit: '100.00', projects: [] },
    ],
    ...extra,
  };
}

/** Publishes an ERP event as a producer would (message id, company header). */
export async function publishErp(prefix: string, subject: string, companyId: string, payload: unknown, msgId: string): Promise<void> {
  const nc = await connect({ servers: TEST_NATS_URL });
  try {
    const h = headers();
    h.set('Hub-Company-Id', companyId);
    await jetstream(nc).publish(`${prefix}.${subject}`, JSON.stringify(payload), { msgID: msgId, headers: h });
  } finally {
    await nc.close();
  }
}

export async function api<T = unknown>(url: string, init: RequestInit & { headers?: Record<string, string> } = {}): Promise<{ status: number; body: T }> {
  const res = await fetch(url, { ...init, headers: { ...AUTH.a, ...(init.headers ?? {}) } });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // CSV and empty bodies stay text.
  }
  return { status: res.status, body: body as T };
}
