import type { ExportableEntry } from '../ports/exportable-entry';

/** The external ledgers the hub exports journal entries to. */
export const EXPORT_TARGETS = ['xero', 'sage', 'sap-b1'] as const;
export type ExportTarget = (typeof EXPORT_TARGETS)[number];

/** The journal an entry became in the external ledger. */
export interface ExternalRef {
  /** The target's id of the journal (Xero ManualJournalID, Sage id, SAP JdtNum). */
  externalId: string;
  /** A number a person sees in the target, when it has one. */
  externalNumber?: string;
  /** True when the target said the journal already existed (idempotent replay or reference found). */
  replayed: boolean;
  /** Things the person should know although the export succeeded (e.g. groups that did not fit). */
  warnings: string[];
  /** The target said its quota is used up (e.g. Xero `X-MinLimit-Remaining: 0`): wait this long before the next call. */
  pauseMs?: number;
}

/**
 * The company's credentials and non-secret options for one target, decrypted only for
 * the duration of a call. Each adapter validates the fields it needs.
 */
export type TargetCredentials = Record<string, unknown>;

/**
 * The stored credentials of the company for the target, for adapters whose tokens rotate
 * (OAuth2 refresh). Exports of the same company run on several workers at once, and a
 * rotated refresh token is single-use, so a change is made under a lock on the stored row.
 */
export interface CredentialStore {
  /**
   * Locks the stored credentials (other workers wait here), re-reads them and hands them
   * to `change`; the fields it returns replace the stored ones (encrypted, masked view
   * updated) before the lock is released. Returns the credentials as stored afterwards,
   * or undefined when none are stored any more.
   */
  update(change: (stored: TargetCredentials) => Promise<TargetCredentials | undefined>): Promise<TargetCredentials | undefined>;
}

/**
 * One adapter per external ledger. `idempotencyKey` is derived from the entry (never per
 * call) so a retry after a timeout is recognised by the target (Xero, Sage) or found by
 * its stored reference (SAP B1). `store` persists renewed tokens (Xero, Sage). Failures
 * throw {@link ExportError}.
 */
export interface LedgerExportAdapter {
  readonly target: ExportTarget;
  export(entry: ExportableEntry, credentials: TargetCredentials, idempotencyKey: string, store: CredentialStore): Promise<ExternalRef>;
}

export const LEDGER_EXPORT_ADAPTERS = Symbol('LEDGER_EXPORT_ADAPTERS');
