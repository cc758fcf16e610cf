/**
 * The life of an inbox document:
 *
 * ```
 * received ─┬─> needs-attention ─┐
 *           └─> ready <──────────┘ ─> approved ─> published ─> in-erp
 *   (needs-attention, ready, approved) ─> rejected ─> (ready | needs-attention: reopened)
 * ```
 * Every change is one row in `document_transition` (who, when, why).
 */
export const DOCUMENT_STATES = ['received', 'needs-attention', 'ready', 'approved', 'published', 'in-erp', 'rejected'] as const;
export type DocumentState = (typeof DOCUMENT_STATES)[number];

/** Where each state may go next. Publication and ERP confirmation never go backwards. */
export const ALLOWED_TRANSITIONS: Readonly<Record<DocumentState, readonly DocumentState[]>> = {
  received: ['needs-attention', 'ready', 'rejected'],
  'needs-attention': ['ready', 'rejected'],
  ready: ['needs-attention', 'approved', 'rejected'],
  approved: ['ready', 'published', 'rejected'],
  published: ['in-erp'],
  'in-erp': [],
  rejected: ['ready', 'needs-attention'],
};

/** States a document may be in for `to` to be allowed. */
export function statesLeadingTo(to: DocumentState): DocumentState[] {
  return DOCUMENT_STATES.filter((from) => ALLOWED_TRANSITIONS[from].includes(to));
}

export function canTransition(from: DocumentState, to: DocumentState): boolean {
  return ALLOWED_TRANSITIONS[from].includes(to);
}

/** A transition the state machine does not allow, or a document that moved meanwhile. */
export class InvalidTransitionError extends Error {
  constructor(
    readonly documentId: string,
    readonly from: DocumentState | undefined,
    readonly to: DocumentState,
  ) {
    super(
      from === undefined
        ? `Document ${documentId} does not exist`
        : `Document ${documentId} cannot move from ${from} to ${to}; allowed from ${from}: ${ALLOWED_TRANSITIONS[from].join(', ') || 'none'}`,
    );
    this.name = 'InvalidTransitionError';
  }
}
