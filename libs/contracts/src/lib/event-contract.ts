import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';

/** Subjects read `<context>.<entity>.<event>.v<N>`, events in the past tense. */
export const SUBJECT_PATTERN = /^[a-z]+(-[a-z]+)*\.[a-z]+(-[a-z]+)*\.[a-z]+(-[a-z]+)*\.v[1-9][0-9]*$/;

export interface EventContractMeta {
  readonly subject: string;
  readonly summary: string;
  /** The class whose validation rules define the payload. */
  readonly type: new () => object;
  /** Stream holding the subject: the subject's first token upper-cased (`gateway` → `GATEWAY`). */
  readonly stream: string;
}

const contracts = new Map<string, EventContractMeta>();

/** Registers a payload class as the contract of one subject. */
export function EventContract(meta: { subject: string; summary: string }): ClassDecorator {
  return (target) => {
    if (!SUBJECT_PATTERN.test(meta.subject)) {
      throw new Error(`Subject ${meta.subject} does not follow <context>.<entity>.<event>.v<N>`);
    }
    if (contracts.has(meta.subject)) throw new Error(`Two contracts for ${meta.subject}`);
    contracts.set(meta.subject, {
      ...meta,
      type: target as unknown as new () => object,
      stream: streamOfSubject(meta.subject),
    });
  };
}

export function streamOfSubject(subject: string): string {
  return (subject.split('.')[0] ?? '').replace(/-/g, '_').toUpperCase();
}

export function contractFor(subject: string): EventContractMeta | undefined {
  return contracts.get(subject);
}

export function allContracts(): EventContractMeta[] {
  return [...contracts.values()].sort((a, b) => a.subject.localeCompare(b.subject));
}

export interface ContractViolation {
  field: string;
  errors: string[];
}

export type ContractCheck<T> = { ok: true; value: T } | { ok: false; violations: ContractViolation[] };

/**
 * How contracts are validated: unknown fields are violations, not stripped (so validating an
 * instance never changes it), and a value of no known class is refused.
 */
export const CONTRACT_VALIDATION = { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true } as const;

/**
 * Validates a decoded payload against a contract class: unknown fields and wrong types are
 * violations (a producer that sends them has a bug a consumer must not guess around).
 */
export function checkContract<T extends object>(type: new () => T, payload: unknown): ContractCheck<T> {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    return { ok: false, violations: [{ field: '', errors: ['payload must be a JSON object'] }] };
  }
  const value = plainToInstance(type, payload);
  const errors = validateSync(value, CONTRACT_VALIDATION);
  if (errors.length === 0) return { ok: true, value };
  return { ok: false, violations: flatten(errors) };
}

/** Validates a payload for a registered subject. */
export function checkEvent(subject: string, payload: unknown): ContractCheck<object> {
  const contract = contracts.get(subject);
  if (!contract) return { ok: false, violations: [{ field: '', errors: [`no contract is registered for ${subject}`] }] };
  return checkContract(contract.type, payload);
}

function flatten(errors: ValidationError[], parent = ''): ContractViolation[] {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const own = e.constraints ? [{ field, errors: Object.values(e.constraints) }] : [];
    return [...own, ...flatten(e.children ?? [], field)];
  });
}
