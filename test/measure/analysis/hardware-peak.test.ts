/** MFU's ceiling: the hardware peak per dtype, and a profile whose MFU never exceeds 100 %. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { estimateHardwarePeak } from '../../../src/measure/analysis/hardware-peak.js';
import { buildProfile } from '../../../src/measure/protocol/assemble/build-profile.js';
import { ALL_CELLS, createGateProfileParts, createStates } from '../../decide/gate/gate-fixtures.js';

/** Cells whose processes did 1e6 FLOPs per padded token at 12.5 GFLOP/s, beside a 5 GFLOP/s probe. */
function createSlowProbeParts() {
  const states = createStates(new Map(ALL_CELLS.map((cell) => [cell, [1000, 1000, 1000]])));
  for (const state of states.values()) {
    for (const { result } of state.runs) {
      result.tokens = result.tokens.map(() => ({ real: 80, padded: 100, truncated: 0, sequenceLength: 10 }));
      result.probes = [{ flops: 5e8, ms: 100, referenceSequences: 80, referenceMs: 100 }];
    }
  }
  const flops = { denseFlopsPerToken: 1e6, attentionFlopsPerTokenPerPosition: 0 };
  return { ...createGateProfileParts(ALL_CELLS, states), flops };
}

const ZEN4 = ['avx', 'avx2', 'fma', 'avx512f', 'avx512bw', 'avx512vl', 'avx512_vnni', 'avx512_bf16'];

test('two Zen 4 cores at 2596 MHz: 166 fp32 GFLOP/s (2 × 256-bit FMA), 665 int8 GOP/s (VNNI)', () => {
  const clock = { mhz: 2596, vendor: 'AuthenticAMD' };
  const fp32 = estimateHardwarePeak('fp32', ZEN4, 2, clock);
  const q8 = estimateHardwarePeak('q8', ZEN4, 2, clock);
  assert.ok(fp32 !== null && q8 !== null);
  assert.ok(Math.abs(fp32.gflops - 166.1) < 0.1, String(fp32.gflops));
  assert.ok(Math.abs(q8.gflops - 664.6) < 0.1, String(q8.gflops));
  assert.equal(fp32.detail, '2 cores × 2596 MHz × 32 fp32 FLOP/cycle (avx512f, 2 × 256-bit FMA)');
  const intel = estimateHardwarePeak('fp32', ZEN4, 2, { mhz: 2596, vendor: 'GenuineIntel' });
  assert.equal(intel?.gflops, (2 * 2596 * 64) / 1000, 'Intel server cores: 2 × 512-bit FMA');
  const avx2 = estimateHardwarePeak('q8', ['avx2', 'fma'], 4, { mhz: 3000, vendor: null });
  assert.equal(avx2?.gflops, (4 * 3000 * 64) / 1000, 'no VNNI: vpmaddubsw');
  assert.equal(estimateHardwarePeak('fp32', ZEN4, 2, { mhz: null, vendor: null }), null, 'no clock, no peak');
});

test('a probe slower than the model cannot push MFU over 100 %: the ceiling is what the model reached', () => {
  const parts = createSlowProbeParts();
  const profile = buildProfile(parts);
  const mfus = [...profile.batchSweep, ...profile.lengthSweep].flatMap((cell) =>
    cell.status === 'measured' ? cell.processes.map((p) => p.mfu ?? 0) : [],
  );
  assert.ok(mfus.length > 0);
  assert.ok(Math.max(...mfus) <= 1 + 1e-12, `MFU ${Math.max(...mfus)}`);
  assert.equal(profile.calibration.ceiling?.source, 'model');
  assert.ok(Math.abs((profile.calibration.ceiling?.reachedGflops ?? 0) - 12.5) < 1e-9);
  const withPeak = buildProfile({ ...parts, hardwarePeak: { gflops: 1e6, detail: 'test' } });
  assert.equal(withPeak.calibration.ceiling?.source, 'hardware');
  assert.equal(withPeak.calibration.ceiling?.gflops, 1e6);
});
