import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getOctokit } from '@actions/github';
import { BOT_LOGIN, startGitHubApiServer } from './github-api-server.js';

const REPO = { owner: 'octo-org', repo: 'octo-repo' };
const MARKER = '<!-- embedprof-report -->';
const TOKEN = 'ghs_loopbackToken';

/** 120 comments by other people on pull request 7, so a marker comment added after them lands on page 2. */
const crowd = Array.from({ length: 120 }, (_, index) => ({
  issue: 7,
  body: `review note ${index}`,
  login: 'octocat',
}));

function readStatus(error: unknown): number | undefined {
  return error instanceof Error && 'status' in error && typeof error.status === 'number'
    ? error.status
    : undefined;
}

test('Octokit creates a comment as github-actions[bot], sending its token', async (t) => {
  const server = await startGitHubApiServer(t, REPO);
  const octokit = getOctokit(TOKEN, { baseUrl: server.url });
  const created = await octokit.rest.issues.createComment({
    ...REPO,
    issue_number: 7,
    body: `${MARKER}\nv1`,
  });
  assert.equal(created.status, 201);
  assert.deepEqual(created.data.user, { login: BOT_LOGIN, type: 'Bot' });
  const htmlUrl = `https://github.com/octo-org/octo-repo/pull/7#issuecomment-${created.data.id}`;
  assert.equal(created.data.html_url, htmlUrl);
  assert.deepEqual(server.comments(7), [created.data]);
  assert.deepEqual(server.requests, [
    {
      method: 'POST',
      path: '/repos/octo-org/octo-repo/issues/7/comments',
      query: {},
      authorization: `token ${TOKEN}`,
      body: { body: `${MARKER}\nv1` },
    },
  ]);
});

test('Octokit pages through 121 comments 100 at a time to find the marker on page 2', async (t) => {
  const server = await startGitHubApiServer(t, { ...REPO, seed: [...crowd, { issue: 7, body: MARKER }] });
  const octokit = getOctokit(TOKEN, { baseUrl: server.url });
  const options = { ...REPO, issue_number: 7, per_page: 100 };
  const listed = await octokit.paginate(octokit.rest.issues.listComments, options);
  assert.deepEqual(listed, server.comments(7));
  assert.deepEqual(
    listed.flatMap((comment, index) => (comment.body === MARKER ? [index] : [])),
    [120],
  );
  assert.deepEqual(
    server.requests.map(({ method, path, query }) => ({ method, path, query })),
    [
      { method: 'GET', path: '/repos/octo-org/octo-repo/issues/7/comments', query: { per_page: '100' } },
      {
        method: 'GET',
        path: '/repos/octo-org/octo-repo/issues/7/comments',
        query: { per_page: '100', page: '2' },
      },
    ],
  );
});

test('Octokit updates a comment in place', async (t) => {
  const server = await startGitHubApiServer(t, {
    ...REPO,
    seed: [{ issue: 7, body: 'old', login: BOT_LOGIN }],
  });
  const octokit = getOctokit(TOKEN, { baseUrl: server.url });
  const [seeded] = server.comments(7);
  assert.ok(seeded !== undefined);
  const createdAt = seeded.created_at;
  const updated = await octokit.rest.issues.updateComment({ ...REPO, comment_id: seeded.id, body: 'new' });
  assert.equal(updated.status, 200);
  assert.equal(updated.data.body, 'new');
  assert.equal(updated.data.created_at, createdAt);
  assert.ok(updated.data.updated_at > createdAt);
  assert.deepEqual(server.comments(7), [updated.data]);
  assert.equal(server.requests[0]?.path, `/repos/octo-org/octo-repo/issues/comments/${seeded.id}`);
});

test('pages and Link headers follow api.github.com, 30 per page by default and at most 100', async (t) => {
  const server = await startGitHubApiServer(t, { ...REPO, seed: crowd });
  const base = `${server.url}/repos/octo-org/octo-repo/issues/7/comments`;
  const middle = await fetch(`${base}?page=2`);
  assert.deepEqual(await middle.json(), server.comments(7).slice(30, 60));
  assert.equal(
    middle.headers.get('link'),
    [`<${base}?page=1>; rel="prev"`, `<${base}?page=3>; rel="next"`, `<${base}?page=4>; rel="last"`]
      .concat(`<${base}?page=1>; rel="first"`)
      .join(', '),
  );
  const capped = await fetch(`${base}?per_page=500`);
  assert.deepEqual(await capped.json(), server.comments(7).slice(0, 100));
  assert.equal(
    capped.headers.get('link'),
    `<${base}?per_page=500&page=2>; rel="next", <${base}?per_page=500&page=2>; rel="last"`,
  );
  const single = await fetch(`${server.url}/repos/octo-org/octo-repo/issues/8/comments`);
  assert.deepEqual(await single.json(), []);
  assert.equal(single.headers.get('link'), null);
});

test('a read-only token is refused writes with 403, as on a fork pull request', async (t) => {
  const server = await startGitHubApiServer(t, REPO);
  server.setFault({ kind: 'read-only' });
  const octokit = getOctokit(TOKEN, { baseUrl: server.url });
  const listed = await octokit.rest.issues.listComments({ ...REPO, issue_number: 3 });
  assert.deepEqual(listed.data, []);
  await assert.rejects(
    octokit.rest.issues.createComment({ ...REPO, issue_number: 3, body: 'hi' }),
    (error) => {
      assert.equal(readStatus(error), 403);
      assert.match(String(error), /Resource not accessible by integration/);
      return true;
    },
  );
  assert.deepEqual(server.comments(3), []);
});

test('an injected status answers the next requests until its times run out', async (t) => {
  const server = await startGitHubApiServer(t, REPO);
  const octokit = getOctokit(TOKEN, { baseUrl: server.url });
  server.setFault({ kind: 'status', status: 502, times: 2 });
  for (const issue of [1, 2]) {
    const failing = octokit.rest.issues.listComments({ ...REPO, issue_number: issue });
    await assert.rejects(failing, (error) => readStatus(error) === 502);
  }
  assert.equal((await octokit.rest.issues.listComments({ ...REPO, issue_number: 3 })).status, 200);
  assert.equal(server.requests.length, 3);
});

test('unknown routes, repositories and comments answer 404 and are recorded', async (t) => {
  const server = await startGitHubApiServer(t, REPO);
  const octokit = getOctokit(TOKEN, { baseUrl: server.url });
  const missing = octokit.rest.issues.updateComment({ ...REPO, comment_id: 99, body: 'x' });
  await assert.rejects(missing, (error) => readStatus(error) === 404);
  await assert.rejects(
    octokit.rest.pulls.get({ ...REPO, pull_number: 1 }),
    (error) => readStatus(error) === 404,
  );
  const elsewhere = octokit.rest.issues.createComment({
    owner: 'other',
    repo: 'repo',
    issue_number: 1,
    body: 'x',
  });
  await assert.rejects(elsewhere, (error) => readStatus(error) === 404);
  const notFound = await fetch(`${server.url}/repos/octo-org/octo-repo/issues/comments/99`, {
    method: 'PATCH',
    body: '{"body":"x"}',
  });
  assert.deepEqual(await notFound.json(), {
    message: 'Not Found',
    documentation_url: 'https://docs.github.com/rest/issues/comments',
    status: '404',
  });
  assert.deepEqual(
    server.requests.map((request) => `${request.method} ${request.path}`),
    [
      'PATCH /repos/octo-org/octo-repo/issues/comments/99',
      'GET /repos/octo-org/octo-repo/pulls/1',
      'POST /repos/other/repo/issues/1/comments',
      'PATCH /repos/octo-org/octo-repo/issues/comments/99',
    ],
  );
});
