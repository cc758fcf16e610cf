import type { XmlErrorCode } from './xml-node';

/** Every refusal of the XML parser: a stable `code` plus, when known, where it happened. */
export class XmlParseError extends Error {
  override readonly name = 'XmlParseError';

  constructor(
    readonly code: XmlErrorCode,
    message: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(line !== undefined ? `${message} (line ${line}, column ${column ?? 0})` : message);
  }
}
