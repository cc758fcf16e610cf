import { Matches } from 'class-validator';

/** Company ids: short, URL-safe, stable (e.g. `acme-ee`, a registry code, or a uuid). */
export const COMPANY_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/** Every event carries the company it belongs to (also sent as the `Hub-Company-Id` header). */
export abstract class CompanyEvent {
  @Matches(COMPANY_ID_PATTERN, { message: 'companyId must be 1-64 letters, digits, _ or -' })
  companyId!: string;
}
