/**
 * The action under @github/local-action, as CONTRIBUTING.md tells a developer to run it: the logic entry
 * src/faces/action/main.ts (its exported run(), loaded through tsx) with @actions/core, github and artifact stubbed,
 * inputs from a .env file. Runs local-action's bin with this node (no npx: offline), in a temporary working
 * directory, and checks the profile, the artifact and the step outputs it prints.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import { testCacheDir } from '../../helpers/run-cli.js';
import { TOY_EMBEDDER } from './action-fixtures.js';
import { runNodeProcess } from './run-action-process.js';

const LOCAL_ACTION_BIN = resolve('node_modules/@github/local-action/bin/local-action.js');
const TSX_LOADER = resolve('node_modules/tsx/dist/loader.mjs');

/** The toy embedder, recording the node version of each worker process that loads it. */
function writeVersionEmbedder(dir: string): string {
  const path = join(dir, 'version-embedder.mjs');
  writeFileSync(
    path,
    [
      "import { appendFileSync } from 'node:fs';",
      `import { createEmbedder as createToy } from ${JSON.stringify(pathToFileURL(TOY_EMBEDDER).href)};`,
      'export async function createEmbedder(options) {',
      "  appendFileSync(new URL('./versions.txt', import.meta.url), `${process.version}\\n`);",
      '  return createToy(options);',
      '}',
    ].join('\n'),
  );
  return path;
}

function writeDotenv(path: string, values: Record<string, string>): void {
  writeFileSync(
    path,
    Object.entries(values)
      .map(([name, value]) => `${name}=${value}\n`)
      .join(''),
  );
}

function runLocalAction(args: string[], env: Record<string, string>, timeoutMs: number) {
  // local-action runs `npm exec tsx …` and `npm ls @actions/…` in its working directory: the repository.
  return runNodeProcess([LOCAL_ACTION_BIN, ...args], env, process.cwd(), timeoutMs);
}

test('npx @github/local-action runs src/faces/action/main.ts in mode profile on a custom embedder', async (t) => {
  const temp = mkdtempSync(join(tmpdir(), 'embedprof-local-action-'));
  t.after(() => rm(temp, { recursive: true, force: true }));
  const workspace = join(temp, 'workspace');
  const runnerTemp = join(temp, 'runner-temp');
  const artifacts = join(temp, 'artifacts');
  for (const dir of [workspace, runnerTemp, artifacts]) mkdirSync(dir);
  const dotenv = join(temp, '.env');
  writeDotenv(dotenv, {
    INPUT_MODE: 'profile',
    INPUT_EMBEDDER: writeVersionEmbedder(workspace),
    'INPUT_BATCH-SIZES': '8',
    INPUT_LENGTHS: '10',
    INPUT_PRESET: 'smoke',
    INPUT_PROCESSES: '3',
    INPUT_ANALYSIS: 'false',
    'INPUT_WORKING-DIRECTORY': workspace,
    GITHUB_EVENT_NAME: 'workflow_dispatch',
    GITHUB_REPOSITORY: 'octo-org/octo-repo',
    GITHUB_WORKSPACE: workspace,
    GITHUB_STEP_SUMMARY: join(temp, 'summary.md'),
    RUNNER_TEMP: runnerTemp,
    LOCAL_ACTION_WORKSPACE: workspace,
    LOCAL_ACTION_ARTIFACT_PATH: artifacts,
    // The measurement workers are forked from src/measure/protocol/: tsx must load their .ts sources too.
    NODE_OPTIONS: `--import=${pathToFileURL(TSX_LOADER).href}`,
    EMBEDPROF_CACHE_DIR: testCacheDir,
  });
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? tmpdir(),
  };
  // local-action stubs @actions/* at the paths `npm ls` prints; with node_modules a symlink (a git worktree
  // sharing another checkout's) node would load them by their real path and miss the stubs.
  if (realpathSync('node_modules') !== resolve('node_modules')) env.NODE_OPTIONS = '--preserve-symlinks';

  const run = await runLocalAction(['run', resolve('.'), 'src/faces/action/main.ts', dotenv], env, 120_000);
  const describe = `exit ${run.exitCode}\n--- stdout\n${run.stdout}\n--- stderr\n${run.stderr}`;
  assert.equal(run.exitCode, 0, describe);
  // local-action exits 0 even after core.setFailed: the failure shows as an ::error:: line.
  assert.doesNotMatch(run.stdout, /^::error::/m, describe);
  const reportDir = join(runnerTemp, 'embedprof-out');
  assert.match(run.stdout, new RegExp(`^::set-output name=report-dir::${reportDir}$`, 'm'), describe);
  assert.match(run.stdout, /^::set-output name=verdict::none$/m, describe);
  assert.match(run.stdout, /^::set-output name=throughput::\d/m, describe);
  assert.match(run.stdout, /Action Outputs[\s\S]*'peak-memory-mb'[\s\S]*'report-dir'/, describe);
  const profile = JSON.parse(readFileSync(join(reportDir, 'profile.json'), 'utf8')) as {
    environment: { node: string };
  };
  assert.ok(
    Number(profile.environment.node.split('.')[0]) >= 22,
    `action ran on node ${profile.environment.node}`,
  );
  const versions = readFileSync(join(workspace, 'versions.txt'), 'utf8').trim().split('\n');
  assert.equal(versions.length, 3 * 2, 'a worker per process of both cells');
  for (const version of versions) assert.ok(Number(version.slice(1).split('.')[0]) >= 22, version);
  assert.ok(existsSync(join(artifacts, 'embedprof.zip')), 'the stubbed artifact client wrote the artifact');
  assert.match(readFileSync(join(temp, 'summary.md'), 'utf8'), /batch 8/);
});
