/**
 * The README quick start in a repository that has no embedprof yet: the pull request that adds
 * embedprof.config.json goes green with a comment saying embedprof was added (its base has nothing to
 * measure), and the next pull request is measured side by side with its base (duet mode).
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { comparisonSchema } from '../../../src/decide/compare/comparison-schema.js';
import { commitAll, createBaseRepository, runGit, writeConfig } from '../../decide/duet/git-fixture.js';
import { startServers } from './action-fixtures.js';
import { describeRun, runActionProcess } from './run-action-process.js';

function writePayload(repo: string, baseSha: string, headSha: string, name: string): string {
  const payload = JSON.parse(readFileSync(resolve('test/fixtures/events/pull_request.opened.json'), 'utf8'));
  payload.pull_request.base.sha = baseSha;
  payload.pull_request.head.sha = headSha;
  const path = join(repo, `.event-${name}.json`);
  writeFileSync(path, JSON.stringify(payload));
  return path;
}

/** The noise of one run must not decide these tests: wide thresholds, the paired design does the rest. */
const INPUTS = { 'time-budget': '40', 'max-throughput-drop': '0.5', 'max-memory-growth': '3' };

test('the pull request adding embedprof goes green with a comment; the next one runs in duet mode', async (t) => {
  const repo = createBaseRepository(false);
  const before = runGit(repo, ['rev-parse', 'HEAD']);
  writeConfig(repo);
  commitAll(repo, 'add embedprof');
  const adding = runGit(repo, ['rev-parse', 'HEAD']);
  const first = await startServers(t);
  const payload = writePayload(repo, before, adding, 'first');
  const common = { event: 'pull_request', inputs: INPUTS, workspace: repo };
  const run = await runActionProcess(t, { ...common, payload, ...first });
  assert.equal(run.exitCode, 0, describeRun(run));
  const [comment] = first.github.comments(7);
  const headline = comment?.body.split('\n')[0] ?? '';
  assert.match(headline, /^ℹ️ embedprof added in this pull request, nothing to compare with yet: /, headline);
  assert.match(headline, /has no embedprof\.config\.json/);
  assert.match(headline, /once this is merged, every pull request is measured side by side with its base/);
  assert.equal(run.outputs.get('verdict'), 'none');

  writeFileSync(join(repo, 'NOTES.md'), 'docs only\n');
  commitAll(repo, 'docs');
  const second = await startServers(t);
  const next = await runActionProcess(t, {
    ...common,
    payload: writePayload(repo, adding, runGit(repo, ['rev-parse', 'HEAD']), 'second'),
    ...second,
  });
  assert.equal(next.exitCode, 0, describeRun(next));
  const outDir = join(next.runnerTemp, 'embedprof-out');
  const comparison = comparisonSchema.parse(
    JSON.parse(readFileSync(join(outDir, 'comparison.json'), 'utf8')),
  );
  assert.deepEqual(comparison.reference, { kind: 'base-ref', ref: adding, commit: adding });
});
