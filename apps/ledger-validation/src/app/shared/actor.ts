import type { AuthenticatedRequest } from '@hub/platform';

/** Who acts through the API, for audit trails: `token:<first 8 hex of the token's SHA-256>` (never the token). */
export function actorOf(req: AuthenticatedRequest): string {
  return `token:${req.principal?.tokenId ?? 'unknown'}`;
}
