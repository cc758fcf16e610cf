import { hash } from 'node:crypto';

/** Who a token belongs to: the companies it may act for, or all of them (`*`). */
export interface Principal {
  readonly tokenId: string;
  readonly companies: ReadonlySet<string> | 'all';
}

/**
 * Parses `API_TOKENS` (`token=companyA,companyB;admintoken=*`). Tokens are kept only as
 * SHA-256 digests so a heap dump or a log of this object never shows them.
 */
export class ApiTokens {
  private readonly byDigest = new Map<string, Principal>();

  constructor(spec: string) {
    for (const entry of spec.split(';').map((s) => s.trim()).filter(Boolean)) {
      const eq = entry.indexOf('=');
      if (eq <= 0) throw new Error('API_TOKENS entries must be token=company1,company2');
      const token = entry.slice(0, eq);
      const companies = entry.slice(eq + 1).split(',').map((c) => c.trim()).filter(Boolean);
      const digest = sha256(token);
      this.byDigest.set(digest, {
        tokenId: digest.slice(0, 8),
        companies: companies.includes('*') ? 'all' : new Set(companies),
      });
    }
  }

  resolve(token: string | undefined): Principal | undefined {
    if (!token) return undefined;
    return this.byDigest.get(sha256(token));
  }
}

export function mayActFor(principal: Principal, companyId: string): boolean {
  return principal.companies === 'all' || principal.companies.has(companyId);
}

/** One-shot digest (no Hash object per call: this runs on every request). */
function sha256(value: string): string {
  return hash('sha256', value, 'hex');
}
