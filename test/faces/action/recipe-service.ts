/**
 * The service repository the recipe-job tests run in, as in a user's repository: package.json and its lock, and
 * an embedprof.config.json naming a custom embedder and a tiny sweep; and a recipe step run as a job of it.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { commitAll, createBaseRepository, runGit, writeConfig } from '../../decide/duet/git-fixture.js';
import type { Servers } from './action-fixtures.js';
import type { RecipeStep } from './recipe-steps.js';
import { runActionProcess, type ActionRun } from './run-action-process.js';

/**
 * Three cells (two batch sizes, one length), two processes (three a side where compared), a short budget, and
 * wide thresholds: these are wiring tests, so an unchanged embedder's sub-millisecond batches resolve "no
 * change" on a noisy machine, while the 2.5× slower push (−60 %) stays far beyond half of 50 %.
 */
const SERVICE_CONFIG = {
  schemaVersion: 1,
  preset: 'smoke', // windows of tenths of a second (a step's own preset input still wins: see recipe-steps.ts)
  embedder: './embedder.mjs',
  batchSizes: [8, 32],
  lengths: [64],
  processes: 2, // a comparison raises it to 3 and says so; a run that compares nothing keeps it
  analysis: false,
  gate: { timeBudgetSeconds: 40, maxThroughputDrop: 0.5, maxMemoryGrowth: 1 },
};

/** A service repository: package.json and its lock (no dependencies: `npm ci` works offline), the config. */
export function createServiceRepository(): string {
  const repo = createBaseRepository(false);
  writeConfig(repo, SERVICE_CONFIG);
  writeFileSync(join(repo, 'package.json'), JSON.stringify({ name: 'svc', version: '1.0.0', private: true }));
  const lock = { name: 'svc', version: '1.0.0', lockfileVersion: 3, requires: true, packages: {} };
  lock.packages = { '': { name: 'svc', version: '1.0.0' } };
  writeFileSync(join(repo, 'package-lock.json'), JSON.stringify(lock));
  commitAll(repo, 'service with embedprof');
  return repo;
}

export interface JobRequest {
  step: RecipeStep;
  event: string;
  payload: string;
  workspace: string;
  env?: Record<string, string>;
}

export function runJob(t: TestContext, servers: Servers, job: JobRequest): Promise<ActionRun> {
  const { step, ...rest } = job;
  return runActionProcess(t, { ...rest, ...servers, inputs: step.inputs, npmCi: step.npmCi });
}

export const headOf = (repo: string) => runGit(repo, ['rev-parse', 'HEAD']);
