/**
 * action.yml and the code agree: the same inputs and outputs, the same static defaults, node24 running
 * dist/index.js. The runner fills action.yml's defaults in; the code applies the same ones without it.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { INPUT_DEFAULTS, INPUT_NAMES, OUTPUT_NAMES } from '../../src/action/input-names.js';
import { readActionManifest } from './action-manifest.js';
import { ACTION_ENTRY, createInputEnv, parseOutputFile } from './run-action-process.js';

const manifest = readActionManifest();

test('action.yml declares exactly the inputs and outputs the code reads and sets', () => {
  assert.deepEqual([...manifest.inputs.keys()].sort(), [...INPUT_NAMES].sort());
  assert.deepEqual([...manifest.outputs].sort(), [...OUTPUT_NAMES].sort());
});

test('action.yml’s defaults are the code’s, and the token defaults to the job’s', () => {
  const declared = Object.fromEntries([...manifest.inputs].filter(([, value]) => value !== undefined));
  assert.deepEqual(declared, { ...INPUT_DEFAULTS, 'github-token': '${{ github.token }}' });
});

test('the action runs on node24 from the entry the process tests run', () => {
  assert.deepEqual(manifest.runs, { using: 'node24', main: ACTION_ENTRY });
  assert.ok(manifest.top.name === 'embedprof' && manifest.top.description !== undefined);
});

test('input variables are named as the runner names them: upper case, dashes kept', () => {
  const env = createInputEnv({ 'max-throughput-drop': '0.2' });
  assert.equal(env['INPUT_MAX-THROUGHPUT-DROP'], '0.2');
  assert.equal(env['INPUT_BASELINE-DIR'], 'baselines');
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
