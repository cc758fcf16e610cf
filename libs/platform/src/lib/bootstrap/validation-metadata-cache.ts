import { getMetadataStorage } from 'class-validator';

/**
 * Remembers which validation metadata applies to a class, for class-validator.
 *
 * class-validator looks the metadata of a class up again on every `validate` call, and for
 * the inherited part it tests the class against EVERY class that has validation metadata
 * in the process (`prototype instanceof` each of them): the services declare hundreds of
 * DTO and contract classes, and every HTTP body and every consumed event is validated, so
 * this lookup alone was 2–3 % of a service's CPU under load. The answer only changes when
 * metadata is added (decorators run as classes are defined, mostly at startup), so it is
 * kept per (class, schema, options) until then: adding metadata forgets every answer.
 *
 * The arrays returned are shared between calls: class-validator only reads them.
 * Installed once per process by `createServiceApp`; validation results are unchanged.
 */
interface Storage {
  [METADATA_VERSION]?: number;
  getTargetValidationMetadatas(target: unknown, schema: string, always: boolean, strictGroups: boolean, groups?: string[]): object[];
  groupByPropertyName(metadata: object[]): Record<string, object[]>;
  addValidationMetadata(metadata: unknown): void;
  addConstraintMetadata(metadata: unknown): void;
  [INSTALLED]?: true;
}

const INSTALLED = Symbol.for('hub:validation-metadata-cache');
/**
 * Counts the metadata added since the cache was installed (validation and constraint
 * metadata); read by `anyAsyncConstraint` to know when its answer may have changed.
 */
export const METADATA_VERSION = Symbol.for('hub:validation-metadata-version');

/** The storage's metadata version, or undefined when the cache is not installed. */
export function validationMetadataVersion(): number | undefined {
  return (getMetadataStorage() as unknown as Storage)[METADATA_VERSION];
}

/** Installs the cache on class-validator's metadata storage; false if it was installed already. */
export function installValidationMetadataCache(): boolean {
  const storage = getMetadataStorage() as unknown as Storage;
  if (storage[INSTALLED]) return false;
  const lookup = storage.getTargetValidationMetadatas;
  const group = storage.groupByPropertyName;
  const add = storage.addValidationMetadata;
  const addConstraint = storage.addConstraintMetadata;
  storage[METADATA_VERSION] = 0;
  let byTarget = new Map<unknown, Map<string, object[]>>();
  let grouped = new WeakMap<object[], Record<string, object[]>>();

  storage.getTargetValidationMetadatas = function (target, schema, always, strictGroups, groups) {
    const key = `${always ? 1 : 0}${strictGroups ? 1 : 0}${schema ?? ''}\u0000${groups && groups.length > 0 ? JSON.stringify(groups) : ''}`;
    let answers = byTarget.get(target);
    if (!answers) byTarget.set(target, (answers = new Map()));
    let metadata = answers.get(key);
    if (!metadata) answers.set(key, (metadata = lookup.call(this, target, schema, always, strictGroups, groups)));
    return metadata;
  };
  storage.groupByPropertyName = function (metadata) {
    let result = grouped.get(metadata);
    if (!result) grouped.set(metadata, (result = group.call(this, metadata)));
    return result;
  };
  storage.addValidationMetadata = function (metadata) {
    byTarget = new Map();
    grouped = new WeakMap();
    storage[METADATA_VERSION] = (storage[METADATA_VERSION] ?? 0) + 1;
    add.call(this, metadata);
  };
  storage.addConstraintMetadata = function (metadata) {
    storage[METADATA_VERSION] = (storage[METADATA_VERSION] ?? 0) + 1;
    addConstraint.call(this, metadata);
  };
  storage[INSTALLED] = true;
  return true;
}
