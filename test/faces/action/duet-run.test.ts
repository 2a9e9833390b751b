/**
 * The action's default on pull requests is duet mode: the workspace is a git repository whose head commit
 * made the custom embedder 2.5× slower; the payload's base sha is the commit before. The base is measured side
 * by side in a worktree, the check fails on throughput and the comment says how the comparison was made.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test, type TestContext } from 'node:test';
import { comparisonSchema } from '../../../src/decide/compare/comparison-schema.js';
import { commitAll, createBaseRepository, runGit, writeEmbedder } from '../../decide/duet/git-fixture.js';
import { startServers } from './action-fixtures.js';
import { describeRun, runActionProcess } from './run-action-process.js';
import { listMessages } from './workflow-commands.js';

function writePayload(repo: string, baseSha: string, headSha: string): string {
  const payload = JSON.parse(readFileSync(resolve('test/fixtures/events/pull_request.opened.json'), 'utf8'));
  payload.pull_request.base.sha = baseSha;
  payload.pull_request.head.sha = headSha;
  const path = join(repo, '.event.json');
  writeFileSync(path, JSON.stringify(payload));
  return path;
}

/** The action on a pull request from the repository's base `baseSha` to its HEAD, as the runner runs it. */
async function runPullRequest(t: TestContext, repo: string, baseSha: string) {
  const headSha = runGit(repo, ['rev-parse', 'HEAD']);
  const { github, artifacts } = await startServers(t);
  const run = await runActionProcess(t, {
    event: 'pull_request',
    payload: writePayload(repo, baseSha, headSha),
    inputs: { 'time-budget': '40' },
    github,
    artifacts,
    workspace: repo,
  });
  return { run, github };
}

test('on a pull request the action measures the base commit side by side and fails a 2.5× slowdown', async (t) => {
  const repo = createBaseRepository();
  const baseSha = runGit(repo, ['rev-parse', 'HEAD']);
  writeEmbedder(repo, 1.5);
  commitAll(repo, 'slower');
  const { run, github } = await runPullRequest(t, repo, baseSha);
  assert.equal(run.exitCode, 1, describeRun(run));
  assert.equal(run.outputs.get('verdict'), 'regression');
  const outDir = join(run.runnerTemp, 'embedprof-out');
  const comparison = comparisonSchema.parse(
    JSON.parse(readFileSync(join(outDir, 'comparison.json'), 'utf8')),
  );
  assert.deepEqual(comparison.reference, { kind: 'base-ref', ref: baseSha, commit: baseSha });
  const [comment] = github.comments(7);
  assert.match(comment?.body ?? '', /measured side by side/);
  assert.equal(runGit(repo, ['worktree', 'list']).split('\n').length, 1, 'the base worktree is removed');
});

test('on a pull request whose head embedder throws, the check fails with the cell and the cause first', async (t) => {
  const repo = createBaseRepository();
  const baseSha = runGit(repo, ['rev-parse', 'HEAD']);
  const throwing =
    'export async function createEmbedder() {\n  return { async embed() { throw new Error("boom from the head"); } };\n}\n';
  writeFileSync(join(repo, 'embedder.mjs'), throwing);
  commitAll(repo, 'broken embedder');
  const { run, github } = await runPullRequest(t, repo, baseSha);
  assert.equal(run.exitCode, 1, describeRun(run));
  const [comment] = github.comments(7);
  const firstLine = comment?.body.split('\n')[0] ?? '';
  assert.match(firstLine, /^❌ Failed: batch 32: the embedder threw \\?\(boom from the head\\?\)/);
  const failures = listMessages(run.commands, 'error');
  assert.match(failures.at(-1) ?? '', /^embedprof gate failed: ❌ Failed: batch 32: the embedder threw/);
  assert.equal(run.outputs.get('regression'), 'true');
});
