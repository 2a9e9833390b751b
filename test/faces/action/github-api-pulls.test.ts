/** The loopback REST server's pull-request route, as Octokit from @actions/github calls it. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getOctokit } from '@actions/github';
import { startGitHubApiServer } from '../../helpers/github-api-server.js';

const REPO = { owner: 'octo-org', repo: 'octo-repo' };
const HEAD = 'c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f7';
const BASE = '9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a291807';

test('GET /pulls/{n} answers seeded pull requests, fork heads included, and 404 otherwise', async (t) => {
  const server = await startGitHubApiServer(t, {
    ...REPO,
    pulls: [{ number: 12, headSha: HEAD, baseSha: BASE, headRepo: 'contributor/octo-repo' }],
  });
  const octokit = getOctokit('ghs_x', { baseUrl: server.url });
  const pull = await octokit.rest.pulls.get({ ...REPO, pull_number: 12 });
  assert.equal(pull.data.number, 12);
  assert.equal(pull.data.head.sha, HEAD);
  assert.equal(pull.data.base.sha, BASE);
  assert.equal(pull.data.head.repo?.full_name, 'contributor/octo-repo');
  assert.equal(pull.data.head.repo?.fork, true);
  assert.equal(pull.data.base.repo.fork, false);
  await assert.rejects(octokit.rest.pulls.get({ ...REPO, pull_number: 13 }), (error) => {
    return error instanceof Error && 'status' in error && error.status === 404;
  });
  server.seedPull({ number: 13, headSha: BASE, baseSha: BASE });
  assert.equal((await octokit.rest.pulls.get({ ...REPO, pull_number: 13 })).data.head.repo?.fork, false);
  server.setFault({ kind: 'read-only' });
  assert.equal(
    (await octokit.rest.pulls.get({ ...REPO, pull_number: 12 })).status,
    200,
    'reads stay allowed',
  );
});
