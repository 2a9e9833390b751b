/**
 * `embedprof history …` refuses a store it cannot use, in the command line's words and with exit code 2: a
 * remote or branch that git would read as an option, a branch name git refuses, and — for `history check`,
 * which only reads — a store folder or data branch that does not exist. An empty store is still only
 * "insufficient history".
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../helpers/run-cli.js';
import { createRemoteWithClones } from './history-fixtures.js';

function expectInputError(cwd: string, args: string[], start: string): void {
  const result = runCli(['history', ...args], { cwd });
  assert.equal(result.status, 2, `${args.join(' ')}: ${result.stderr}`);
  assert.ok(result.stderr.startsWith(`embedprof: input error: ${start}`), result.stderr);
  assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace');
}

test('a --remote or --data-branch starting with "-" is an input error, and git runs nothing from it', () => {
  const [clone = ''] = createRemoteWithClones(1).clones;
  for (const command of ['check', 'site']) {
    expectInputError(
      clone,
      [command, '--data-branch', 'embedprof-data', '--remote=--upload-pack=touch PWNED'],
      '--remote: expected a git remote name or URL (not starting with "-": git would read it as an option), received "--upload-pack=touch PWNED".',
    );
  }
  expectInputError(
    clone,
    ['check', '--data-branch=-x'],
    '--data-branch: expected a git branch name (not starting with "-"), received "-x".',
  );
  assert.equal(existsSync(join(clone, 'PWNED')), false, 'no --upload-pack ran');
});

test('a --data-branch git refuses is named as --data-branch', () => {
  const [clone = ''] = createRemoteWithClones(1).clones;
  expectInputError(
    clone,
    ['check', '--data-branch', 'a..b'],
    '--data-branch: expected a git branch name (no ".." in it), received "a..b".',
  );
  expectInputError(
    clone,
    ['check', '--data-branch', 'records.lock'],
    '--data-branch: expected a git branch name (no part ending with ".lock"), received "records.lock".',
  );
});

test('history check on a store that does not exist is an input error saying so; an empty one is insufficient', () => {
  const [clone = ''] = createRemoteWithClones(1).clones;
  expectInputError(
    clone,
    ['check', '--store', 'nope'],
    '--store: expected the folder of a history store (records/ written by `embedprof history add --store DIR`), received "nope", which does not exist. Check the path, or record a first run',
  );
  expectInputError(
    clone,
    ['check', '--data-branch', 'no-such-branch'],
    '--data-branch: expected a branch of remote origin holding the history, received "no-such-branch", which remote origin does not have.',
  );
  mkdirSync(join(clone, 'empty-store'));
  const empty = runCli(['history', 'check', '--store', 'empty-store'], { cwd: clone });
  assert.equal(empty.status, 0, empty.stderr);
  assert.match(empty.stdout, /^history check: insufficient history/);
});
