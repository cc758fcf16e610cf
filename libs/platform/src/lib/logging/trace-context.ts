import { randomFillSync } from 'node:crypto';

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

/** W3C trace context: `00-<trace-id>-<span-id>-<flags>`. */
export interface TraceContext {
  traceId: string;
  spanId: string;
  traceparent: string;
}

export function parseTraceparent(value: string | undefined | null): TraceContext | undefined {
  if (!value) return undefined;
  const match = TRACEPARENT.exec(value.trim());
  if (!match || /^0+$/.test(match[1] ?? '')) return undefined;
  return { traceId: match[1] as string, spanId: match[2] as string, traceparent: value.trim() };
}

/** Continues a trace (new span, same trace id) or starts a new one. */
export function childTrace(parent?: string | null): TraceContext {
  const parsed = parseTraceparent(parent);
  const traceId = parsed?.traceId ?? randomHex(16);
  const spanId = randomHex(8);
  return { traceId, spanId, traceparent: `00-${traceId}-${spanId}-01` };
}

// Ids for every request and message: one CSPRNG fill per 4 KiB instead of a call per id.
const pool = Buffer.alloc(4096);
let poolOffset = pool.length;

function randomHex(bytes: number): string {
  if (poolOffset + bytes > pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const hex = pool.toString('hex', poolOffset, poolOffset + bytes);
  poolOffset += bytes;
  return hex;
}
