/**
 * The settings table: one entry per setting, one name per face, values parsed the same way on every face,
 * errors in the face's words, and the CLI's help read off it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatCommandHelp } from '../../../src/faces/cli/command-help.js';
import { listCommandKeys, readFlagLayer } from '../../../src/faces/cli/read-flags.js';
import { UsageError } from '../../../src/ground/errors.js';
import { configSchema } from '../../../src/faces/settings/config-layer.js';
import { describeChosenSettings } from '../../../src/faces/settings/describe-settings.js';
import { parseSettingText, resolveSettings } from '../../../src/faces/settings/resolve-settings.js';
import { suggestSetting } from '../../../src/faces/settings/setting-names.js';
import type { CommandName } from '../../../src/measure/protocol/setting-kit/setting-entry.js';
import { getEntry, SETTING_KEYS } from '../../../src/faces/settings/setting-table.js';

const COMMANDS: CommandName[] = ['profile', 'gate', 'compare', 'merge', 'report', 'baseline-update'];
const CONTEXT = { env: {}, cores: 2, home: '/home/u' };

test('no command has two settings on one flag; inputs and config keys are unique', () => {
  for (const command of COMMANDS) {
    const flags = listCommandKeys(command).map((key) => getEntry(key).flag);
    assert.equal(new Set(flags).size, flags.length, command);
  }
  const inputs = SETTING_KEYS.flatMap((key) => getEntry(key).input ?? []);
  assert.equal(new Set(inputs).size, inputs.length);
  const config = SETTING_KEYS.flatMap((key) => getEntry(key).config ?? []);
  assert.equal(new Set(config).size, config.length);
  for (const key of SETTING_KEYS) assert.ok(getEntry(key).help.length > 5, `${key} has help`);
});

test('every flag of a command is in its --help, under its group', () => {
  for (const command of COMMANDS) {
    const help = formatCommandHelp(command);
    for (const key of listCommandKeys(command)) assert.match(help, new RegExp(`--${getEntry(key).flag}\\b`));
  }
  assert.match(formatCommandHelp('gate'), /Comparison:\n {2}--baseline FILE\|DIR/);
});

test('lists are parsed, deduplicated and sorted; bad values name the flag and what was received', () => {
  const flag = { kind: 'flag' } as const;
  assert.deepEqual(parseSettingText('batchSizes', '32, 8,16,8', 'cli', flag), [8, 16, 32]);
  for (const bad of ['0', '-4', '1.5', 'eight', '8,,16']) {
    assert.throws(
      () => parseSettingText('batchSizes', bad, 'cli', flag),
      (error: unknown) => error instanceof UsageError && error.message.startsWith('--batch-sizes: expected'),
      bad,
    );
  }
  assert.throws(
    () => parseSettingText('maxMemoryMB', 'lots', 'cli', flag),
    /--max-memory-mb: expected a positive number/,
  );
  assert.throws(
    () => parseSettingText('dtype', 'int4', 'cli', flag),
    /--dtype: expected one of auto, fp32, q8/,
  );
  assert.throws(
    () => parseSettingText('processes', 'x', 'action', { kind: 'input' }),
    /^UsageError: input processes: expected a positive integer, received "x"\. Set it in the step's `with:`, e.g\. `processes: 3`\./,
  );
});

test('--fail-on accepts throughput, memory, latency and none', () => {
  const flag = { kind: 'flag' } as const;
  assert.deepEqual(parseSettingText('failOn', 'memory,latency', 'cli', flag), ['memory', 'latency']);
  assert.deepEqual(parseSettingText('failOn', 'none', 'cli', flag), []);
  assert.throws(
    () => parseSettingText('failOn', 'throughput,', 'cli', flag),
    /--fail-on: expected a comma-separated list/,
  );
  assert.throws(
    () => parseSettingText('failOn', 'speed', 'cli', flag),
    /--fail-on: expected a comma-separated list/,
  );
});

test('flags: unknown ones are one usage error, booleans and negated booleans set their setting', () => {
  assert.throws(() => readFlagLayer('gate', ['--bogus']), /Unknown option '--bogus'.*embedprof gate --help/);
  const { layer } = readFlagLayer('gate', [
    '--no-analysis',
    '--quiet',
    '--baseline',
    'b',
    '--time-budget=60',
  ]);
  assert.deepEqual(layer.values, { analysis: false, quiet: true, baseline: 'b', timeBudgetSeconds: 60 });
  assert.throws(() => readFlagLayer('gate', ['--time-budget', '-1']), /--time-budget/);
  assert.throws(() => readFlagLayer('profile', ['--baseline', 'b']), /Unknown option '--baseline'/);
});

test('layers: defaults ← preset ← environment ← config ← flags, each value with its source', () => {
  const settings = resolveSettings(
    [
      { source: { kind: 'config', path: 'embedprof.config.json' }, values: { preset: 'full', processes: 7 } },
      { source: { kind: 'flag' }, values: { processes: 2 } },
    ],
    'cli',
    { ...CONTEXT, env: { EMBEDPROF_CACHE_DIR: '/cache' } },
  );
  assert.equal(settings.values.processes, 2);
  assert.deepEqual(settings.values.batchSizes, [1, 8, 16, 32, 64, 128, 256], 'the full preset’s sweep');
  assert.deepEqual(settings.sources.batchSizes, { kind: 'preset', preset: 'full' });
  assert.equal(settings.values.cacheDir, '/cache');
  assert.equal(settings.values.threads, 2);
  assert.deepEqual(describeChosenSettings(settings).slice(0, 3), [
    'preset = full (embedprof.config.json: preset)',
    'batchSizes = 1,8,16,32,64,128,256 (preset full)',
    'lengths = 10,25,50,100,256,512,1024 (preset full)',
  ]);
  assert.ok(describeChosenSettings(settings).includes('processes = 2 (--processes)'));
});

test('the config schema is read off the table: every config key, nested under gate where it says so', () => {
  const parsed = configSchema.safeParse({
    schemaVersion: 1,
    gate: { baselineDir: 'b', timeBudgetSeconds: 60 },
  });
  assert.ok(parsed.success);
  assert.ok(!configSchema.safeParse({ schemaVersion: 1, gate: { bogus: 1 } }).success);
  assert.ok(!configSchema.safeParse({ schemaVersion: 1, processes: 0 }).success);
  const keys = SETTING_KEYS.flatMap((key) => getEntry(key).config ?? []);
  assert.ok(keys.includes('gate.baselineDir') && keys.includes('processes'));
});

test('a fix names a valid value in the words of each face: a number is 3 in embedprof.config.json, not "3"', () => {
  const config = { kind: 'config', path: 'embedprof.config.json' } as const;
  assert.equal(
    suggestSetting('processes', 'cli', '3', config),
    'Set processes in embedprof.config.json, e.g. 3.',
  );
  assert.equal(
    suggestSetting('batchSizes', 'cli', '8,32', config),
    'Set batchSizes in embedprof.config.json, e.g. [8,32].',
  );
  assert.equal(
    suggestSetting('baselineName', 'action', 'main', config),
    'Set gate.baselineName in embedprof.config.json, e.g. "main".',
  );
  assert.equal(suggestSetting('processes', 'cli', '3'), 'Pass e.g. --processes 3.');
  assert.equal(
    suggestSetting('processes', 'action', '3'),
    "Set it in the step's `with:`, e.g. `processes: 3`.",
  );
});
