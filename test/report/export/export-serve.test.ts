import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  bmfDocumentSchema,
  exportServeProfile,
  NANOSECONDS_PER_MS,
  serializeExport,
} from '../../../src/report/export/index.js';
import { SERVE_CASES } from '../serve/serve-cases.js';
import { loadBmfJsonSchema } from './export-fixtures.js';
import { readCustomBenchmarks, readRangeValue } from './gab-extractor.js';
import { validateJsonSchema } from './json-schema-subset.js';

const found = SERVE_CASES.found;
const BENCHMARK = 'embedprof/serve/8 texts per request';

test('BMF of a serve profile: the knee as throughput, p95 at the reference rate as latency, with intervals', () => {
  const exported = exportServeProfile(found, 'bmf');
  const document = JSON.parse(serializeExport(exported)) as Record<
    string,
    Record<string, Record<string, number>>
  >;
  assert.deepEqual(validateJsonSchema(loadBmfJsonSchema(), document), []);
  assert.equal(bmfDocumentSchema.safeParse(document).success, true);
  const [sweep] = found.sweeps;
  assert.ok(sweep?.knee.kind === 'found' && sweep.reference !== null);
  assert.deepEqual(document[BENCHMARK]?.throughput, {
    value: sweep.knee.ratePerSecond,
    lower_value: sweep.knee.low,
    upper_value: sweep.knee.high,
  });
  assert.equal(
    document[BENCHMARK]?.latency?.value,
    Math.round(sweep.reference.p95Ms.value * NANOSECONDS_PER_MS),
  );
  assert.equal(exported.benchmarks, 1);
  assert.deepEqual(exported.notes, []);
});

test('github-action-benchmark: the knee bigger-is-better, p95 at the reference rate smaller-is-better', () => {
  const bigger = readCustomBenchmarks(
    serializeExport(exportServeProfile(found, 'gab-bigger', { name: 'svc' })),
  );
  assert.ok(bigger.exact, 'nothing coerced');
  assert.deepEqual(
    bigger.benchmarks.map((entry) => [entry.name, entry.unit, entry.value]),
    [['svc/8 texts per request (knee)', 'req/s', 262]],
  );
  assert.equal(readRangeValue(bigger.benchmarks[0]?.range), 19);
  const smaller = readCustomBenchmarks(serializeExport(exportServeProfile(found, 'gab-smaller')));
  assert.match(
    smaller.benchmarks[0]?.name ?? '',
    /^embedprof\/serve\/8 texts per request \(p95 at 50 req\/s\)$/,
  );
  assert.equal(smaller.benchmarks[0]?.unit, 'ms');
});

test('a knee outside the rates and a sweep without a reference rate are left out and named', () => {
  const below = SERVE_CASES['below-lowest'];
  const exported = exportServeProfile(below, 'bmf');
  assert.ok(exported.notes.some((note) => /no knee within the rates measured, left out$/.test(note)));
  assert.equal(JSON.stringify(exported.document).includes('"throughput"'), false);
  const bigger = exportServeProfile(below, 'gab-bigger');
  assert.deepEqual(bigger.document, []);
});
