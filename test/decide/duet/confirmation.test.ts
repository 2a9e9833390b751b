/**
 * Confirmation before a red check, through `embedprof gate --against` on real processes: a head slower only in
 * the processes of the first comparison (a burst of noise that looks like a regression) passes as inconclusive
 * after the fresh run, saying so; with --no-confirm the same head fails at once.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { comparisonSchema } from '../../../src/decide/compare/comparison-schema.js';
import { commitAll, createBaseRepository, runGateCommand, SLOW_EMBEDDER } from './git-fixture.js';

/** The first comparison's head processes: 3 pairs × 2 cells (git-fixture.ts's TINY_CONFIG). */
const FIRST_PASS_PROCESSES = 6;

/** A head embedder 2.5× slower in its first `slowStarts` processes, counted with one folder per start. */
function writeBurstEmbedder(repo: string, starts: string, slowStarts: number): void {
  const source = `import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createEmbedder as createSlow } from ${JSON.stringify(SLOW_EMBEDDER)};
const starts = ${JSON.stringify(starts)};
export const createEmbedder = async (options = {}) => {
  let n = 0;
  for (;;) { try { mkdirSync(join(starts, String(n))); break; } catch { n += 1; } }
  return createSlow({ ...options, slowdown: n < ${slowStarts} ? 1.5 : 0 });
};
`;
  writeFileSync(join(repo, 'embedder.mjs'), source);
}

function prepareBurstHead(): { repo: string; starts: string } {
  const repo = createBaseRepository();
  const starts = mkdtempSync(join(tmpdir(), 'embedprof-starts-'));
  writeBurstEmbedder(repo, starts, FIRST_PASS_PROCESSES);
  commitAll(repo, 'slower in its first processes only');
  return { repo, starts };
}

const readComparison = (out: string) =>
  comparisonSchema.parse(JSON.parse(readFileSync(join(out, 'comparison.json'), 'utf8')));

test('duet: a regression the fresh processes do not repeat passes as inconclusive and says so', () => {
  const { repo, starts } = prepareBurstHead();
  const out = join(repo, 'out');
  const result = runGateCommand(repo, ['--against', 'HEAD~1', '--out', out]);
  assert.equal(result.status, 0, `${result.stdout}\n${result.stderr}`);
  assert.match(result.stdout, /^PASS — inconclusive, a regression a fresh run did not confirm \(base HEAD~1/);
  const comparison = readComparison(out);
  assert.equal(comparison.confirmation?.outcome, 'not-confirmed');
  const first = comparison.confirmation.changes.map((change) => change.first.verdict);
  assert.ok(first.length > 0 && first.every((verdict) => verdict === 'regression'), first.join());
  assert.ok(comparison.confirmation.changes.every((change) => change.confirmation?.verdict !== 'regression'));
  assert.ok(readdirSync(starts).length > FIRST_PASS_PROCESSES, 'fresh head processes were started');
  const summary = readFileSync(join(out, 'summary.md'), 'utf8');
  assert.match(summary, /Inconclusive, a regression a fresh run did not confirm/);
});

test('duet: --no-confirm fails on the first comparison, with no confirmation recorded', () => {
  const { repo } = prepareBurstHead();
  const out = join(repo, 'out');
  const result = runGateCommand(repo, ['--against', 'HEAD~1', '--no-confirm', '--out', out]);
  assert.equal(result.status, 1, `${result.stdout}\n${result.stderr}`);
  assert.match(result.stdout, /^FAIL — regression in throughput \(base HEAD~1/);
  assert.equal(readComparison(out).confirmation, null);
});
