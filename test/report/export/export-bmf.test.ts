import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  bmfDocumentSchema,
  BYTES_PER_MB,
  exportBmf,
  exportProfile,
  serializeExport,
} from '../../../src/report/export/index.js';
import { createCellKey, formatCellLabel } from '../../../src/ground/schema/cell-key.js';
import {
  buildProfileWithFailure,
  computeMedianProcessP95,
  listMeasured,
  loadBmfJsonSchema,
  loadFixtureProfile,
} from './export-fixtures.js';
import { validateJsonSchema, type JsonSchema } from './json-schema-subset.js';

const schema: JsonSchema = loadBmfJsonSchema();
const fixture = loadFixtureProfile();
const PREFIX = 'embedprof/synthetic:all-MiniLM-L6-v2';

/** The document as Bencher receives it: the written text, parsed. */
function exportedJson(profile = fixture): Record<string, Record<string, Record<string, number>>> {
  return JSON.parse(serializeExport(exportProfile(profile, 'bmf'))) as Record<
    string,
    Record<string, Record<string, number>>
  >;
}

test("the export of a real profile validates against Bencher's published BMF JSON Schema", () => {
  assert.equal(schema.$id, 'https://bencher.dev/bmf.json');
  const document = exportedJson();
  assert.deepEqual(validateJsonSchema(schema, document), []);
  assert.equal(bmfDocumentSchema.safeParse(document).success, true);
});

test('the BMF schema rejects what Bencher rejects, so the validation above can fail', () => {
  const valid = exportedJson();
  const name = `${PREFIX}/batch 8`;
  const mutate = (change: (document: Record<string, unknown>) => void) => {
    const copy = structuredClone(valid) as Record<string, unknown>;
    change(copy);
    return validateJsonSchema(schema, copy);
  };
  const benchmark = (document: Record<string, unknown>) => document[name] as Record<string, unknown>;
  assert.notDeepEqual(
    mutate((d) => delete (benchmark(d).throughput as Record<string, unknown>).value),
    [],
  );
  assert.notDeepEqual(
    mutate((d) => ((benchmark(d).latency as Record<string, unknown>).value = '34711035')),
    [],
  );
  assert.notDeepEqual(
    mutate((d) => ((benchmark(d)['peak-memory'] as Record<string, unknown>).upper_value = null)),
    [],
  );
  assert.notDeepEqual(
    mutate((d) => (benchmark(d).throughput = 210.2)),
    [],
  );
  assert.notDeepEqual(
    mutate((d) => (d[name] = [1, 2])),
    [],
  );
  assert.notDeepEqual(validateJsonSchema(schema, [valid]), []);
  assert.equal(bmfDocumentSchema.safeParse({ [name]: { throughput: { value: '1' } } }).success, false);
  assert.throws(() => validateJsonSchema({ ...schema, additionalProperties: false }, valid), /outside/);
});

test('one benchmark per measured cell, named <prefix>/<cell label>, with its measures (no cold start: an older file)', () => {
  const document = exportBmf(fixture);
  const expected = listMeasured(fixture).map((cell) => `${PREFIX}/${formatCellLabel(createCellKey(cell))}`);
  assert.deepEqual(Object.keys(document), expected);
  assert.ok(expected.includes(`${PREFIX}/batch 32`) && expected.includes(`${PREFIX}/64 chars @ batch 32`));
  assert.ok(
    !Object.keys(document).some((name) => name.endsWith('/batch 512')),
    'the skipped cell is left out',
  );
  for (const measures of Object.values(document)) {
    assert.deepEqual(Object.keys(measures), ['throughput', 'latency', 'peak-memory', 'rss-after-load']);
  }
  const renamed = exportBmf(fixture, { name: 'nightly/minilm' });
  assert.deepEqual(
    Object.keys(renamed),
    expected.map((name) => name.replace(PREFIX, 'nightly/minilm')),
  );
});

test('throughput in texts/s, latency in nanoseconds, peak memory in bytes, each with its 95 % interval', () => {
  const document = exportBmf(fixture);
  for (const cell of listMeasured(fixture)) {
    const measures = document[`${PREFIX}/${formatCellLabel(createCellKey(cell))}`];
    assert.ok(measures !== undefined);
    const { throughput, peakMemoryMB } = cell;
    assert.ok(throughput.ci95.kind === 'determined' && peakMemoryMB.ci95.kind === 'determined');
    assert.deepEqual(measures.throughput, {
      value: throughput.median,
      lower_value: throughput.ci95.low,
      upper_value: throughput.ci95.high,
    });
    assert.deepEqual(measures['peak-memory'], {
      value: Math.round(peakMemoryMB.median * BYTES_PER_MB),
      lower_value: Math.round(peakMemoryMB.ci95.low * BYTES_PER_MB),
      upper_value: Math.round(peakMemoryMB.ci95.high * BYTES_PER_MB),
    });
    const latency = measures.latency;
    assert.ok(latency?.lower_value !== undefined && latency.upper_value !== undefined);
    assert.equal(latency.value, Math.round(computeMedianProcessP95(cell) * 1e6));
    // nanoseconds: the value read back in ms lies within the cell's batch latencies
    const all = cell.processes.flatMap((process) => process.batchLatenciesMs);
    assert.ok(
      latency.value / 1e6 >= Math.min(...all) - 1e-6 && latency.value / 1e6 <= Math.max(...all) + 1e-6,
    );
    assert.ok(latency.lower_value < latency.upper_value);
  }
});

test('without a determined interval a metric has only its value; failed cells are left out', () => {
  const single = exportBmf(buildProfileWithFailure(1));
  assert.deepEqual(Object.keys(single), [
    'embedprof/synthetic:all-MiniLM-L6-v2/batch 8',
    `${PREFIX}/batch 32`,
  ]);
  for (const measures of Object.values(single)) {
    for (const metric of Object.values(measures)) assert.deepEqual(Object.keys(metric), ['value']);
  }
  // three processes: the built profile's distributions carry no interval, the per-process p95s get one
  const three = exportBmf(buildProfileWithFailure(3))[`${PREFIX}/batch 8`];
  assert.deepEqual(Object.keys(three?.throughput ?? {}), ['value']);
  assert.deepEqual(Object.keys(three?.latency ?? {}), ['value', 'lower_value', 'upper_value']);
  assert.deepEqual(validateJsonSchema(schema, JSON.parse(JSON.stringify(single))), []);
});

test('a cell whose processes recorded no batch latency exports the pooled p95, without an interval', () => {
  const profile = buildProfileWithFailure(3);
  const [first] = profile.batchSweep;
  assert.ok(first?.status === 'measured');
  const cell = {
    ...first,
    processes: first.processes.map((process) => ({ ...process, batchLatenciesMs: [] })),
  };
  const latency = exportBmf({ ...profile, batchSweep: [cell] })[`${PREFIX}/batch 8`]?.latency;
  assert.deepEqual(latency, { value: Math.round(first.latency.p95Ms * 1e6) });
});
