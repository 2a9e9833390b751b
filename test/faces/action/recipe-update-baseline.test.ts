/**
 * update-baseline.yml on workflow_dispatch, run as released (as recipe-jobs.test.ts runs the pull-request
 * recipes) in the service repository: the baseline file is written where the recipe's pull request takes it
 * from. Nothing is compared.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { startServers } from './action-fixtures.js';
import { readRecipeStep } from './recipe-steps.js';
import { createServiceRepository, runJob } from './recipe-service.js';
import { describeRun } from './run-action-process.js';

test('update-baseline.yml on workflow_dispatch', async (t) => {
  const repo = createServiceRepository();
  const update = readRecipeStep('update-baseline.yml', 'update', { 'inputs.name': 'main' });
  const payload = 'workflow_dispatch.json';
  const servers = await startServers(t);
  const run = await runJob(t, servers, {
    step: update,
    event: 'workflow_dispatch',
    payload,
    workspace: repo,
  });
  assert.equal(run.exitCode, 0, describeRun(run));
  assert.equal(run.outputs.get('baseline-path'), 'baselines/main.json');
  assert.ok(existsSync(join(repo, 'baselines', 'main.json')));
});
