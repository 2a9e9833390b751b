/**
 * Duet-mode gates whose outcome is wiring, not a measured verdict: a base without the config falls back to the
 * committed baseline (gating only memory, with a threshold no RSS spread reaches) or adds embedprof; a failing
 * base setup, an unknown ref and a ref git would read as an option are stated reasons. The verdicts of measured
 * speed changes: gate-against.test.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { comparisonSchema } from '../../../src/decide/compare/comparison-schema.js';
import { addOrigin, commitAll, createBaseRepository, runGit, writeConfig } from './git-fixture.js';
import { runGateCommand } from './git-fixture.js';

const CLI = resolve('build/src/faces/cli/main.js');

const gate = (cwd: string, args: string[]) => runGateCommand(cwd, args, 40);

function readComparison(out: string) {
  return comparisonSchema.parse(JSON.parse(readFileSync(join(out, 'comparison.json'), 'utf8')));
}

test('duet: a base without the config falls back to --baseline and says why; with nothing to fall back to, the change adds embedprof and passes', () => {
  const repo = createBaseRepository(false);
  writeConfig(repo);
  commitAll(repo, 'add the config');
  // the change adds embedprof: with nothing to fall back to, its profile is recorded and the gate passes
  const none = gate(repo, ['--against', 'HEAD~1', '--out', join(repo, 'none')]);
  assert.equal(none.status, 0, none.stderr);
  assert.match(none.stdout, /^ADDED — nothing compared: HEAD~1 has no embedprof\.config\.json/);
  assert.match(
    readFileSync(join(repo, 'none', 'comment.md'), 'utf8'),
    /^ℹ️ embedprof added in this pull request/,
  );
  const profiled = spawnSync(process.execPath, [CLI, 'profile', '--quiet', '--out', join(repo, 'p')], {
    cwd: repo,
    encoding: 'utf8',
  });
  assert.equal(profiled.status, 0, profiled.stderr);
  const baselines = join(repo, 'baselines');
  const recorded = spawnSync(process.execPath, [
    CLI,
    'baseline',
    'update',
    '--from',
    join(repo, 'p', 'profile.json'),
    '--name',
    'main',
    '--dir',
    baselines,
  ]);
  assert.equal(recorded.status, 0, String(recorded.stderr));
  const out = join(repo, 'out');
  const fallback = gate(repo, [
    '--against',
    'HEAD~1',
    '--baseline',
    baselines,
    // the fallback is compared with a baseline recorded minutes earlier: speed regimes up to 2× apart (seen on
    // CI) can move throughput, so this wiring test gates only memory, with a threshold no RSS spread reaches
    '--fail-on',
    'memory',
    '--max-memory-growth',
    '3',
    '--out',
    out,
  ]);
  assert.equal(fallback.status, 0, `${fallback.stdout}\n${fallback.stderr}`);
  const comparison = readComparison(out);
  assert.deepEqual(comparison.reference, {
    kind: 'baseline',
    fallbackReason: 'HEAD~1 has no embedprof.config.json',
  });
  assert.match(
    comparison.overall.notes[0] ?? '',
    /^compared with the committed baseline instead of the base: HEAD~1 has no/,
  );
  assert.equal(existsSync(join(out, 'base-profile.json')), false);
});

test('duet: a failing --base-setup or an unknown ref is a stated reason, not a crash', () => {
  const repo = createBaseRepository();
  const setup = gate(repo, ['--against', 'HEAD', '--base-setup', 'exit 3', '--out', join(repo, 'a')]);
  assert.equal(setup.status, 2, setup.stderr);
  assert.match(setup.stderr, /the base setup "exit 3" exited with code 3/);
  const unknown = gate(repo, ['--against', 'no-such-branch', '--out', join(repo, 'b')]);
  assert.equal(unknown.status, 2, unknown.stderr);
  assert.match(unknown.stderr, /git cannot find no-such-branch here or fetch it from origin/);
  assert.equal(runGit(repo, ['worktree', 'list']).split('\n').length, 1);
});

test('duet: a ref starting with "-" is an input error naming --against, and git never sees it', () => {
  const repo = createBaseRepository();
  addOrigin(repo);
  for (const ref of ['--upload-pack=touch PWNED', '-x']) {
    const result = gate(repo, [`--against=${ref}`, '--out', join(repo, 'out')]);
    assert.equal(result.status, 2, result.stderr);
    assert.ok(
      result.stderr.startsWith(
        `embedprof: input error: --against: expected a git branch, tag or commit (not starting with "-": git would read it as an option), received ${JSON.stringify(ref)}.`,
      ),
      result.stderr,
    );
  }
  assert.equal(existsSync(join(repo, 'PWNED')), false, 'no --upload-pack ran');
  assert.equal(existsSync(join(repo, 'out')), false, 'refused before measuring');
});
