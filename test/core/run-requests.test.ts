/**
 * The core called with requests built by hand, as domain values, with no settings at all: the inputs it
 * names come from the request's InputNames, and baseline update records, replaces and refuses on its own.
 * No subprocess: profiles are built in memory.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  captureFailure,
  runBaselineUpdate,
  runCompare,
  runMerge,
  runReport,
  type InputNames,
} from '../../src/core/index.js';
import type { GateComparisonRequest } from '../../src/decide/gate/comparison-request.js';
import { createRandom } from '../../src/ground/random/index.js';
import type { Profile } from '../../src/measure/protocol/profile-schema.js';
import { buildTestProfile } from '../decide/compare/test-profile.js';
import { createNightCells } from '../history/history-fixtures.js';
import { withTempFolder } from './core-test-deps.js';

/** Names no face uses, so every name in a message provably comes from the request. */
const NAMES: InputNames = {
  describe: (input) => `<${input}>`,
  suggest: (input, example) => `Set <${input}> to ${example}.`,
};

const level = (seed: number, at = 1000): Profile =>
  buildTestProfile(createNightCells({ random: createRandom(seed), level: at }));

function comparisonRequest(baseline: string | null): GateComparisonRequest {
  const gated = { gated: true };
  return {
    baseline: baseline === null ? null : { path: baseline, name: null, labels: { path: '<b>', name: '<n>' } },
    maxQualityDrop: null,
    policy: 'normalize',
    options: {
      onMachineMismatch: 'normalize',
      maxThroughputDrop: 0.1,
      maxMemoryGrowth: 0.1,
      onInconclusive: 'pass',
      metrics: { throughput: gated, peakMemoryMB: gated, p95LatencyMs: { gated: false } },
    },
  };
}

async function failWith(run: () => Promise<unknown>): Promise<string> {
  const failed = await captureFailure(run);
  assert.ok(failed.kind === 'failed' && failed.exitCode === 2, JSON.stringify(failed));
  return failed.message;
}

test('core baseline update: records, replaces the same setup, refuses an empty profile naming its label', async () => {
  await withTempFolder('core-baseline', async (dir) => {
    const request = {
      profile: level(1),
      profileLabel: '--from p.json',
      name: 'main',
      dir: join(dir, 'baselines'),
      force: false,
      env: { GITHUB_SHA: 'c'.repeat(40), GITHUB_REF: 'refs/heads/main' },
    };
    const first = await runBaselineUpdate(request);
    assert.deepEqual(
      [first.kind, first.path, first.replaced],
      ['baseline', join(dir, 'baselines', 'main.json'), false],
    );
    assert.deepEqual(
      [first.baseline.provenance.commit, first.baseline.provenance.ref],
      ['c'.repeat(40), 'refs/heads/main'],
    );
    const second = await runBaselineUpdate({ ...request, profile: level(2) });
    assert.equal(second.replaced, true, 'the same machine and model: replaced');
    const empty = { ...request.profile, batchSweep: [], lengthSweep: [] };
    assert.match(
      await failWith(() => runBaselineUpdate({ ...request, profile: empty })),
      /^--from p\.json: expected a profile with at least one measured cell, received a profile whose cells were all skipped or failed/,
    );
    assert.match(await failWith(() => runBaselineUpdate({ ...request, name: '../x' })), /baseline name/);
  });
});

test('core compare, merge and report name their inputs through the request, never a flag of their own', async () => {
  await withTempFolder('core-names', async (dir) => {
    const current = join(dir, 'profile.json');
    writeFileSync(current, JSON.stringify(level(3)));
    const base = { comparison: comparisonRequest(null), outDir: join(dir, 'out'), names: NAMES };
    assert.equal(
      await failWith(() => runCompare({ ...base, current })),
      '<baseline>: expected a baseline file or a folder of baselines, received nothing. Set <baseline> to baselines.',
    );
    const baseline = join(dir, 'baselines');
    await runBaselineUpdate({
      profile: level(4),
      profileLabel: 'p',
      name: 'main',
      dir: baseline,
      force: false,
      env: {},
    });
    const withBaseline = { ...base, comparison: comparisonRequest(baseline) };
    assert.match(
      await failWith(() => runCompare({ ...withBaseline, current: null })),
      /^<current>: expected the profile\.json/,
    );
    const blocked = join(current, 'out');
    assert.match(
      await failWith(() => runCompare({ ...withBaseline, current, outDir: blocked })),
      /^<out>: expected a folder embedprof can create and write, received ".*profile\.json\/out", an unwritable path \(.*\)\. Choose another output folder or fix its permissions\.$/,
    );
    const compared = await runCompare({ ...withBaseline, current });
    assert.deepEqual([compared.exitCode, compared.files], [0, [join(dir, 'out', 'comparison.json')]]);
    assert.match(
      await failWith(() => runMerge({ ...withBaseline, shardsDir: join(dir, 'none') })),
      /^<reportDir>: expected an existing folder holding the shards’ folders, received .*none \(missing\)/,
    );
    const report = { profileFile: current, comparisonFile: null, outDir: join(dir, 'reports'), names: NAMES };
    assert.match(
      await failWith(() => runReport({ ...report, profileFile: null })),
      /^<profileFile>: expected a profile\.json path/,
    );
    assert.ok((await runReport(report)).files.includes(join(dir, 'reports', 'report.html')));
  });
});
