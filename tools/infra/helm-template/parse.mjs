// Parser for the Go text/template subset used by Helm charts: text, {{ pipelines }} with
// trim markers and comments, if / else if / else, range (with $i, $v :=), with, define,
// template, variables, parenthesised pipelines and field chains.

const KEYWORDS = new Set([
  'if',
  'else',
  'end',
  'range',
  'with',
  'define',
  'template',
  'block',
  'break',
  'continue',
]);

/** Splits source into text and action items, applying {{- and -}} trimming and dropping comments. */
function scan(src, name) {
  const items = [];
  let i = 0;
  let line = 1;
  const countLines = (from, to) => {
    for (let k = from; k < to; k++) if (src[k] === '\n') line++;
  };
  while (i < src.length) {
    const open = src.indexOf('{{', i);
    if (open < 0) {
      items.push({ type: 'text', text: src.slice(i) });
      break;
    }
    let text = src.slice(i, open);
    countLines(i, open);
    const actionLine = line;
    let j = open + 2;
    if (src[j] === '-' && /\s/.test(src[j + 1] ?? '')) {
      text = text.replace(/\s+$/, '');
      j += 1;
    }
    items.push({ type: 'text', text });
    let k = j;
    while (/\s/.test(src[k] ?? '')) k++;
    let close;
    let body = null;
    if (src.startsWith('/*', k)) {
      const end = src.indexOf('*/', k + 2);
      if (end < 0) throw new Error(`${name}:${actionLine}: unclosed comment`);
      close = src.indexOf('}}', end + 2);
      if (close < 0 || src.slice(end + 2, close).replace(/\s|-/g, '') !== '') {
        throw new Error(`${name}:${actionLine}: comment must end with */}}`);
      }
    } else {
      close = -1;
      for (let q = j; q < src.length - 1; q++) {
        const c = src[q];
        if (c === '"' || c === '`') {
          const quote = c;
          for (q++; q < src.length && src[q] !== quote; q++) {
            if (quote === '"' && src[q] === '\\') q++;
            if (src[q] === '\n' && quote === '"')
              throw new Error(`${name}:${actionLine}: newline in string`);
          }
          continue;
        }
        if (c === '}' && src[q + 1] === '}') {
          close = q;
          break;
        }
      }
      if (close < 0) throw new Error(`${name}:${actionLine}: unclosed action`);
      body = src.slice(j, close);
    }
    let trimRight = false;
    if (src[close - 1] === '-' && /\s/.test(src[close - 2] ?? '')) {
      trimRight = true;
      if (body !== null) body = body.slice(0, -1);
    }
    if (body !== null)
      items.push({ type: 'action', text: body.trim(), line: actionLine });
    countLines(open, close + 2);
    i = close + 2;
    if (trimRight) {
      while (i < src.length && /\s/.test(src[i])) {
        if (src[i] === '\n') line++;
        i++;
      }
    }
  }
  return items;
}

function tokenize(text, at) {
  const tokens = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    const adjacent = i > 0 && !/\s/.test(text[i - 1]);
    if (/\s/.test(c)) {
      i++;
    } else if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      tokens.push({ type: 'string', value: JSON.parse(text.slice(i, j + 1)) });
      i = j + 1;
    } else if (c === '`') {
      const j = text.indexOf('`', i + 1);
      tokens.push({ type: 'string', value: text.slice(i + 1, j) });
      i = j + 1;
    } else if ('()|,'.includes(c)) {
      tokens.push({ type: c });
      i++;
    } else if (text.startsWith(':=', i)) {
      tokens.push({ type: ':=' });
      i += 2;
    } else if (c === '=') {
      tokens.push({ type: '=' });
      i++;
    } else if (
      /\d/.test(c) ||
      (/[-+]/.test(c) && /\d/.test(text[i + 1] ?? ''))
    ) {
      const m = /^[-+]?\d+(\.\d+)?/.exec(text.slice(i));
      tokens.push({ type: 'number', value: Number(m[0]) });
      i += m[0].length;
    } else if (c === '$') {
      const m = /^\$[A-Za-z0-9_]*((\.[A-Za-z0-9_]+)*)/.exec(text.slice(i));
      const [name, ...path] = m[0].split('.');
      tokens.push({ type: 'variable', name, path });
      i += m[0].length;
    } else if (c === '.') {
      const m = /^(\.[A-Za-z0-9_]+)*/.exec(text.slice(i));
      if (m[0] === '') {
        tokens.push({ type: 'dot' });
        i++;
      } else {
        tokens.push({
          type: 'field',
          path: m[0].slice(1).split('.'),
          adjacent,
        });
        i += m[0].length;
      }
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i));
      const word = m[0];
      if (word === 'true' || word === 'false')
        tokens.push({ type: 'bool', value: word === 'true' });
      else if (word === 'nil') tokens.push({ type: 'nil' });
      else if (KEYWORDS.has(word)) tokens.push({ type: 'keyword', name: word });
      else tokens.push({ type: 'ident', name: word });
      i += word.length;
    } else {
      throw new Error(`${at}: unexpected character ${JSON.stringify(c)}`);
    }
  }
  return tokens;
}

function parsePipe(tokens, pos, at) {
  const pipe = { decl: null, cmds: [] };
  const t = (k) => tokens[pos + k];
  if (t(0)?.type === 'variable' && t(0).path.length === 0) {
    if (t(1)?.type === ':=' || t(1)?.type === '=') {
      pipe.decl = { vars: [t(0).name], op: t(1).type };
      pos += 2;
    } else if (
      t(1)?.type === ',' &&
      t(2)?.type === 'variable' &&
      t(3)?.type === ':='
    ) {
      pipe.decl = { vars: [t(0).name, t(2).name], op: ':=' };
      pos += 4;
    }
  }
  let cmd = [];
  while (pos < tokens.length && tokens[pos].type !== ')') {
    const tok = tokens[pos];
    if (tok.type === '|') {
      if (cmd.length === 0) throw new Error(`${at}: missing command before |`);
      pipe.cmds.push(cmd);
      cmd = [];
      pos++;
    } else if (tok.type === '(') {
      const inner = parsePipe(tokens, pos + 1, at);
      if (tokens[inner.pos]?.type !== ')') throw new Error(`${at}: unclosed (`);
      pos = inner.pos + 1;
      const node = { type: 'pipe', pipe: inner.pipe, path: [] };
      if (tokens[pos]?.type === 'field' && tokens[pos].adjacent)
        node.path = tokens[pos++].path;
      cmd.push(node);
    } else if (
      [
        'string',
        'number',
        'bool',
        'nil',
        'dot',
        'field',
        'variable',
        'ident',
      ].includes(tok.type)
    ) {
      cmd.push(tok);
      pos++;
    } else {
      throw new Error(
        `${at}: unexpected ${tok.type}${tok.name ? ' ' + tok.name : ''}`,
      );
    }
  }
  if (cmd.length === 0) throw new Error(`${at}: missing value`);
  pipe.cmds.push(cmd);
  for (const c of pipe.cmds.slice(1)) {
    if (c[0].type !== 'ident') throw new Error(`${at}: non-function after |`);
  }
  return { pipe, pos };
}

function fullPipe(tokens, at) {
  const { pipe, pos } = parsePipe(tokens, 0, at);
  if (pos !== tokens.length) throw new Error(`${at}: unexpected )`);
  return pipe;
}

/** Parses one template file into { body: nodes, defines: Map(name -> nodes) }. */
export function parseTemplate(src, name) {
  const root = { type: 'root', body: [] };
  const defines = new Map();
  const stack = [root];
  // Where new nodes go: the open block's current branch.
  const target = () => {
    const top = stack[stack.length - 1];
    if (top.type === 'if')
      return top.elseBody ?? top.branches[top.branches.length - 1].body;
    if (top.type === 'range' || top.type === 'with')
      return top.elseBody ?? top.body;
    return top.body;
  };
  for (const item of scan(src, name)) {
    if (item.type === 'text') {
      if (item.text) target().push({ type: 'text', text: item.text });
      continue;
    }
    const at = `${name}:${item.line}`;
    const tokens = tokenize(item.text, at);
    const head = tokens[0];
    const rest = tokens.slice(1);
    const line = item.line;
    if (head?.type !== 'keyword') {
      target().push({ type: 'action', pipe: fullPipe(tokens, at), line });
      continue;
    }
    const top = stack[stack.length - 1];
    switch (head.name) {
      case 'if': {
        const node = {
          type: 'if',
          branches: [{ pipe: fullPipe(rest, at), body: [] }],
          elseBody: null,
          line,
        };
        target().push(node);
        stack.push(node);
        break;
      }
      case 'range':
      case 'with': {
        const pipe = fullPipe(rest, at);
        if (head.name === 'range') pipe.isRange = true;
        const node = { type: head.name, pipe, body: [], elseBody: null, line };
        target().push(node);
        stack.push(node);
        break;
      }
      case 'else': {
        if (!['if', 'range', 'with'].includes(top.type) || top.elseBody)
          throw new Error(`${at}: unexpected else`);
        if (rest[0]?.type === 'keyword' && rest[0].name === 'if') {
          if (top.type !== 'if') throw new Error(`${at}: else if outside if`);
          top.branches.push({ pipe: fullPipe(rest.slice(1), at), body: [] });
        } else {
          if (rest.length)
            throw new Error(`${at}: unexpected tokens after else`);
          top.elseBody = [];
        }
        break;
      }
      case 'end':
        if (stack.length === 1) throw new Error(`${at}: unexpected end`);
        if (rest.length) throw new Error(`${at}: unexpected tokens after end`);
        stack.pop();
        if (top.type === 'define') defines.set(top.name, top.body);
        break;
      case 'define': {
        if (
          stack.length !== 1 ||
          rest.length !== 1 ||
          rest[0].type !== 'string'
        ) {
          throw new Error(
            `${at}: define takes one string and must be at top level`,
          );
        }
        stack.push({ type: 'define', name: rest[0].value, body: [] });
        break;
      }
      case 'template': {
        if (rest[0]?.type !== 'string')
          throw new Error(`${at}: template needs a name`);
        const pipe = rest.length > 1 ? fullPipe(rest.slice(1), at) : null;
        target().push({ type: 'template', name: rest[0].value, pipe, line });
        break;
      }
      default:
        throw new Error(
          `${at}: "${head.name}" is not supported by this renderer`,
        );
    }
  }
  if (stack.length !== 1) {
    const open = stack[stack.length - 1];
    throw new Error(
      `${name}: unclosed {{ ${open.type} }}${open.line ? ` from line ${open.line}` : ''}`,
    );
  }
  return { body: root.body, defines };
}
