/** Where a finding came from. */
export type FindingSource = 'validator' | 'digitise' | 'ingest' | 'coding';

/**
 * A problem or remark stored with a document. `fatal` findings put the document in
 * needs-attention; warnings and infos are shown, never dropped.
 */
export interface DocumentFinding {
  source: FindingSource;
  flag: 'fatal' | 'warning' | 'info';
  /** Rule id: the validator's (e.g. `BR-CO-15`) or the inbox's own (`INBOX-…`). */
  rule: string;
  message: string;
  /** XPath-like location inside the XML, when the validator gave one. */
  location?: string;
  /** Name of the original file the finding is about. */
  file?: string;
}

export function hasFatal(findings: readonly DocumentFinding[]): boolean {
  return findings.some((f) => f.flag === 'fatal');
}
