/**
 * Where the time went: on a seeded duet whose head spends 20 % longer tokenizing (the rest unchanged but for
 * noise), every regressed cell names tokenize first, with an interval above zero, in comparison.json's data
 * and in the comment's table.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EMPTY_PROVENANCE } from '../../../src/decide/baseline/baseline-schema.js';
import { createBaselineFromProfile } from '../../../src/decide/baseline/from-profile.js';
import { compareProfiles, type Comparison } from '../../../src/decide/compare/index.js';
import { comparisonSchema } from '../../../src/decide/compare/comparison-schema.js';
import { attachAttribution, findCellsToAttribute } from '../../../src/decide/compare/stage-attribution.js';
import { createRandom, type Random } from '../../../src/ground/random/index.js';
import type { Profile } from '../../../src/measure/protocol/profile-schema.js';
import { renderComment } from '../../../src/report/markdown/comment-markdown.js';
import { simulateDuet } from './paired-duet.js';

/** Stage times per batch for tokenize, inference, pooling and other, each with 3 % noise, over the process. */
function withStages(profile: Profile, random: Random, tokenizeFactor: number): Profile {
  const jitter = () => Math.exp(0.03 * random.nextNormal());
  const stagesOf = (batches: number) => ({
    tokenizeMs: 3 * tokenizeFactor * jitter() * batches,
    inferenceMs: 20 * jitter() * batches,
    poolingMs: 0.5 * jitter() * batches,
    otherMs: 0.3 * jitter() * batches,
  });
  const patch = <C extends Profile['batchSweep'][number] | Profile['lengthSweep'][number]>(cell: C): C =>
    cell.status !== 'measured'
      ? cell
      : {
          ...cell,
          processes: cell.processes.map((p) => ({ ...p, stages: stagesOf(p.measuredBatches) })),
        };
  return {
    ...profile,
    batchSweep: profile.batchSweep.map(patch),
    lengthSweep: profile.lengthSweep.map(patch),
  };
}

function compareTokenizeDuet(): { comparison: Comparison; base: Profile; head: Profile } {
  const random = createRandom(31);
  const duet = simulateDuet(31, 4, 0.85);
  const base = withStages(duet.base, random, 1);
  const head = withStages(duet.head, random, 1.2);
  const baseline = createBaselineFromProfile(base, { name: 'base', provenance: EMPTY_PROVENANCE });
  const comparison = compareProfiles(baseline, head, { design: 'paired' });
  return { comparison: attachAttribution(comparison, base, head), base, head };
}

test('a head that tokenizes 20 % slower: every regressed cell names tokenize first, its interval above 0', () => {
  const { comparison } = compareTokenizeDuet();
  assert.equal(comparison.overall.verdict, 'regression');
  const attributed = comparison.attribution;
  assert.equal(attributed.length, findCellsToAttribute(comparison).length);
  assert.ok(attributed.length > 0);
  for (const cell of attributed) {
    const [first] = cell.stages;
    assert.equal(first?.stage, 'tokenize', cell.label);
    assert.ok((first?.lowMs ?? 0) > 0, `${cell.label}: ${JSON.stringify(first)}`);
    assert.ok(Math.abs((first?.deltaMs ?? 0) - 0.6) < 0.2, `≈ 0.6 ms more a batch: ${first?.deltaMs}`);
    assert.equal(cell.pairs, 4);
  }
  comparisonSchema.parse(JSON.parse(JSON.stringify(comparison)));
});

test('the comment shows where the time went under what changed; a pass has no such table', () => {
  const { comparison, head } = compareTokenizeDuet();
  const comment = renderComment({ profile: head, comparison, adoption: null });
  const table = comment.split('**Where the time went')[1] ?? '';
  assert.match(
    table,
    /\n\| batch 1 \| tokenize \| [23]\.\d+ ms \| 3\.\d+ ms \| \+0\.\d+ ms \\\[\+0\.\d+, \+0\.\d+\\\] \|/,
  );
  assert.ok(comment.indexOf('Where the time went') > comment.indexOf('| metric |'), 'after what changed');
  const pass = { ...comparison, attribution: [] };
  assert.doesNotMatch(
    renderComment({ profile: head, comparison: pass, adoption: null }),
    /Where the time went/,
  );
});
