/**
 * Every path input is checked for what the run does with it before anything opens or creates it: a FIFO is
 * never opened (it would block), nothing is created under /proc (node's recursive mkdir spins there), and an
 * unwritable cache names --cache-dir and the reason. Each case is an input error (exit 2) within seconds.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../helpers/run-cli.js';

const work = mkdtempSync(join(tmpdir(), 'embedprof-bad-paths-'));
after(() => rmSync(work, { recursive: true, force: true }));
const fifo = join(work, 'pipe.txt');
execFileSync('mkfifo', [fifo]);
const dummy = join(work, 'profile.json');
writeFileSync(dummy, '{}');

function expectPathError(args: string[], pattern: RegExp): void {
  const result = runCli(args, { timeoutMs: 30_000 });
  assert.notEqual(result.status, null, `${args.join(' ')} hung`);
  assert.equal(result.status, 2, `exit code for ${args.join(' ')}: ${result.stderr}`);
  assert.match(result.stderr, /^embedprof: input error: /);
  assert.match(result.stderr, pattern);
}

test('--cache-dir under /proc is an input error at once, not a hang', () =>
  expectPathError(
    ['profile', '--cache-dir', '/proc/embedprof-cache', '--out', join(work, 'out'), '--quiet'],
    /--cache-dir: expected a cache folder embedprof can create and write, received "\/proc\/embedprof-cache", a path under \/proc or \/sys/,
  ));

test('baseline update --dir under /proc is an input error at once, not a hang', () =>
  expectPathError(
    ['baseline', 'update', '--from', dummy, '--name', 'main', '--dir', '/proc/embedprof-baselines'],
    /--dir: expected a folder embedprof can create and write, received "\/proc\/embedprof-baselines"/,
  ));

test('a FIFO as --corpus is an input error naming it, never opened', () =>
  expectPathError(
    ['profile', '--corpus', fifo, '--out', join(work, 'out'), '--quiet'],
    /--corpus: expected an existing file, received ".*pipe\.txt", a FIFO \(named pipe\)\. Give the path of a regular file/,
  ));

test('a FIFO as --config is an input error naming it, never opened', () =>
  expectPathError(
    ['profile', '--config', fifo, '--out', join(work, 'out'), '--quiet'],
    /--config .*pipe\.txt: expected an existing file, received a FIFO \(named pipe\)/,
  ));

test('a FIFO as --profile (export) is an input error naming it', () =>
  expectPathError(['export', '--profile', fifo], /--profile: expected an existing file, received .*a FIFO/));

test('--cpu-profile under /proc is an input error before anything is measured', () =>
  expectPathError(
    ['profile', '--cpu-profile', '/proc/embedprof.cpuprofile', '--out', join(work, 'out'), '--quiet'],
    /--cpu-profile: expected a file embedprof can create or replace, received "\/proc\/embedprof\.cpuprofile"/,
  ));

/** A read-only folder: a read-only bind mount as root (root ignores permissions), else mode 0500. */
function makeReadOnlyFolder(): { dir: string; undo: () => void } | null {
  const dir = join(work, 'read-only');
  mkdirSync(dir, { recursive: true });
  if (process.getuid?.() !== 0) {
    execFileSync('chmod', ['500', dir]);
    return { dir, undo: () => execFileSync('chmod', ['700', dir]) };
  }
  const bind = spawnSync('mount', ['--bind', dir, dir]);
  const readOnly = bind.status === 0 && spawnSync('mount', ['-o', 'remount,bind,ro', dir]).status === 0;
  if (!readOnly) {
    if (bind.status === 0) spawnSync('umount', [dir]);
    return null;
  }
  return { dir, undo: () => void spawnSync('umount', [dir]) };
}

test('an unwritable --cache-dir names the input and the reason, not an ENOENT from deep inside', (t) => {
  const readOnly = makeReadOnlyFolder();
  if (readOnly !== null) {
    t.after(readOnly.undo);
    expectPathError(
      ['profile', '--cache-dir', join(readOnly.dir, 'cache'), '--out', join(work, 'out'), '--quiet'],
      /--cache-dir: expected a cache folder embedprof can create and write, received ".*read-only\/cache", .*read-only (is on a read-only file system|is not writable \(permission denied\))/,
    );
    return;
  }
  // no mount here as root: a path through a regular file is unwritable for everyone
  const file = join(work, 'plain-file');
  writeFileSync(file, '');
  t.after(() => rmSync(file));
  expectPathError(
    ['profile', '--cache-dir', join(file, 'cache'), '--out', join(work, 'out'), '--quiet'],
    /--cache-dir: expected a cache folder embedprof can create and write, received ".*plain-file\/cache", a path through a file/,
  );
});
