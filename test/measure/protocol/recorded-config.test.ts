/**
 * profile.json's config section is read off the measure settings table: each recorded setting under its key,
 * the preset's policy facts beside them, and a schema that takes back what was written.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MEASURE_SETTINGS } from '../../../src/measure/protocol/measure-settings.js';
import { findPreset } from '../../../src/measure/protocol/presets.js';
import {
  pickOrtOptions,
  profileConfigSchema,
  RECORD_FIELDS,
  recordConfig,
  type MeasureValues,
} from '../../../src/measure/protocol/recorded-config.js';

const CONTEXT = { env: {}, cores: 3, home: '/home/u' };
const DEFAULTS = Object.fromEntries(
  Object.entries(MEASURE_SETTINGS).map(([key, entry]) => [key, entry.fallback(CONTEXT as never)]),
) as MeasureValues;

test('each recorded field has its own place in profile.json', () => {
  const orders = Object.values(MEASURE_SETTINGS).flatMap((entry) =>
    entry.record === undefined ? [] : [entry.record.order],
  );
  assert.equal(new Set(orders).size, orders.length, `orders ${orders.join(', ')}`);
  const keys = RECORD_FIELDS.map((field) => field.key);
  assert.equal(new Set(keys).size, keys.length);
});

test('a run’s config holds the settings under their keys and the policy’s facts, and parses back', () => {
  const policy = findPreset('full').policy;
  const values = { ...DEFAULTS, processes: 7, threads: 5, shard: { index: 2, count: 3 } };
  const config = recordConfig(values, policy);
  assert.equal(config.processesPerCell, 7);
  assert.equal('processes' in config, false);
  assert.deepEqual(config.shard, { index: 2, count: 3 });
  assert.equal(config.threads, 5);
  assert.equal(config.minMeasuredBatches, policy.minMeasuredBatches);
  assert.equal(config.maxWarmupBatches, policy.maxWarmupBatches);
  assert.equal('cacheDir' in config, false, 'a setting that is not recorded stays out');
  assert.deepEqual(Object.keys(config), keysOf(RECORD_FIELDS));
  assert.deepEqual(profileConfigSchema.parse(JSON.parse(JSON.stringify(config))), config);
});

test('the ONNX Runtime options are picked off the values as one object', () => {
  const ort = pickOrtOptions({ ...DEFAULTS, graphOptimization: 'basic', ortSpinning: 'off' });
  assert.equal(ort.graphOptimization, 'basic');
  assert.equal(ort.ortSpinning, 'off');
  assert.equal('threads' in ort, false);
});

function keysOf(fields: typeof RECORD_FIELDS): string[] {
  return fields.map((field) => field.key);
}
