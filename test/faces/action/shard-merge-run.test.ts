/**
 * A sharded pull-request gate, run as the runner runs it: two matrix jobs (`shard: 1/2`, `2/2`) each measure
 * half the cells and upload their folder as `embedprof-shard-i-of-2` without commenting or failing on their
 * part's verdict; a mode merge job gets both artifacts (as actions/download-artifact leaves them, one folder
 * per artifact), merges and compares, then comments, annotates and fails the check for the whole.
 */
import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { profileSchema } from '../../../src/measure/protocol/profile-schema.js';
import type { ArtifactServer } from '../../helpers/artifact-server.js';
import { readZipEntries } from '../../helpers/read-zip.js';
import {
  createWorkspace,
  recordBaseline,
  REGRESSION_BALLAST_MB,
  startServers,
  SWEEP_INPUTS,
} from './action-fixtures.js';
import { describeRun, runActionProcess } from './run-action-process.js';
import { listMessages } from './workflow-commands.js';

const workspace = createWorkspace();
before(() => recordBaseline(workspace));

const INPUTS = { ...SWEEP_INPUTS, 'compare-to': 'baseline', 'retention-days': '3' };
const REGRESSED = { EMBEDPROF_BALLAST_MB: REGRESSION_BALLAST_MB };

test('two shards then mode merge: one comment and one verdict for the whole sweep', async (t) => {
  const { github, artifacts } = await startServers(t);
  const common = { event: 'pull_request', payload: 'pull_request.opened.json', github, artifacts, workspace };
  for (const shard of ['1/2', '2/2']) {
    const run = await runActionProcess(t, { ...common, inputs: { ...INPUTS, shard }, env: REGRESSED });
    assert.equal(run.exitCode, 0, describeRun(run));
    assert.equal(run.outputs.get('verdict'), 'regression');
    assert.deepEqual(listMessages(run.commands, 'error'), [], 'the merge job annotates and fails');
    assert.match(run.stdout, new RegExp(`Shard ${shard} \\(verdict on its cells: regression\\)`));
  }
  assert.deepEqual(github.comments(7), [], 'shards do not comment');
  const shards = artifacts.artifacts();
  assert.deepEqual(
    shards.map((artifact) => artifact.name),
    ['embedprof-shard-1-of-2', 'embedprof-shard-2-of-2'],
  );
  const cellsOf = (zip: Buffer) => {
    const profile = profileSchema.parse(
      JSON.parse(readZipEntries(zip).get('profile.json')?.toString('utf8') ?? ''),
    );
    return profile.batchSweep.length + profile.lengthSweep.length;
  };
  assert.deepEqual(
    shards.map((artifact) => cellsOf(artifact.zip)),
    [1, 1],
  );

  const downloaded = join(workspace, 'shards');
  for (const artifact of shards) {
    for (const [name, bytes] of readZipEntries(artifact.zip)) {
      await mkdir(join(downloaded, artifact.name, name, '..'), { recursive: true });
      await writeFile(join(downloaded, artifact.name, name), bytes);
    }
  }
  const merged = await runActionProcess(t, {
    ...common,
    inputs: { ...INPUTS, mode: 'merge', 'report-dir': 'shards' },
  });
  assert.equal(merged.exitCode, 1, describeRun(merged));
  assert.match(
    merged.stdout,
    /Running embedprof merge \(settings: .*baseline = baselines \(baselines\/ exists\).*reportDir = shards \(input report-dir\)/,
  );
  assert.match(
    listMessages(merged.commands, 'error').at(-1) ?? '',
    /^embedprof gate failed: ❌ Regression: peak memory/,
  );
  assert.equal(merged.outputs.get('verdict'), 'regression');
  const [comment, ...more] = github.comments(7);
  assert.ok(comment !== undefined && more.length === 0);
  assert.equal(merged.outputs.get('comment-url'), comment.html_url);
  const whole = artifacts.artifacts().find((artifact) => artifact.name === 'embedprof');
  assert.ok(whole !== undefined);
  assert.equal(cellsOf(whole.zip), 2);
  assert.ok(readZipEntries(whole.zip).has('pr.json'));
  assertRetention(artifacts.requests, 3);
});

/** Every CreateArtifact asked for the artifact to expire `days` days from now. */
function assertRetention(requests: ArtifactServer['requests'], days: number): void {
  const creates = requests.filter((request) => request.path.endsWith('/CreateArtifact'));
  assert.equal(creates.length, 3);
  for (const { body } of creates) {
    const expires =
      typeof body === 'object' && body !== null && 'expires_at' in body ? body.expires_at : null;
    const daysAhead = (Date.parse(String(expires)) - Date.now()) / 86_400_000;
    assert.ok(Math.abs(daysAhead - days) < 0.1, `expires_at ${String(expires)}`);
  }
}
