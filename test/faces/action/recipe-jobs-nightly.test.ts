/**
 * nightly.yml on two nights against a real bare origin, run as released (as recipe-jobs.test.ts runs the
 * pull-request recipes): each night passes (the second one's check judges a chained duet of the same code),
 * leaves the Pages folder and its artifact, and both records land on the data branch.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { runGit } from '../../decide/duet/git-fixture.js';
import { startServers } from './action-fixtures.js';
import { readRecipeStep, useSmokePreset } from './recipe-steps.js';
import { createServiceRepository, headOf, runJob } from './recipe-service.js';
import { describeRun } from './run-action-process.js';

test('nightly.yml on two nights', async (t) => {
  const repo = createServiceRepository();
  const bare = mkdtempSync(join(tmpdir(), 'embedprof-origin-'));
  runGit(bare, ['init', '--bare', '--initial-branch=master']);
  runGit(repo, ['remote', 'add', 'origin', bare]);
  runGit(repo, ['push', '-q', 'origin', 'HEAD:master']);
  const step = useSmokePreset(readRecipeStep('nightly.yml', 'history'));
  for (const night of [1, 2]) {
    if (night > 1) runGit(repo, ['commit', '-q', '--allow-empty', '-m', `night ${night}`]);
    const env = { GITHUB_SHA: headOf(repo), GITHUB_REF: 'refs/heads/master' };
    const servers = await startServers(t); // each night is a workflow run of its own
    const run = await runJob(t, servers, {
      step,
      event: 'schedule',
      payload: 'schedule.json',
      workspace: repo,
      env,
    });
    assert.equal(run.exitCode, 0, describeRun(run));
    assert.ok(existsSync(join(run.runnerTemp, 'embedprof-out', 'site', 'index.html')), 'the Pages folder');
    const uploaded = servers.artifacts.artifacts().map((artifact) => artifact.name);
    assert.deepEqual(uploaded, ['embedprof-nightly']);
  }
  const records = runGit(bare, ['ls-tree', '--name-only', 'embedprof-data', 'records/']).split('\n');
  assert.equal(records.length, 2, records.join(', '));
});
