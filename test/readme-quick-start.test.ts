/**
 * The README's quick start (*Set up and run*, then *Test*), run in a fresh `git clone` of this checkout's HEAD:
 * `npm ci`, `npx embedprof profile --out embedprof-out`, then the lint part of `npm test` (`npm run lint`:
 * eslint and prettier over the whole tree) in README order, then the other way round: the profile again,
 * after the lint (its folder removed first). After each, `git status --porcelain` is empty and the only ignored
 * entries are what the commands are meant to leave: build/, node_modules and embedprof-out/.
 *
 * Stand-ins, so the test runs offline in about a minute: `npm ci` links node_modules to this checkout's (the
 * same lockfile) and runs the `prepare` script that `npm ci` runs (the build); the profile adds the README's
 * own options for a small sweep (`--preset quick` and the sweep flags, no analysis); npm runs with
 * `--offline` (npx finds the project's own bin, nothing is downloaded); the synthetic model comes from the test
 * cache. Uncommitted changes of the checkout are not in the clone.
 */
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ESLint } from 'eslint';
import { getFileInfo } from 'prettier';
import { getEntry } from '../src/faces/settings/setting-table.js';
import { testCacheDir } from './helpers/run-cli.js';

const root = process.cwd();
const OUT = 'embedprof-out';
/** The smallest sweep the README's own options give: the smoke preset, one batch cell, one length cell, one process. */
const SMALL_SWEEP = ['--preset', 'smoke', '--batch-sizes', '8', '--lengths', '10', '--processes', '1'];
const FAST_PROFILE = [...SMALL_SWEEP, '--no-analysis', '--quiet'];

/** The commands of the first ```sh block of the README section `## heading`, comments dropped. */
function readReadmeCommands(heading: string): string[] {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const section = readme.split(/^## /m).find((part) => part.startsWith(heading)) ?? '';
  const block = /```sh\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
  return block
    .replace(/\\\n\s*/g, '')
    .split('\n')
    .map((line) => line.replace(/\s+#.*$/, '').trim())
    .filter((line) => line !== '');
}

/** Runs `command args` in the clone as a user's shell would, failing with everything it printed. */
function runCommand(cwd: string, command: string, args: string[], timeoutMs = 240_000): string {
  // as from a shell: none of the npm_* variables `npm test` sets (npm_config_local_prefix names this checkout)
  const shell = Object.entries(process.env).filter(([name]) => !name.toLowerCase().startsWith('npm_'));
  const env = {
    ...Object.fromEntries(shell),
    ...{ EMBEDPROF_CACHE_DIR: testCacheDir, CI: 'true', npm_config_offline: 'true' },
  };
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8', timeout: timeoutMs });
  const printed = `${result.stdout}\n${result.stderr}`;
  assert.equal(result.status, 0, `${command} ${args.join(' ')} in ${cwd}: exit ${result.status}\n${printed}`);
  return printed;
}

const runGit = (cwd: string, args: string[]) => runCommand(cwd, 'git', args).trim();

/** A fresh clone of this checkout's HEAD in a temporary folder, removed when the test ends. */
function cloneCheckout(t: TestContext): string {
  const clone = join(mkdtempSync(join(tmpdir(), 'embedprof-quick-start-')), 'embedprof');
  t.after(() => rmSync(resolve(clone, '..'), { recursive: true, force: true }));
  runGit(root, ['clone', '--quiet', '--no-checkout', root, clone]);
  runGit(clone, ['checkout', '--quiet', '--detach', runGit(root, ['rev-parse', 'HEAD'])]);
  return clone;
}

/** `npm ci`: this checkout's node_modules (installed from the same lockfile), then its `prepare` script. */
function installLinked(clone: string): void {
  const lock = (dir: string) => readFileSync(join(dir, 'package-lock.json'), 'utf8');
  assert.equal(lock(clone), lock(root), 'the clone installs from the lockfile node_modules/ came from');
  symlinkSync(join(root, 'node_modules'), join(clone, 'node_modules'), 'dir');
  runCommand(clone, 'npm', ['run', 'prepare']);
}

function profileInto(clone: string, profile: string): void {
  const [npx, ...args] = profile.split(' ');
  runCommand(clone, npx ?? '', [...args, ...FAST_PROFILE]);
  const written = join(clone, OUT, 'profile.json');
  assert.ok(existsSync(written), `${profile} wrote ${written}`);
  const cells = (JSON.parse(readFileSync(written, 'utf8')) as { batchSweep: { status: string }[] })
    .batchSweep;
  assert.deepEqual(
    cells.map((cell) => cell.status),
    ['measured'],
    'the batch cell was measured',
  );
}

/** The clone as the commands leave it: nothing changed or untracked; ignored, only what they are meant to leave. */
function assertCleanTree(clone: string, ignored: string[], when: string): void {
  assert.equal(runGit(clone, ['status', '--porcelain']), '', `${when}: git status --porcelain`);
  const listed = runGit(clone, ['status', '--porcelain', '--ignored']).split('\n').filter(Boolean);
  assert.deepEqual(listed.sort(), ignored.map((path) => `!! ${path}`).sort(), `${when}: ignored entries`);
}

test('the README quick start in a fresh clone: install, profile, lint, profile again; git status stays clean', (t) => {
  const [install, profile = '', ...more] = readReadmeCommands('Set up and run');
  assert.equal(install, 'npm ci');
  assert.match(profile, /^npx embedprof profile --out embedprof-out$/);
  assert.deepEqual(more, []);
  assert.deepEqual(readReadmeCommands('Test'), ['npm test']);
  const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  assert.match(
    packageJson.scripts.test ?? '',
    /&& node scripts\/run-checks\.mjs &&/,
    'npm test runs the checks',
  );
  const checks = readFileSync(join(root, 'scripts/run-checks.mjs'), 'utf8');
  assert.match(checks, /command: 'npm', args: \['run', 'lint'\]/, 'the checks run the lint script');
  assert.match(packageJson.scripts.lint ?? '', /^eslint \. && prettier --check \.$/);

  const clone = cloneCheckout(t);
  installLinked(clone);
  assertCleanTree(clone, ['build/', 'node_modules'], 'after npm ci');

  profileInto(clone, profile);
  runCommand(clone, 'npm', ['run', 'lint']);
  assertCleanTree(clone, ['build/', 'node_modules', `${OUT}/`], 'README order: profile, then lint');

  rmSync(join(clone, OUT), { recursive: true });
  profileInto(clone, profile); // and after the lint: the other order
  assertCleanTree(clone, ['build/', 'node_modules', `${OUT}/`], 'other order: lint, then profile');
});

/** Asked through their APIs on paths that need not exist, so nothing is written into the checkout. */
const outDir = getEntry('out').fallback({ env: {}, cores: 1, home: root });
const written = ['profile.json', 'report.html', 'profile.csv', 'report.md', 'nested/report.js'];

test(`the default output folder ${outDir}/ is ignored by git, eslint and prettier`, async () => {
  assert.equal(outDir, 'embedprof-out', 'the folder the README profiles into');
  const paths = written.map((name) => `${outDir}/${name}`);
  const git = spawnSync('git', ['check-ignore', '--no-index', '--', ...paths], {
    cwd: root,
    encoding: 'utf8',
  });
  assert.equal(git.status, 0, `git check-ignore: ${git.stderr}`);
  assert.deepEqual(git.stdout.trim().split('\n'), paths, 'every path ignored by git');
  const eslint = new ESLint({ cwd: root });
  for (const path of paths) assert.ok(await eslint.isPathIgnored(join(root, path)), `eslint lints ${path}`);
  for (const path of paths) {
    // `prettier --check .` reads .gitignore and .prettierignore; each on its own must leave the folder alone
    for (const ignorePath of ['.prettierignore', '.gitignore']) {
      const info = await getFileInfo(join(root, path), { ignorePath: join(root, ignorePath) });
      assert.equal(info.ignored, true, `prettier (${ignorePath}) checks ${path}`);
    }
  }
  // and the tree's own files are still checked: the ignores name the folder, nothing wider
  const source = join(root, 'src/faces/settings/setting-table.ts');
  assert.equal(await eslint.isPathIgnored(source), false);
  assert.equal((await getFileInfo(source, { ignorePath: join(root, '.prettierignore') })).ignored, false);
});
