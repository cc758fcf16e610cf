import { BadRequestException, ValidationPipe, type ValidationError } from '@nestjs/common';
import { getMetadataStorage, validateSync, type ValidatorOptions } from 'class-validator';
import { validationMetadataVersion } from '../bootstrap/validation-metadata-cache';

export interface FieldError {
  field: string;
  errors: string[];
}

/** Flattens nested class-validator errors into `a.b[0].c` field paths. */
export function fieldErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((e) => {
    const field = parent ? (/^\d+$/.test(e.property) ? `${parent}[${e.property}]` : `${parent}.${e.property}`) : e.property;
    const own = e.constraints ? [{ field, errors: Object.values(e.constraints) }] : [];
    return [...own, ...fieldErrors(e.children ?? [], field)];
  });
}

/**
 * Whether any validation constraint registered so far is asynchronous (a custom
 * `@ValidatorConstraint({ async: true })`). Read from class-validator's metadata storage,
 * again whenever constraints were added; if the storage is not laid out as expected, the
 * answer is yes (the always-correct asynchronous path).
 */
let asyncSeen: { constraints: number; async: boolean; version?: number } | undefined;
export function anyAsyncConstraint(): boolean {
  // With the metadata cache installed, nothing was added since the last answer: it stands.
  const version = validationMetadataVersion();
  if (version !== undefined && asyncSeen?.version === version) return asyncSeen.async;
  const storage = getMetadataStorage() as unknown as { constraintMetadatas?: unknown };
  const byTarget = storage.constraintMetadatas;
  if (!(byTarget instanceof Map)) return true;
  let constraints = 0;
  for (const list of byTarget.values()) constraints += Array.isArray(list) ? list.length : 0;
  if (asyncSeen?.constraints !== constraints) {
    let async = false;
    for (const list of byTarget.values()) {
      if (!Array.isArray(list) || list.some((c: { async?: unknown }) => c.async !== false)) async = true;
    }
    asyncSeen = { constraints, async };
  }
  asyncSeen.version = version;
  return asyncSeen.async;
}

/**
 * Nest's ValidationPipe, validating synchronously while no asynchronous constraint exists.
 * The asynchronous `validate` builds a promise per property and constraint; with the
 * request context's AsyncLocalStorage every promise also runs async hooks, so for a small
 * DTO that was most of the validation's cost. The result is the same: with only
 * synchronous constraints both return the same errors.
 */
export class HubValidationPipe extends ValidationPipe {
  protected override validate(object: object, validatorOptions?: ValidatorOptions): ValidationError[] | Promise<ValidationError[]> {
    return anyAsyncConstraint() ? super.validate(object, validatorOptions) : validateSync(object, validatorOptions);
  }
}

/**
 * Body, query and params are validated against their DTO classes; unknown fields are
 * rejected, not silently dropped, and the 400 names every field that is wrong.
 */
export function createValidationPipe(): ValidationPipe {
  return new HubValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) =>
      new BadRequestException({ statusCode: 400, error: 'Bad Request', message: 'Validation failed', fields: fieldErrors(errors) }),
  });
}
