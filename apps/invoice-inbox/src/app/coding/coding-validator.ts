import type { FieldError } from '@hub/platform';
import type { CodingMasterData, DimensionRef, DocumentCodingInput, MasterRecordState } from './coding.model';
import { dimensionKey } from './coding.model';

/**
 * Checks a coding against the master data the ERP sent. Every problem is reported with the
 * field it sits in and the record it names (`lines[2].account`: "account 9999 is not in the
 * ERP's chart of accounts"), so a person can fix all of them in one go.
 *
 * @param lineIds the document's line ids; a line coding for another id is an error.
 */
export function validateCoding(coding: DocumentCodingInput, lineIds: ReadonlySet<string>, master: CodingMasterData): FieldError[] {
  const errors: FieldError[] = [];
  const add = (field: string, message: string): void => {
    const existing = errors.find((e) => e.field === field);
    if (existing) existing.errors.push(message);
    else errors.push({ field, errors: [message] });
  };

  if (coding.supplierContactId) {
    const problem = recordProblem(master.contacts.get(coding.supplierContactId), `contact ${coding.supplierContactId}`, "the ERP's contacts");
    if (problem) add('supplierContactId', problem);
  }
  if (coding.account) checkAccount(coding.account, 'account', master, add);
  checkDimensions(coding.dimensions ?? [], 'dimensions', master, add);

  const seen = new Set<string>();
  (coding.lines ?? []).forEach((line, i) => {
    const field = `lines[${i}]`;
    if (!lineIds.has(line.lineId)) add(`${field}.lineId`, `line ${line.lineId} is not a line of this document`);
    if (seen.has(line.lineId)) add(`${field}.lineId`, `line ${line.lineId} is coded twice`);
    seen.add(line.lineId);
    if (line.account) checkAccount(line.account, `${field}.account`, master, add);
    checkDimensions(line.dimensions ?? [], `${field}.dimensions`, master, add);
  });
  return errors;
}

/**
 * What still keeps a coded document from approval: every line (or, without lines, the
 * document) needs an account, its own or the header's.
 */
export function missingCoding(coding: DocumentCodingInput, lineIds: readonly string[]): FieldError[] {
  if (coding.account) return [];
  if (lineIds.length === 0) return [{ field: 'account', errors: ['the document needs an account before approval'] }];
  const byLine = new Map((coding.lines ?? []).map((l) => [l.lineId, l]));
  const uncoded = lineIds.filter((id) => !byLine.get(id)?.account);
  return uncoded.length === 0
    ? []
    : [{ field: 'account', errors: [`lines ${uncoded.join(', ')} have no account and the document has no header account`] }];
}

function checkAccount(number: string, field: string, master: CodingMasterData, add: (f: string, m: string) => void): void {
  const problem = recordProblem(master.accounts.get(number), `account ${number}`, "the ERP's chart of accounts");
  if (problem) add(field, problem);
}

function checkDimensions(dims: DimensionRef[], field: string, master: CodingMasterData, add: (f: string, m: string) => void): void {
  const types = new Set<string>();
  dims.forEach((d, j) => {
    const f = `${field}[${j}]`;
    if (types.has(d.type)) add(f, `object type ${d.type} is given twice; a coding takes one object per type`);
    types.add(d.type);
    const problem = recordProblem(master.dimensions.get(dimensionKey(d)), `object ${d.type}/${d.code}`, "the ERP's dimensions");
    if (problem) add(f, problem);
  });
}

function recordProblem(record: MasterRecordState | undefined, label: string, where: string): string | undefined {
  if (!record) return `${label} is not in ${where}`;
  if (record.deleted) return `${label} (${record.name}) was deleted in the ERP`;
  if (!record.active) return `${label} (${record.name}) is inactive in the ERP`;
  return undefined;
}
