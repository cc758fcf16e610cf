#!/usr/bin/env node
// Renders a Helm chart's templates the way `helm template` would, within the subset the
// interpreter supports, for machines without helm (this one: Debian has no helm package).
//
//   node tools/infra/helm-template/chart.mjs docker/helm/hub [-f extra-values.yaml]
//        [--set a.b=c ...] [--release NAME] [--namespace NS]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import { TemplateSet } from './template.mjs';

const isMap = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Helm's value coalescing: override wins, maps merge deeply, null deletes a key. */
export function mergeValues(base, override) {
  if (!isMap(base) || !isMap(override)) return structuredClone(override);
  const out = structuredClone(base);
  for (const [k, v] of Object.entries(override)) {
    if (v === null) delete out[k];
    else
      out[k] =
        isMap(out[k]) && isMap(v) ? mergeValues(out[k], v) : structuredClone(v);
  }
  return out;
}

/** Applies one `--set a.b.c=value` (scalar values, like helm's --set). */
export function setValue(values, expr) {
  const eq = expr.indexOf('=');
  if (eq < 0) throw new Error(`--set ${expr}: expected key=value`);
  const keys = expr
    .slice(0, eq)
    .split(/(?<!\\)\./)
    .map((k) => k.replace(/\\\./g, '.'));
  const raw = expr.slice(eq + 1);
  const value = /^(true|false)$/.test(raw)
    ? raw === 'true'
    : /^-?\d+$/.test(raw)
      ? Number(raw)
      : raw === 'null'
        ? null
        : raw;
  let node = values;
  for (const k of keys.slice(0, -1))
    node = isMap(node[k]) ? node[k] : (node[k] = {});
  node[keys[keys.length - 1]] = value;
  return values;
}

const capitalise = (k) =>
  k === 'apiVersion' ? 'APIVersion' : k[0].toUpperCase() + k.slice(1);

/**
 * Renders every template of the chart that is not a partial (`_*`) nor NOTES.txt.
 * Returns [{ template, text, docs: [parsed manifest objects] }] with .notes (NOTES.txt rendered).
 */
export function renderChart(
  chartDir,
  {
    values: extra = {},
    release = 'hub',
    namespace = 'default',
    isUpgrade = false,
  } = {},
) {
  const chartYaml = YAML.parse(
    fs.readFileSync(path.join(chartDir, 'Chart.yaml'), 'utf8'),
  );
  const defaults =
    YAML.parse(fs.readFileSync(path.join(chartDir, 'values.yaml'), 'utf8')) ??
    {};
  const values = mergeValues(defaults, extra);
  const templatesDir = path.join(chartDir, 'templates');
  const set = new TemplateSet();
  const names = fs
    .readdirSync(templatesDir)
    .filter((f) => /\.(ya?ml|tpl|txt)$/.test(f))
    .sort();
  for (const f of names)
    set.add(
      `${chartYaml.name}/templates/${f}`,
      fs.readFileSync(path.join(templatesDir, f), 'utf8'),
    );
  const dot = {
    Values: values,
    Chart: Object.fromEntries(
      Object.entries(chartYaml).map(([k, v]) => [capitalise(k), v]),
    ),
    Release: {
      Name: release,
      Namespace: namespace,
      Service: 'Helm',
      IsInstall: !isUpgrade,
      IsUpgrade: isUpgrade,
      Revision: 1,
    },
    Template: { BasePath: `${chartYaml.name}/templates` },
    Capabilities: {
      KubeVersion: { Version: 'v1.30.0', Major: '1', Minor: '30' },
    },
  };
  const rendered = names
    .filter((f) => !f.startsWith('_') && f !== 'NOTES.txt')
    .map((f) => {
      const template = `${chartYaml.name}/templates/${f}`;
      const text = set.render(template, {
        ...dot,
        Template: { ...dot.Template, Name: template },
      });
      const docs = YAML.parseAllDocuments(text).map((doc) => {
        if (doc.errors.length)
          throw new Error(
            `${template}: rendered YAML is invalid: ${doc.errors[0].message}`,
          );
        return doc.toJS();
      });
      return {
        template,
        text,
        docs: docs.filter((d) => d !== null && d !== undefined),
      };
    });
  // What `helm install` prints afterwards; rendered too, so that it cannot break unseen.
  const notes = `${chartYaml.name}/templates/NOTES.txt`;
  rendered.notes = set.files.has(notes)
    ? set.render(notes, { ...dot, Template: { ...dot.Template, Name: notes } })
    : '';
  return rendered;
}

function main(argv) {
  let chartDir = null;
  let values = {};
  const opts = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--set') setValue(values, argv[++i]);
    else if (a === '-f' || a === '--values')
      values = mergeValues(
        values,
        YAML.parse(fs.readFileSync(argv[++i], 'utf8')),
      );
    else if (a === '--release') opts.release = argv[++i];
    else if (a === '--namespace' || a === '-n') opts.namespace = argv[++i];
    else if (a === '--upgrade') opts.isUpgrade = true;
    else chartDir = a;
  }
  if (!chartDir) {
    console.error(
      'usage: chart.mjs CHART_DIR [-f values.yaml] [--set k=v] [--release NAME] [--namespace NS] [--upgrade]',
    );
    return 1;
  }
  for (const { template, docs } of renderChart(chartDir, { ...opts, values })) {
    for (const doc of docs)
      process.stdout.write(
        `---\n# Source: ${template}\n${YAML.stringify(doc, { lineWidth: 0 })}`,
      );
  }
  return 0;
}

if (
  process.argv[1] &&
  path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)
) {
  try {
    process.exit(main(process.argv.slice(2)));
  } catch (err) {
    console.error(`helm-template: ${err.message}`);
    process.exit(1);
  }
}
