/**
 * Unit tests of the output side with a fake platform: the sticky comment (marker search, on-change policy,
 * read-only tokens), the step outputs, the annotations and the step's status.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildResultOutputs, pickHeadlineThroughput } from '../../../src/faces/action/action-outputs.js';
import type { IssueCommentInfo } from '../../../src/faces/action/action-platform.js';
import { listAnnotations } from '../../../src/faces/action/annotations.js';
import {
  publishComment,
  READ_ONLY_WARNING,
  type CommentRequest,
} from '../../../src/faces/action/publish-comment.js';
import { classifyRunEnd, failOnExitCode } from '../../../src/faces/action/publish-results.js';
import { runAction } from '../../../src/faces/action/run-action.js';
import { decideComment, findMarkerComment, upsertComment } from '../../../src/faces/action/upsert-comment.js';
import { EMPTY_PROVENANCE } from '../../../src/decide/baseline/baseline-schema.js';
import { createBaselineFromProfile } from '../../../src/decide/baseline/from-profile.js';
import { compareProfiles } from '../../../src/decide/compare/compare-profiles.js';
import type { Comparison } from '../../../src/decide/compare/comparison-schema.js';
import { COMMENT_MARKER } from '../../../src/report/markdown/comment-markdown.js';
import type { Profile } from '../../../src/measure/protocol/profile-schema.js';
import { buildTestProfile, createTestProcess } from '../../decide/compare/test-profile.js';
import { createFakeClient, createFakePlatform } from './fake-platform.js';

const BATCH_8 = { sweep: 'batch' as const, batchSize: 8 };
const BATCH_32 = { sweep: 'batch' as const, batchSize: 32 };

function buildProfile(peakMB: number, throughput = 1000): Profile {
  const processes = (batch: number) =>
    Array.from({ length: 6 }, (_, i) =>
      createTestProcess(throughput * batch * (1 + i / 200), batch, peakMB + i),
    );
  return buildTestProfile([
    { key: BATCH_8, processes: processes(8) },
    { key: BATCH_32, processes: processes(32) },
  ]);
}

function compare(baselinePeak: number, currentPeak: number, indicativeOnly = false): Comparison {
  const baseline = createBaselineFromProfile(buildProfile(baselinePeak), {
    name: 'main',
    provenance: EMPTY_PROVENANCE,
  });
  const comparison = compareProfiles(baseline, buildProfile(currentPeak));
  return indicativeOnly
    ? { ...comparison, overall: { ...comparison.overall, indicativeOnly: true } }
    : comparison;
}

const comment = (id: number, body: string, authorType = 'User'): IssueCommentInfo => ({
  id,
  body,
  authorType,
  htmlUrl: `https://github.com/o/r/pull/7#issuecomment-${id}`,
});

test('the marker comment is found among others, a bot’s before a person’s quoting it', () => {
  const comments = [
    comment(1, 'lgtm'),
    comment(2, `quoted ${COMMENT_MARKER}`),
    comment(3, COMMENT_MARKER, 'Bot'),
  ];
  assert.equal(findMarkerComment(comments)?.id, 3);
  assert.equal(findMarkerComment(comments.slice(0, 2))?.id, 2);
  assert.equal(findMarkerComment([comment(1, 'lgtm')]), null);
});

test('on-change: a plain pass only updates an earlier comment; anything else posts', async () => {
  const pass = compare(200, 200);
  const regression = compare(200, 400);
  assert.equal(pass.overall.verdict, 'no-change');
  assert.equal(regression.overall.verdict, 'regression');
  assert.equal(decideComment('on-change', pass), 'update-only');
  assert.equal(decideComment('on-change', regression), 'upsert');
  assert.equal(decideComment('always', pass), 'upsert');
  assert.equal(decideComment('never', regression), 'skip');

  const empty = createFakeClient();
  assert.deepEqual(await upsertComment(empty, 7, 'body', 'update-only'), { kind: 'not-needed' });
  assert.deepEqual(empty.calls, ['list 7']);
  const earlier = createFakeClient([comment(5, `old ${COMMENT_MARKER}`, 'Bot')]);
  const updated = await upsertComment(earlier, 7, `new ${COMMENT_MARKER}`, 'update-only');
  assert.equal(updated.kind, 'updated');
  assert.deepEqual(earlier.calls, ['list 7', 'update 5']);
  assert.equal(earlier.comments[0]?.body, `new ${COMMENT_MARKER}`);
});

test('a 403 on the comment is the read-only warning; other failures are warnings too', async () => {
  const request: CommentRequest = {
    ...{ policy: 'always', token: 't', issue: 12, body: 'b' },
    ...{ plainPass: true, headSha: null },
  };
  for (const [status, warning] of [
    [403, READ_ONLY_WARNING],
    [502, 'Could not post the pull-request comment: HTTP 502'],
  ] as const) {
    const platform = createFakePlatform({ client: createFakeClient([], status) });
    assert.equal(await publishComment(platform, request), null);
    assert.deepEqual(platform.texts('warning'), [warning]);
    assert.deepEqual(platform.texts('failed'), []);
  }
  const tokenless = createFakePlatform();
  assert.equal(await publishComment(tokenless, { ...request, token: null }), null);
  assert.match(tokenless.texts('warning')[0] ?? '', /^No github-token/);
});

test('outputs: batch 32 is the headline throughput, else the first measured batch cell; the highest peak', () => {
  const profile = buildProfile(300, 500);
  const medianAt = (index: number) => {
    const cell = profile.batchSweep[index];
    assert.ok(cell?.status === 'measured');
    return cell.throughput.median;
  };
  assert.equal(pickHeadlineThroughput(profile), medianAt(1));
  assert.equal(
    pickHeadlineThroughput({ ...profile, batchSweep: profile.batchSweep.slice(0, 1) }),
    medianAt(0),
  );
  const outputs = buildResultOutputs(profile, compare(200, 400));
  assert.equal(outputs.verdict, 'regression');
  assert.equal(outputs.regression, 'true');
  assert.equal(outputs['peak-memory-mb'], '302.5');
  assert.deepEqual(buildResultOutputs(profile, null).verdict, 'none');
  assert.deepEqual(buildResultOutputs(profile, null).regression, 'false');
});

test('annotations: an error per regressed cell and metric, warnings when indicative only', () => {
  const errors = listAnnotations(compare(200, 400));
  assert.deepEqual(
    errors.map((item) => [item.level, item.message.split(':')[0]]),
    [
      ['error', 'peak memory at batch 8'],
      ['error', 'peak memory at batch 32'],
    ],
  );
  assert.ok(listAnnotations(compare(200, 400, true)).every((item) => item.level === 'warning'));
  assert.deepEqual(listAnnotations(compare(200, 200)), []);
  const fallback = compare(200, 200);
  fallback.reference = {
    kind: 'baseline',
    fallbackReason: 'git cannot find 9e8d here or fetch it from origin',
  };
  assert.match(
    listAnnotations(fallback)[0]?.message ?? '',
    /^The base could not be measured side by side \(git cannot find/,
  );
});

test('the step fails with the verdict on a gate failure and with the core’s message on an error', () => {
  const profile = buildProfile(400);
  const results = { outDir: '/o', profile, comparison: compare(200, 400), summary: null, comment: null };
  const gate = createFakePlatform();
  failOnExitCode(gate, { exitCode: 1, failureLine: null }, results);
  assert.match(gate.texts('failed')[0] ?? '', /^embedprof gate failed: ❌ Regression: peak memory \+/);
  const broken = createFakePlatform();
  const line = 'embedprof: input error: --corpus x: expected a corpus';
  failOnExitCode(broken, { exitCode: 2, failureLine: line }, { ...results, comparison: null });
  assert.deepEqual(broken.texts('failed'), [`embedprof stopped on an input error (exit code 2): ${line}`]);
  assert.equal(classifyRunEnd({ exitCode: 1, failureLine: null }, { ...results, comparison: null }), 'error');
  assert.equal(classifyRunEnd({ exitCode: 0, failureLine: null }, results), 'passed');
});

test('the token is masked before anything else, and a bad event is one failure message', async () => {
  const platform = createFakePlatform({
    inputs: { 'github-token': 'ghs_secret' },
    eventName: 'pull_request',
    payload: {},
  });
  await runAction(platform);
  assert.deepEqual(platform.records[0], { kind: 'secret', text: 'ghs_secret' });
  assert.equal(platform.texts('failed').length, 1);
  assert.match(platform.texts('failed')[0] ?? '', /^the pull_request event payload \(GITHUB_EVENT_PATH\)/);
});

test('a run whose pull request moved on leaves the comment to the newer run', async () => {
  const client = createFakeClient();
  client.getPullHeadSha = async () => 'b'.repeat(40);
  const platform = createFakePlatform({ client });
  const request: CommentRequest = {
    ...{ policy: 'always', token: 't', issue: 12, body: `b ${COMMENT_MARKER}` },
    ...{ plainPass: true, headSha: 'a'.repeat(40) },
  };
  assert.equal(await publishComment(platform, request), null);
  assert.deepEqual(client.comments, [], 'nothing posted');
  assert.match(
    platform.texts('info').join('\n'),
    /Pull request #12 moved on to b{40}: this run measured a{40}/,
  );
  client.getPullHeadSha = async () => 'a'.repeat(40);
  assert.ok((await publishComment(platform, request)) !== null, 'the current head comments');
});
