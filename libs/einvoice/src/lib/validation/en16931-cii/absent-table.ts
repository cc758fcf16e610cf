import type { XmlElement } from '../../xml/xml-node';
import { at, RAM, UDT } from './cii-xpath.util';
import type { Reporter, Rule } from './rule-kit';

interface Node {
  readonly rules: Rule[];
  /** Next steps in the ram namespace, by local name. */
  readonly ram: Map<string, Node>;
  /** Next steps in the udt namespace, by local name. */
  readonly udt: Map<string, Node>;
  readonly attrs: Map<string, Rule[]>;
}

function node(): Node {
  return { rules: [], ram: new Map(), udt: new Map(), attrs: new Map() };
}

/**
 * A table of "path should not be present" rules for one context (see `syntax-absent.data.ts`),
 * compiled into a tree of child steps. Judging a context walks only the children that lead
 * somewhere in the tree, so the cost follows the document, not the number of rules.
 */
export class AbsentTable {
  private readonly tree = node();
  /** Every rule of the table, in table order. */
  readonly rules: Rule[] = [];
  /** Every rule with its path as written in the table (for tests and documentation). */
  readonly entries: { readonly rule: Rule; readonly path: string }[] = [];

  constructor(spec: string) {
    for (const line of spec.split('\n')) {
      const parts = line.trim().split(' ');
      if (parts.length !== 3) continue;
      const [shortId, flag, path] = parts as [string, string, string];
      const id = `CII-${shortId}`;
      const steps = path.split('/');
      const fatal = flag === 'f';
      const shown = steps
        .map((s) => (s.includes(':') || s.startsWith('@') ? s : `ram:${s}`))
        .join('/');
      const rule: Rule = {
        id,
        flag: fatal ? 'fatal' : 'warning',
        message: `[${id}] ${shown} ${fatal ? 'shall' : 'should'} not be present (not used by EN 16931).`,
      };
      this.rules.push(rule);
      this.entries.push({ rule, path });
      let cur = this.tree;
      for (const step of steps) {
        if (step.startsWith('@')) {
          const name = step.slice(1);
          const list = cur.attrs.get(name);
          if (list) list.push(rule);
          else cur.attrs.set(name, [rule]);
          cur = node(); // an attribute is always the last step
          break;
        }
        const udt = step.startsWith('udt:');
        const byLocal = udt ? cur.udt : cur.ram;
        const local = udt ? step.slice(4) : step;
        let next = byLocal.get(local);
        if (!next) byLocal.set(local, (next = node()));
        cur = next;
      }
      cur.rules.push(rule);
    }
  }

  /** Reports each rule whose path exists under `context`, once. */
  run(r: Reporter, context: XmlElement): void {
    this.walk(r, context, context, this.tree, undefined);
  }

  private walk(
    r: Reporter,
    context: XmlElement,
    el: XmlElement,
    n: Node,
    fired: Set<Rule> | undefined,
  ): Set<Rule> | undefined {
    for (const c of el.children) {
      // Most children lead nowhere: look the name up before comparing the (long) namespace.
      let sub = n.ram.get(c.local);
      if (sub !== undefined && c.ns !== RAM) sub = undefined;
      if (sub === undefined && n.udt.size > 0 && c.ns === UDT)
        sub = n.udt.get(c.local);
      if (!sub) continue;
      for (const rule of sub.rules) fired = report(r, context, rule, fired);
      if (sub.attrs.size > 0 && c.attributes.length > 0) {
        for (const [name, rules] of sub.attrs)
          if (at(c, name) !== undefined)
            for (const rule of rules) fired = report(r, context, rule, fired);
      }
      if (sub.ram.size > 0 || sub.udt.size > 0)
        fired = this.walk(r, context, c, sub, fired);
    }
    return fired;
  }
}

/** Reports `rule` unless it already fired on this context. */
function report(
  r: Reporter,
  context: XmlElement,
  rule: Rule,
  fired: Set<Rule> | undefined,
): Set<Rule> {
  const set = fired ?? new Set<Rule>();
  if (!set.has(rule)) {
    set.add(rule);
    r.fail(rule, context);
  }
  return set;
}
