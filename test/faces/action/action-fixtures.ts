/**
 * Shared pieces of the action's process tests: a workspace folder, the tiny sweep every run measures (one
 * batch cell and one length cell, 2 processes, no analysis: a few seconds), the custom embedders, and a
 * baseline recorded with the CLI the way a user would.
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, type TestContext } from 'node:test';
import { startArtifactServer, type ArtifactServer } from '../../helpers/artifact-server.js';
import {
  startGitHubApiServer,
  type GitHubApiServer,
  type SeedComment,
  type SeedPull,
} from '../../helpers/github-api-server.js';
import { runCli } from '../../helpers/run-cli.js';

export const EMBEDDERS = resolve('test/fixtures/embedders');
/** The toy embedder holding EMBEDPROF_BALLAST_MB megabytes: 0 records the baseline, 160 regresses memory. */
export const BALLAST_EMBEDDER = join(EMBEDDERS, 'ballast-embedder.mjs');
export const TOY_EMBEDDER = join(EMBEDDERS, 'toy-embedder.mjs');
export const REGRESSION_BALLAST_MB = '160';

export const HEAD_OPENED = '3f1c9a0d5e7b2468ace013579bdf02468ace1357';
export const HEAD_SYNC = '7a2b4c6d8e0f1a3b5c7d9e1f2a4b6c8d0e2f4a6b';
export const HEAD_FORK = 'c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f7';
export const BASE_SHA = '9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a291807';

/** The action inputs of the tiny sweep, gated on memory only: deterministic with the ballast embedder. */
export const SWEEP_INPUTS: Record<string, string> = {
  embedder: BALLAST_EMBEDDER,
  'batch-sizes': '8',
  lengths: '10',
  preset: 'smoke',
  processes: '3',
  analysis: 'false',
  'fail-on': 'memory',
  'max-memory-growth': '0.5',
  'time-budget': '30',
};

/** The same sweep as CLI flags, to record baselines. */
const SWEEP_FLAGS = ['--embedder', BALLAST_EMBEDDER, '--batch-sizes', '8', '--lengths', '10'];
const SWEEP_RUN_FLAGS = ['--preset', 'smoke', '--processes', '2', '--no-analysis', '--quiet'];

/** A temporary GITHUB_WORKSPACE, removed when the test file ends: call it at the top level of a test file. */
export function createWorkspace(prefix = 'embedprof-workspace-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

export interface Servers {
  github: GitHubApiServer;
  artifacts: ArtifactServer;
}

export async function startServers(
  t: TestContext,
  seeds: { pulls?: SeedPull[]; comments?: SeedComment[] } = {},
): Promise<Servers> {
  const { pulls = [], comments = [] } = seeds;
  return {
    github: await startGitHubApiServer(t, { owner: 'octo-org', repo: 'octo-repo', pulls, seed: comments }),
    artifacts: await startArtifactServer(t),
  };
}

/** Profiles the sweep without ballast and records it as `dir/main.json` with the CLI. */
export function recordBaseline(workspace: string, dir = join(workspace, 'baselines')): string {
  const out = join(workspace, '.baseline-profile');
  const profiled = runCli(['profile', ...SWEEP_FLAGS, ...SWEEP_RUN_FLAGS, '--out', out], { cwd: workspace });
  assert.equal(profiled.status, 0, profiled.stderr);
  const from = join(out, 'profile.json');
  const recorded = runCli(['baseline', 'update', '--from', from, '--name', 'main', '--dir', dir]);
  assert.equal(recorded.status, 0, recorded.stderr);
  return join(dir, 'main.json');
}
