// Copies the browser bundles of the pinned GraphiQL, React and ReactDOM from node_modules into the
// folder given as the only argument, with the licences of every package installed for them.
//
// Source map comments are removed: the maps are not embedded, and a browser's developer tools
// would otherwise ask the server for files it does not have. The fonts that GraphiQL's style sheet
// carries inline (data: URLs) become files of their own, named by their content, so that the
// page's Content-Security-Policy can keep fonts to its own origin (font-src 'self').
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const out = process.argv[2];
if (!out) {
  console.error('usage: node vendor.mjs OUTPUT_DIR');
  process.exit(2);
}

const bundles = [
  ['react/umd/react.production.min.js', 'react.production.min.js'],
  ['react-dom/umd/react-dom.production.min.js', 'react-dom.production.min.js'],
  ['graphiql/graphiql.min.js', 'graphiql.min.js'],
  ['graphiql/graphiql.min.css', 'graphiql.min.css'],
];

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
for (const [from, to] of bundles) {
  const text = readFileSync(join('node_modules', from), 'utf8')
    .replace(/\n?\/\/# sourceMappingURL=\S+\s*$/, '\n')
    .replace(/\n?\/\*# sourceMappingURL=\S+ \*\/\s*$/, '\n');
  writeFileSync(join(out, to), to.endsWith('.css') ? extractFonts(text) : text);
}

function extractFonts(css) {
  return css.replace(/url\(\s*(["']?)data:font\/(woff2?);base64,([A-Za-z0-9+/=]+)\1\s*\)/g, (_, _q, ext, b64) => {
    const body = Buffer.from(b64, 'base64');
    const name = `font-${createHash('sha256').update(body).digest('hex').slice(0, 16)}.${ext}`;
    writeFileSync(join(out, name), body);
    return `url(${name})`;
  });
}

// Every package that npm installed for the bundles (production dependencies only), in name order,
// each with its version, its declared licence and the text of its licence file where it has one.
const dirs = execFileSync('npm', ['ls', '--omit=dev', '--all', '--parseable'], { encoding: 'utf8' })
  .split('\n')
  .filter((d) => d.includes('node_modules'));
const entries = [];
for (const dir of dirs) {
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const files = readdirSync(dir).filter((f) => /^(licen[cs]e|copying|notice)(\.|$)/i.test(f)).sort();
  const texts = files.map((f) => readFileSync(join(dir, f), 'utf8').trim());
  const declared = typeof pkg.license === 'string' ? pkg.license : JSON.stringify(pkg.license ?? 'none declared');
  entries.push({ id: `${pkg.name}@${pkg.version}`, declared, texts });
}
entries.sort((a, b) => a.id.localeCompare(b.id));
const seen = new Set();
let licences = 'Third-party code served with the GraphiQL page: the packages below, as published on npm.\n' +
  'Each is listed with its version and declared licence, followed by its licence file when it ships one.\n';
for (const e of entries) {
  if (seen.has(e.id)) continue;
  seen.add(e.id);
  licences += `\n${'='.repeat(78)}\n${e.id} (${e.declared})\n${'='.repeat(78)}\n`;
  licences += e.texts.length ? e.texts.join('\n\n') + '\n' : '(no licence file in the package; its package.json declares the licence above)\n';
}
writeFileSync(join(out, 'LICENSES.txt'), licences);

const versions = Object.fromEntries(
  ['graphiql', 'react', 'react-dom', 'graphql'].map((n) => [n, JSON.parse(readFileSync(join('node_modules', n, 'package.json'), 'utf8')).version]),
);
writeFileSync(join(out, 'VERSIONS.json'), JSON.stringify(versions, null, 2) + '\n');
console.log(`vendored ${bundles.length} files and ${seen.size} licences into ${out}: ${JSON.stringify(versions)}`);
