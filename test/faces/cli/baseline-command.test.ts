import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { baselineSchema } from '../../../src/decide/baseline/baseline-schema.js';
import type { Environment } from '../../../src/ground/schema/profile-sections-schema.js';
import { buildTestProfile, createTestProcess } from '../../decide/compare/test-profile.js';
import { runCli, type CliResult } from '../../helpers/run-cli.js';

const work = mkdtempSync(join(tmpdir(), 'embedprof-baseline-'));
let counter = 0;

function writeProfile(environment: Partial<Environment> = {}): string {
  const cells = [8, 32].map((batchSize) => ({
    key: { sweep: 'batch' as const, batchSize },
    processes: [1000, 1010, 990].map((tps) => createTestProcess(tps, batchSize)),
  }));
  const path = join(work, `profile-${++counter}.json`);
  writeFileSync(path, JSON.stringify(buildTestProfile(cells, { environment })));
  return path;
}

const GITHUB_ENV = {
  GITHUB_SHA: 'a'.repeat(40),
  GITHUB_REF: 'refs/heads/main',
  GITHUB_ACTOR: 'octocat',
  RUNNER_NAME: 'runner-7',
  RUNNER_OS: 'Linux',
  GITHUB_SERVER_URL: 'https://github.com',
  GITHUB_REPOSITORY: 'org/service',
  GITHUB_RUN_ID: '42',
};

/** Runs the CLI with GitHub Actions' variables set (runCli passes this process's environment on). */
function runInActions(args: string[]): CliResult {
  const saved = Object.fromEntries(Object.keys(GITHUB_ENV).map((key) => [key, process.env[key]]));
  Object.assign(process.env, GITHUB_ENV);
  try {
    return runCli(args);
  } finally {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}

function update(dir: string, from: string, ...extra: string[]): CliResult {
  return runInActions(['baseline', 'update', '--from', from, '--name', 'main', '--dir', dir, ...extra]);
}

test('writes a valid baseline with the runner’s provenance, atomically', () => {
  const dir = join(work, 'baselines-ok');
  const result = update(dir, writeProfile());
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stdout, /^Wrote .*main\.json: 2 cell\(s\)/);
  assert.deepEqual(readdirSync(dir), ['main.json'], 'no temporary file left');
  const baseline = baselineSchema.parse(JSON.parse(readFileSync(join(dir, 'main.json'), 'utf8')));
  assert.equal(baseline.name, 'main');
  assert.equal(baseline.cells.length, 2);
  assert.equal(baseline.fingerprint.cpuModel, 'AMD EPYC 7B13');
  assert.deepEqual(baseline.provenance, {
    commit: GITHUB_ENV.GITHUB_SHA,
    ref: 'refs/heads/main',
    date: '2026-11-24T10:00:00.000Z',
    runnerName: 'runner-7',
    runnerOs: 'Linux',
    actor: 'octocat',
    workflowRunUrl: 'https://github.com/org/service/actions/runs/42',
  });
});

test('refuses to replace a baseline of another machine without --force', () => {
  const dir = join(work, 'baselines-guard');
  assert.equal(update(dir, writeProfile()).status, 0);
  const before = readFileSync(join(dir, 'main.json'), 'utf8');
  const refused = update(dir, writeProfile({ cpuModel: 'Intel Xeon' }));
  assert.equal(refused.status, 2, refused.stderr);
  assert.match(
    refused.stderr,
    /^embedprof: input error: .*main\.json: expected a baseline of the same machine/,
  );
  assert.match(refused.stderr, /cpuModel: baseline "AMD EPYC 7B13", current "Intel Xeon"/);
  assert.match(refused.stderr, /--force/);
  assert.equal(readFileSync(join(dir, 'main.json'), 'utf8'), before, 'left unchanged');
  const forced = update(dir, writeProfile({ cpuModel: 'Intel Xeon' }), '--force');
  assert.equal(forced.status, 0, forced.stderr);
  assert.match(forced.stdout, /^Replaced /);
  const replaced = baselineSchema.parse(JSON.parse(readFileSync(join(dir, 'main.json'), 'utf8')));
  assert.equal(replaced.fingerprint.cpuModel, 'Intel Xeon');
});

test('replacing a baseline of the same machine needs no --force', () => {
  const dir = join(work, 'baselines-same');
  assert.equal(update(dir, writeProfile()).status, 0);
  const again = update(dir, writeProfile());
  assert.equal(again.status, 0, again.stderr);
  assert.match(again.stdout, /^Replaced /);
});

test('bad names, missing flags and unknown subcommands are exit 2', () => {
  const from = writeProfile();
  const bad = runCli(['baseline', 'update', '--from', from, '--name', '../evil', '--dir', work]);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--name: expected a baseline name/);
  const missing = runCli(['baseline', 'update', '--name', 'main']);
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /--from: expected/);
  const unknown = runCli(['baseline', 'record']);
  assert.equal(unknown.status, 2);
  assert.match(unknown.stderr, /expected the subcommand update/);
});
