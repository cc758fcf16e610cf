// A small interpreter for the subset of Go text/template + Sprig that Helm charts use, so the
// chart can be rendered and checked on machines without the helm binary. It is strict where
// Helm is lenient in ways that hide bugs: an unknown function, a field read on a missing
// value, or printing a map or list is an error.
import { parseTemplate } from './parse.mjs';
import { FUNCTIONS, isTruthy } from './functions.mjs';

class Scope {
  constructor(parent, vars = new Map()) {
    this.parent = parent;
    this.vars = vars;
  }
  get(name) {
    for (let s = this; s; s = s.parent)
      if (s.vars.has(name)) return s.vars.get(name);
    throw new Error(`undefined variable ${name}`);
  }
  set(name, value) {
    for (let s = this; s; s = s.parent) {
      if (s.vars.has(name)) {
        s.vars.set(name, value);
        return;
      }
    }
    throw new Error(`assignment to undeclared variable ${name}`);
  }
  declare(name, value) {
    this.vars.set(name, value);
  }
}

function field(value, name, path) {
  if (value === null || value === undefined)
    throw new Error(`nil pointer evaluating ${path}`);
  if (typeof value !== 'object' || Array.isArray(value))
    throw new Error(`can't evaluate field ${name} in ${path}`);
  return Object.prototype.hasOwnProperty.call(value, name)
    ? value[name]
    : undefined;
}

function printable(value, where) {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object')
    throw new Error(
      `${where}: printing a ${Array.isArray(value) ? 'list' : 'map'} (use toYaml)`,
    );
  return String(value);
}

/** A set of templates sharing their `define`s, like one Helm chart. */
export class TemplateSet {
  constructor() {
    this.defines = new Map();
    this.files = new Map();
  }

  add(name, source) {
    const tree = parseTemplate(source, name);
    for (const [defName, body] of tree.defines) this.defines.set(defName, body);
    this.files.set(name, tree.body);
  }

  render(name, dot) {
    const body = this.files.get(name);
    if (!body) throw new Error(`no template file ${name}`);
    return this.#exec(body, dot, new Scope(null, new Map([['$', dot]])), name);
  }

  renderDefine(defName, dot, where) {
    const body = this.defines.get(defName);
    if (!body) throw new Error(`${where}: no template "${defName}" associated`);
    return this.#exec(
      body,
      dot,
      new Scope(null, new Map([['$', dot]])),
      `define ${defName}`,
    );
  }

  #exec(nodes, dot, scope, where) {
    let out = '';
    for (const node of nodes) {
      const at = `${where}:${node.line}`;
      switch (node.type) {
        case 'text':
          out += node.text;
          break;
        case 'action': {
          const value = this.#pipeline(node.pipe, dot, scope, at);
          if (!node.pipe.decl) out += printable(value, at);
          break;
        }
        case 'if': {
          let done = false;
          for (const branch of node.branches) {
            const inner = new Scope(scope);
            if (isTruthy(this.#pipeline(branch.pipe, dot, inner, at))) {
              out += this.#exec(branch.body, dot, inner, where);
              done = true;
              break;
            }
          }
          if (!done && node.elseBody)
            out += this.#exec(node.elseBody, dot, new Scope(scope), where);
          break;
        }
        case 'with': {
          const inner = new Scope(scope);
          const value = this.#pipeline(node.pipe, dot, inner, at);
          if (isTruthy(value))
            out += this.#exec(node.body, value, inner, where);
          else if (node.elseBody)
            out += this.#exec(node.elseBody, dot, new Scope(scope), where);
          break;
        }
        case 'range': {
          const inner = new Scope(scope);
          const value = this.#pipeline(node.pipe, dot, inner, at);
          const entries = rangeEntries(value, at);
          if (entries.length === 0 && node.elseBody)
            out += this.#exec(node.elseBody, dot, new Scope(scope), where);
          for (const [key, item] of entries) {
            const iter = new Scope(scope);
            const vars = node.pipe.decl?.vars ?? [];
            if (vars.length === 1) iter.declare(vars[0], item);
            if (vars.length === 2) {
              iter.declare(vars[0], key);
              iter.declare(vars[1], item);
            }
            out += this.#exec(node.body, item, iter, where);
          }
          break;
        }
        case 'template':
          out += this.renderDefine(
            node.name,
            node.pipe ? this.#pipeline(node.pipe, dot, scope, at) : undefined,
            at,
          );
          break;
        default:
          throw new Error(`${at}: unknown node ${node.type}`);
      }
    }
    return out;
  }

  /** Evaluates a pipeline and applies its declaration (range declares per iteration itself). */
  #pipeline(pipe, dot, scope, at) {
    let value;
    pipe.cmds.forEach((cmd, i) => {
      value = this.#command(cmd, dot, scope, at, i === 0 ? [] : [value]);
    });
    if (pipe.decl && !pipe.isRange) {
      const [name] = pipe.decl.vars;
      if (pipe.decl.op === '=') scope.set(name, value);
      else scope.declare(name, value);
    }
    return value;
  }

  #command(cmd, dot, scope, at, piped) {
    const [head, ...args] = cmd;
    if (head.type === 'ident') {
      const values = [
        ...args.map((a) => this.#operand(a, dot, scope, at)),
        ...piped,
      ];
      if (head.name === 'include') {
        const [name, data] = values;
        return this.renderDefine(name, data, at);
      }
      const fn = FUNCTIONS[head.name];
      if (!fn) throw new Error(`${at}: function "${head.name}" not defined`);
      try {
        return fn(...values);
      } catch (err) {
        throw new Error(`${at}: ${head.name}: ${err.message}`);
      }
    }
    if (args.length > 0 || piped.length > 0)
      throw new Error(`${at}: can't give arguments to a non-function`);
    return this.#operand(head, dot, scope, at);
  }

  #operand(node, dot, scope, at) {
    switch (node.type) {
      case 'string':
      case 'number':
      case 'bool':
        return node.value;
      case 'nil':
        return null;
      case 'dot':
        return dot;
      case 'field':
        return node.path.reduce(
          (v, name, i) =>
            field(v, name, `.${node.path.slice(0, i + 1).join('.')} (${at})`),
          dot,
        );
      case 'variable': {
        const base = scope.get(node.name);
        return node.path.reduce(
          (v, name, i) =>
            field(
              v,
              name,
              `${node.name}.${node.path.slice(0, i + 1).join('.')} (${at})`,
            ),
          base,
        );
      }
      case 'pipe': {
        const value = this.#pipeline(node.pipe, dot, scope, at);
        return node.path.reduce(
          (v, name) => field(v, name, `(...).${name} (${at})`),
          value,
        );
      }
      case 'ident':
        return this.#command([node], dot, scope, at, []);
      default:
        throw new Error(`${at}: unexpected ${node.type}`);
    }
  }
}

function rangeEntries(value, at) {
  if (value === null || value === undefined) return [];
  if (Array.isArray(value)) return value.map((v, i) => [i, v]);
  if (typeof value === 'object')
    return Object.keys(value)
      .sort()
      .map((k) => [k, value[k]]);
  if (typeof value === 'number')
    return Array.from({ length: value }, (_, i) => [i, i]);
  throw new Error(`${at}: range can't iterate over ${value}`);
}
