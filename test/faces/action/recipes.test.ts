/**
 * The workflows under .github/workflows/ (the recipes users copy, and this project's own checks), parsed as the
 * runner parses them: every action they use is at the major chosen below (each declares `runs.using: node24`
 * at that major), the pull-request recipes cancel an older run of the same pull request, and the fork
 * follow-up may write pull-request comments. The README's quick start uses the same majors.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parse } from 'yaml';

/** Each action's current major (its action.yml at that tag: `runs.using: node24`). */
const MAJORS: Record<string, string> = {
  'actions/checkout': 'v7',
  'actions/setup-node': 'v7',
  'actions/cache': 'v5',
  'actions/upload-artifact': 'v7',
  'actions/download-artifact': 'v8',
  'peter-evans/create-pull-request': 'v8',
  // composite: its upload-artifact step is actions/upload-artifact@v7
  'actions/upload-pages-artifact': 'v5',
  'actions/deploy-pages': 'v5',
};

const CONCURRENCY = {
  group: 'embedprof-${{ github.workflow }}-${{ github.event.pull_request.number || github.ref }}',
  'cancel-in-progress': true,
};

const WORKFLOWS_DIR = '.github/workflows';

interface Workflow {
  on: unknown;
  permissions?: Record<string, string>;
  concurrency?: unknown;
  jobs: Record<string, { steps?: { uses?: string }[] }>;
}

function readWorkflows(): Map<string, Workflow> {
  const files = readdirSync(WORKFLOWS_DIR).filter((name) => name.endsWith('.yml'));
  assert.ok(files.length > 0, `no workflows in ${WORKFLOWS_DIR}`);
  return new Map(files.map((name) => [name, parse(readFileSync(join(WORKFLOWS_DIR, name), 'utf8'))]));
}

/** The events of an `on:` written as a string, a list or a map. */
function listEvents(on: unknown): string[] {
  if (typeof on === 'string') return [on];
  if (Array.isArray(on)) return on.map(String);
  return Object.keys(on as Record<string, unknown>);
}

function listUses(workflow: Workflow): string[] {
  return Object.values(workflow.jobs).flatMap((job) =>
    (job.steps ?? []).flatMap((step) => (step.uses === undefined ? [] : [step.uses])),
  );
}

/** `uses:` values that name a repository's action (not `./`), as [action, ref]. */
function listRemoteUses(uses: string[]): [string, string][] {
  return uses
    .filter((value) => !value.startsWith('./') && !value.startsWith('<owner>/'))
    .map((value) => {
      const at = value.lastIndexOf('@');
      return [value.slice(0, at), value.slice(at + 1)];
    });
}

function assertAtMajors(where: string, uses: string[]): void {
  for (const [action, ref] of listRemoteUses(uses)) {
    const major = MAJORS[action];
    assert.ok(major !== undefined, `${where}: ${action} has no chosen major in this test (add it to MAJORS)`);
    assert.equal(ref, major, `${where}: ${action}@${ref}, expected @${major}`);
  }
}

test('every action the workflows use is at its current major', () => {
  const seen = new Set<string>();
  for (const [name, workflow] of readWorkflows()) {
    const uses = listUses(workflow);
    assertAtMajors(name, uses);
    for (const [action] of listRemoteUses(uses)) seen.add(action);
  }
  for (const action of ['actions/checkout', 'actions/setup-node', 'peter-evans/create-pull-request'])
    assert.ok(seen.has(action), `no workflow uses ${action}`);
});

test('the README quick start uses the same majors', () => {
  const uses = [...readFileSync('README.md', 'utf8').matchAll(/uses: (\S+@\S+)/g)].map(
    (match) => match[1] ?? '',
  );
  assert.ok(uses.length > 0);
  assertAtMajors('README.md', uses);
});

test('every pull_request recipe runs once per pull request: a newer run cancels the older one', () => {
  const recipes = [...readWorkflows()].filter(
    ([, workflow]) => listEvents(workflow.on).includes('pull_request') && listUses(workflow).includes('./'),
  );
  assert.deepEqual(recipes.map(([name]) => name).sort(), [
    'pr-sharded.yml',
    'pr.yml',
    'self-test.yml',
    'serve-pr.yml',
  ]);
  for (const [name, workflow] of recipes) assert.deepEqual(workflow.concurrency, CONCURRENCY, name);
});

test('the fork follow-up runs on workflow_run and may write pull-request comments', () => {
  const workflow = readWorkflows().get('pr-comment.yml');
  assert.ok(workflow !== undefined);
  assert.deepEqual(listEvents(workflow.on), ['workflow_run']);
  assert.equal(workflow.permissions?.['pull-requests'], 'write');
});
