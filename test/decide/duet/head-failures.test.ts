/**
 * A head that cannot be measured fails the check with the cause in the comment's first line: an embedder
 * that throws, and one that holds memory past --max-memory-mb (a memory regression). Neither passes by
 * leaving its cells out.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { comparisonSchema } from '../../../src/decide/compare/comparison-schema.js';
import { profileSchema } from '../../../src/measure/protocol/profile-schema.js';
import { commitAll, createBaseRepository, runGit } from './git-fixture.js';
import { runGateCommand } from './git-fixture.js';

const BALLAST_EMBEDDER = resolve('test/fixtures/embedders/ballast-embedder.mjs');
const HANG_EMBEDDER = resolve('test/fixtures/embedders/hang-embedder.mjs');

const gate = (cwd: string, args: string[]) => runGateCommand(cwd, args, 30);

function readOutcome(out: string) {
  const comparison = comparisonSchema.parse(JSON.parse(readFileSync(join(out, 'comparison.json'), 'utf8')));
  const headline = readFileSync(join(out, 'comment.md'), 'utf8').split('\n')[0] ?? '';
  return { comparison, headline };
}

test('duet: a head whose embedder throws fails (exit 1), its first line names the cell and the cause', () => {
  const repo = createBaseRepository();
  const throwing =
    'export async function createEmbedder() {\n  return { async embed() { throw new Error("boom from the head"); } };\n}\n';
  writeFileSync(join(repo, 'embedder.mjs'), throwing);
  commitAll(repo, 'broken embedder');
  const out = join(repo, 'out');
  const result = gate(repo, ['--against', 'HEAD~1', '--out', out]);
  assert.equal(result.status, 1, `${result.stdout}\n${result.stderr}`);
  const { comparison, headline } = readOutcome(out);
  assert.match(
    headline,
    /^❌ Failed: batch 32: the embedder threw \\?\(boom from the head\\?\) \\?\(and 1 more cell\\?\)$/,
  );
  assert.deepEqual(
    comparison.overall.headFailures.map((failure) => [failure.label, failure.cause]),
    [
      ['batch 32', 'embedder-error'],
      ['64 chars @ batch 32', 'embedder-error'],
    ],
  );
  assert.equal(comparison.overall.gate, 'fail');
  assert.equal(runGit(repo, ['worktree', 'list']).split('\n').length, 1, 'the base worktree is removed');
});

test('duet: a head holding memory past --max-memory-mb is a memory regression (exit 1)', () => {
  const repo = createBaseRepository();
  const source = `import { createEmbedder as createBallast } from ${JSON.stringify(BALLAST_EMBEDDER)};\nexport const createEmbedder = (options = {}) => createBallast({ ...options, ballastMB: 400 });\n`;
  writeFileSync(join(repo, 'embedder.mjs'), source);
  commitAll(repo, 'holds 400 MB');
  const out = join(repo, 'out');
  const result = gate(repo, ['--against', 'HEAD~1', '--max-memory-mb', '300', '--out', out]);
  assert.equal(result.status, 1, `${result.stdout}\n${result.stderr}`);
  const { comparison, headline } = readOutcome(out);
  assert.match(
    headline,
    /^❌ Regression: peak memory over the cap at batch 32 \\?\(stopped above --max-memory-mb 300: RSS reached \d+ MB/,
  );
  assert.ok(comparison.overall.failingMetrics.includes('peakMemoryMB'));
  assert.ok(comparison.overall.headFailures.every((failure) => failure.cause === 'memory-cap'));
});

test('duet: a head whose embed() hangs fails at --batch-timeout (exit 1), its first line says it timed out', () => {
  const repo = createBaseRepository();
  const source = `export { createEmbedder } from ${JSON.stringify(HANG_EMBEDDER)};\n`;
  writeFileSync(join(repo, 'embedder.mjs'), source);
  commitAll(repo, 'embed() hangs after two calls');
  const out = join(repo, 'out');
  const result = gate(repo, ['--against', 'HEAD~1', '--batch-timeout', '2', '--out', out]);
  assert.equal(result.status, 1, `${result.stdout}\n${result.stderr}`);
  const { comparison, headline } = readOutcome(out);
  assert.match(
    headline,
    /^❌ Failed: batch 32: timed out \\?\(embed\\?\(\\?\) timed out: batch 3 of the process/,
  );
  assert.ok(comparison.overall.headFailures.every((failure) => failure.cause === 'timeout'));
});

test('a gate with --processes 2 measures 3 pairs a cell and says so, naming the flag (not refused)', () => {
  const repo = createBaseRepository();
  const out = join(repo, 'out');
  const result = gate(repo, [
    '--against',
    'HEAD',
    '--processes',
    '2',
    '--max-throughput-drop',
    '0.5',
    '--out',
    out,
  ]);
  assert.notEqual(result.status, 2, result.stderr);
  const comparison = comparisonSchema.parse(JSON.parse(readFileSync(join(out, 'comparison.json'), 'utf8')));
  assert.ok(
    comparison.overall.notes.some((note) => note.startsWith('--processes is 2: this comparison measured 3')),
    comparison.overall.notes.join('\n'),
  );
  const head = profileSchema.parse(JSON.parse(readFileSync(join(out, 'profile.json'), 'utf8')));
  for (const cell of head.batchSweep) assert.ok(cell.status !== 'measured' || cell.processes.length >= 3);
  assert.match(readFileSync(join(out, 'comment.md'), 'utf8'), /--processes is 2: this comparison measured 3/);
});
