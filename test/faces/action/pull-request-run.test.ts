/**
 * The action on pull requests, run as the runner runs it (a child process, INPUT_* variables, a webhook
 * payload file, loopback REST API and artifact service). The regression is a deterministic one: the ballast
 * embedder holds 160 MB more than the baseline recorded from it without ballast, gated on memory.
 */
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { before, test, type TestContext } from 'node:test';
import { READ_ONLY_WARNING } from '../../../src/faces/action/publish-comment.js';
import { COMMENT_MARKER } from '../../../src/report/markdown/comment-markdown.js';
import { readZipEntries } from '../../helpers/read-zip.js';
import { BOT_LOGIN, type GitHubApiServer } from '../../helpers/github-api-server.js';
import {
  BASE_SHA,
  createWorkspace,
  HEAD_FORK,
  HEAD_OPENED,
  HEAD_SYNC,
  recordBaseline,
  REGRESSION_BALLAST_MB,
  startServers,
  SWEEP_INPUTS,
} from './action-fixtures.js';
import { describeRun, runActionProcess, TEST_TOKEN, type ActionRun } from './run-action-process.js';
import {
  assertArtifactHoldsFolder,
  assertNoTokenLeak,
  downloadArtifact,
  listReads,
  listWrites,
} from './run-assertions.js';
import { listMessages } from './workflow-commands.js';

const workspace = createWorkspace();

before(() => recordBaseline(workspace));

const REGRESSED = { EMBEDPROF_BALLAST_MB: REGRESSION_BALLAST_MB };
const AGAINST_BASELINE = { ...SWEEP_INPUTS, 'compare-to': 'baseline' };
/**
 * The passes test what is posted, not whether a noisy interval resolves: a 300 % memory threshold resolves
 * "no change" for any spread two processes show on an unchanged embedder (an RSS CV up to ~15 %).
 */
const WIDE = { 'max-memory-growth': '3' };

/** The first run's failure, outputs, comment and summary. */
async function assertRegressionReported(
  run: ActionRun,
  github: GitHubApiServer,
  outDir: string,
): Promise<void> {
  assert.equal(run.exitCode, 1, describeRun(run));
  const failures = listMessages(run.commands, 'error');
  assert.match(failures.at(-1) ?? '', /^embedprof gate failed: ❌ Regression: peak memory \+\d/);
  const annotated = failures.some((message) => /^peak memory at batch 8: \+[\d.]+ % /.test(message));
  assert.ok(annotated, failures.join('\n'));
  assert.equal(run.outputs.get('verdict'), 'regression');
  assert.equal(run.outputs.get('regression'), 'true');
  assert.match(run.outputs.get('throughput') ?? '', /^\d+(\.\d+)?$/);
  assert.ok(Number(run.outputs.get('peak-memory-mb')) > 160, run.outputs.get('peak-memory-mb'));
  assert.equal(run.outputs.get('report-dir'), outDir);
  const [comment, ...more] = github.comments(7);
  assert.ok(comment !== undefined && more.length === 0);
  assert.equal(comment.body, await readFile(join(outDir, 'comment.md'), 'utf8'));
  assert.ok(comment.body.includes(COMMENT_MARKER));
  assert.equal(run.outputs.get('comment-url'), comment.html_url);
  assert.match(run.summary, /Regression/);
  assert.equal(run.summary.trim(), (await readFile(join(outDir, 'summary.md'), 'utf8')).trim());
}

const REPORT_FILES = [
  'profile.json',
  'comparison.json',
  'comment.md',
  'summary.md',
  'report.html',
  'pr.json',
];

test('a regression fails the check, posts one comment, then updates it in place on the next push', async (t) => {
  const { github, artifacts } = await startServers(t);
  const common = { event: 'pull_request', inputs: AGAINST_BASELINE, github, workspace, env: REGRESSED };
  const opened = await runActionProcess(t, { ...common, payload: 'pull_request.opened.json', artifacts });
  const outDir = join(opened.runnerTemp, 'embedprof-out');
  await assertRegressionReported(opened, github, outDir);
  const [artifact, ...others] = artifacts.artifacts();
  assert.ok(artifact !== undefined && others.length === 0);
  assert.equal(artifact.name, 'embedprof');
  assert.equal(opened.outputs.get('artifact-id'), String(artifact.id));
  const zip = await assertArtifactHoldsFolder(artifact, outDir);
  for (const file of REPORT_FILES) assert.ok(zip.has(file), file);
  const pr: unknown = JSON.parse(zip.get('pr.json')?.toString('utf8') ?? '');
  assert.deepEqual(pr, { schemaVersion: 1, number: 7, headSha: HEAD_OPENED, baseSha: BASE_SHA });
  assertNoTokenLeak(opened, zip);

  const next = await startServers(t);
  const payload = 'pull_request.synchronize.json';
  const pushed = await runActionProcess(t, { ...common, payload, artifacts: next.artifacts });
  assert.equal(pushed.exitCode, 1, describeRun(pushed));
  const [comment] = github.comments(7);
  assert.deepEqual(listWrites(github.requests), [
    'POST /repos/octo-org/octo-repo/issues/7/comments',
    `PATCH /repos/octo-org/octo-repo/issues/comments/${comment?.id}`,
  ]);
  assert.equal(github.comments(7).length, 1);
  assert.ok(github.requests.every((request) => request.authorization === `token ${TEST_TOKEN}`));
  const [updated] = next.artifacts.artifacts();
  const updatedPr = updated === undefined ? undefined : readZipEntries(updated.zip).get('pr.json');
  assert.equal(JSON.parse(updatedPr?.toString('utf8') ?? '{}').headSha, HEAD_SYNC);
});

/** 120 review comments on pull request 7: a marker comment after them is on page 2 of 100-comment pages. */
const CROWD = Array.from({ length: 120 }, (_, index) => ({ issue: 7, body: `review note ${index}` }));
const LISTED_PAGES = [{ per_page: '100' }, { per_page: '100', page: '2' }];

test('a pass with no change posts no comment (comment: on-change) and succeeds', async (t) => {
  const { github, artifacts } = await startServers(t, { comments: CROWD });
  const run = await runActionProcess(t, {
    event: 'pull_request',
    payload: 'pull_request.opened.json',
    inputs: { ...AGAINST_BASELINE, ...WIDE },
    github,
    artifacts,
    workspace,
  });
  assert.equal(run.exitCode, 0, describeRun(run));
  assert.equal(run.outputs.get('verdict'), 'no-change');
  assert.equal(run.outputs.get('regression'), 'false');
  assert.equal(run.outputs.get('comment-url'), undefined);
  assert.deepEqual(listReads(github.requests), LISTED_PAGES, 'every page searched for an earlier comment');
  assert.deepEqual(listWrites(github.requests), []);
  assert.deepEqual(listMessages(run.commands, 'error'), []);
  assert.deepEqual(listMessages(run.commands, 'warning'), []);
  assert.match(run.summary, /Pass/);
  assert.equal(artifacts.artifacts().length, 1);
});

test('a pass updates an earlier embedprof comment found on page 2; duet mode falls back to the baseline', async (t) => {
  const stale = { issue: 7, body: `❌ Regression\n${COMMENT_MARKER}\n`, login: BOT_LOGIN };
  const { github, artifacts } = await startServers(t, { comments: [...CROWD, stale] });
  const run = await runActionProcess(t, {
    event: 'pull_request',
    payload: 'pull_request.opened.json',
    inputs: { ...SWEEP_INPUTS, ...WIDE },
    github,
    artifacts,
    workspace,
  });
  assert.equal(run.exitCode, 0, describeRun(run));
  assert.ok(run.stdout.includes(`against = ${BASE_SHA} (the pull_request event)`), run.stdout);
  assert.ok(run.stdout.includes('baseline = baselines (baselines/ exists)'), run.stdout);
  const [fallback, ...otherWarnings] = listMessages(run.commands, 'warning');
  assert.match(
    fallback ?? '',
    /^The base could not be measured side by side \(.*not inside a git repository\)/,
  );
  assert.deepEqual(otherWarnings, []);
  assert.equal(run.outputs.get('verdict'), 'no-change');
  const updated = github.comments(7).at(-1);
  assert.ok(updated !== undefined && updated.body.startsWith('✅ Pass'), updated?.body);
  assert.deepEqual(listReads(github.requests), LISTED_PAGES);
  assert.deepEqual(listWrites(github.requests), [
    `PATCH /repos/octo-org/octo-repo/issues/comments/${updated.id}`,
  ]);
  assert.equal(run.outputs.get('comment-url'), updated.html_url);
});

test('a fork pull request: 403 on the comment is a warning; the workflow_run recipe then posts it', async (t) => {
  const { github, artifacts } = await startServers(t, {
    pulls: [
      { number: 12, headSha: HEAD_FORK, baseSha: BASE_SHA, headRepo: 'contributor/octo-repo' },
      { number: 7, headSha: HEAD_SYNC, baseSha: BASE_SHA },
    ],
  });
  github.setFault({ kind: 'read-only' });
  const fork = await runActionProcess(t, {
    event: 'pull_request',
    payload: 'pull_request.fork.json',
    inputs: AGAINST_BASELINE,
    github,
    artifacts,
    workspace,
    env: REGRESSED,
  });
  assert.equal(fork.exitCode, 1, describeRun(fork));
  assert.ok(listMessages(fork.commands, 'warning').includes(READ_ONLY_WARNING), describeRun(fork));
  assert.match(listMessages(fork.commands, 'error').at(-1) ?? '', /^embedprof gate failed: ❌ Regression/);
  assert.match(fork.summary, /Regression/);
  assert.equal(fork.outputs.get('comment-url'), undefined);
  assert.deepEqual(github.comments(12), []);
  const [artifact] = artifacts.artifacts();
  assert.ok(artifact !== undefined);
  assertNoTokenLeak(fork, await assertArtifactHoldsFolder(artifact, join(fork.runnerTemp, 'embedprof-out')));
  assert.ok(!fork.stdout.includes('echo $(id)'), 'the branch name is never used');
  github.setFault(undefined);

  const downloaded = join(workspace, 'downloaded');
  const files = await downloadArtifact(artifact, downloaded);
  await writeFile(join(downloaded, 'comment.md'), `pwned @everyone ${COMMENT_MARKER}`);
  const inputs = { mode: 'comment', 'report-dir': 'downloaded' };
  const runRecipe = (t: TestContext) =>
    runActionProcess(t, {
      event: 'workflow_run',
      payload: 'workflow_run.completed.json',
      inputs,
      github,
      artifacts,
      workspace,
    });
  await t.test('mode comment re-renders the comment and posts it on the verified pull request', async (t) => {
    const run = await runRecipe(t);
    assert.equal(run.exitCode, 0, describeRun(run));
    const [posted, ...others] = github.comments(12);
    assert.ok(posted !== undefined && others.length === 0);
    assert.equal(
      posted.body,
      files.get('comment.md')?.toString('utf8'),
      'the project renderer, not the artifact',
    );
    assert.equal(run.outputs.get('comment-url'), posted.html_url);
    assert.equal(run.outputs.get('verdict'), 'regression');
    assert.doesNotMatch(run.stdout, /onnxruntime-node/, 'mode comment measures nothing: no runtime provided');
    assert.ok(github.requests.some((request) => request.path === '/repos/octo-org/octo-repo/pulls/12'));
  });
  await t.test('mode comment posts nothing and succeeds when the pull request moved on', async (t) => {
    const moved = { schemaVersion: 1, number: 7, headSha: HEAD_FORK, baseSha: BASE_SHA };
    await writeFile(join(downloaded, 'pr.json'), JSON.stringify(moved));
    const before = github.requests.length;
    const run = await runRecipe(t);
    assert.equal(run.exitCode, 0, describeRun(run));
    const line = `Pull request #7 moved on to ${HEAD_SYNC}: this run measured ${HEAD_FORK}; nothing posted`;
    assert.ok(run.stdout.includes(line), describeRun(run));
    assert.ok(run.summary.startsWith(line), run.summary);
    assert.match(run.summary, /Regression/);
    assert.equal(run.outputs.get('verdict'), 'regression');
    assert.equal(run.outputs.get('comment-url'), undefined);
    assert.deepEqual(listWrites(github.requests.slice(before)), [], 'nothing posted');
    assert.deepEqual(listMessages(run.commands, 'error'), [], 'no annotations about the old head');
  });
  await t.test('mode comment refuses a pr.json naming a pull request the API does not know', async (t) => {
    const unknown = { schemaVersion: 1, number: 99, headSha: HEAD_FORK, baseSha: BASE_SHA };
    await writeFile(join(downloaded, 'pr.json'), JSON.stringify(unknown));
    const before = github.requests.length;
    const run = await runRecipe(t);
    assert.equal(run.exitCode, 1, describeRun(run));
    const [failure, ...more] = listMessages(run.commands, 'error');
    assert.deepEqual(more, []);
    assert.match(failure ?? '', /^pr\.json in report-dir: expected the number of a pull request .*#99.*404/);
    assert.deepEqual(listWrites(github.requests.slice(before)), []);
  });
});
