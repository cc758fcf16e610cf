import { CodeList } from '../common';
import {
  CII_COUNTRIES_DATA,
  CII_DOCUMENT_TYPES_DATA,
  CII_DUE_DATE_TYPES_DATA,
  CII_TEXT_SUBJECTS_DATA,
  CII_VAT_PREFIXES_DATA,
} from './cii-code-lists.data';

/** BR-CL-01: invoice and credit note type codes, one list for CII (a CII document is either). */
export const CII_DOCUMENT_TYPES = new CodeList(
  'UNCL1001 (CII)',
  CII_DOCUMENT_TYPES_DATA,
);
/** BR-CL-14 / BR-CL-15 country codes as the CII rules list them. */
export const CII_COUNTRIES = new CodeList(
  'ISO 3166-1 (CII)',
  CII_COUNTRIES_DATA,
);
/** BR-CO-09 VAT identifier prefixes as the CII rules list them. */
export const CII_VAT_PREFIXES = new CodeList(
  'VAT prefixes (CII)',
  CII_VAT_PREFIXES_DATA,
);
/** BR-CL-08 note subject codes as the CII rules list them. */
export const CII_TEXT_SUBJECTS = new CodeList(
  'UNCL4451 (CII)',
  CII_TEXT_SUBJECTS_DATA,
);
/** BR-CL-06 VAT point date codes (UNTDID 2475 subset). */
export const CII_DUE_DATE_TYPES = new CodeList(
  'UNCL2475 subset',
  CII_DUE_DATE_TYPES_DATA,
);
