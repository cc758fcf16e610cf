import type { EInvoiceService, SalesInvoiceCustomer, SalesInvoiceLine } from '@hub/contracts';

/** What an operator said about one requested service. */
export interface ServiceRegistrationOutcome {
  service: EInvoiceService;
  active: boolean;
  /** `Registration was successful!` or the operator's own message. */
  message: string;
}

/** What an operator said about one endpoint the company claims to receive under. */
export interface EndpointClaimOutcome {
  /** The endpoint as requested. */
  endpointId: string;
  /** The operator confirmed the endpoint belongs to the account of the key used. */
  confirmed: boolean;
  /** The operator's message (why it refused, or that it confirmed). */
  message: string;
}

/** The operator's answer to a registration: per service, and per endpoint claimed. */
export interface RegistrationOutcome {
  services: ServiceRegistrationOutcome[];
  /** One per requested endpoint; an endpoint missing here counts as not confirmed. */
  endpoints: EndpointClaimOutcome[];
}

/** One file of an inbound document as the operator listed it (bytes fetched separately). */
export interface InboundFileRef {
  /** The operator's name of the file; also what {@link OperatorAdapter.fetchFile} asks for. */
  name: string;
  contentType: string;
  sizeBytes: number;
  sha256?: string;
}

/** A platform-issued sales invoice, already in the hub's terms (amounts as decimal text). */
export interface InboundSalesInvoice {
  platformId: string;
  platformInvoiceId: string;
  invoiceNumber: string;
  issueDate: string;
  dueDate?: string;
  currency: string;
  customer: SalesInvoiceCustomer;
  netAmount: string;
  vatAmount: string;
  grossAmount: string;
  lines: SalesInvoiceLine[];
}

/** A document the operator holds for delivery, in the adapter-neutral shape. */
export interface InboundDocument {
  /** The operator's id: the same id listed again is the same delivery retried. */
  operatorDocumentId: string;
  kind: 'einvoice' | 'sales-invoice';
  /** The endpoint the operator delivered to: decides the company. */
  receiver: { endpointId: string; scheme?: string };
  /** When the operator received it (ISO 8601). */
  receivedAt: string;
  files: InboundFileRef[];
  /** Only for `sales-invoice`. */
  salesInvoice?: InboundSalesInvoice;
}

/** The operator could not be reached or refused the call; the message says which. */
export class OperatorCallError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OperatorCallError';
  }
}

/**
 * One adapter per e-invoice operator (Envoice, Banqup, Fitek, Telema, Omniva, sandbox).
 * Adapters translate the operator's wire format; errors the operator returns to a
 * registration become inactive outcomes (and unconfirmed endpoints) with its message, never
 * exceptions that lose the answer. The inbound calls throw {@link OperatorCallError}: the caller retries on its next poll.
 */
export interface OperatorAdapter {
  readonly code: string;
  readonly name: string;
  /**
   * Registers the services for the key's account and asks the operator to confirm that each
   * endpoint belongs to that account. The gateway records an endpoint (which routes inbound
   * documents) only when the operator confirmed it for the company's own key.
   */
  register(key: string, services: EInvoiceService[], endpoints: string[]): Promise<RegistrationOutcome>;
  /** Documents waiting for delivery (not yet acknowledged). */
  listNew(key: string): Promise<InboundDocument[]>;
  fetchFile(key: string, operatorDocumentId: string, file: InboundFileRef): Promise<Buffer>;
  /** Tells the operator the document is safely taken: it will not be listed again. */
  acknowledge(key: string, operatorDocumentId: string): Promise<void>;
}

export const OPERATOR_ADAPTERS = Symbol('OPERATOR_ADAPTERS');
