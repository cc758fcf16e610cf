import type { EInvoiceService } from '@hub/contracts';

/** What an operator said about one requested service. */
export interface ServiceRegistrationOutcome {
  service: EInvoiceService;
  active: boolean;
  /** `Registration was successful!` or the operator's own message. */
  message: string;
}

/**
 * One adapter per e-invoice operator (Envoice, Banqup, Fitek, Telema, Omniva, sandbox).
 * Adapters translate the operator's wire format; errors the operator returns become
 * inactive outcomes with its message, never exceptions that lose the answer.
 */
export interface OperatorAdapter {
  readonly code: string;
  readonly name: string;
  register(key: string, services: EInvoiceService[]): Promise<ServiceRegistrationOutcome[]>;
}

export const OPERATOR_ADAPTERS = Symbol('OPERATOR_ADAPTERS');
