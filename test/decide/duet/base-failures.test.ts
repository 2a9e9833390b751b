/**
 * A base that cannot be measured after all (its embed() throws, or its module throws at load) is said as the
 * base's failure, the same way in comparison.json, the CLI's line, the comment and the exit code; with
 * --baseline it falls back to the committed baseline and says why; no message names the temporary worktree.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { comparisonSchema } from '../../../src/decide/compare/comparison-schema.js';
import { LOST_TO_BASE } from '../../../src/measure/protocol/schedule/run-duet-cells.js';
import { profileSchema } from '../../../src/measure/protocol/profile-schema.js';
import { commitAll, runGateCommand, runGit, writeConfig, writeEmbedder } from './git-fixture.js';

const CLI = resolve('build/src/faces/cli/main.js');
const THROWS_IN_EMBED =
  'export async function createEmbedder() {\n  return { async embed() { throw new Error("boom from the base"); } };\n}\n';
const THROWS_AT_LOAD =
  'throw new Error("the base does not load");\nexport async function createEmbedder() {}\n';
/** Gates memory only, with a threshold no RSS spread reaches: these are wiring tests. */
const MEMORY_ONLY = ['--fail-on', 'memory', '--max-memory-growth', '3'];

/** A repository whose base commit holds `baseEmbedder` and whose head holds the working toy embedder. */
function createRepository(baseEmbedder: string): string {
  const repo = mkdtempSync(join(tmpdir(), 'embedprof-duet-base-'));
  runGit(repo, ['init', '-q']);
  writeFileSync(join(repo, 'embedder.mjs'), baseEmbedder);
  writeConfig(repo);
  commitAll(repo, 'base');
  writeEmbedder(repo, 0);
  commitAll(repo, 'head: a working embedder');
  return repo;
}

let sharedBaselines: string | null = null;

/**
 * baselines/main.json from a profile of the head (the only side that can be measured), recorded once: every
 * repository here has the same head.
 */
function recordBaseline(repo: string): string {
  sharedBaselines ??= recordHeadBaseline(repo);
  return sharedBaselines;
}

function recordHeadBaseline(repo: string): string {
  const out = join(repo, 'p');
  const profiled = spawnSync(process.execPath, [CLI, 'profile', '--quiet', '--out', out], {
    cwd: repo,
    encoding: 'utf8',
  });
  assert.equal(profiled.status, 0, profiled.stderr);
  const dir = join(repo, 'baselines');
  const from = join(out, 'profile.json');
  const recorded = spawnSync(process.execPath, [
    CLI,
    'baseline',
    'update',
    '--from',
    from,
    '--name',
    'main',
    '--dir',
    dir,
  ]);
  assert.equal(recorded.status, 0, String(recorded.stderr));
  return dir;
}

function readOutcome(out: string) {
  const comparison = comparisonSchema.parse(JSON.parse(readFileSync(join(out, 'comparison.json'), 'utf8')));
  const headline = readFileSync(join(out, 'comment.md'), 'utf8').split('\n')[0] ?? '';
  return { comparison, headline, comment: readFileSync(join(out, 'comment.md'), 'utf8') };
}

test('duet: a base whose embed() throws fails the check as the base’s failure, or falls back to --baseline', () => {
  const repo = createRepository(THROWS_IN_EMBED);
  const out = join(repo, 'out');
  const alone = runGateCommand(repo, ['--against', 'HEAD~1', ...MEMORY_ONLY, '--out', out], 30);
  assert.equal(alone.status, 1, `${alone.stdout}\n${alone.stderr}`);
  assert.match(
    alone.stdout,
    /^FAIL — the base failed, so nothing was compared there: batch 32: the embedder threw \(base HEAD~1 \([0-9a-f]{12}\): boom from the base\)/,
  );
  const { comparison, headline, comment } = readOutcome(out);
  assert.equal(comparison.overall.gate, 'fail');
  assert.deepEqual(
    comparison.overall.baseFailures.map((failure) => [failure.label, failure.cause]),
    [
      ['batch 32', 'embedder-error'],
      ['64 chars @ batch 32', 'embedder-error'],
    ],
  );
  assert.match(headline, /^❌ Base failed: batch 32: the embedder threw/);
  const head = profileSchema.parse(JSON.parse(readFileSync(join(out, 'profile.json'), 'utf8')));
  assert.deepEqual(
    [...head.batchSweep, ...head.lengthSweep].map((cell) =>
      cell.status === 'failed' ? cell.error : cell.status,
    ),
    [LOST_TO_BASE, LOST_TO_BASE],
    'the head’s cells say why they have no measurement',
  );
  assert.doesNotMatch(comment, /^No cell changed beyond the thresholds\.$/m);

  const baselines = recordBaseline(repo);
  const fellBack = join(repo, 'fell-back');
  const withBaseline = ['--against', 'HEAD~1', '--baseline', baselines, ...MEMORY_ONLY, '--out', fellBack];
  const result = runGateCommand(repo, withBaseline, 30);
  assert.equal(result.status, 0, `${result.stdout}\n${result.stderr}`);
  const fallback = readOutcome(fellBack).comparison;
  assert.equal(fallback.reference.kind, 'baseline');
  assert.match(
    fallback.reference.kind === 'baseline' ? (fallback.reference.fallbackReason ?? '') : '',
    /^the base failed: batch 32: the embedder threw \(base HEAD~1 \([0-9a-f]{12}\): boom from the base\)/,
  );
  assert.match(result.stdout, /^PASS — .*fallback from duet mode/);
});

test('duet: a base module that throws at load falls back to --baseline; without one, no message names the worktree', () => {
  const repo = createRepository(THROWS_AT_LOAD);
  const baselines = recordBaseline(repo);
  const fellBack = join(repo, 'fell-back');
  const withBaseline = ['--against', 'HEAD~1', '--baseline', baselines, ...MEMORY_ONLY, '--out', fellBack];
  const result = runGateCommand(repo, withBaseline, 30);
  assert.equal(result.status, 0, `${result.stdout}\n${result.stderr}`);
  const fallback = readOutcome(fellBack).comparison;
  assert.equal(fallback.reference.kind, 'baseline');

  const alone = runGateCommand(repo, ['--against', 'HEAD~1', ...MEMORY_ONLY, '--out', join(repo, 'out')], 30);
  assert.equal(alone.status, 1, `${alone.stdout}\n${alone.stderr}`);
  const printed = `${alone.stdout}\n${alone.stderr}`;
  assert.match(
    printed,
    /base HEAD~1 \([0-9a-f]{12}\): --embedder embedder\.mjs: expected an ES module that can be imported, received an import failure \(the base does not load\)/,
  );
  assert.doesNotMatch(printed, /embedprof-base-/, 'no temporary worktree path');
  assert.equal(runGit(repo, ['worktree', 'list']).split('\n').length, 1, 'the base worktree is removed');
});
