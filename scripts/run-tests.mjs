// Runs every compiled test file with node's built-in test runner, on this node (process.execPath): under
// `npm test` the `node` devDependency's Node 24 (npm puts node_modules/.bin first on PATH). Every test that
// starts a process (CLI, action, workers) starts process.execPath too. Listing the files ourselves (rather
// than a glob) keeps `node scripts/run-tests.mjs FILTER…` simple.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

function listTests(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return listTests(path);
    return name.endsWith('.test.js') ? [path] : [];
  });
}

const MIN_MAJOR = 22; // package.json engines
const major = Number(process.versions.node.split('.')[0]);
console.log(`node ${process.version} (${process.execPath})`);
if (major < MIN_MAJOR) {
  const message = `node ${process.version} is older than ${MIN_MAJOR}: run the tests through npm (\`npm test\`, \`npm run test:only -- FILTER\`), which puts the node devDependency first on PATH`;
  if (process.env.CI === 'true') {
    console.error(message);
    process.exit(1);
  }
  console.warn(`warning: ${message}`);
}

const filter = process.argv.slice(2);
const files = listTests('build/test').filter((f) => filter.length === 0 || filter.some((x) => f.includes(x)));
if (files.length === 0) {
  console.error('No compiled test files found under build/test. Run `npm run build` first.');
  process.exit(1);
}
const result = spawnSync(process.execPath, ['--test', '--test-concurrency=1', ...files], {
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
