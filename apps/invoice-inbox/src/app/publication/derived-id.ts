import { createHash } from 'node:crypto';

/**
 * A UUID derived from a name (RFC 4122 version-5 layout over SHA-256): the outbox message id
 * of an event that must exist once per document, so even a second outbox row for the same
 * fact would carry the same `Nats-Msg-Id` and be dropped by JetStream and by every consumer's inbox.
 */
export function derivedId(name: string): string {
  const h = createHash('sha256').update(name, 'utf8').digest();
  h[6] = ((h[6] ?? 0) & 0x0f) | 0x50;
  h[8] = ((h[8] ?? 0) & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
