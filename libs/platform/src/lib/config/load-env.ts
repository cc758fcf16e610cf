import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';

/** Thrown when the environment does not satisfy a service's env class; names every bad variable. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type EnvClass<T> = new () => T;

/**
 * Validates the environment against a class-validator env class and returns the typed
 * instance. Unknown variables are ignored; every missing or malformed one is reported.
 */
export function loadEnv<T extends object>(cls: EnvClass<T>, env: NodeJS.ProcessEnv = process.env): T {
  const plain: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    if (value !== undefined && value !== '') plain[key] = value;
  }
  const instance = plainToInstance(cls, plain, { exposeDefaultValues: true, enableImplicitConversion: true });
  const errors = validateSync(instance, { whitelist: false, forbidUnknownValues: false });
  if (errors.length > 0) {
    throw new ConfigError(errors.flatMap((e) => describe(e)));
  }
  return instance;
}

function describe(error: ValidationError): string[] {
  const constraints = Object.values(error.constraints ?? {});
  const value = error.value === undefined ? 'is missing' : 'has an invalid value';
  // Never echo the value itself: it may be a secret.
  return [`${error.property} ${value}: ${constraints.join('; ')}`];
}

/** For main.ts: load the env or print the problems and exit with status 78 (EX_CONFIG). */
export function loadEnvOrExit<T extends object>(cls: EnvClass<T>, service: string, env: NodeJS.ProcessEnv = process.env): T {
  try {
    return loadEnv(cls, env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${service}: ${error.message}\n`);
      process.exit(78);
    }
    throw error;
  }
}
