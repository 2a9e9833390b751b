import { test } from 'node:test';
import { createHash } from 'node:crypto';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EMPTY_PROVENANCE } from '../../../src/decide/baseline/baseline-schema.js';
import { createBaselineFromProfile } from '../../../src/decide/baseline/from-profile.js';
import { comparisonSchema, type Comparison } from '../../../src/decide/compare/comparison-schema.js';
import type { Environment } from '../../../src/ground/schema/profile-sections-schema.js';
import type { TestCell } from '../../decide/compare/test-profile.js';
import { buildTestProfile, createTestProcess } from '../../decide/compare/test-profile.js';
import { runCli, type CliResult } from '../../helpers/run-cli.js';
import { requireSharedPath } from '../../helpers/shared-data.js';

const work = mkdtempSync(join(tmpdir(), 'embedprof-compare-'));
let counter = 0;

function createCells(throughputFactor = 1, peak = 200): TestCell[] {
  return [8, 32].map((batchSize) => ({
    key: { sweep: 'batch', batchSize },
    processes: [1000, 1010, 990, 1005, 995].map((tps) =>
      createTestProcess(tps * throughputFactor, batchSize, peak + (tps % 7) / 10, 690),
    ),
  }));
}

function writeFile(name: string, content: string): string {
  const path = join(work, `${++counter}-${name}`);
  writeFileSync(path, content);
  return path;
}

function writeBaseline(environment: Partial<Environment> = {}, cells = createCells()): string {
  const profile = buildTestProfile(cells, { environment });
  const baseline = createBaselineFromProfile(profile, { name: 'main', provenance: EMPTY_PROVENANCE });
  return writeFile('main.json', JSON.stringify(baseline));
}

function writeProfile(cells: TestCell[], environment: Partial<Environment> = {}): string {
  return writeFile('profile.json', JSON.stringify(buildTestProfile(cells, { environment })));
}

function compare(baseline: string, current: string, ...extra: string[]): CliResult & { out: string } {
  const out = join(work, `out-${++counter}`);
  const result = runCli(['compare', '--baseline', baseline, '--current', current, '--out', out, ...extra]);
  return { ...result, out };
}

function readComparison(out: string): Comparison {
  return comparisonSchema.parse(JSON.parse(readFileSync(join(out, 'comparison.json'), 'utf8')));
}

/** Exit 2 with exactly one line naming the problem, and no stack trace. */
function assertInputError(result: CliResult, pattern: RegExp): void {
  assert.equal(result.status, 2, result.stderr);
  assert.match(result.stderr, /^embedprof: input error: /);
  assert.match(result.stderr, pattern);
  assert.equal(result.stderr.trim().split('\n').length, 1, `one message: ${result.stderr}`);
}

test('an unchanged run passes: exit 0, verdict first, a valid comparison.json and no temporary files', () => {
  const result = compare(writeBaseline(), writeProfile(createCells()));
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stdout, /^PASS — no-change \(baseline "main", same machine\)/);
  assert.equal(readComparison(result.out).overall.gate, 'pass');
  assert.deepEqual(readdirSync(result.out), ['comparison.json']);
});

test('comparison.json records which baseline file was compared with and the sha256 of its bytes', () => {
  const baseline = writeBaseline();
  const result = compare(baseline, writeProfile(createCells()));
  assert.equal(result.status, 0, result.stderr);
  const expected = createHash('sha256').update(readFileSync(baseline)).digest('hex');
  assert.deepEqual(readComparison(result.out).baseline.file, { path: baseline, sha256: expected });
});

test('a throughput drop fails the gate with exit 1 and names the changed cells', () => {
  const result = compare(writeBaseline(), writeProfile(createCells(0.8)));
  assert.equal(result.status, 1, result.stderr);
  assert.match(result.stdout, /^FAIL — regression in throughput/);
  assert.match(result.stdout, /batch 8: throughput regression, −20\.0 %/);
  assert.deepEqual(readComparison(result.out).overall.failingMetrics, ['throughput']);
});

test('--fail-on decides which metrics fail the gate', () => {
  const slower = writeProfile(createCells(0.8));
  assert.equal(compare(writeBaseline(), slower, '--fail-on', 'memory').status, 0);
  const bigger = writeProfile(createCells(1, 240));
  const result = compare(writeBaseline(), bigger, '--fail-on', 'throughput,memory');
  assert.equal(result.status, 1, result.stdout);
  assert.deepEqual(readComparison(result.out).overall.failingMetrics, ['peakMemoryMB']);
  assert.equal(compare(writeBaseline(), bigger, '--max-memory-growth', '0.5').status, 0);
});

test('corrupt, truncated and future-version baselines are exit 2 with one message', () => {
  const current = writeProfile(createCells());
  const valid = readFileSync(writeBaseline(), 'utf8');
  assertInputError(compare(writeFile('corrupt.json', 'not json {'), current), /expected valid JSON/);
  assertInputError(
    compare(writeFile('truncated.json', valid.slice(0, valid.length / 2)), current),
    /corrupt or truncated/,
  );
  const future = JSON.stringify({ ...JSON.parse(valid), schemaVersion: 99 });
  assertInputError(compare(writeFile('future.json', future), current), /written by a newer embedprof/);
  assertInputError(compare(writeFile('empty.json', ''), current), /an empty file/);
});

test('a legacy seed file loads and compares, marked indicative, and never fails the gate', () => {
  const seed = requireSharedPath('seed-data/batch_size_profile_2025-10-31.json');
  const result = compare(seed, writeProfile(createCells(0.2)));
  assert.equal(result.status, 0, result.stderr);
  assert.match(
    result.stdout,
    /^PASS — \w[\w-]* \(indicative only: cannot fail the gate\) \(baseline .*\(legacy\)/,
  );
  const comparison = readComparison(result.out);
  assert.equal(comparison.baseline.origin, 'legacy');
  assert.equal(comparison.overall.indicativeOnly, true);
  assert.ok(comparison.cells.length >= 2, 'batch 8 and 32 compared');
  assert.ok(comparison.overall.notes.some((note) => /indicative only/.test(note)));
});

test('another machine: fail is exit 2 listing the differences, skip writes a skipped comparison', () => {
  const baseline = writeBaseline({ cpuModel: 'Intel Xeon', threads: 8 });
  const current = writeProfile(createCells());
  const failed = compare(baseline, current, '--on-machine-mismatch', 'fail');
  assertInputError(failed, /cpuModel: baseline "Intel Xeon", current "AMD EPYC 7B13"; threads: baseline 8/);
  const skipped = compare(baseline, current, '--on-machine-mismatch', 'skip');
  assert.equal(skipped.status, 0, skipped.stderr);
  assert.match(skipped.stdout, /^SKIPPED/);
  assert.equal(readComparison(skipped.out).overall.gate, 'skipped');
});

test('a folder of baselines: the one of this machine is chosen, --baseline-name narrows the choice', () => {
  const dir = mkdtempSync(join(work, 'baselines-'));
  writeFileSync(join(dir, 'main.json'), readFileSync(writeBaseline(), 'utf8'));
  const current = writeProfile(createCells());
  assert.equal(compare(dir, current).status, 0);
  assertInputError(compare(dir, current, '--baseline-name', 'nightly'), /--baseline-name nightly.*"main"/);
});

test('flag and input errors are exit 2 naming the flag', () => {
  const baseline = writeBaseline();
  const current = writeProfile(createCells());
  assertInputError(runCli(['compare', '--baseline', baseline]), /--current: expected/);
  assertInputError(
    compare(baseline, current, '--fail-on', 'speed'),
    /--fail-on: expected a comma-separated list of throughput, memory, latency, cold-start, or none/,
  );
  assertInputError(compare(baseline, current, '--max-throughput-drop', '1.5'), /--max-throughput-drop/);
  assertInputError(compare(baseline, current, '--on-machine-mismatch', 'maybe'), /--on-machine-mismatch/);
  assertInputError(compare(baseline, writeFile('profile.json', '{"schemaVersion": 1}')), /profile/);
  assertInputError(
    compare(join(work, 'missing.json'), current),
    /--baseline: expected an existing file or folder, received ".*missing\.json", a path that does not exist/,
  );
});
