/**
 * The README's two commands work in either order: `npx embedprof profile` writes into embedprof-out/ (the
 * default --out) in the repository, and `npm test` then lints the tree. git, eslint and prettier (with the
 * CLI's ignore files) all leave that folder alone. Asked through their APIs on paths that need not exist, so
 * nothing is written into the checkout.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { getFileInfo } from 'prettier';
import { getEntry } from '../src/settings/setting-table.js';

const root = process.cwd();
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
  const source = join(root, 'src/settings/setting-table.ts');
  assert.equal(await eslint.isPathIgnored(source), false);
  assert.equal((await getFileInfo(source, { ignorePath: join(root, '.prettierignore') })).ignored, false);
});
