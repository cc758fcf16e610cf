import { randomBytes } from 'node:crypto';
import Decimal from 'decimal.js';

/**
 * A JSON number written from its exact decimal text. The targets' wire formats take
 * amounts as JSON numbers; going through a JS number would round (0.1 + 0.2), so the
 * digits are spliced into the JSON text as they are.
 */
export class JsonDecimal {
  readonly text: string;

  constructor(value: Decimal.Value, decimals = 2) {
    this.text = new Decimal(value).toFixed(decimals);
  }
}

/** JSON.stringify that writes {@link JsonDecimal} values as bare numbers, digit for digit. */
export function stringifyWithDecimals(value: unknown): string {
  const marker = `__dec_${randomBytes(6).toString('hex')}__`;
  const json = JSON.stringify(value, (_key, v: unknown) => (v instanceof JsonDecimal ? `${marker}${v.text}` : v));
  return json.replace(new RegExp(`"${marker}(-?\\d+(?:\\.\\d+)?)"`, 'g'), '$1');
}
