/**
 * The action outside pull requests, run as the runner runs it: a nightly schedule profiles (full preset by
 * default) and uploads, the embedder's processes seeing none of the runner's tokens; a workflow_dispatch in mode update-baseline records the baseline file in the working
 * directory and says in the job summary what changed.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import { baselineSchema } from '../../../src/decide/baseline/baseline-schema.js';
import { readZipEntries } from '../../helpers/read-zip.js';
import {
  createWorkspace,
  recordBaseline,
  startServers,
  SWEEP_INPUTS,
  TOY_EMBEDDER,
} from './action-fixtures.js';
import { describeRun, runActionProcess } from './run-action-process.js';
import { listMessages } from './workflow-commands.js';

const workspace = createWorkspace();
/** The sweep's measurement inputs, without the gate's. */
const pickInputs = (names: readonly string[]) =>
  Object.fromEntries(Object.entries(SWEEP_INPUTS).filter(([name]) => names.includes(name)));
const MEASURED = ['embedder', 'batch-sizes', 'lengths', 'processes', 'analysis'];

/** The toy embedder, noting which runner secrets its process can see (user code must see none). */
function writeSpyEmbedder(dir: string): string {
  const path = join(dir, 'spy-embedder.mjs');
  const toy = pathToFileURL(TOY_EMBEDDER).href;
  writeFileSync(
    path,
    [
      "import { appendFileSync } from 'node:fs';",
      `import { createEmbedder as createToy } from ${JSON.stringify(toy)};`,
      'const SECRETS = ["INPUT_GITHUB-TOKEN", "ACTIONS_RUNTIME_TOKEN"];',
      'export async function createEmbedder(options) {',
      '  const seen = SECRETS.filter((name) => process.env[name] !== undefined);',
      "  appendFileSync(new URL('./seen.txt', import.meta.url), `${JSON.stringify(seen)}\\n`);",
      '  return createToy(options);',
      '}',
    ].join('\n'),
  );
  return path;
}

test('a schedule profiles with the full preset, uploads the reports and writes the summary', async (t) => {
  const { github, artifacts } = await startServers(t);
  const inputs = { ...pickInputs(MEASURED), embedder: writeSpyEmbedder(workspace) };
  const run = await runActionProcess(t, {
    event: 'schedule',
    payload: 'schedule.json',
    inputs,
    github,
    artifacts,
    workspace,
  });
  assert.equal(run.exitCode, 0, describeRun(run));
  assert.match(run.stdout, /Running embedprof profile \(settings: .*preset = full \(the schedule event\)/);
  assert.equal(run.outputs.get('verdict'), 'none');
  assert.equal(run.outputs.get('regression'), 'false');
  assert.ok(Number(run.outputs.get('throughput')) > 0);
  assert.ok(Number(run.outputs.get('peak-memory-mb')) > 0);
  const outDir = join(run.runnerTemp, 'embedprof-out');
  assert.equal(run.summary.trim(), (await readFile(join(outDir, 'summary.md'), 'utf8')).trim());
  const [artifact] = artifacts.artifacts();
  assert.equal(artifact?.name, 'embedprof');
  const names = [...readZipEntries(artifact.zip).keys()].sort();
  assert.deepEqual(names, [
    'comment.md',
    'profile.csv',
    'profile.json',
    'report.html',
    'report.md',
    'summary.md',
  ]);
  assert.deepEqual(github.requests, [], 'no pull request, no API call');
  const seen = readFileSync(join(workspace, 'seen.txt'), 'utf8').trim().split('\n');
  assert.ok(seen.length >= 2 && seen.every((line) => line === '[]'), `secrets seen by the embedder: ${seen}`);
  assert.deepEqual(listMessages(run.commands, 'error'), []);
});

test('workflow_dispatch in mode update-baseline replaces the baseline and says what changed', async (t) => {
  const project = join(workspace, 'service');
  mkdirSync(project);
  const path = recordBaseline(project);
  const before = baselineSchema.parse(JSON.parse(await readFile(path, 'utf8')));
  const { github, artifacts } = await startServers(t);
  const inputs = {
    ...pickInputs([...MEASURED, 'preset']),
    mode: 'update-baseline',
    'working-directory': 'service',
  };
  const run = await runActionProcess(t, {
    event: 'workflow_dispatch',
    payload: 'workflow_dispatch.json',
    inputs,
    github,
    artifacts,
    workspace,
  });
  assert.equal(run.exitCode, 0, describeRun(run));
  assert.equal(run.outputs.get('baseline-path'), 'service/baselines/main.json');
  const after = baselineSchema.parse(JSON.parse(await readFile(path, 'utf8')));
  assert.notEqual(after.createdAt, before.createdAt);
  assert.equal(after.provenance.commit, 'f00dfeed00000000000000000000000000000001');
  const replaced =
    /Replaced the baseline `service\/baselines\/main\.json` from commit `f00dfeed0000`: 2 cell/;
  assert.match(run.summary, replaced);
  assert.match(run.summary, /\| batch 8 \| [\d,]+ \| [\d,]+ \| [+−]?[\d.]+ % \|/);
  assert.match(run.summary, /\| 10 chars @ batch 32 \|/);
  assert.equal(artifacts.artifacts().length, 1);
});
