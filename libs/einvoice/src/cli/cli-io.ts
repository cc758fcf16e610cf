import { readFileSync } from 'node:fs';

/** What the CLI needs from the outside world; tests pass an in-memory version. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  readFile(path: string): Buffer;
}

export const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  // `-` reads standard input, so documents can be piped in.
  readFile: (path) => readFileSync(path === '-' ? 0 : path),
};

/** Exit codes of the `einvoice` command. */
export const EXIT = { OK: 0, INVALID: 1, ERROR: 2 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
