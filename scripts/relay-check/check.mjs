// Checks the committed schema (schema/contract/current.graphql) as a Relay team's build would:
//
//  1. relay-compiler compiles the documents in src/ (a profession page with paged skills, search
//     results paged both ways, a session listing with a registration, node lookups) against it,
//     which fails on a connection without the full PageInfo or both directions, and on a type
//     Relay cannot refetch;
//  2. ESLint runs @graphql-eslint's Relay rules over the schema and its recommended operation
//     rules over the documents.
//
// Run it from anywhere: node scripts/relay-check/check.mjs. It prints what failed and exits 1, or
// prints what it checked and exits 0.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
// graphql-config reads the schema and the documents relative to the working directory.
process.chdir(root);

rmSync(join(here, '__generated__'), { recursive: true, force: true });
mkdirSync(join(here, '__generated__'));
const relay = spawnSync(join(here, 'node_modules', '.bin', 'relay-compiler'), ['--output', 'quiet-with-errors'], {
  cwd: here,
  encoding: 'utf8',
});
if (relay.status !== 0) {
  console.error(`relay-compiler failed (exit ${relay.status}):\n${relay.stdout}${relay.stderr}`);
  process.exit(1);
}
console.log('relay-compiler: the documents in src/ compile against the schema');

const eslint = new ESLint({ cwd: root, overrideConfigFile: join(here, 'eslint.config.mjs') });
const results = await eslint.lintFiles(['schema/contract/current.graphql', 'scripts/relay-check/src/**/*.js']);
const problems = results.reduce((n, r) => n + r.errorCount + r.warningCount, 0);
if (problems > 0) {
  const formatter = await eslint.loadFormatter('stylish');
  console.error(await formatter.format(results));
  process.exit(1);
}
console.log(`graphql-eslint: ${results.length} files, no problems (Relay rules on the schema, operation rules on the documents)`);
