/**
 * Unit tests of the input side: the event payload, the inputs and their event-dependent defaults, the argv
 * handed to the core for each mode, and the refusal of user code under pull_request_target.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { readActionInputs, type ActionInputs } from '../../src/action/action-inputs.js';
import {
  buildGateArgv,
  buildMergeArgv,
  buildProfileArgv,
  type ArgvRequest,
} from '../../src/action/core-argv.js';
import { parseEventContext, type EventContext } from '../../src/action/event-context.js';
import type { InputName } from '../../src/action/input-names.js';
import { assertTrustedCode } from '../../src/action/untrusted-code.js';
import type { LoadedConfig } from '../../src/config/read-config.js';
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

function readInputs(context: EventContext, inputs: Partial<Record<InputName, string>> = {}): ActionInputs {
  return readActionInputs(createFakePlatform({ inputs }), context);
}

function request(inputs: ActionInputs, context: EventContext, extra: Partial<ArgvRequest> = {}): ArgvRequest {
  return { inputs, context, outDir: '/tmp/out', config: null, baselineDirExists: true, ...extra };
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

test('mode and compare-to default by event; inputs override', () => {
  const onPull = readInputs(PULL_REQUEST);
  assert.equal(onPull.mode, 'gate');
  assert.equal(onPull.gate.compareTo, 'base');
  assert.equal(onPull.comment, 'on-change');
  assert.equal(onPull.artifactName, 'embedprof');
  assert.equal(onPull.workload.analysis, true);
  const onSchedule = readInputs(SCHEDULE);
  assert.equal(onSchedule.mode, 'profile');
  assert.equal(onSchedule.gate.compareTo, 'baseline');
  assert.equal(readInputs(SCHEDULE, { mode: 'update-baseline' }).mode, 'update-baseline');
});

test('booleans are true or false only: a typo is an error, never false', () => {
  for (const value of ['yes', 'TRUE', '1', 'flase']) {
    assert.throws(
      () => readInputs(PULL_REQUEST, { analysis: value }),
      /^UsageError: input analysis: expected true or false/,
    );
  }
  assert.equal(readInputs(PULL_REQUEST, { analysis: 'false' }).workload.analysis, false);
});

test('gate on a pull request: duet mode against the base sha, the baseline folder as fallback when it exists', () => {
  const inputs = readInputs(PULL_REQUEST, {
    'base-setup': 'npm ci',
    'max-throughput-drop': '0.2',
    'fail-on': 'throughput',
  });
  assert.deepEqual(buildGateArgv(request(inputs, PULL_REQUEST)), [
    'gate',
    '--preset',
    'quick',
    '--against',
    '9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a291807',
    '--baseline',
    'baselines',
    '--base-setup',
    'npm ci',
    '--max-throughput-drop',
    '0.2',
    '--fail-on',
    'throughput',
    '--out',
    '/tmp/out',
  ]);
  const withoutFolder = buildGateArgv(request(inputs, PULL_REQUEST, { baselineDirExists: false }));
  assert.ok(!withoutFolder.includes('--baseline'));
});

test('compare-to baseline needs the baseline folder unless the config names one', () => {
  const inputs = readInputs(PULL_REQUEST, { 'compare-to': 'baseline' });
  assert.throws(
    () => buildGateArgv(request(inputs, PULL_REQUEST, { baselineDirExists: false })),
    /^UsageError: input baseline-dir: expected a folder of committed baselines/,
  );
  const config = { schemaVersion: 1 as const, gate: { baselineDir: 'perf/baselines' } };
  const argv = buildGateArgv(request(inputs, PULL_REQUEST, { baselineDirExists: false, config }));
  assert.ok(!argv.includes('--baseline') && !argv.includes('--against'));
});

test('the preset: the input, else the config file, else quick on pull requests and full otherwise', () => {
  const preset = (argv: string[]) => (argv.includes('--preset') ? argv[argv.indexOf('--preset') + 1] : null);
  assert.equal(preset(buildProfileArgv(request(readInputs(SCHEDULE), SCHEDULE))), 'full');
  assert.equal(preset(buildProfileArgv(request(readInputs(PULL_REQUEST), PULL_REQUEST))), 'quick');
  const config = { schemaVersion: 1 as const, preset: 'quick' as const };
  assert.equal(preset(buildProfileArgv(request(readInputs(SCHEDULE), SCHEDULE, { config }))), null);
  assert.equal(
    preset(buildProfileArgv(request(readInputs(SCHEDULE, { preset: 'quick' }), SCHEDULE))),
    'quick',
  );
});

test('every workload input becomes its flag; shards pass --shard; merge passes comparison flags only', () => {
  const inputs = readInputs(SCHEDULE, {
    model: 'synthetic:bge-small-en-v1.5',
    dtype: 'q8',
    corpus: 'corpus.jsonl',
    config: 'perf/embedprof.config.json',
    'batch-sizes': '32, 8,16',
    lengths: '10',
    threads: '2',
    processes: '4',
    analysis: 'false',
    shard: '2/3',
  });
  assert.deepEqual(
    buildProfileArgv(request(inputs, SCHEDULE)).join(' '),
    [
      'profile --config perf/embedprof.config.json --model synthetic:bge-small-en-v1.5 --dtype q8 --corpus corpus.jsonl',
      '--preset full --batch-sizes 8,16,32 --lengths 10 --threads 2 --processes 4 --no-analysis --shard 2/3 --out /tmp/out',
    ].join(' '),
  );
  const merge = readInputs(PULL_REQUEST, { mode: 'merge', 'report-dir': 'shards', 'baseline-name': 'main' });
  assert.deepEqual(buildMergeArgv(request(merge, PULL_REQUEST), 'shards'), [
    'merge',
    '--from',
    'shards',
    '--out',
    '/tmp/out',
    '--baseline',
    'baselines',
    '--baseline-name',
    'main',
  ]);
});

test('inputs that do not fit together name the input', () => {
  assert.throws(
    () => readInputs(PULL_REQUEST, { mode: 'merge' }),
    /^UsageError: input report-dir: expected a folder/,
  );
  assert.throws(
    () => readInputs(SCHEDULE, { mode: 'update-baseline', shard: '1/2' }),
    /^UsageError: input shard: expected nothing in mode update-baseline/,
  );
  assert.throws(
    () => readInputs(SCHEDULE, { mode: 'comment', 'report-dir': 'r', 'github-token': '' }),
    /^UsageError: input github-token: expected a token/,
  );
});

function loaded(config: LoadedConfig['config']): LoadedConfig {
  return { path: '/repo/embedprof.config.json', dir: '/repo', config };
}

test('under pull_request_target, an embedder or setup command from the input or the config is refused', () => {
  const plain = readInputs(TARGET);
  assert.doesNotThrow(() =>
    assertTrustedCode(plain, TARGET, loaded({ schemaVersion: 1, model: 'synthetic:x' })),
  );
  assert.throws(
    () => assertTrustedCode(plain, TARGET, loaded({ schemaVersion: 1, embedder: './embed.mjs' })),
    /^UsageError: \/repo\/embedprof\.config\.json \(embedder\): expected no user code under pull_request_target/,
  );
  const setup = loaded({ schemaVersion: 1, gate: { baseSetup: 'curl x | sh' } });
  assert.throws(() => assertTrustedCode(plain, TARGET, setup), /\(gate\.baseSetup\): expected no user code/);
  const allowed = readInputs(TARGET, { embedder: 'e.mjs', 'allow-untrusted-code': 'true' });
  assert.doesNotThrow(() => assertTrustedCode(allowed, TARGET, null));
  const onPull = readInputs(PULL_REQUEST, { embedder: 'e.mjs' });
  assert.doesNotThrow(() => assertTrustedCode(onPull, PULL_REQUEST, null));
});
