import { randomUUID } from 'node:crypto';
import { PDFDocument } from 'pdf-lib';
import { OutboxRelay } from '@hub/messaging';
import { assertInfra, dropSchema, dropStreams, queryTest, startTestService, TEST_TOKENS, type TestService, uniqueName, waitFor } from '@hub/testing';
import { openTestBus, type TestBus } from '../../../test/workflow-bus';
import { MASTER_DATA, ublInvoice } from '../../../test/workflow-fixtures';
import { invoiceInbox, type InvoiceInboxEnv } from '../invoice-inbox.service';

const A = { authorization: `Bearer ${TEST_TOKENS.companyA}`, 'content-type': 'application/json' };
const B = { authorization: `Bearer ${TEST_TOKENS.companyB}`, 'content-type': 'application/json' };
const CHANGED_AT = '2026-01-01T00:00:00.000Z';

/**
 * The second half of the inbox end to end, through HTTP and NATS against the real Postgres
 * and NATS: master data from the ERP, coding with validation, approval, publication exactly
 * once (also across a restart between commit and relay), the ERP's confirmation and the
 * automatic purchase invoice, the sales-invoice register, and tenant isolation.
 */
// Real infrastructure on a shared 2-core machine: waits are bounded by waitFor, not by jest's 5 s.
jest.setTimeout(60_000);

describe('invoice-inbox workflow: code, approve, publish, into the ERP', () => {
  const prefix = uniqueName();
  const schema = uniqueName('inbox');
  let svc: TestService<InvoiceInboxEnv>;
  let bus: TestBus;

  const http = async (method: string, path: string, body?: unknown, h: Record<string, string> = A): Promise<{ status: number; body: any }> => {
    const res = await fetch(`${svc.url}${path}`, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // binary or empty
    }
    return { status: res.status, body: parsed };
  };

  /** Delivers a UBL invoice as an operator would and waits until the inbox stored it. */
  const deliver = async (companyId: string, number: string): Promise<string> => {
    const xml = Buffer.from(ublInvoice({ number, lines: 2 }));
    await bus.publish(
      'gateway.document.received.v1',
      {
        companyId,
        receiverEndpointId: '9931:EE200000002',
        operator: 'sandbox',
        operatorDocumentId: `op-${number}`,
        receivedAt: new Date().toISOString(),
        files: [{ filename: `${number}.xml`, contentType: 'application/xml', contentBase64: xml.toString('base64'), sizeBytes: xml.length }],
      },
      `gw-${companyId}-${number}`,
    );
    return waitFor(async () => {
      const rows = await queryTest<{ id: string; state: string }>(
        `SELECT id, state FROM "${schema}".document WHERE company_id = $1 AND invoice_number = $2`,
        [companyId, number],
      );
      return rows[0]?.state === 'ready' ? rows[0].id : undefined;
    }, 15_000, `document ${number} to be ready`);
  };

  const codeAndApprove = async (id: string): Promise<void> => {
    expect((await http('PUT', `/companies/company-a/documents/${id}/coding`, { account: '4000' })).status).toBe(200);
    expect((await http('POST', `/companies/company-a/documents/${id}/approve`)).status).toBe(200);
  };

  beforeAll(async () => {
    await assertInfra();
    svc = await startTestService(invoiceInbox, { prefix, schema });
    bus = await openTestBus(prefix);
    for (const [i, a] of MASTER_DATA.accounts.entries()) {
      await bus.publish('erp.account.changed.v1', { companyId: 'company-a', ...a, changedAt: CHANGED_AT }, `acc-${i}`);
    }
    for (const [i, d] of MASTER_DATA.dimensions.entries()) {
      await bus.publish('erp.dimension.changed.v1', { companyId: 'company-a', ...d, changedAt: CHANGED_AT }, `dim-${i}`);
    }
    for (const [i, c] of MASTER_DATA.contacts.entries()) {
      await bus.publish('erp.contact.changed.v1', { companyId: 'company-a', ...c, roles: [...c.roles], changedAt: CHANGED_AT }, `con-${i}`);
    }
    // A late, older change must not overwrite the newer state.
    await bus.publish(
      'erp.account.changed.v1',
      { companyId: 'company-a', number: '4000', name: 'Stale name', type: 'expense', active: false, changedAt: '2025-01-01T00:00:00.000Z' },
      'acc-stale',
    );
    // Each subject has its own durable consumer: wait for all three, not just the last published.
    await waitFor(
      async () =>
        (await http('GET', '/companies/company-a/master-data/contacts')).body.length === 1 &&
        (await http('GET', '/companies/company-a/master-data/accounts')).body.length === 2 &&
        (await http('GET', '/companies/company-a/master-data/dimensions')).body.length > 0,
      15_000,
      'master data',
    );
  }, 60_000);

  afterAll(async () => {
    await bus?.close();
    await svc?.close();
    await dropSchema(schema);
    await dropStreams(prefix);
  });

  it('keeps the ERP master data per company, newest change winning, inactive hidden unless asked', async () => {
    const accounts = (await http('GET', '/companies/company-a/master-data/accounts')).body as { number: string; name: string }[];
    expect(accounts.map((a) => [a.number, a.name])).toEqual([
      ['4000', 'Goods for resale'],
      ['4100', 'Services'],
    ]);
    const all = (await http('GET', '/companies/company-a/master-data/accounts?includeInactive=true')).body as unknown[];
    expect(all).toHaveLength(3);
    expect((await http('GET', '/companies/company-b/master-data/accounts', undefined, B)).body).toEqual([]);
    const match = await http('GET', '/companies/company-a/master-data/supplier-match?vatId=ee%20100000001');
    expect(match.body).toMatchObject({ contactId: 'SUP-1', matchedBy: 'vat-id' });
    expect((await http('GET', '/companies/company-a/master-data/supplier-match?name=P%C3%95HJA%20PUIT')).body).toMatchObject({ matchedBy: 'name' });

    // Two suppliers of the same name: a name alone no longer decides; a deleted contact never matches.
    const contact = { companyId: 'company-a', roles: ['supplier'], active: true, changedAt: CHANGED_AT };
    await bus.publish('erp.contact.changed.v1', { ...contact, contactId: 'SUP-2', name: 'Twin Trade OÜ' }, 'con-twin-1');
    await bus.publish('erp.contact.changed.v1', { ...contact, contactId: 'SUP-3', name: 'Twin Trade AS' }, 'con-twin-2');
    await bus.publish('erp.contact.changed.v1', { ...contact, contactId: 'SUP-4', name: 'Gone OÜ', vatId: 'EE999', deleted: true }, 'con-gone');
    await waitFor(async () => (await http('GET', '/companies/company-a/master-data/contacts')).body.length === 3, 15_000, 'contacts');
    expect((await http('GET', '/companies/company-a/master-data/supplier-match?name=Twin%20Trade')).status).toBe(404);
    expect((await http('GET', '/companies/company-a/master-data/supplier-match?vatId=EE999')).status).toBe(404);
  });

  let docId = '';

  it('codes a document: supplier matched to the ERP contact, unknown or inactive records refused with field errors', async () => {
    docId = await deliver('company-a', 'INV-100');
    const before = await http('GET', `/companies/company-a/documents/${docId}/coding`);
    expect(before.body).toMatchObject({ state: 'ready', supplier: { contactId: 'SUP-1', matchedBy: 'registration-code' } });
    expect(before.body.missing).toEqual([{ field: 'account', errors: [expect.stringContaining('lines 1, 2 have no account')] }]);

    const bad = await http('PUT', `/companies/company-a/documents/${docId}/coding`, {
      account: '9999',
      dimensions: [{ type: 'DEPT', code: 'NOPE' }],
      lines: [{ lineId: '1', account: '4900' }],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.fields).toEqual([
      { field: 'account', errors: ["account 9999 is not in the ERP's chart of accounts"] },
      { field: 'dimensions[0]', errors: ["object DEPT/NOPE is not in the ERP's dimensions"] },
      { field: 'lines[0].account', errors: ['account 4900 (Closed account) is inactive in the ERP'] },
    ]);
    expect((await http('GET', `/companies/company-a/documents/${docId}/coding`)).body.account).toBeNull();

    const good = await http('PUT', `/companies/company-a/documents/${docId}/coding`, {
      account: '4000',
      dimensions: [{ type: 'DEPT', code: 'TLN' }],
      contractReference: 'C-2026-7',
      lines: [{ lineId: '2', account: '4100', dimensions: [{ type: 'PROJECT', code: 'P-1' }], comment: 'installation' }],
    });
    expect(good.status).toBe(200);
    expect(good.body).toMatchObject({ account: '4000', contractReference: 'C-2026-7', missing: [], updatedBy: expect.stringMatching(/^token:/) });
    expect((await http('POST', `/companies/company-a/documents/${docId}/comments`, { text: 'Checked against order PO-77' })).status).toBe(201);
  });

  it('keeps company B out of company A documents (403 on A routes, 404 for A ids on B routes)', async () => {
    expect((await http('GET', `/companies/company-a/documents/${docId}/coding`, undefined, B)).status).toBe(403);
    expect((await http('POST', `/companies/company-a/documents/${docId}/approve`, undefined, B)).status).toBe(403);
    expect((await http('GET', `/companies/company-b/documents/${docId}/coding`, undefined, B)).status).toBe(404);
    expect((await http('POST', `/companies/company-b/documents/${docId}/approve`, undefined, B)).status).toBe(404);
    expect((await http('POST', `/companies/company-b/documents/${docId}/publish`, undefined, B)).status).toBe(404);
    expect((await http('GET', '/companies/company-b/archive', undefined, B)).body).toEqual({ items: [], total: 0 });
  });

  it('approves (who and when), refuses to publish twice, and emits exactly one published event with everything', async () => {
    const early = await http('POST', `/companies/company-a/documents/${docId}/publish`);
    expect(early.status).toBe(409);
    const approved = await http('POST', `/companies/company-a/documents/${docId}/approve`);
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ state: 'approved', decision: 'approved', decidedBy: expect.stringMatching(/^token:[0-9a-f]{8}$/) });

    const first = await http('POST', `/companies/company-a/documents/${docId}/publish`);
    expect(first.body).toMatchObject({ state: 'published', newlyPublished: true });
    const again = await http('POST', `/companies/company-a/documents/${docId}/publish`);
    expect(again.body).toMatchObject({ eventId: first.body.eventId, newlyPublished: false });

    const events = await waitFor(async () => {
      const all = await bus.read<Record<string, any>>('inbox.document.published.v1');
      return all.length > 0 ? all : undefined;
    }, 15_000, 'the published event');
    await new Promise((r) => setTimeout(r, 500));
    expect(await bus.read('inbox.document.published.v1')).toHaveLength(1);
    const [event] = events;
    expect(event?.msgId).toBe(first.body.eventId);
    expect(event?.payload).toMatchObject({
      companyId: 'company-a',
      documentId: docId,
      invoiceNumber: 'INV-100',
      supplier: { contactId: 'SUP-1', vatId: 'EE100000001' },
      coding: { account: '4000', dimensions: [{ type: 'DEPT', code: 'TLN' }], contractReference: 'C-2026-7' },
      comments: [{ text: 'Checked against order PO-77' }],
      readable: { rendered: true, contentType: 'application/pdf' },
    });
    expect(event?.payload['lines'][1]).toMatchObject({ lineId: '2', account: '4100', comment: 'installation' });

    const transitions = await queryTest<{ from_state: string; to_state: string; actor: string }>(
      `SELECT from_state, to_state, actor FROM "${schema}".document_transition WHERE document_id = $1 ORDER BY id`,
      [docId],
    );
    expect(transitions.map((t) => [t.from_state, t.to_state])).toEqual([
      [null, 'received'],
      ['received', 'ready'],
      ['ready', 'approved'],
      ['approved', 'published'],
    ]);
    expect(transitions.slice(2).map((t) => t.actor)).toEqual([approved.body.decidedBy, approved.body.decidedBy]);
  });

  it('serves the ERP register: the entry, a readable PDF of the XML-only invoice, the original byte for byte', async () => {
    const list = await http('GET', '/companies/company-a/erp/incoming-invoices?state=published');
    expect(list.body.map((e: { documentId: string }) => e.documentId)).toEqual([docId]);
    const entry = (await http('GET', `/companies/company-a/erp/incoming-invoices/${docId}`)).body;
    const pdf = await fetch(`${svc.url}${entry.document.readable.downloadPath}`, { headers: A });
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
    const original = await fetch(`${svc.url}${entry.document.originals[0].downloadPath}`, { headers: A });
    expect(Buffer.from(await original.arrayBuffer()).equals(Buffer.from(ublInvoice({ number: 'INV-100', lines: 2 })))).toBe(true);
    expect((await fetch(`${svc.url}${entry.document.readable.downloadPath.replace('company-a', 'company-b')}`, { headers: B })).status).toBe(404);
  });

  it('the ERP confirms: in-erp once, the purchase invoice requested automatically once, a prepayment on request', async () => {
    expect((await http('PUT', '/companies/company-a/erp/settings', { autoCreatePurchaseInvoice: true })).status).toBe(200);
    const recorded = { companyId: 'company-a', documentId: docId, erpRecordId: 'ERP-501', recordedAt: new Date().toISOString() };
    await bus.publish('erp.incoming-invoice.recorded.v1', recorded, 'rec-1');
    await bus.publish('erp.incoming-invoice.recorded.v1', recorded, 'rec-2'); // the ERP sent it again
    await waitFor(async () => (await http('GET', `/companies/company-a/erp/incoming-invoices/${docId}`)).body.state === 'in-erp', 15_000, 'in-erp');
    const requested = await waitFor(async () => {
      const all = await bus.read<Record<string, unknown>>('inbox.purchase-invoice.requested.v1');
      return all.length > 0 ? all : undefined;
    }, 15_000, 'the purchase invoice request');
    expect(requested.map((r) => r.payload)).toEqual([expect.objectContaining({ documentId: docId, erpRecordId: 'ERP-501', kind: 'purchase-invoice', trigger: 'automatic' })]);

    const prepay = await http('POST', `/companies/company-a/erp/incoming-invoices/${docId}/purchase-invoice`, { kind: 'prepayment', amount: '40.00' });
    expect(prepay.body).toMatchObject({ kind: 'prepayment', trigger: 'api', amount: '40.0000', newlyRequested: true });
    const auto = await http('POST', `/companies/company-a/erp/incoming-invoices/${docId}/purchase-invoice`, { kind: 'purchase-invoice' });
    expect(auto.body).toMatchObject({ trigger: 'automatic', newlyRequested: false });
    await waitFor(async () => (await bus.read('inbox.purchase-invoice.requested.v1')).length === 2, 15_000, 'the prepayment request');
    await new Promise((r) => setTimeout(r, 500));
    expect(await bus.read('inbox.purchase-invoice.requested.v1')).toHaveLength(2);
    const state = await queryTest<{ state: string }>(`SELECT state FROM "${schema}".document WHERE id = $1`, [docId]);
    expect(state[0]?.state).toBe('in-erp');

    // A confirmation for a document company A does not have can never succeed: a dead letter with the reason.
    const stranger = randomUUID();
    await bus.publish('erp.incoming-invoice.recorded.v1', { ...recorded, documentId: stranger }, 'rec-unknown');
    const letters = await waitFor(async () => {
      const list = (await http('GET', '/dead-letters', undefined, { authorization: `Bearer ${TEST_TOKENS.admin}` })).body as { error: string }[];
      return list.some((l) => l.error.includes(stranger)) ? list : undefined;
    }, 15_000, 'the dead letter');
    expect(letters.find((l) => l.error.includes(stranger))?.error).toContain('is unknown for company company-a');

    const archive = (await http('GET', '/companies/company-a/archive?erp=in-erp&approval=approved')).body;
    expect(archive.items).toEqual([
      expect.objectContaining({
        documentId: docId,
        state: 'in-erp',
        approval: expect.objectContaining({ decision: 'approved' }),
        erp: expect.objectContaining({ state: 'in-erp', erpRecordId: 'ERP-501', purchaseInvoiceRequests: ['prepayment', 'purchase-invoice'] }),
      }),
    ]);
  });

  it('rejects with a reason, shown in the archive; a rejected document is not published', async () => {
    const id = await deliver('company-a', 'INV-101');
    expect((await http('POST', `/companies/company-a/documents/${id}/reject`, {})).status).toBe(400);
    const rejected = await http('POST', `/companies/company-a/documents/${id}/reject`, { reason: 'Not our order' });
    expect(rejected.body).toMatchObject({ state: 'rejected', decision: 'rejected', reason: 'Not our order' });
    expect((await http('POST', `/companies/company-a/documents/${id}/publish`)).status).toBe(409);
    const archive = (await http('GET', '/companies/company-a/archive?approval=rejected')).body;
    expect(archive.items).toEqual([expect.objectContaining({ documentId: id, approval: expect.objectContaining({ reason: 'Not our order' }) })]);
  });

  it('publishes exactly once across a restart between the commit and the relay', async () => {
    const id = await deliver('company-a', 'INV-102');
    await codeAndApprove(id);
    await svc.app.get(OutboxRelay).stop(); // the process "dies" right after the commit
    const published = await http('POST', `/companies/company-a/documents/${id}/publish`);
    expect(published.body).toMatchObject({ newlyPublished: true });
    await new Promise((r) => setTimeout(r, 500));
    const onBus = async (): Promise<number> =>
      (await bus.read<{ documentId: string }>('inbox.document.published.v1')).filter((e) => e.payload.documentId === id).length;
    expect(await onBus()).toBe(0);
    await svc.close();

    svc = await startTestService(invoiceInbox, { prefix, schema, fresh: false });
    await waitFor(async () => (await onBus()) === 1, 15_000, 'the relay to publish after the restart');
    expect((await http('POST', `/companies/company-a/documents/${id}/publish`)).body).toMatchObject({ newlyPublished: false });
    await new Promise((r) => setTimeout(r, 1000));
    expect(await onBus()).toBe(1);
  }, 60_000);

  it('completes a scanned PDF by hand, refuses a second copy of the same invoice, and publishes the PDF itself', async () => {
    const upload = async (label: string): Promise<string> => {
      const pdf = await PDFDocument.create();
      pdf.addPage().drawText(`Scanned invoice ${label}`);
      const form = new FormData();
      form.append('files', new Blob([Buffer.from(await pdf.save())], { type: 'application/pdf' }), `${label}.pdf`);
      const res = await fetch(`${svc.url}/companies/company-a/documents`, { method: 'POST', headers: { authorization: A.authorization }, body: form });
      expect(res.status).toBeLessThan(300);
      const body = (await res.json()) as { documents: { documentId: string }[] };
      return body.documents[0]?.documentId ?? '';
    };
    const fields = {
      kind: 'invoice',
      supplierName: 'Põhja Puit OÜ',
      supplierRegistrationCode: '10000001',
      invoiceNumber: 'P-900',
      issueDate: '2026-01-21',
      currency: 'EUR',
      totalNet: '100.00',
      totalVat: '22.00',
      totalGross: '122.00',
    };
    const first = await upload('first');
    const completed = await http('PATCH', `/companies/company-a/documents/${first}/fields`, fields);
    expect(completed.body).toEqual({ documentId: first, state: 'ready' });
    const coding = await http('PUT', `/companies/company-a/documents/${first}/coding`, { account: '4100' });
    expect(coding.body.supplier).toMatchObject({ contactId: 'SUP-1', matchedBy: 'registration-code' });

    const second = await upload('second');
    const duplicate = await http('PATCH', `/companies/company-a/documents/${second}/fields`, fields);
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.message).toContain(first);

    expect((await http('POST', `/companies/company-a/documents/${first}/approve`)).status).toBe(200);
    expect((await http('POST', `/companies/company-a/documents/${first}/publish`)).body).toMatchObject({ newlyPublished: true });
    const entry = (await http('GET', `/companies/company-a/erp/incoming-invoices/${first}`)).body;
    expect(entry.document).toMatchObject({ invoiceNumber: 'P-900', totals: { gross: '122.00' }, readable: { rendered: false, contentType: 'application/pdf' } });
    expect(entry.document.lines).toEqual([]);
  });

  it('registers a platform sales invoice once, however often it is delivered', async () => {
    const invoice = {
      companyId: 'company-a',
      platform: 'banqup',
      platformId: 'pf-1',
      platformInvoiceId: randomUUID(),
      invoiceNumber: 'S-2026-1',
      issueDate: '2026-01-20',
      currency: 'EUR',
      customer: { name: 'Klient OÜ', registrationCode: '12345678' },
      netAmount: '100.00',
      vatAmount: '22.00',
      grossAmount: '122.00',
      lines: [{ description: 'Consulting', quantity: '1', unitPrice: '100.00', vatRate: '22', netAmount: '100.00' }],
      receivedAt: new Date().toISOString(),
    };
    await bus.publish('gateway.sales-invoice.received.v1', invoice, 'si-1');
    await bus.publish('gateway.sales-invoice.received.v1', invoice, 'si-2'); // redelivered by the platform
    await bus.publish('gateway.sales-invoice.received.v1', { ...invoice, platformInvoiceId: randomUUID() }, 'si-3'); // same number, new id
    const rows = await waitFor(async () => {
      const list = (await http('GET', '/companies/company-a/erp/sales-invoices')).body as { deliveries: number }[];
      return list[0]?.deliveries === 3 ? list : undefined;
    }, 15_000, 'three deliveries counted');
    expect(rows).toHaveLength(1);
    await waitFor(async () => (await bus.read('inbox.sales-invoice.registered.v1')).length === 1, 15_000, 'registered event');
    await new Promise((r) => setTimeout(r, 500));
    const registered = await bus.read<Record<string, unknown>>('inbox.sales-invoice.registered.v1');
    expect(registered).toHaveLength(1);
    expect(registered[0]?.payload).toMatchObject({ invoiceNumber: 'S-2026-1', platform: 'banqup', grossAmount: '122.00' });
    expect((await http('GET', '/companies/company-b/erp/sales-invoices', undefined, B)).body).toEqual([]);
  });
});
