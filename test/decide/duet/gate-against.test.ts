import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { comparisonSchema } from '../../../src/decide/compare/comparison-schema.js';
import { profileSchema } from '../../../src/measure/protocol/profile-schema.js';
import { commitAll, createBaseRepository, runGit, writeEmbedder } from './git-fixture.js';
import { runGateCommand } from './git-fixture.js';

const gate = (cwd: string, args: string[]) => runGateCommand(cwd, args, 40);

function readComparison(out: string) {
  return comparisonSchema.parse(JSON.parse(readFileSync(join(out, 'comparison.json'), 'utf8')));
}

test('duet: a commit that makes the embedder 2.5× slower fails against HEAD~1 (exit 1)', () => {
  const repo = createBaseRepository();
  writeEmbedder(repo, 1.5);
  commitAll(repo, 'slower');
  const out = join(repo, 'out');
  const result = gate(repo, ['--against', 'HEAD~1', '--out', out]);
  assert.equal(result.status, 1, `${result.stdout}\n${result.stderr}`);
  assert.match(
    result.stdout,
    /^FAIL — regression in throughput, confirmed by a fresh run \(base HEAD~1 \([0-9a-f]{12}\) side by side\)/,
  );
  const comparison = readComparison(out);
  assert.equal(comparison.confirmation?.outcome, 'confirmed');
  assert.deepEqual(
    comparison.confirmation.cells,
    comparison.cells.map((cell) => cell.label),
    'every cell again',
  );
  assert.equal(comparison.confirmation.pairsPerCell, 3);
  assert.equal(comparison.reference.kind, 'base-ref');
  assert.equal(comparison.settings.design, 'paired');
  assert.equal(comparison.machine.kind, 'same');
  const base = profileSchema.parse(JSON.parse(readFileSync(join(out, 'base-profile.json'), 'utf8')));
  const head = profileSchema.parse(JSON.parse(readFileSync(join(out, 'profile.json'), 'utf8')));
  const pairs = (profile: typeof head) =>
    profile.batchSweep.map((cell) => (cell.status === 'measured' ? cell.processes.length : 0));
  assert.deepEqual(pairs(base), pairs(head));
  assert.equal(runGit(repo, ['worktree', 'list']).split('\n').length, 1, 'the base worktree is removed');
});

test('duet: a documentation-only commit passes (threshold widened: a wiring test on a noisy machine)', () => {
  const repo = createBaseRepository();
  writeFileSync(join(repo, 'README.md'), '# docs\n');
  commitAll(repo, 'docs');
  const out = join(repo, 'out');
  const result = gate(repo, ['--against', 'HEAD~1', '--max-throughput-drop', '0.5', '--out', out]);
  assert.equal(result.status, 0, `${result.stdout}\n${result.stderr}`);
  assert.match(result.stdout, /^PASS — /);
  assert.match(readComparison(out).overall.notes[0] ?? '', /^duet mode: the base \(HEAD~1 = [0-9a-f]{12}\)/);
});
