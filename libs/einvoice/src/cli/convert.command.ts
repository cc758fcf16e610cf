import type { Invoice } from '../lib/model';
import { readInvoice, writeCii, writeEe, writeUbl } from '../lib/syntax';
import { UnsupportedDocumentError } from '../lib/syntax/errors';
import { parseXml, XmlParseError } from '../lib/xml/parse-xml';
import type { XmlElement } from '../lib/xml/xml-node';
import { EXIT, type CliIo, type ExitCode } from './cli-io';

export type ConvertTarget = 'ubl' | 'cii' | 'ee';

/** The model/syntax functions `convert` uses; injectable for tests. */
export interface ConvertApi {
  readInvoice(root: XmlElement): Invoice[];
  writeUbl(invoice: Invoice, options?: { readonly peppol?: boolean }): string;
  writeCii(invoice: Invoice): string;
  writeEe(invoices: readonly Invoice[]): string;
}

export const defaultConvertApi: ConvertApi = { readInvoice, writeUbl, writeCii, writeEe };

export interface ConvertCommandOptions {
  readonly to: ConvertTarget;
  /** 1-based invoice to pick when the source bundles several (Estonian files). */
  readonly index?: number;
  /** UBL only: write the Peppol BIS 3 CustomizationID/ProfileID whatever the source said. */
  readonly peppol?: boolean;
}

/**
 * Converts one file and writes the result to stdout. Exit 2 on any failure, with the reason on
 * stderr. An Estonian file may hold several invoices: `--to ee` keeps them all, UBL/CII need `--index`.
 */
export function runConvert(file: string, options: ConvertCommandOptions, io: CliIo, api: ConvertApi = defaultConvertApi): ExitCode {
  try {
    const root = parseXml(io.readFile(file)).root;
    const invoices = api.readInvoice(root);
    if (invoices.length === 0) {
      io.stderr(`einvoice convert: ${file}: contains no invoice\n`);
      return EXIT.ERROR;
    }
    if (options.to === 'ee') {
      const chosen = options.index === undefined ? invoices : invoices.slice(options.index - 1, options.index);
      if (chosen.length === 0) return outOfRange(file, options.index, invoices.length, io);
      io.stdout(api.writeEe(chosen));
      return EXIT.OK;
    }
    let picked: Invoice | undefined;
    if (options.index !== undefined) {
      picked = invoices[options.index - 1];
      if (picked === undefined) return outOfRange(file, options.index, invoices.length, io);
    } else if (invoices.length > 1) {
      io.stderr(`einvoice convert: ${file}: contains ${invoices.length} invoices; choose one with --index N\n`);
      return EXIT.ERROR;
    } else {
      picked = invoices[0] as Invoice;
    }
    io.stdout(options.to === 'ubl' ? api.writeUbl(picked, { peppol: options.peppol === true }) : api.writeCii(picked));
    return EXIT.OK;
  } catch (e) {
    let reason: string;
    if (e instanceof XmlParseError) reason = `cannot be parsed (${e.code}) ${e.message}`;
    else if (e instanceof UnsupportedDocumentError) reason = e.message;
    else reason = e instanceof Error ? e.message : String(e);
    io.stderr(`einvoice convert: ${file}: ${reason}\n`);
    return EXIT.ERROR;
  }
}

function outOfRange(file: string, index: number | undefined, count: number, io: CliIo): ExitCode {
  io.stderr(`einvoice convert: ${file}: --index ${index ?? '?'} out of range (1..${count})\n`);
  return EXIT.ERROR;
}
