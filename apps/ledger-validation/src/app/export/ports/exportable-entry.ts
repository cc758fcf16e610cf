/** A project on a journal row, and the project group (dimension) it belongs to. */
export interface ExportableProject {
  /** Project group code (A, B, ... or the ERP's own code). */
  group: string;
  groupName?: string;
  /** Project code inside the group. */
  code: string;
  name?: string;
}

/** One journal row as the export adapters need it. Amounts are decimal strings, never floats. */
export interface ExportableRow {
  accountNumber: string;
  accountName?: string;
  /** Decimal string, e.g. `"100.00"`; `"0"` on a credit row. */
  debit: string;
  /** Decimal string; `"0"` on a debit row. */
  credit: string;
  vatCode?: string;
  description?: string;
  projects: ExportableProject[];
}

/** A confirmed journal entry ready for an external ledger. */
export interface ExportableEntry {
  companyId: string;
  /** The hub's id of the entry (stable across ERP updates). */
  entryId: string;
  /** The ERP's entry number, unique per company. */
  number: string;
  /** `YYYY-MM-DD`. */
  date: string;
  description: string;
  status: 'unconfirmed' | 'confirmed' | 'locked';
  rows: ExportableRow[];
}
