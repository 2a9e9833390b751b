/**
 * The adapter from settings to the core's requests (settings/build-requests.ts): the core names an input
 * exactly as the settings would, whichever face and layer set it, and a request carries domain values only.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { captureFailure, runCompare, type RequestInput } from '../../../src/core/index.js';
import { createInputError } from '../../../src/core/input-names.js';
import {
  buildCompareRequest,
  buildGateRequest,
  createInputNames,
} from '../../../src/faces/settings/build-requests.js';
import {
  createSettingError,
  resolveSettings,
  type SettingsLayer,
} from '../../../src/faces/settings/resolve-settings.js';
import type { Face } from '../../../src/faces/settings/setting-names.js';

const CONTEXT = { env: {}, cores: 2, home: '/home/u' };
const INPUTS: RequestInput[] = ['out', 'baseline', 'current', 'reportDir', 'profileFile', 'processes'];

/** The same values set by the face itself, by a config file, or left at their defaults. */
function listLayers(face: Face): SettingsLayer[][] {
  const own = { source: face === 'cli' ? { kind: 'flag' as const } : { kind: 'input' as const } };
  const config = { source: { kind: 'config' as const, path: 'ci/embedprof.config.json' } };
  const values = { out: 'o', baseline: 'b', current: 'c', reportDir: 'r', profileFile: 'p', processes: 5 };
  return [[], [{ ...own, values }], [{ ...config, values }]];
}

test('the core names each input as createSettingError would, on both faces and from every layer', () => {
  const problem = { expected: 'something', received: 'nothing', example: 'x' };
  let compared = 0;
  for (const face of ['cli', 'action'] as const) {
    for (const layers of listLayers(face)) {
      const settings = resolveSettings(layers, face, CONTEXT);
      const names = createInputNames(settings);
      for (const input of INPUTS) {
        const expected = createSettingError(settings, input, problem).message;
        assert.equal(createInputError(names, input, problem).message, expected, `${face} ${input}`);
        const fixed = { ...problem, fix: 'Fix it.' };
        assert.equal(
          createInputError(names, input, fixed).message,
          createSettingError(settings, input, fixed).message,
        );
        compared++;
      }
    }
  }
  assert.equal(compared, 2 * 3 * INPUTS.length);
});

test('compare without a baseline names it in the face’s words: --baseline, input baseline-dir, the config key', async () => {
  const root = mkdtempSync(join(tmpdir(), 'embedprof-requests-'));
  const message = async (face: Face, layers: SettingsLayer[]) => {
    const settings = resolveSettings(layers, face, CONTEXT);
    const failed = await captureFailure(() => runCompare(buildCompareRequest(settings)));
    assert.ok(failed.kind === 'failed' && failed.exitCode === 2);
    return failed.message;
  };
  assert.equal(
    await message('cli', []),
    '--baseline: expected a baseline file or a folder of baselines, received nothing. Pass e.g. --baseline baselines.',
  );
  assert.equal(
    await message('action', []),
    "input baseline-dir: expected a baseline file or a folder of baselines, received nothing. Set it in the step's `with:`, e.g. `baseline-dir: baselines`.",
  );
  const empty = join(root, 'empty');
  mkdirSync(empty);
  const config = {
    source: { kind: 'config' as const, path: 'embedprof.config.json' },
    values: { baseline: empty },
  };
  const current = { source: { kind: 'flag' as const }, values: { current: join(root, 'profile.json') } };
  assert.match(
    await message('cli', [config, current]),
    /^embedprof\.config\.json: gate\.baselineDir \/.*\/empty: expected a baseline file or a folder holding at least one baseline \*\.json/,
  );
});

test('a gate request holds the settings as domain values; the recorded list names a raised processes count', () => {
  const layers: SettingsLayer[] = [
    {
      source: { kind: 'flag' },
      values: { processes: 2, failOn: ['latency'], baseline: 'bl', commit: 'abc' },
    },
  ];
  const request = buildGateRequest(resolveSettings(layers, 'cli', CONTEXT));
  assert.equal(request.options.processes, 2);
  assert.deepEqual(request.comparison.baseline, {
    path: 'bl',
    name: null,
    labels: { path: '--baseline', name: '--baseline-name' },
  });
  assert.deepEqual(request.comparison.options.metrics, {
    throughput: { gated: false },
    peakMemoryMB: { gated: false },
    p95LatencyMs: { gated: true },
    coldStartMs: { gated: false },
    loadRssMB: { gated: false },
  });
  assert.equal(request.comparison.maxQualityDrop, null, 'the quality check is reported, not gated');
  assert.equal(request.base.headConfig, null, 'no config file was read');
  assert.equal(request.record.commit, 'abc');
  const processes = (list: typeof request.record.settings) => list.find((s) => s.key === 'processes');
  assert.deepEqual(processes(request.record.settings), {
    key: 'processes',
    value: '2',
    source: '--processes',
  });
  assert.deepEqual(processes(request.record.raisedSettings), {
    key: 'processes',
    value: '3',
    source: "the gate's minimum (--processes was 2)",
  });
  assert.deepEqual(request.baseHistory, {
    store: { historyStore: null, dataBranch: null, remote: 'origin' },
    branch: 'main',
  });
});
