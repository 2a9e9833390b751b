/**
 * The core's measuring use cases called directly, with injected deps: profile, baseline update, and the gate
 * against that baseline. The toy embedder measures (workers are real processes); no CLI, no action.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { baselineSchema } from '../../src/decide/baseline/baseline-schema.js';
import { comparisonSchema } from '../../src/decide/compare/comparison-schema.js';
import {
  captureFailure,
  runBaselineUpdate,
  runGateCheck,
  runProfile,
  type ProfileOutcome,
} from '../../src/core/index.js';
import { profileSchema } from '../../src/measure/protocol/profile-schema.js';
import { buildGateRequest, buildProfileRequest } from '../../src/faces/settings/build-requests.js';
import { createTestDeps, resolveTestSettings, START, TOY_SWEEP, withTempFolder } from './core-test-deps.js';

const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));
const RUN_FILES = ['comment.md', 'profile.csv', 'profile.json', 'report.html', 'report.md', 'summary.md'];

async function profileToy(root: string): Promise<ProfileOutcome> {
  const out = join(root, 'profile');
  const deps = createTestDeps(root);
  const request = buildProfileRequest(resolveTestSettings({ ...TOY_SWEEP, out }, root));
  const outcome = await runProfile(request, deps);
  assert.equal(outcome.kind, 'profile');
  assert.equal(outcome.exitCode, 0, JSON.stringify(outcome.profile.batchSweep));
  assert.equal(outcome.outDir, out);
  assert.equal(outcome.comparison, null, 'no baseline named, nothing compared');
  assert.deepEqual(readdirSync(out).sort(), RUN_FILES, 'the profile and its reports, nothing left over');
  assert.deepEqual([...outcome.files].sort(), RUN_FILES.map((name) => join(out, name)).sort());
  const written = profileSchema.parse(readJson(join(out, 'profile.json')));
  assert.deepEqual(
    [written.createdAt, written.model.spec],
    [outcome.profile.createdAt, outcome.profile.model.spec],
    'the outcome is the file',
  );
  assert.equal(written.createdAt, START.toISOString(), 'the time comes from deps.now');
  assert.ok(
    written.wallSeconds >= 0 && written.wallSeconds < 1,
    `wall time on deps.now: ${written.wallSeconds}`,
  );
  const cells = [...written.batchSweep, ...written.lengthSweep];
  assert.deepEqual(
    cells.map((cell) => (cell.status === 'measured' ? cell.processes.length : cell.status)),
    [2],
  );
  return outcome;
}

test('core: profile, recorded as a baseline, then gated against it (toy embedder, injected deps)', async () => {
  await withTempFolder('core-gate', async (root) => {
    const profiled = await profileToy(root);
    const baselines = join(root, 'baselines');
    const recorded = await runBaselineUpdate({
      profile: profiled.profile,
      profileLabel: '--from profile.json',
      name: 'main',
      dir: baselines,
      force: false,
      env: { GITHUB_SHA: 'a'.repeat(40) },
    });
    assert.equal(recorded.kind, 'baseline');
    assert.deepEqual([recorded.path, recorded.replaced], [join(baselines, 'main.json'), false]);
    const baseline = baselineSchema.parse(readJson(recorded.path));
    assert.equal(baseline.provenance.commit, 'a'.repeat(40), 'the commit from the environment given');
    assert.equal(baseline.cells.length, 1);

    // As the CLI wiring test does: only memory is gated, with a threshold no RSS spread reaches. The budget
    // runs on deps.now: a clock a second a call is past 2 s after the first pass, so no extra round starts.
    const out = join(root, 'gate');
    const deps = createTestDeps(root, 1000);
    const gateValues = { failOn: ['memory' as const], maxMemoryGrowth: 3, timeBudgetSeconds: 2 };
    const settings = resolveTestSettings({ ...TOY_SWEEP, ...gateValues, baseline: baselines, out }, root);
    const t0 = Date.now();
    const gated = await runGateCheck(buildGateRequest(settings), deps);
    console.log('GATE', Date.now() - t0, deps.notes);
    assert.equal(gated.kind, 'gate');
    assert.equal(gated.exitCode, 0);
    assert.deepEqual([gated.baseProfile, gated.adoption], [null, null]);
    const comparison = comparisonSchema.parse(readJson(join(out, 'comparison.json')));
    assert.equal(comparison.overall.verdict, gated.comparison?.overall.verdict, 'the outcome is the file');
    assert.equal(comparison.reference.kind, 'baseline');
    assert.ok(
      comparison.overall.notes.some((note) => /^--processes is 2: this comparison measured 3/.test(note)),
      'two processes are raised to the gate minimum, and the comparison says so',
    );
    const profile = profileSchema.parse(readJson(join(out, 'profile.json')));
    assert.ok(
      [...profile.batchSweep, ...profile.lengthSweep].every(
        (cell) => cell.status === 'measured' && cell.processes.length === 3,
      ),
      'the first pass only: the budget was spent on the injected clock',
    );
    assert.ok(gated.files.includes(join(out, 'comparison.json')));
  });
});

test('core: a gate with neither a baseline nor a base ref fails as an input error before measuring', async () => {
  await withTempFolder('core-gate-input', async (root) => {
    const out = join(root, 'gate');
    const deps = createTestDeps(root);
    const failed = await captureFailure(() =>
      runGateCheck(buildGateRequest(resolveTestSettings({ ...TOY_SWEEP, out }, root)), deps),
    );
    assert.ok(failed.kind === 'failed', 'refused');
    assert.equal(failed.exitCode, 2);
    assert.match(failed.message, /^--baseline: expected a baseline file or folder to compare with/);
    assert.equal(existsSync(out), false, 'refused before the output folder was made');
    assert.deepEqual(deps.notes, []);
  });
});
