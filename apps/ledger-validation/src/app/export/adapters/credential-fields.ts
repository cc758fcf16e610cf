import { ExportError } from './export-error';
import type { TargetCredentials } from './ledger-export-adapter.port';

/** A required string from stored credentials; a missing one is for a person to fix. */
export function requiredField(credentials: TargetCredentials, field: string, target: string): string {
  const value = credentials[field];
  if (typeof value !== 'string' || value === '') {
    throw new ExportError('needs-a-person', `${target} credentials lack ${field}; store the credentials again`);
  }
  return value;
}

export function optionalField(credentials: TargetCredentials, field: string): string | undefined {
  const value = credentials[field];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export function stringList(credentials: TargetCredentials, field: string): string[] | undefined {
  const value = credentials[field];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : undefined;
}

export function stringMap(credentials: TargetCredentials, field: string): Record<string, string> {
  const value = credentials[field];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  return Object.fromEntries(Object.entries(value).filter((e): e is [string, string] => typeof e[1] === 'string'));
}
