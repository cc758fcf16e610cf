/** A dimension (object) on a coding: object type and code, as the ERP knows them. */
export interface DimensionRef {
  type: string;
  code: string;
}

/** The coding of one document line; a line without account falls back to the header account. */
export interface LineCoding {
  lineId: string;
  account?: string | null;
  dimensions?: DimensionRef[];
  comment?: string | null;
}

/** What a person sets on a document in the workspace. */
export interface DocumentCodingInput {
  supplierContactId?: string | null;
  account?: string | null;
  dimensions?: DimensionRef[];
  contractReference?: string | null;
  lines?: LineCoding[];
}

/** The state of one master-data record, as far as coding is concerned. */
export interface MasterRecordState {
  name: string;
  active: boolean;
  deleted: boolean;
}

/** Master data for the records a coding names (loaded in one round trip per kind). */
export interface CodingMasterData {
  accounts: ReadonlyMap<string, MasterRecordState>;
  /** Keyed by `type/code` (object type codes contain no `/`). */
  dimensions: ReadonlyMap<string, MasterRecordState>;
  contacts: ReadonlyMap<string, MasterRecordState>;
}

export function dimensionKey(d: DimensionRef): string {
  return `${d.type}/${d.code}`;
}
