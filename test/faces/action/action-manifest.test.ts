/**
 * action.yml and the code agree: the same inputs and outputs, the same static defaults, node24 running
 * dist/index.js. The runner fills action.yml's defaults in; the code applies the same ones without it.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { renderActionManifest } from '../../../scripts/action-manifest.js';
import { INPUT_NAMES, OUTPUT_NAMES } from '../../../src/faces/action/input-names.js';
import { findByInput, getEntry } from '../../../src/faces/settings/setting-table.js';
import { readActionManifest } from './action-manifest.js';
import { ACTION_ENTRY, createInputEnv, parseOutputFile } from './run-action-process.js';

const manifest = readActionManifest();

test('the committed action.yml is what the settings table renders (run `npm run manifest` after a change)', () => {
  assert.equal(readFileSync('action.yml', 'utf8'), renderActionManifest(), 'action.yml is stale');
});

test('action.yml declares exactly the inputs and outputs the code reads and sets', () => {
  assert.deepEqual([...manifest.inputs.keys()].sort(), [...INPUT_NAMES].sort());
  assert.deepEqual([...manifest.outputs].sort(), [...OUTPUT_NAMES].sort());
});

test('action.yml’s defaults are the settings table’s; inputs the config file can set have none', () => {
  const context = { env: {}, cores: 2, home: '/home' };
  for (const [input, declared] of manifest.inputs) {
    const key = findByInput(input);
    assert.ok(key !== null, `input ${input} is in the settings table`);
    const entry = getEntry(key);
    if (entry.config !== null) assert.equal(declared, undefined, `input ${input} has no default`);
    if (declared === undefined || input === 'github-token') continue;
    assert.equal(declared, entry.kind.formatText(entry.fallback(context) as never), `default of ${input}`);
  }
  assert.equal(manifest.inputs.get('github-token'), '${{ github.token }}');
});

test('the action runs on node24 from the entry the process tests run', () => {
  assert.deepEqual(manifest.runs, { using: 'node24', main: ACTION_ENTRY });
  assert.ok(manifest.top.name === 'embedprof' && manifest.top.description !== undefined);
});

test('input variables are named as the runner names them: upper case, dashes kept', () => {
  const env = createInputEnv({ 'max-throughput-drop': '0.2' });
  assert.equal(env['INPUT_MAX-THROUGHPUT-DROP'], '0.2');
  assert.equal(env['INPUT_COMMENT'], 'on-change');
  assert.equal(env['INPUT_MODEL'], undefined, 'inputs without a default are not set');
});

test('GITHUB_OUTPUT is read as the runner reads it', () => {
  const text = 'verdict<<ghadelimiter_1\nregression\nghadelimiter_1\nmulti<<EOF\na\nb\nEOF\nplain=x=y\n';
  assert.deepEqual(
    parseOutputFile(text),
    new Map([
      ['verdict', 'regression'],
      ['multi', 'a\nb'],
      ['plain', 'x=y'],
    ]),
  );
});
