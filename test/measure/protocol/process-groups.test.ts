/**
 * What user code starts ends with the run: a worker leads a process group of its own, ended when the worker
 * exits, when embedprof is interrupted, and when embedprof is killed outright (the worker sees its parent gone).
 * Processes are found by a marker in their environment (test/helpers/process-marker.ts), not by timing.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { testCacheDir } from '../../helpers/run-cli.js';
import {
  createProcessMarker,
  waitFor,
  waitForNone,
  type ProcessMarker,
} from '../../helpers/process-marker.js';

const CLI = resolve('build/src/faces/cli/main.js');
const SPAWNING = 'test/fixtures/embedders/spawning-embedder.mjs';
const ONE_CELL_EACH = ['--batch-sizes', '8', '--lengths', '10', '--processes', '1', '--quiet', '--no-config'];

function startProfile(marker: ProcessMarker, args: string[], env: NodeJS.ProcessEnv = process.env) {
  const out = mkdtempSync(join(tmpdir(), 'embedprof-groups-'));
  const child = spawn(process.execPath, [CLI, 'profile', ...ONE_CELL_EACH, '--out', out, ...args], {
    stdio: 'ignore',
    env: { ...env, EMBEDPROF_CACHE_DIR: testCacheDir, ...marker.env },
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.on('exit', (code, signal) => done({ code, signal })),
  );
  return { child, exited };
}

const isSleeping = (marker: ProcessMarker) => () =>
  marker.listCommands().some((command) => command.startsWith('sleep'));

test('processes an embedder starts do not outlive the profile', async () => {
  const marker = createProcessMarker();
  try {
    const { exited } = startProfile(marker, ['--embedder', SPAWNING, '--no-analysis']);
    assert.equal((await exited).code, 0);
    assert.ok(await waitForNone(marker), `left running: ${marker.listCommands().join(', ')}`);
  } finally {
    marker.killAll();
  }
});

test('embedprof killed outright (SIGKILL): its worker ends its own group, the embedder’s children with it', async () => {
  const marker = createProcessMarker();
  try {
    const { child, exited } = startProfile(marker, ['--embedder', SPAWNING, '--no-analysis']);
    assert.ok(await waitFor(isSleeping(marker), 30_000), 'the embedder started its children');
    child.kill('SIGKILL');
    await exited;
    assert.ok(await waitForNone(marker, 10_000), `left running: ${marker.listCommands().join(', ')}`);
  } finally {
    marker.killAll();
  }
});

/** process.env without the variables that make ONNX Runtime skip its telemetry (CI, GITHUB_ACTIONS, …). */
function environmentOutsideCi(): NodeJS.ProcessEnv {
  const ci = /^(CI|GITHUB_ACTIONS|TF_BUILD|GITLAB_CI|CIRCLECI|TRAVIS|JENKINS_URL|BUILDKITE|APPVEYOR)$/;
  const more = /^(CODEBUILD_BUILD_ID|TEAMCITY_VERSION|BITBUCKET_BUILD_NUMBER)$/;
  return Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !ci.test(name) && !more.test(name)),
  );
}

test('ONNX Runtime sessions leave nothing in TMPDIR or HOME (no mat-debug-PID.log, .ses or telemetry database)', () => {
  const temp = mkdtempSync(join(tmpdir(), 'embedprof-tmpdir-'));
  const home = mkdtempSync(join(tmpdir(), 'embedprof-home-'));
  const out = mkdtempSync(join(tmpdir(), 'embedprof-groups-'));
  const result = spawnSync(
    process.execPath,
    [CLI, 'profile', ...ONE_CELL_EACH, '--no-analysis', '--out', out],
    {
      encoding: 'utf8',
      env: { ...environmentOutsideCi(), EMBEDPROF_CACHE_DIR: testCacheDir, TMPDIR: temp, HOME: home },
    },
  );
  assert.equal(result.status, 0, result.stderr);
  assert.deepEqual(readdirSync(temp), [], 'TMPDIR is left empty');
  assert.deepEqual(readdirSync(home), [], 'HOME is left empty');
});

test('SIGTERM during the analysis leaves no embedprof-ort-* folder, no worker and nothing else in TMPDIR', async () => {
  const marker = createProcessMarker();
  const temp = mkdtempSync(join(tmpdir(), 'embedprof-tmpdir-'));
  try {
    const env = { ...environmentOutsideCi(), TMPDIR: temp };
    // short texts: the analysis reaches the operator profile sooner
    const corpus = join(mkdtempSync(join(tmpdir(), 'embedprof-corpus-')), 'short.txt');
    writeFileSync(corpus, 'a short text\nthe cat sat on a mat\nfast models embed words\nok\n');
    const { child, exited } = startProfile(marker, ['--corpus', corpus], env);
    const tracing = () => readdirSync(temp).some((name) => name.startsWith('embedprof-ort-'));
    assert.ok(await waitFor(tracing, 120_000), 'the operator profile started');
    child.kill('SIGTERM');
    const end = await exited;
    assert.ok(end.signal === 'SIGTERM' || end.code === 143, JSON.stringify(end));
    assert.deepEqual(readdirSync(temp), [], 'TMPDIR is left empty');
    assert.ok(await waitForNone(marker), `left running: ${marker.listCommands().join(', ')}`);
  } finally {
    marker.killAll();
  }
});
