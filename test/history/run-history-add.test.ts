import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { runHistoryAdd } from '../../src/core/run-history-add.js';
import { UsageError } from '../../src/ground/errors.js';
import { createCommitContextReader, type CommitContext } from '../../src/history/commit-context.js';
import { readDataBranch } from '../../src/history/data-branch.js';
import { readHistoryStore } from '../../src/history/history-store.js';
import { createRandom } from '../../src/ground/random/index.js';
import { buildTestProfile } from '../decide/compare/test-profile.js';
import { runGit } from '../decide/duet/git-fixture.js';
import {
  createCommitId,
  createNightCells,
  createRemoteWithClones,
  createTempDir,
} from './history-fixtures.js';

const random = createRandom(5);

function writeProfile(dir: string, name: string, extra: object = {}): string {
  const profile = {
    ...buildTestProfile(createNightCells({ random }), { createdAt: '2026-11-20T01:02:03.456Z' }),
    ...extra,
  };
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(profile));
  return path;
}

const context = (values: Partial<CommitContext>) => async (given: string | null) => ({
  commit: given ?? values.commit ?? null,
  parent: values.parent ?? null,
  branch: values.branch ?? null,
});

test('history add records the profile in a folder store with defaults from the context and the profile', async () => {
  const dir = createTempDir('history-add');
  try {
    const profilePath = writeProfile(dir, 'profile.json');
    const deps = {
      readCommitContext: context({ commit: createCommitId(1), parent: createCommitId(0), branch: 'main' }),
    };
    const store = { kind: 'folder' as const, dir: join(dir, 'store') };
    const outcome = await runHistoryAdd({ profilePath, store }, deps);
    assert.equal(outcome.kind, 'history-add');
    assert.equal(outcome.status, 'added');
    assert.equal(outcome.exitCode, 0);
    assert.deepEqual(outcome.files, [outcome.recordPath]);
    assert.equal(outcome.record.commit, createCommitId(1));
    assert.equal(outcome.record.parent, createCommitId(0));
    assert.equal(outcome.record.branch, 'main');
    assert.equal(outcome.record.date, '2026-11-20T01:02:03.456Z');
    const again = await runHistoryAdd({ profilePath, store }, deps);
    assert.equal(again.status, 'unchanged');
    assert.deepEqual(again.files, []);
    const flagged = await runHistoryAdd(
      {
        profilePath,
        store,
        commit: createCommitId(2).toUpperCase(),
        branch: 'release',
        date: '2026-11-21T00:00:00+02:00',
      },
      deps,
    );
    assert.equal(flagged.record.commit, createCommitId(2));
    assert.equal(flagged.record.branch, 'release');
    assert.equal(flagged.record.date, '2026-11-20T22:00:00.000Z');
    const withCommit = writeProfile(dir, 'with-commit.json', { commit: createCommitId(3) });
    assert.equal(
      (await runHistoryAdd({ profilePath: withCommit, store }, deps)).record.commit,
      createCommitId(3),
    );
    assert.equal((await readHistoryStore(store.dir)).length, 3);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('history add without any commit, or with a bad one, is an input error', async () => {
  const dir = createTempDir('history-add');
  try {
    const profilePath = writeProfile(dir, 'profile.json');
    const store = { kind: 'folder' as const, dir: join(dir, 'store') };
    const none = { readCommitContext: context({}) };
    await assert.rejects(
      runHistoryAdd({ profilePath, store }, none),
      /--commit: expected the commit the profile measured/,
    );
    await assert.rejects(
      runHistoryAdd({ profilePath, store, commit: 'HEAD' }, none),
      /--commit: expected a commit id/,
    );
    await assert.rejects(runHistoryAdd({ profilePath: join(dir, 'missing.json'), store }, none), UsageError);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the commit context comes from the runner, else git — parent read even in a shallow clone', async () => {
  const { remote, clones } = createRemoteWithClones(1);
  const [clone = ''] = clones;
  try {
    runGit(clone, ['commit', '-q', '--allow-empty', '-m', 'second']);
    runGit(clone, ['push', '-q', 'origin', 'HEAD:main']);
    const head = runGit(clone, ['rev-parse', 'HEAD']);
    const parent = runGit(clone, ['rev-parse', 'HEAD^']);
    const shallow = join(dirname(remote), 'shallow');
    runGit(dirname(remote), ['clone', '-q', '--depth', '1', `file://${remote}`, shallow]);
    assert.deepEqual(await createCommitContextReader(shallow, {})(null), {
      commit: head,
      parent,
      branch: 'main',
    });
    const env = { GITHUB_SHA: parent, GITHUB_REF: 'refs/heads/nightly', GITHUB_REF_NAME: 'nightly' };
    const fromEnv = await createCommitContextReader(clone, env)(null);
    assert.deepEqual(
      fromEnv,
      { commit: parent, parent: null, branch: 'nightly' },
      'the first commit has no parent',
    );
    const pull = await createCommitContextReader(clone, { GITHUB_REF: 'refs/pull/7/merge' })(
      head.slice(0, 9),
    );
    assert.deepEqual(pull, { commit: head, parent, branch: null });
    const outside = await createCommitContextReader(createTempDir('no-git'), {})(null);
    assert.deepEqual(outside, { commit: null, parent: null, branch: null });
  } finally {
    rmSync(dirname(remote), { recursive: true, force: true });
  }
});

test('history add to a data branch pushes the record and reports where it is', async () => {
  const { remote, clones } = createRemoteWithClones(1);
  const [clone = ''] = clones;
  try {
    runGit(clone, ['config', 'user.name', 'Local Person']);
    runGit(clone, ['config', 'user.email', 'local@example.com']);
    const profilePath = writeProfile(dirname(remote), 'profile.json');
    const deps = { readCommitContext: createCommitContextReader(clone, {}) };
    const store = { kind: 'branch' as const, repoDir: clone, remote: 'origin' };
    const outcome = await runHistoryAdd({ profilePath, store }, deps);
    assert.equal(outcome.status, 'added');
    assert.match(outcome.recordPath, /^embedprof-data:records\/20261120T010203\.456Z-[0-9a-f]{12}\.json$/);
    assert.deepEqual(outcome.files, []);
    assert.equal(outcome.record.commit, runGit(clone, ['rev-parse', 'HEAD']));
    assert.equal(
      runGit(remote, ['log', '-1', '--format=%an <%ae>', 'embedprof-data']),
      'Local Person <local@example.com>',
    );
    assert.deepEqual((await readDataBranch({ repoDir: clone, remote: 'origin' })).records, [outcome.record]);
  } finally {
    rmSync(dirname(remote), { recursive: true, force: true });
  }
});
