/**
 * The pull-request recipe jobs users copy (pr.yml, pr-comment.yml, pr-sharded.yml), run as released: a copy of
 * action.yml, dist/ and package.json in a folder with no node_modules/ (run-action-process.ts), on Node 24,
 * with INPUT_* exactly as the recipe's `with:` sets them and `npm ci` before the step only where the recipe runs
 * it (mode comment and mode merge run without any onnxruntime-node). What is measured comes from the service
 * repository's embedprof.config.json (recipe-service.ts): a tiny sweep of a custom embedder. The recipes outside
 * pull requests: recipe-jobs-nightly.test.ts.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { commitAll, writeEmbedder } from '../../decide/duet/git-fixture.js';
import { startArtifactServer, type FinalizedArtifact } from '../../helpers/artifact-server.js';
import { startServers } from './action-fixtures.js';
import { readRecipeStep, useSmokePreset } from './recipe-steps.js';
import { createServiceRepository, headOf, runJob } from './recipe-service.js';
import { describeRun, type ActionRun } from './run-action-process.js';
import { downloadArtifact } from './run-assertions.js';
import { listMessages } from './workflow-commands.js';

/** A pull_request payload (`action`) from the repository's `base` to `head`, written beside it. */
function writePullPayload(repo: string, action: string, base: string, head: string): string {
  const file = action === 'opened' ? 'pull_request.opened.json' : 'pull_request.synchronize.json';
  const payload = JSON.parse(readFileSync(resolve('test/fixtures/events', file), 'utf8'));
  payload.pull_request.base.sha = base;
  payload.pull_request.head.sha = head;
  const path = join(repo, `.event-${action}.json`);
  writeFileSync(path, JSON.stringify(payload));
  return path;
}

function writeRunPayload(dir: string, head: string): string {
  const payload = JSON.parse(
    readFileSync(resolve('test/fixtures/events/workflow_run.completed.json'), 'utf8'),
  );
  payload.workflow_run.head_sha = head;
  const path = join(dir, '.event-workflow-run.json');
  writeFileSync(path, JSON.stringify(payload));
  return path;
}

/** A later job's checkout: a fresh folder holding the downloaded artifacts, no node_modules. */
async function downloadInto(artifacts: FinalizedArtifact[], folder: (a: FinalizedArtifact) => string) {
  const workspace = mkdtempSync(join(tmpdir(), 'embedprof-download-'));
  for (const artifact of artifacts) await downloadArtifact(artifact, join(workspace, folder(artifact)));
  return workspace;
}

function assertMeasuredNothing(run: ActionRun): void {
  assert.doesNotMatch(run.stdout, /onnxruntime-node \d/, 'no runtime provided: this job measures nothing');
  assert.ok(!existsSync(join(run.runnerTemp, 'embedprof-out', 'worker')), describeRun(run));
}

test('pr.yml, then pr-comment.yml from its artifact: a docs-only pull request, a 2.5× slower push', async (t) => {
  const repo = createServiceRepository();
  const base = headOf(repo);
  const servers = await startServers(t);
  const step = readRecipeStep('pr.yml', 'embedprof');
  assert.equal(step.npmCi, true);
  writeFileSync(join(repo, 'NOTES.md'), 'docs only\n');
  commitAll(repo, 'docs');
  const opened = { step, event: 'pull_request', workspace: repo };
  const first = await runJob(t, servers, {
    ...opened,
    payload: writePullPayload(repo, 'opened', base, headOf(repo)),
  });
  assert.equal(first.exitCode, 0, describeRun(first));
  assert.equal(first.outputs.get('regression'), 'false');
  assert.match(first.stdout, /base-setup|npm ci/, 'base-setup ran in the base worktree');

  writeEmbedder(repo, 1.5);
  commitAll(repo, 'slower');
  const head = headOf(repo);
  const pushed = { github: servers.github, artifacts: await startArtifactServer(t) }; // a new workflow run
  const second = await runJob(t, pushed, { ...opened, payload: writePullPayload(repo, 'sync', base, head) });
  assert.equal(second.exitCode, 1, describeRun(second));
  assert.equal(second.outputs.get('verdict'), 'regression');
  const comments = servers.github.comments(7);
  assert.equal(comments.length, 1, 'one comment, edited in place');
  assert.match(comments[0]?.body ?? '', /^❌ Regression/);

  const [artifact, ...more] = pushed.artifacts.artifacts();
  assert.deepEqual(more, []);
  assert.equal(artifact?.name, 'embedprof');
  const commentStep = readRecipeStep('pr-comment.yml', 'comment');
  assert.equal(commentStep.npmCi, false);
  const reportDir = commentStep.inputs['report-dir'] ?? '';
  const checkout = await downloadInto([artifact], () => reportDir);
  const followUp = await startServers(t, { pulls: [{ number: 7, headSha: head, baseSha: base }] });
  const payload = writeRunPayload(checkout, head);
  const posted = await runJob(t, followUp, {
    step: commentStep,
    event: 'workflow_run',
    payload,
    workspace: checkout,
  });
  assert.equal(posted.exitCode, 0, describeRun(posted));
  assertMeasuredNothing(posted);
  assert.match(followUp.github.comments(7)[0]?.body ?? '', /^❌ Regression/);
});

test('pr-sharded.yml: three shard jobs, then the merge job gates the whole sweep once', async (t) => {
  const repo = createServiceRepository();
  const base = headOf(repo);
  writeEmbedder(repo, 1.5);
  commitAll(repo, 'slower');
  const payload = writePullPayload(repo, 'opened', base, headOf(repo));
  const servers = await startServers(t);
  for (const shard of ['1', '2', '3']) {
    const step = useSmokePreset(readRecipeStep('pr-sharded.yml', 'shard', { 'matrix.shard': shard }));
    const run = await runJob(t, servers, { step, event: 'pull_request', payload, workspace: repo });
    assert.equal(run.exitCode, 0, describeRun(run));
  }
  assert.deepEqual(servers.github.comments(7), [], 'shards do not comment');
  const shards = servers.artifacts.artifacts();
  assert.deepEqual(
    shards.map((artifact) => artifact.name),
    ['embedprof-shard-1-of-3', 'embedprof-shard-2-of-3', 'embedprof-shard-3-of-3'],
  );
  const step = readRecipeStep('pr-sharded.yml', 'merge');
  assert.equal(step.npmCi, false);
  const checkout = await downloadInto(shards, (artifact) =>
    join(step.inputs['report-dir'] ?? '', artifact.name),
  );
  const merged = await runJob(t, servers, { step, event: 'pull_request', payload, workspace: checkout });
  assert.equal(merged.exitCode, 1, describeRun(merged));
  assertMeasuredNothing(merged);
  assert.equal(merged.outputs.get('verdict'), 'regression');
  assert.match(listMessages(merged.commands, 'error').at(-1) ?? '', /^embedprof gate failed: ❌ Regression/);
  assert.equal(servers.github.comments(7).length, 1);
});
