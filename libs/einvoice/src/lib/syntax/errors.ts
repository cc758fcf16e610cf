/** Thrown by `readInvoice` when the root element is none of UBL Invoice / CreditNote, CII or E_Invoice. */
export class UnsupportedDocumentError extends Error {
  override readonly name = 'UnsupportedDocumentError';
  constructor(
    /** Namespace URI of the root element (`''` when none). */
    readonly rootNamespace: string,
    /** Local name of the root element. */
    readonly rootName: string,
  ) {
    super(
      `Unsupported document: root element {${rootNamespace}}${rootName} is not a UBL Invoice/CreditNote, CII CrossIndustryInvoice or Estonian E_Invoice`,
    );
  }
}
