import type { Finding } from '../lib/validation/finding';
import { validateXml, type RuleSetName, type ValidationResult } from '../lib/validation/validator';
import { XmlParseError } from '../lib/xml/parse-xml';
import { EXIT, type CliIo, type ExitCode } from './cli-io';

export interface ValidateCommandOptions {
  readonly json: boolean;
  readonly ruleSets?: readonly RuleSetName[];
}

/** One line of `validate --json` output. */
export interface ValidateJsonLine {
  readonly file: string;
  readonly syntax: string | null;
  readonly profile: string | null;
  readonly valid: boolean;
  readonly findings: readonly Pick<Finding, 'rule' | 'flag' | 'location' | 'message'>[];
  /** Present only when the file could not be read or parsed. */
  readonly error?: { readonly code: string; readonly message: string };
}

/**
 * Validates each file independently, reporting every one even when some fail.
 * Exit: 2 if any file could not be read/parsed, else 1 if any has a fatal finding, else 0.
 */
export function runValidate(files: readonly string[], options: ValidateCommandOptions, io: CliIo): ExitCode {
  let anyError = false;
  let anyInvalid = false;
  const totals = { files: 0, valid: 0, invalid: 0, errors: 0 };
  for (const file of files) {
    totals.files++;
    let result: ValidationResult;
    try {
      const bytes = io.readFile(file);
      result = validateXml(bytes, { ruleSets: options.ruleSets });
    } catch (e) {
      anyError = true;
      totals.errors++;
      const error = describeError(e);
      if (options.json) {
        const line: ValidateJsonLine = { file, syntax: null, profile: null, valid: false, findings: [], error };
        io.stdout(JSON.stringify(line) + '\n');
      } else {
        io.stdout(`✘ ${file}: cannot be ${error.code === 'READ' ? 'read' : 'parsed'} (${error.code}) ${error.message}\n`);
      }
      continue;
    }
    if (result.valid) totals.valid++;
    else {
      totals.invalid++;
      anyInvalid = true;
    }
    if (options.json) io.stdout(JSON.stringify(toJsonLine(file, result)) + '\n');
    else io.stdout(humanReport(file, result));
  }
  if (!options.json && files.length > 1) {
    io.stdout(`\n${totals.files} files: ${totals.valid} valid, ${totals.invalid} invalid, ${totals.errors} unreadable\n`);
  }
  return anyError ? EXIT.ERROR : anyInvalid ? EXIT.INVALID : EXIT.OK;
}

export function toJsonLine(file: string, r: ValidationResult): ValidateJsonLine {
  return {
    file,
    syntax: r.syntax,
    profile: r.profile.id,
    valid: r.valid,
    findings: r.findings.map((f) => ({ rule: f.rule, flag: f.flag, location: f.location, message: f.message })),
  };
}

function describeError(e: unknown): { code: string; message: string } {
  if (e instanceof XmlParseError) return { code: e.code, message: e.message };
  const err = e as NodeJS.ErrnoException;
  if (err && typeof err === 'object' && typeof err.code === 'string') return { code: 'READ', message: err.message };
  return { code: 'INTERNAL', message: e instanceof Error ? e.message : String(e) };
}

function humanReport(file: string, r: ValidationResult): string {
  const fatal = r.findings.filter((f) => f.flag === 'fatal').length;
  const warnings = r.findings.length - fatal;
  const profile = r.profile.specificationId ? `${r.profile.label} <${r.profile.specificationId}>` : r.profile.label;
  const out = [
    `${r.valid ? '✔' : '✘'} ${file}: ${r.valid ? 'valid' : 'INVALID'} — ${r.syntax}, ${profile}; ` +
      `${fatal} fatal, ${warnings} warning${warnings === 1 ? '' : 's'} [${r.ruleSets.join(', ') || 'no rule sets'}]`,
  ];
  for (const f of r.findings) out.push(`    ${f.flag === 'fatal' ? 'fatal  ' : 'warning'} ${f.rule} at ${f.location}\n            ${f.message}`);
  return out.join('\n') + '\n';
}
