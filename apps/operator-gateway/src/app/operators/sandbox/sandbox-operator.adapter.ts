import type { EInvoiceService } from '@hub/contracts';
import {
  type EndpointClaimOutcome,
  type InboundDocument,
  type InboundFileRef,
  OperatorCallError,
  type OperatorAdapter,
  type RegistrationOutcome,
  type ServiceRegistrationOutcome,
} from '../operator-adapter.port';
import type { SandboxDocumentJson, SandboxSalesInvoiceJson } from './sandbox-operator.server';

interface SandboxReply {
  results?: { service: string; status: string; message: string }[];
  endpoints?: { id: string; status: string; message: string }[];
  error?: string;
}

/**
 * Adapter for the sandbox operator; the template for real operator adapters. All of the
 * sandbox's wire format (see SandboxOperatorServer) is read and written here.
 */
export class SandboxOperatorAdapter implements OperatorAdapter {
  readonly code = 'sandbox';
  readonly name = 'Sandbox operator';

  constructor(
    private readonly baseUrl: () => string,
    private readonly timeoutMs: number,
  ) {}

  async register(key: string, services: EInvoiceService[], endpoints: string[]): Promise<RegistrationOutcome> {
    const refuseAll = (message: string): RegistrationOutcome => ({
      services: services.map((service) => ({ service, active: false, message })),
      endpoints: endpoints.map((endpointId) => ({ endpointId, confirmed: false, message })),
    });
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl()}/api/v1/services/register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': key },
        body: JSON.stringify({ services, endpoints }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return refuseAll(`Operator could not be reached: ${reason}`);
    }
    const body = (await response.json().catch(() => ({}))) as SandboxReply;
    if (!response.ok) return refuseAll(body.error ?? `Operator answered HTTP ${response.status}`);
    return {
      services: services.map((service): ServiceRegistrationOutcome => {
        const result = body.results?.find((r) => r.service === service);
        return result
          ? { service, active: result.status === 'ACTIVE', message: result.message }
          : { service, active: false, message: 'Operator did not answer for this service' };
      }),
      endpoints: endpoints.map((endpointId): EndpointClaimOutcome => {
        const result = body.endpoints?.find((r) => r.id === endpointId);
        return result
          ? { endpointId, confirmed: result.status === 'CONFIRMED', message: result.message }
          : { endpointId, confirmed: false, message: 'Operator did not confirm this endpoint' };
      }),
    };
  }

  async listNew(key: string): Promise<InboundDocument[]> {
    const response = await this.call(key, 'GET', '/api/v1/documents?status=NEW');
    const body = (await response.json().catch(() => ({}))) as { documents?: SandboxDocumentJson[] };
    if (!Array.isArray(body.documents)) throw new OperatorCallError('Operator answered without a documents list');
    return body.documents.map((d) => ({
      operatorDocumentId: d.id,
      kind: d.type === 'SALES_INVOICE' ? 'sales-invoice' : 'einvoice',
      receiver: { endpointId: d.receiver.id, ...(d.receiver.scheme ? { scheme: d.receiver.scheme } : {}) },
      receivedAt: d.createdAt,
      files: d.files.map((f) => ({ name: f.name, contentType: f.contentType, sizeBytes: f.size, sha256: f.sha256 })),
      ...(d.salesInvoice ? { salesInvoice: salesInvoice(d.salesInvoice) } : {}),
    }));
  }

  async fetchFile(key: string, operatorDocumentId: string, file: InboundFileRef): Promise<Buffer> {
    const response = await this.call(key, 'GET', `/api/v1/documents/${encodeURIComponent(operatorDocumentId)}/files/${encodeURIComponent(file.name)}`);
    return Buffer.from(await response.arrayBuffer());
  }

  async acknowledge(key: string, operatorDocumentId: string): Promise<void> {
    await this.call(key, 'POST', `/api/v1/documents/${encodeURIComponent(operatorDocumentId)}/ack`);
  }

  private async call(key: string, method: 'GET' | 'POST', path: string): Promise<Response> {
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl()}${path}`, { method, headers: { 'x-api-key': key }, signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (error) {
      throw new OperatorCallError(`Operator could not be reached: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (!response.ok) {
      const body = (await response.json().catch(() => ({}))) as SandboxReply;
      throw new OperatorCallError(`${method} ${path.split('?')[0] ?? path}: ${body.error ?? `Operator answered HTTP ${response.status}`}`);
    }
    return response;
  }
}

function salesInvoice(s: SandboxSalesInvoiceJson): InboundDocument['salesInvoice'] {
  return {
    platformId: s.platform_id,
    platformInvoiceId: s.invoice_uuid,
    invoiceNumber: s.invoice_number,
    issueDate: s.invoice_date,
    ...(s.due_date ? { dueDate: s.due_date } : {}),
    currency: s.currency_code,
    customer: {
      name: s.customer?.name,
      ...(s.customer?.registration_code ? { registrationCode: s.customer.registration_code } : {}),
      ...(s.customer?.vat_number ? { vatId: s.customer.vat_number } : {}),
    },
    netAmount: s.net_amount,
    vatAmount: s.vat_amount,
    grossAmount: s.gross_amount,
    lines: (s.invoice_lines ?? []).map((l) => ({
      description: l.service_name,
      quantity: l.service_quantity,
      unitPrice: l.service_price,
      vatRate: l.service_vat,
      netAmount: l.net_amount,
    })),
  };
}
