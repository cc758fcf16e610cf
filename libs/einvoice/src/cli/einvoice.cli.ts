/**
 * `npm run -s einvoice -- validate [--json] FILE...` / `convert --to ubl|cii|ee FILE`.
 * All logic lives in cli-main.ts so it can be tested without spawning.
 */
import { processIo } from './cli-io';
import { main } from './cli-main';

process.exitCode = main(process.argv.slice(2), processIo);
