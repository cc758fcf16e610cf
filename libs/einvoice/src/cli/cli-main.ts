import type { RuleSetName } from '../lib/validation/validator';
import { EXIT, type CliIo, type ExitCode } from './cli-io';
import { runConvert, type ConvertTarget } from './convert.command';
import { runValidate } from './validate.command';

export const USAGE = `usage:
  einvoice validate [--json] [--rules en16931,peppol] FILE...
      Validate each FILE (UBL 2.1 Invoice/CreditNote, CII D16B, Estonian e-invoice) against
      EN 16931, plus Peppol BIS 3 when the document claims it (or as --rules says).
      Exit 0 all valid, 1 some have fatal findings, 2 some could not be read or parsed.
      FILE - reads standard input.
  einvoice convert --to ubl|cii|ee [--index N] [--peppol] FILE
      Convert FILE (UBL, CII or Estonian) to another syntax and write it to stdout.
      --index N picks one invoice of an Estonian file holding several; --peppol writes the
      Peppol BIS 3 identifiers into UBL output.
`;

const RULE_SETS: readonly RuleSetName[] = ['en16931', 'peppol'];
const TARGETS: readonly ConvertTarget[] = ['ubl', 'cii', 'ee'];

function usageError(io: CliIo, message: string): ExitCode {
  io.stderr(`einvoice: ${message}\n${USAGE}`);
  return EXIT.ERROR;
}

/** Entry point with injectable IO; returns the process exit code. */
export function main(argv: readonly string[], io: CliIo): ExitCode {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    io.stdout(USAGE);
    return command === undefined ? EXIT.ERROR : EXIT.OK;
  }
  const files: string[] = [];
  let json = false;
  let ruleSets: RuleSetName[] | undefined;
  let to: ConvertTarget | undefined;
  let index: number | undefined;
  let peppol = false;
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i] as string;
    if (a === '--') {
      files.push(...rest.slice(i + 1));
      break;
    }
    if (a === '--json') json = true;
    else if (a === '--peppol') peppol = true;
    else if (a === '--rules' || a.startsWith('--rules=')) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : rest[++i];
      const names = (v ?? '').split(',').filter((s) => s !== '');
      const bad = names.filter((n) => !RULE_SETS.includes(n as RuleSetName));
      if (names.length === 0 || bad.length > 0) return usageError(io, `--rules expects ${RULE_SETS.join(',')}`);
      ruleSets = names as RuleSetName[];
    } else if (a === '--to' || a.startsWith('--to=')) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : rest[++i];
      if (!TARGETS.includes(v as ConvertTarget)) return usageError(io, `--to expects one of ${TARGETS.join(', ')}`);
      to = v as ConvertTarget;
    } else if (a === '--index' || a.startsWith('--index=')) {
      const v = Number(a.includes('=') ? a.slice(a.indexOf('=') + 1) : rest[++i]);
      if (!Number.isInteger(v) || v < 1) return usageError(io, '--index expects a positive integer');
      index = v;
    } else if (a.startsWith('-') && a !== '-') return usageError(io, `unknown option ${a}`);
    else files.push(a);
  }
  switch (command) {
    case 'validate':
      if (files.length === 0) return usageError(io, 'validate needs at least one FILE');
      return runValidate(files, { json, ruleSets }, io);
    case 'convert':
      if (!to) return usageError(io, 'convert needs --to ubl|cii|ee');
      if (files.length !== 1) return usageError(io, 'convert takes exactly one FILE');
      return runConvert(files[0] as string, { to, index, peppol }, io);
    default:
      return usageError(io, `unknown command ${command}`);
  }
}
