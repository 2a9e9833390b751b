import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readGitHead, readProvenance } from '../../src/core/read-provenance.js';

test('outside GitHub Actions: the git commit, everything else null', () => {
  const provenance = readProvenance({}, '2026-11-24T10:00:00.000Z', () => 'b'.repeat(40));
  assert.deepEqual(provenance, {
    commit: 'b'.repeat(40),
    ref: null,
    date: '2026-11-24T10:00:00.000Z',
    runnerName: null,
    runnerOs: null,
    actor: null,
    workflowRunUrl: null,
  });
});

test('GITHUB_SHA wins over git; no git and no variables gives null', () => {
  const fromEnv = readProvenance({ GITHUB_SHA: 'c'.repeat(40) }, null, () => 'b'.repeat(40));
  assert.equal(fromEnv.commit, 'c'.repeat(40));
  assert.equal(readProvenance({ GITHUB_SHA: '  ' }, null, () => null).commit, null);
});

test('the run URL needs the server, the repository and the run id', () => {
  const env = { GITHUB_SERVER_URL: 'https://github.example/', GITHUB_REPOSITORY: 'o/r', GITHUB_RUN_ID: '9' };
  assert.equal(
    readProvenance(env, null, () => null).workflowRunUrl,
    'https://github.example/o/r/actions/runs/9',
  );
  assert.equal(readProvenance({ ...env, GITHUB_RUN_ID: undefined }, null, () => null).workflowRunUrl, null);
});

test('readGitHead gives a commit hash inside a repository and null elsewhere', () => {
  const head = readGitHead();
  assert.ok(head === null || /^[0-9a-f]{40}$/.test(head));
  assert.equal(readGitHead('/'), null);
});
