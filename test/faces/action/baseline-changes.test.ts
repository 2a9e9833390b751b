import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderBaselineChanges } from '../../../src/faces/action/baseline-changes.js';
import { EMPTY_PROVENANCE } from '../../../src/decide/baseline/baseline-schema.js';
import { createBaselineFromProfile } from '../../../src/decide/baseline/from-profile.js';
import { buildTestProfile, createTestProcess } from '../../decide/compare/test-profile.js';

function createBaseline(cpuModel: string, textsPerSecond: number) {
  const cells = [
    { key: { sweep: 'batch' as const, batchSize: 32 }, processes: [createTestProcess(textsPerSecond, 32)] },
  ];
  const profile = buildTestProfile(cells, { environment: { cpuModel } });
  return createBaselineFromProfile(profile, { name: 'main', provenance: EMPTY_PROVENANCE });
}

test('update-baseline replaces a baseline of another machine and says the machine changed', () => {
  const changed = renderBaselineChanges(
    'baselines/main.json',
    createBaseline('CPU A', 1000),
    createBaseline('CPU B', 900),
  );
  assert.match(changed, /^Replaced the baseline `baselines\/main\.json`: 1 cell\(s\) on CPU B\.$/m);
  assert.match(changed, /The machine changed: the previous baseline was recorded on CPU A/);
  const same = renderBaselineChanges(
    'baselines/main.json',
    createBaseline('CPU B', 1000),
    createBaseline('CPU B', 900),
  );
  assert.doesNotMatch(same, /machine changed/);
});
