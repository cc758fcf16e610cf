// The template interpreter against what Go text/template + Sprig produce for the same input.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TemplateSet } from './template.mjs';

const render = (src, dot = {}, extra = {}) => {
  const set = new TemplateSet();
  for (const [name, text] of Object.entries(extra)) set.add(name, text);
  set.add('t', src);
  return set.render('t', dot);
};

test('text, fields, trim markers and comments', () => {
  assert.equal(render('a {{ .X }} b', { X: 1 }), 'a 1 b');
  assert.equal(render('a  \n {{- .X -}} \n  b', { X: 'x' }), 'axb');
  assert.equal(render('a {{/* note */}}b{{- /* more */ -}} c'), 'a bc');
  assert.equal(render('{{ .Missing }}|', {}), '|');
  assert.equal(
    render('{{ "q\\"s" }} {{ `raw` }} {{ 42 }} {{ -3 }} {{ true }}'),
    'q"s raw 42 -3 true',
  );
});

test('if / else if / else, with, and Go truthiness', () => {
  const t = '{{ if .A }}a{{ else if .B }}b{{ else }}c{{ end }}';
  assert.equal(render(t, { A: 1, B: 1 }), 'a');
  assert.equal(render(t, { A: 0, B: 'x' }), 'b');
  assert.equal(render(t, { A: '', B: {} }), 'c');
  assert.equal(render(t, { A: [], B: [0] }), 'b');
  assert.equal(
    render('{{ with .M }}{{ .k }}{{ else }}none{{ end }}', { M: { k: 'v' } }),
    'v',
  );
  assert.equal(
    render('{{ with .M }}{{ .k }}{{ else }}none{{ end }}', { M: {} }),
    'none',
  );
});

test('range over maps (sorted keys), lists, empty with else; $ stays the root', () => {
  const dot = { M: { b: 2, a: 1 }, L: ['x', 'y'], R: 'root' };
  assert.equal(
    render('{{ range $k, $v := .M }}{{ $k }}={{ $v }};{{ end }}', dot),
    'a=1;b=2;',
  );
  assert.equal(
    render('{{ range $i, $v := .L }}{{ $i }}{{ . }}{{ $.R }} {{ end }}', dot),
    '0xroot 1yroot ',
  );
  assert.equal(
    render('{{ range .None }}x{{ else }}empty{{ end }}', dot),
    'empty',
  );
  assert.equal(render('{{ range $i := until 3 }}{{ $i }}{{ end }}'), '012');
});

test('variables: declaration, assignment across a range, scoping', () => {
  assert.equal(
    render('{{ $x := 1 }}{{ range .L }}{{ $x = . }}{{ end }}{{ $x }}', {
      L: [2, 3],
    }),
    '3',
  );
  assert.throws(
    () => render('{{ if true }}{{ $y := 1 }}{{ end }}{{ $y }}'),
    /undefined variable \$y/,
  );
});

test('pipelines, parentheses and Sprig functions in Go argument order', () => {
  assert.equal(
    render('{{ .S | trunc 3 | upper | quote }}', { S: 'abcdef' }),
    '"ABC"',
  );
  assert.equal(
    render('{{ default "d" .E }} {{ default "d" .S }}', { E: '', S: 's' }),
    'd s',
  );
  assert.equal(render('{{ printf "%s-%d" .A .B }}', { A: 'a', B: 7 }), 'a-7');
  assert.equal(render('{{ (dict "k" .V).k }}', { V: 'v' }), 'v');
  assert.equal(
    render('{{ toYaml .M | nindent 2 }}', { M: { a: [1, 2] } }),
    '\n  a:\n    - 1\n    - 2',
  );
  assert.equal(
    render(
      '{{ "a-b-" | trimSuffix "-" }} {{ b64enc "hi" }} {{ hasKey .M "a" }}',
      { M: { a: 1 } },
    ),
    'a-b aGk= true',
  );
  assert.equal(
    render('{{ and 1 0 }} {{ or 0 "" "z" }} {{ not 0 }} {{ eq 2 1 2 }}'),
    '0 z true true',
  );
});

test('define, include and template share one set', () => {
  const helpers = {
    '_h.tpl': '{{- define "greet" -}}hi {{ .name }}{{- end -}}',
  };
  assert.equal(
    render('{{ include "greet" (dict "name" "x") | upper }}', {}, helpers),
    'HI X',
  );
  assert.equal(
    render('{{ template "greet" .P }}', { P: { name: 'y' } }, helpers),
    'hi y',
  );
});

test('strict where Helm would hide a bug', () => {
  assert.throws(
    () => render('{{ .A.B }}', {}),
    /nil pointer evaluating \.A\.B/,
  );
  assert.throws(
    () => render('{{ nosuch 1 }}'),
    /function "nosuch" not defined/,
  );
  assert.throws(() => render('{{ .M }}', { M: { a: 1 } }), /printing a map/);
  assert.throws(() => render('{{ if .A }}x'), /unclosed \{\{ if \}\}/);
  assert.throws(() => render('{{ end }}'), /unexpected end/);
  assert.throws(() => render('{{ required "need X" .X }}'), /need X/);
  assert.throws(() => render('{{ fail "stop" }}'), /stop/);
});
