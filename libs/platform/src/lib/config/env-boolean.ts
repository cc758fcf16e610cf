import { Transform } from 'class-transformer';

/**
 * Parses `true/false/1/0/yes/no` from the environment. `@Type(() => Boolean)` would turn the
 * string 'false' into true; anything else stays a string and fails `@IsBoolean()` with a clear message.
 */
export function EnvBoolean(): PropertyDecorator {
  return Transform(({ value }: { value: unknown }) => {
    if (typeof value === 'boolean') return value;
    if (typeof value !== 'string') return value;
    const v = value.trim().toLowerCase();
    if (['true', '1', 'yes', 'on'].includes(v)) return true;
    if (['false', '0', 'no', 'off'].includes(v)) return false;
    return value;
  });
}
