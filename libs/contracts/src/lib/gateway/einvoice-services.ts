/** E-services a company can register with an operator. */
export const EINVOICE_SERVICES = ['receive-supplier-einvoices', 'send-sales-einvoices'] as const;
export type EInvoiceService = (typeof EINVOICE_SERVICES)[number];
