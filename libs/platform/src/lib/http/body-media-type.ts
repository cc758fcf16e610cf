import type { IncomingHttpHeaders } from 'node:http';

/** What a service answers for a request body it does not take (HTTP 415). */
export interface UnsupportedMediaType {
  statusCode: 415;
  error: 'Unsupported Media Type';
  message: string;
}

/**
 * The 415 answer for a request whose body is not of an accepted media type, or undefined
 * when the request has no body or an accepted one. Services take JSON bodies (and, on
 * Express, NDJSON imports and multipart uploads); without this, Express would parse nothing and answer 400
 * for "missing" fields that were sent, and Fastify would answer 400 for text it read as a
 * string but 415 for XML: now both say what to send.
 */
export function unsupportedBody(
  headers: IncomingHttpHeaders,
  accepted: readonly string[],
): UnsupportedMediaType | undefined {
  const length = headers['content-length'];
  const hasBody =
    headers['transfer-encoding'] !== undefined ||
    (length !== undefined && length !== '0');
  if (!hasBody) return undefined;
  const raw = headers['content-type'] ?? '';
  const type = raw.split(';')[0]?.trim().toLowerCase() ?? '';
  if (accepted.includes(type)) return undefined;
  return {
    statusCode: 415,
    error: 'Unsupported Media Type',
    message: `${type ? `Content-Type "${type}" is` : 'a body without a Content-Type is'} not accepted: send the body as ${accepted.join(' or ')}`,
  };
}
