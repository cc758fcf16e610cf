import type { RuleSet } from '../finding';
import {
  CiiDoc,
  INDEXED_NAMES,
  PASS_CODES,
  PASS_INDEX,
  PASS_MODEL,
  PASS_SYNTAX,
} from './cii-doc';
import { CODE_NAMES, codeListRules } from './code-list.rules';
import { MODEL_NAMES, runModel } from './model.rules';
import { Reporter } from './rule-kit';
import { isSyntaxName, runSyntax } from './syntax.rules';

/** Passes per `ram:` name, cached: the vocabulary of a CII document is small. */
const passCache = new Map<string, number>();
const PASS_CACHE_LIMIT = 10_000;

function passesOf(local: string): number {
  let passes = passCache.get(local);
  if (passes === undefined) {
    passes =
      (MODEL_NAMES.has(local) ? PASS_MODEL : 0) |
      (isSyntaxName(local) ? PASS_SYNTAX : 0) |
      (CODE_NAMES.has(local) ? PASS_CODES : 0) |
      (INDEXED_NAMES.has(local) ? PASS_INDEX : 0);
    // A hostile document could invent names without end: stop caching, keep working.
    if (passCache.size < PASS_CACHE_LIMIT) passCache.set(local, passes);
  }
  return passes;
}

/**
 * EN 16931 rules bound to UN/CEFACT CII D16B, natively: the same rule ids, flags and meaning as the
 * official CEN/TC 434 Schematron (model, syntax and code list patterns), evaluated over a document
 * indexed once so the cost grows linearly with the number of lines.
 */
export const en16931CiiRules: RuleSet = {
  id: 'EN16931-CII',
  run(root, findings) {
    const doc = new CiiDoc(root, passesOf);
    const r = new Reporter(root, findings);
    runModel(doc, r);
    runSyntax(doc, r);
    for (const el of doc.forCodes) codeListRules(doc, r, el);
  },
};
