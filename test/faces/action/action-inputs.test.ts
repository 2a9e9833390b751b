/**
 * Unit tests of the input side: the event payload, the inputs and their event-dependent defaults, the
 * settings handed to the core for each mode (layer by layer), and the refusal of user code under
 * pull_request_target.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { readInputLayer, resolveActionSettings } from '../../../src/faces/action/action-inputs.js';
import { checkCombinations } from '../../../src/faces/action/check-inputs.js';
import { parseEventContext, type EventContext } from '../../../src/faces/action/event-context.js';
import { assertTrustedCode } from '../../../src/faces/action/untrusted-code.js';
import type { ResolvedSettings } from '../../../src/faces/settings/resolve-settings.js';
import { createFakePlatform } from './fake-platform.js';

const readPayload = (name: string): unknown =>
  JSON.parse(readFileSync(`test/fixtures/events/${name}`, 'utf8'));
const PULL_REQUEST = parseEventContext({
  name: 'pull_request',
  payload: readPayload('pull_request.opened.json'),
});
const SCHEDULE = parseEventContext({ name: 'schedule', payload: readPayload('schedule.json') });
const TARGET = parseEventContext({
  name: 'pull_request_target',
  payload: readPayload('pull_request_target.fork.json'),
});

/** A fresh checkout folder, with baselines/ and an embedprof.config.json when asked. */
function createCheckout(options: { baselines?: boolean; config?: unknown } = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'embedprof-inputs-'));
  if (options.baselines === true) mkdirSync(join(dir, 'baselines'));
  if (options.config !== undefined)
    writeFileSync(join(dir, 'embedprof.config.json'), JSON.stringify(options.config));
  return dir;
}

async function readInputs(
  context: EventContext,
  inputs: Record<string, string> = {},
  cwd = createCheckout(),
): Promise<ResolvedSettings> {
  const platform = createFakePlatform({ inputs, tempDir: '/runner-temp' });
  const settings = await resolveActionSettings(platform, context, readInputLayer(platform), cwd);
  checkCombinations(settings, context);
  return settings;
}

test('the event payloads become pull request, workflow run, schedule or other contexts', () => {
  assert.deepEqual(PULL_REQUEST, {
    kind: 'pull-request',
    event: 'pull_request',
    pull: {
      number: 7,
      headSha: '3f1c9a0d5e7b2468ace013579bdf02468ace1357',
      baseSha: '9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a291807',
      baseRef: 'main',
      fromFork: false,
    },
  });
  const fork = parseEventContext({ name: 'pull_request', payload: readPayload('pull_request.fork.json') });
  assert.ok(fork.kind === 'pull-request' && fork.pull.fromFork);
  const run = parseEventContext({
    name: 'workflow_run',
    payload: readPayload('workflow_run.completed.json'),
  });
  assert.deepEqual(run, {
    kind: 'workflow-run',
    headSha: 'c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f7',
    runId: 9100200300,
    triggeringEvent: 'pull_request',
  });
  assert.deepEqual(SCHEDULE, { kind: 'scheduled', event: 'schedule' });
  assert.deepEqual(parseEventContext({ name: 'push', payload: {} }), { kind: 'other', event: 'push' });
});

test('a pull_request payload without its pull request is an error naming the event file', () => {
  assert.throws(
    () => parseEventContext({ name: 'pull_request', payload: {} }),
    /^UsageError: the pull_request event payload \(GITHUB_EVENT_PATH\): expected a pull_request webhook payload, received pull_request: /,
  );
});

test('mode and compare-to default by event; inputs override', async () => {
  const onPull = (await readInputs(PULL_REQUEST)).values;
  assert.equal(onPull.mode, 'gate');
  assert.equal(onPull.compareTo, 'base');
  assert.equal(onPull.comment, 'on-change');
  assert.equal(onPull.artifactName, 'embedprof');
  assert.equal(onPull.analysis, false, 'the pr plan runs no analysis');
  assert.equal(onPull.out, '/runner-temp/embedprof-out');
  const onSchedule = (await readInputs(SCHEDULE)).values;
  assert.equal(onSchedule.mode, 'profile');
  assert.equal(onSchedule.compareTo, 'baseline');
  assert.equal((await readInputs(SCHEDULE, { mode: 'update-baseline' })).values.mode, 'update-baseline');
});

test('booleans are true or false only: a typo is an error, never false', async () => {
  for (const value of ['yes', 'TRUE', '1', 'flase']) {
    await assert.rejects(
      () => readInputs(PULL_REQUEST, { analysis: value }),
      /^UsageError: input analysis: expected true or false/,
    );
  }
  assert.equal((await readInputs(PULL_REQUEST, { analysis: 'false' })).values.analysis, false);
});

test('gate on a pull request: duet mode against the base sha, the baseline folder as fallback when it exists', async () => {
  const inputs = { 'base-setup': 'npm ci', 'max-throughput-drop': '0.2', 'fail-on': 'throughput' };
  const settings = await readInputs(PULL_REQUEST, inputs, createCheckout({ baselines: true }));
  assert.equal(settings.values.against, '9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a291807');
  assert.equal(settings.values.baseline, 'baselines');
  assert.deepEqual(settings.sources.baseline, { kind: 'face', reason: 'baselines/ exists' });
  assert.equal(settings.values.baseSetup, 'npm ci');
  assert.equal(settings.values.maxThroughputDrop, 0.2);
  assert.deepEqual(settings.values.failOn, ['throughput']);
  assert.equal(settings.values.preset, 'pr');
  assert.equal((await readInputs(PULL_REQUEST, inputs)).values.baseline, null, 'no folder, no fallback');
  const checkout = createCheckout({ baselines: true });
  const onBaseline = await readInputs(PULL_REQUEST, { 'compare-to': 'baseline' }, checkout);
  assert.equal(onBaseline.values.against, null);
  await assert.rejects(
    () => readInputs(PULL_REQUEST, { 'compare-to': 'baseline' }),
    /^UsageError: input baseline-dir: expected a folder of committed baselines/,
  );
});

test('layers: a config key beats the action’s own default, and an input beats the config', async () => {
  const config = { schemaVersion: 1, gate: { baselineDir: 'perf/baselines' }, preset: 'full', processes: 4 };
  const checkout = createCheckout({ baselines: true, config });
  const fromConfig = await readInputs(PULL_REQUEST, {}, checkout);
  assert.equal(fromConfig.values.baseline, join(checkout, 'perf/baselines'));
  assert.deepEqual(fromConfig.sources.baseline, { kind: 'config', path: 'embedprof.config.json' });
  assert.equal(fromConfig.values.preset, 'full', 'the config beats the event’s pr');
  assert.equal(fromConfig.values.processes, 4);
  const fromInput = await readInputs(PULL_REQUEST, { 'baseline-dir': 'other', preset: 'quick' }, checkout);
  assert.equal(fromInput.values.baseline, 'other');
  assert.deepEqual(fromInput.sources.baseline, { kind: 'input' });
  assert.equal(fromInput.values.preset, 'quick');
  assert.equal(fromInput.values.processes, 4, 'an input leaves the other config keys alone');
});

test('the preset: the input, else the config file, else pr on pull requests and full otherwise', async () => {
  assert.equal((await readInputs(SCHEDULE)).values.preset, 'full');
  const onPull = await readInputs(PULL_REQUEST);
  assert.equal(onPull.values.preset, 'pr');
  assert.deepEqual([onPull.values.analysis, onPull.values.timeBudgetSeconds], [false, 180]);
  const checkout = createCheckout({ config: { schemaVersion: 1, preset: 'quick' } });
  assert.equal((await readInputs(SCHEDULE, {}, checkout)).values.preset, 'quick');
  assert.equal((await readInputs(SCHEDULE, { preset: 'quick' })).values.preset, 'quick');
  assert.equal((await readInputs(SCHEDULE)).values.processes, 5, 'the full preset’s processes');
});

test('every workload input becomes its setting; a shard writes to its own folder', async () => {
  const checkout = createCheckout({ config: { schemaVersion: 1 } });
  const settings = await readInputs(
    SCHEDULE,
    {
      model: 'synthetic:bge-small-en-v1.5',
      dtype: 'q8',
      corpus: 'corpus.jsonl',
      config: 'embedprof.config.json',
      'batch-sizes': '32, 8,16',
      lengths: '10',
      threads: '2',
      processes: '4',
      analysis: 'false',
      shard: '2/3',
    },
    checkout,
  );
  const { values } = settings;
  assert.deepEqual(
    [values.model, values.dtype, values.corpus, values.batchSizes, values.lengths, values.threads],
    ['synthetic:bge-small-en-v1.5', 'q8', 'corpus.jsonl', [8, 16, 32], [10], 2],
  );
  assert.deepEqual([values.processes, values.analysis, values.shard], [4, false, { index: 2, count: 3 }]);
  assert.equal(values.out, '/runner-temp/embedprof-out-shard-2-of-3');
  assert.equal(settings.configFile?.path, join(checkout, 'embedprof.config.json'));
});

test('inputs that do not fit together name the input', async () => {
  await assert.rejects(
    () => readInputs(PULL_REQUEST, { mode: 'merge' }),
    /^UsageError: input report-dir: expected a folder/,
  );
  await assert.rejects(
    () => readInputs(SCHEDULE, { mode: 'update-baseline', shard: '1/2' }),
    /^UsageError: input shard: expected nothing in mode update-baseline/,
  );
  await assert.rejects(
    () => readInputs(SCHEDULE, { mode: 'comment', 'report-dir': 'r', 'github-token': '' }),
    /^UsageError: input github-token: expected a token/,
  );
  await assert.rejects(
    () => readInputs(SCHEDULE, { mode: 'gate', 'compare-to': 'base' }),
    /^UsageError: input compare-to: expected baseline outside pull requests/,
  );
});

test('under pull_request_target, an embedder or setup command from the input or the config is refused', async () => {
  const inTarget = (inputs: Record<string, string>, config?: unknown) =>
    readInputs(TARGET, inputs, createCheckout({ config }));
  const plain = await inTarget({}, { schemaVersion: 1, model: 'synthetic:bge-small-en-v1.5' });
  assert.doesNotThrow(() => assertTrustedCode(plain, TARGET));
  const withEmbedder = await inTarget({}, { schemaVersion: 1, embedder: './embed.mjs' });
  assert.throws(
    () => assertTrustedCode(withEmbedder, TARGET),
    /^UsageError: embedprof\.config\.json: embedder: expected no user code under pull_request_target/,
  );
  const withSetup = await inTarget({}, { schemaVersion: 1, gate: { baseSetup: 'curl x | sh' } });
  assert.throws(() => assertTrustedCode(withSetup, TARGET), /gate\.baseSetup: expected no user code/);
  const allowed = await inTarget({ embedder: 'e.mjs', 'allow-untrusted-code': 'true' });
  assert.doesNotThrow(() => assertTrustedCode(allowed, TARGET));
  const fromInput = await inTarget({ embedder: 'e.mjs' });
  assert.throws(
    () => assertTrustedCode(fromInput, TARGET),
    /^UsageError: input embedder: expected no user code/,
  );
  const onPull = await readInputs(PULL_REQUEST, { embedder: 'e.mjs' });
  assert.doesNotThrow(() => assertTrustedCode(onPull, PULL_REQUEST));
});
