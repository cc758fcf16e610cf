import type { DocumentFinding } from '../documents/document-finding';
import type { HeaderFields } from './header-fields';

/**
 * Reads header fields out of a document that has no structured data (a plain PDF, a
 * photo). The default finds nothing and leaves the fields to a person; an OCR service
 * plugs in here later.
 */
export interface Extractor {
  extract(file: { filename: string; contentType: string; bytes: Buffer }): Promise<ExtractionResult>;
}

export interface ExtractionResult {
  fields: Partial<HeaderFields>;
  findings: DocumentFinding[];
}

export const EXTRACTOR = Symbol('EXTRACTOR');

/** No OCR yet: nothing is extracted. */
export class NoExtractor implements Extractor {
  async extract(): Promise<ExtractionResult> {
    return { fields: {}, findings: [] };
  }
}
