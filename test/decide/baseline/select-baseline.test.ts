import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { compareFingerprints, isSameSetup } from '../../../src/decide/baseline/fingerprint.js';
import { readLegacySeed } from '../../../src/decide/baseline/legacy-seed.js';
import { selectBaseline } from '../../../src/decide/baseline/select-baseline.js';
import { requireSharedPath } from '../../helpers/shared-data.js';
import { createTestBaseline } from './baseline-fixtures.js';

const here = createTestBaseline('here');
const fingerprint = here.fingerprint;

test('no baselines: none', () => {
  assert.deepEqual(selectBaseline([], fingerprint), { kind: 'none' });
});

test('the baseline of the same machine and model matches, even with other software versions', () => {
  const other = createTestBaseline('other', { cpuModel: 'Intel Xeon Platinum 8370C' });
  const upgraded = createTestBaseline('upgraded', { onnxruntime: '1.31.0', node: '22.1.0' });
  const selection = selectBaseline([other, upgraded], fingerprint);
  assert.equal(selection.kind, 'match');
  assert.equal(selection.kind === 'match' && selection.baseline.name, 'upgraded');
});

test('without a match, the closest baseline comes with what differs', () => {
  const fewerCores = createTestBaseline('cores', { logicalCores: 4, threads: 4 });
  const otherCpu = createTestBaseline('cpu', {
    cpuModel: 'Intel',
    isaFlags: ['avx2'],
    logicalCores: 8,
    threads: 8,
  });
  const selection = selectBaseline([otherCpu, fewerCores], fingerprint);
  assert.equal(selection.kind, 'mismatch');
  if (selection.kind !== 'mismatch') return;
  assert.equal(selection.closest.name, 'cores');
  assert.deepEqual(selection.differences, [
    'logicalCores: baseline 4, current 2',
    'threads: baseline 4, current 2',
  ]);
});

test('a legacy baseline never matches a measured machine, and ranks after embedprof ones', () => {
  const seed = JSON.parse(
    readFileSync(requireSharedPath('seed-data/batch_size_profile_2025-10-31.json'), 'utf8'),
  );
  const legacy = readLegacySeed(seed, 'batch_size_profile_2025-10-31.json');
  const selection = selectBaseline([legacy], fingerprint);
  assert.equal(selection.kind, 'mismatch');
  if (selection.kind !== 'mismatch') return;
  assert.ok(selection.differences.includes('cpuModel: baseline "unknown", current "AMD EPYC 7B13"'));
  assert.ok(selection.differences.includes('logicalCores: baseline unknown, current 2'));
  assert.ok(selection.differences.some((line) => line.startsWith('modelSpec:')));
});

test('fingerprint differences are grouped: machine, configuration, software', () => {
  const other = createTestBaseline('x', { isaFlags: ['avx2'], onnxruntime: '1.29.0' }).fingerprint;
  const differences = compareFingerprints(fingerprint, other);
  assert.deepEqual(differences.machine, ['isaFlags: current lacks avx512_vnni, avx512f']);
  assert.deepEqual(differences.configuration, []);
  assert.deepEqual(differences.software, ['onnxruntime: baseline "1.30.0", current "1.29.0"']);
  assert.equal(isSameSetup(differences), false);
});
