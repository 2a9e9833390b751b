/**
 * Every key embedprof.config.json can set beats the defaults and the action's own choices, and every input
 * or flag beats the config: one check per setting, so a new config key cannot skip a layer.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { configSchema, toConfigLayer } from '../../../src/faces/settings/config-layer.js';
import { parseSettingText, resolveSettings } from '../../../src/faces/settings/resolve-settings.js';
import { getEntry, SETTING_KEYS, type SettingKey } from '../../../src/faces/settings/setting-table.js';

/** A value unlike the default for each config key: as JSON in the file, and as an input's or flag's text. */
const SAMPLES: Partial<Record<SettingKey, { json: unknown; text: string }>> = {
  model: { json: 'org/model@v1', text: 'org/other' },
  embedder: { json: '/abs/embedder.mjs', text: 'other.mjs' },
  dtype: { json: 'fp32', text: 'q8' },
  tokenizer: { json: '/abs/tokenizer', text: 'tok' },
  maxTokens: { json: 128, text: '64' },
  corpus: { json: '/abs/corpus.jsonl', text: 'c.txt' },
  preset: { json: 'full', text: 'quick' },
  batchSizes: { json: [4, 2], text: '16' },
  lengths: { json: [33], text: '44' },
  lengthBatchSize: { json: 12, text: '24' },
  processes: { json: 7, text: '9' },
  threads: { json: 3, text: '5' },
  ortSpinning: { json: 'on', text: 'off' },
  ortMemArena: { json: 'off', text: 'on' },
  maxMemoryMB: { json: 1000, text: '2000' },
  workerTimeoutSeconds: { json: 120, text: '60' },
  batchTimeoutSeconds: { json: 30, text: '45' },
  analysis: { json: false, text: 'true' },
  baseline: { json: '/abs/perf', text: 'b' },
  baselineName: { json: 'nightly', text: 'main' },
  maxThroughputDrop: { json: 0.2, text: '0.3' },
  maxMemoryGrowth: { json: 0.25, text: '0.35' },
  maxColdStartGrowth: { json: 0.3, text: '0.4' },
  maxQualityDrop: { json: 0.02, text: '0.05' },
  maxKneeDrop: { json: 0.15, text: '0.2' },
  maxP95Growth: { json: 0.4, text: '0.5' },
  failOn: { json: ['latency'], text: 'memory' },
  failOnInconclusive: { json: true, text: 'false' },
  confirmRegressions: { json: false, text: 'true' },
  timeBudgetSeconds: { json: 90, text: '120' },
  stopRule: { json: 'every-cell', text: 'aggregate' },
  baseSetup: { json: 'npm ci', text: 'make' },
  baseSetupTimeoutSeconds: { json: 0, text: '60' },
  serveCommand: { json: 'uvicorn app:app --port {port}', text: 'npm start' },
  readyPath: { json: '/ready', text: '/health' },
  readyTimeoutSeconds: { json: 300, text: '60' },
  serveApi: { json: 'tei', text: 'openai' },
  apiPath: { json: '/v2/embed', text: '/embed' },
  apiModel: { json: 'bge-small', text: 'e5' },
  requestTemplate: { json: '{"texts": {{texts}}}', text: '{"q": {{texts}}}' },
  serveLatencySloMs: { json: 250, text: '80' },
  sloQuantile: { json: 'p99', text: 'p95' },
  maxErrorRate: { json: 0.05, text: '0.02' },
  textsPerRequest: { json: [1, 32], text: '8' },
  serveRates: { json: [5, 10], text: '20' },
  referenceRate: { json: 12, text: '30' },
  arrivals: { json: 'constant', text: 'poisson' },
  windowSeconds: { json: 8, text: '4' },
  serveRounds: { json: 5, text: '2' },
  maxInFlight: { json: 64, text: '128' },
  requestTimeoutSeconds: { json: 30, text: '5' },
  serveTimeBudgetSeconds: { json: 600, text: '120' },
};

const CONTEXT = { env: {}, cores: 2, home: '/home/u' };
const CONFIG_KEYS = SETTING_KEYS.filter((key) => getEntry(key).config !== null);

function buildConfig(): Record<string, unknown> {
  const config: Record<string, unknown> = { schemaVersion: 1 };
  for (const key of CONFIG_KEYS) {
    if (key === 'embedder') continue; // exclusive with model: checked on its own below
    const path = getEntry(key).config?.split('.') ?? [];
    const section = path.length === 2 ? (path[0] ?? '') : null;
    if (section !== null) config[section] ??= {};
    const target = section === null ? config : (config[section] as Record<string, unknown>);
    target[path.at(-1) ?? key] = SAMPLES[key]?.json;
  }
  return config;
}

test('every config key has a sample here (a new key must be added to this test)', () => {
  assert.deepEqual(
    CONFIG_KEYS.filter((key) => SAMPLES[key] === undefined),
    [],
  );
});

test('each config key beats the default and the face’s choice; each input beats the config', () => {
  const config = configSchema.parse(buildConfig());
  const fileLayer = toConfigLayer(config, 'embedprof.config.json', '/repo');
  const faceLayer = {
    source: { kind: 'face', reason: 'the event' } as const,
    values: { preset: 'quick' as const, baseline: 'baselines' },
  };
  const fromConfig = resolveSettings([faceLayer, fileLayer], 'action', CONTEXT);
  for (const key of CONFIG_KEYS.filter((k) => k !== 'embedder')) {
    assert.deepEqual(fromConfig.sources[key], { kind: 'config', path: 'embedprof.config.json' }, key);
    const expected = key === 'batchSizes' ? [4, 2] : SAMPLES[key]?.json;
    assert.deepEqual(fromConfig.values[key], expected, key);
  }
  for (const key of CONFIG_KEYS) {
    const entry = getEntry(key);
    const sample = SAMPLES[key];
    if (entry.input === null || sample === undefined) continue;
    const source = { kind: 'input' } as const;
    const inputLayer = { source, values: { [key]: parseSettingText(key, sample.text, 'action', source) } };
    const resolved = resolveSettings([faceLayer, fileLayer, inputLayer], 'action', CONTEXT);
    assert.deepEqual(resolved.sources[key], source, key);
    assert.notDeepEqual(resolved.values[key], fromConfig.values[key], key);
  }
});

test('an embedder from the config beats the default model; a model input then replaces it', () => {
  const config = configSchema.parse({ schemaVersion: 1, embedder: './e.mjs' });
  const fileLayer = toConfigLayer(config, 'embedprof.config.json', '/repo');
  const fromConfig = resolveSettings([fileLayer], 'action', CONTEXT);
  assert.equal(fromConfig.values.embedder, '/repo/e.mjs');
  const input = { source: { kind: 'input' } as const, values: { model: 'org/m' } };
  const replaced = resolveSettings([fileLayer, input], 'action', CONTEXT);
  assert.deepEqual([replaced.values.model, replaced.values.embedder], ['org/m', null]);
});
