import { BadRequestException, PayloadTooLargeException } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import type { Request } from 'express';
import { fieldErrors, type FieldError } from '@hub/platform';
import { ImportedEntryDto } from './entries.dto';

const LIMIT_BYTES = 64 * 1024 * 1024;
const MAX_FIELD_ERRORS = 200;

/**
 * Reads an `application/x-ndjson` body (one entry per line) past the JSON body parser's
 * 100 kB limit, validating each line like the JSON import. Every error is reported as
 * `entries[<line index>].<field>`; nothing is stored when any line is wrong.
 */
export async function readNdjsonEntries(req: Request): Promise<ImportedEntryDto[]> {
  const type = req.headers['content-type'] ?? '';
  if (!/^application\/(x-)?ndjson\b/.test(type)) {
    throw badRequest([{ field: 'body', errors: ['send Content-Type: application/x-ndjson, one entry per line'] }]);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > LIMIT_BYTES) throw new PayloadTooLargeException(`an NDJSON import is limited to ${LIMIT_BYTES / 1024 / 1024} MB; split it`);
    chunks.push(chunk);
  }
  const lines = Buffer.concat(chunks).toString('utf8').split('\n');
  const entries: ImportedEntryDto[] = [];
  const errors: FieldError[] = [];
  let index = 0;
  for (const line of lines) {
    if (line.trim() === '') continue;
    const at = `entries[${index++}]`;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      errors.push({ field: at, errors: ['line is not valid JSON'] });
      continue;
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      errors.push({ field: at, errors: ['each line must be a JSON object'] });
      continue;
    }
    const dto = plainToInstance(ImportedEntryDto, parsed);
    const problems = validateSync(dto, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true });
    if (problems.length > 0) errors.push(...fieldErrors(problems, at));
    else entries.push(dto);
    if (errors.length >= MAX_FIELD_ERRORS) break;
  }
  if (errors.length > 0) throw badRequest(errors);
  if (entries.length === 0) throw badRequest([{ field: 'body', errors: ['no entries'] }]);
  return entries;
}

function badRequest(fields: FieldError[]): BadRequestException {
  return new BadRequestException({ statusCode: 400, error: 'Bad Request', message: 'Validation failed', fields });
}
