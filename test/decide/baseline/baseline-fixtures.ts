/** Small baselines built through the real path (profile → baseline) for the baseline tests. */
import type { Baseline } from '../../../src/decide/baseline/baseline-schema.js';
import { EMPTY_PROVENANCE } from '../../../src/decide/baseline/baseline-schema.js';
import { createBaselineFromProfile } from '../../../src/decide/baseline/from-profile.js';
import type { Environment } from '../../../src/ground/schema/profile-sections-schema.js';
import type { TestCell } from '../compare/test-profile.js';
import { buildTestProfile, createTestProcess } from '../compare/test-profile.js';

export const TWO_CELLS: TestCell[] = [
  {
    key: { sweep: 'batch', batchSize: 8 },
    processes: [1000, 1010, 990].map((tps) => createTestProcess(tps, 8)),
  },
  {
    key: { sweep: 'length', chars: 256, batchSize: 32 },
    processes: [480, 485, 478].map((tps) => createTestProcess(tps, 32, 230)),
  },
];

export function createTestBaseline(name = 'main', environment: Partial<Environment> = {}): Baseline {
  const profile = buildTestProfile(TWO_CELLS, { environment });
  return createBaselineFromProfile(profile, {
    name,
    provenance: { ...EMPTY_PROVENANCE, commit: 'abc123', ref: 'refs/heads/main' },
  });
}
