/**
 * Runs the action the way the runner does: `node <entry>` in a child process whose environment holds only
 * what a runner gives an action step — INPUT_* variables (action.yml's defaults filled in, names upper-cased
 * with dashes kept), the event name and payload file, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files, the REST
 * API and the artifact service (loopback servers here), RUNNER_TEMP and GITHUB_WORKSPACE. The outputs file,
 * the summary and the workflow commands on stdout are read back as the runner would read them.
 */
import { spawn } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdirSync, symlinkSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { TestContext } from 'node:test';
import type { ArtifactServer } from '../../helpers/artifact-server.js';
import type { GitHubApiServer } from '../../helpers/github-api-server.js';
import { testCacheDir } from '../../helpers/run-cli.js';
import { readActionManifest } from './action-manifest.js';
import { parseWorkflowCommands, type WorkflowCommand } from './workflow-commands.js';

/** The action's entry, as action.yml's `runs.main` names it: what the runner executes. */
export const ACTION_ENTRY = 'dist/index.js';
/** The compiled but unbundled entry, used until `npm run build:dist` has produced ACTION_ENTRY. */
const FALLBACK_ENTRY = 'build/src/faces/action/index.js';

export const TEST_TOKEN = 'ghs_embedprofLoopbackToken0123456789';
export const REPOSITORY = 'octo-org/octo-repo';

/** The files a release of the action holds: what `uses: owner/embedprof@v1` checks out (no node_modules/). */
const RELEASE_FILES = ['action.yml', 'package.json', 'dist'];

/**
 * A release copy of the action in `dir` (of this checkout, or of the folder EMBEDPROF_TEST_RELEASE names: an
 * older release to check a test against), outside this checkout: module resolution from its dist/ finds none of
 * this project's node_modules/, as on a runner. Each run gets its own, as each job downloads the action anew
 * (the bootstrap's dist/node_modules link from one run must not serve the next).
 */
function createReleaseCopy(dir: string): string {
  const from = process.env.EMBEDPROF_TEST_RELEASE || '.';
  for (const file of RELEASE_FILES) {
    const options = { recursive: true, filter: (path: string) => !path.includes('node_modules') };
    cpSync(join(from, file), join(dir, file), options);
  }
  return dir;
}

/**
 * The entry the tests run: EMBEDPROF_TEST_ACTION_ENTRY when set (a dist built elsewhere, e.g.
 * `node scripts/build-dist.mjs /tmp/dist`, or FALLBACK_ENTRY: source changes tested without rebuilding dist/),
 * else ACTION_ENTRY of a release copy made in `releaseDir` (createReleaseCopy), else FALLBACK_ENTRY.
 */
export function resolveActionEntry(t: TestContext, releaseDir: string): string {
  const override = process.env.EMBEDPROF_TEST_ACTION_ENTRY;
  if (override !== undefined && override !== '') {
    t.diagnostic(`EMBEDPROF_TEST_ACTION_ENTRY: running ${override}`);
    return resolve(override);
  }
  if (existsSync(ACTION_ENTRY)) return join(createReleaseCopy(releaseDir), ACTION_ENTRY);
  t.diagnostic(`${ACTION_ENTRY} does not exist yet (npm run build:dist): running ${FALLBACK_ENTRY} instead`);
  return resolve(FALLBACK_ENTRY);
}

/**
 * What `npm ci` of a user's service leaves for embedprof: node_modules/onnxruntime-node in the workspace
 * (linked to this project's copy; ignored by git as a service repository ignores node_modules/).
 */
export function installWorkspaceRuntime(workspace: string): void {
  const link = join(workspace, 'node_modules', 'onnxruntime-node');
  if (existsSync(link)) return;
  mkdirSync(dirname(link), { recursive: true });
  symlinkSync(resolve('node_modules', 'onnxruntime-node'), link, 'dir');
  const exclude = join(workspace, '.git', 'info', 'exclude');
  if (existsSync(dirname(exclude))) appendFileSync(exclude, '\nnode_modules/\n');
}

/** Modes that measure nothing: their recipes run no `npm ci`, so the workspace has no onnxruntime-node. */
const MODES_WITHOUT_RUNTIME = new Set(['comment', 'merge']);

export interface ActionRunRequest {
  /** GITHUB_EVENT_NAME */
  event: string;
  /** The webhook payload: a file under test/fixtures/events/. */
  payload: string;
  inputs: Record<string, string>;
  github: GitHubApiServer;
  artifacts: ArtifactServer;
  /** GITHUB_WORKSPACE, the step's working directory. */
  workspace: string;
  env?: Record<string, string>;
  timeoutMs?: number;
  /**
   * Whether the job ran `npm ci` before the step (installWorkspaceRuntime): by default every mode that
   * measures, as the recipes do, and not comment or merge.
   */
  npmCi?: boolean;
}

export interface ActionRun {
  exitCode: number | null;
  stdout: string;
  stderr: string;
  outputs: Map<string, string>;
  summary: string;
  commands: WorkflowCommand[];
  runnerTemp: string;
}

/** INPUT_ variables as the runner sets them: every input with a default, then those given. */
export function createInputEnv(inputs: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of readActionManifest().inputs) {
    if (value !== undefined) env[toInputVariable(name)] = value.replace('${{ github.token }}', TEST_TOKEN);
  }
  for (const [name, value] of Object.entries(inputs)) env[toInputVariable(name)] = value;
  return env;
}

export function toInputVariable(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

function createRunnerEnv(
  request: ActionRunRequest,
  files: { temp: string; output: string; summary: string },
) {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? tmpdir(),
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: request.event,
    GITHUB_EVENT_PATH: resolve('test/fixtures/events', request.payload),
    GITHUB_REPOSITORY: REPOSITORY,
    GITHUB_REPOSITORY_OWNER: 'octo-org',
    GITHUB_API_URL: request.github.url,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_GRAPHQL_URL: `${request.github.url}/graphql`,
    GITHUB_SHA: 'f00dfeed00000000000000000000000000000001',
    GITHUB_REF: 'refs/heads/main',
    GITHUB_RUN_ID: '9100200300',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_ACTOR: 'alice-dev',
    GITHUB_WORKSPACE: request.workspace,
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    RUNNER_TEMP: files.temp,
    RUNNER_OS: 'Linux',
    RUNNER_NAME: 'loopback-runner',
    ACTIONS_RESULTS_URL: request.artifacts.url,
    ACTIONS_RUNTIME_TOKEN: request.artifacts.token,
    EMBEDPROF_CACHE_DIR: testCacheDir,
    ...createInputEnv(request.inputs),
    ...request.env,
  };
}

/** Runs `node ...args` with a time limit; its exit code and everything it printed. */
export function runNodeProcess(args: string[], env: Record<string, string>, cwd: string, timeoutMs: number) {
  const child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  return new Promise<{ exitCode: number | null; stdout: string; stderr: string }>((done, fail) => {
    child.on('error', fail);
    child.on('close', (exitCode) => {
      clearTimeout(timer);
      done({ exitCode, stdout, stderr });
    });
  });
}

function spawnAction(
  t: TestContext,
  env: Record<string, string>,
  cwd: string,
  temp: string,
  timeoutMs: number,
) {
  return runNodeProcess([resolveActionEntry(t, join(temp, 'action'))], env, cwd, timeoutMs);
}

/** Runs the action once, in a fresh RUNNER_TEMP that is removed when the test ends. */
export async function runActionProcess(t: TestContext, request: ActionRunRequest): Promise<ActionRun> {
  const temp = await mkdtemp(join(tmpdir(), 'embedprof-runner-'));
  t.after(() => rm(temp, { recursive: true, force: true }));
  const files = {
    temp: join(temp, 'tmp'),
    output: join(temp, 'output.txt'),
    summary: join(temp, 'summary.md'),
  };
  await mkdir(files.temp);
  await writeFile(files.output, '');
  await writeFile(files.summary, '');
  const env = createRunnerEnv(request, files);
  const mode = (env as Record<string, string>).INPUT_MODE ?? '';
  if (request.npmCi ?? !MODES_WITHOUT_RUNTIME.has(mode)) installWorkspaceRuntime(request.workspace);
  const run = await spawnAction(t, env, request.workspace, temp, request.timeoutMs ?? 180_000);
  return {
    ...run,
    outputs: parseOutputFile(await readFile(files.output, 'utf8')),
    summary: await readFile(files.summary, 'utf8'),
    commands: parseWorkflowCommands(run.stdout),
    runnerTemp: files.temp,
  };
}

/** GITHUB_OUTPUT's `name<<DELIMITER` … `DELIMITER` blocks (and plain `name=value` lines). */
export function parseOutputFile(text: string): Map<string, string> {
  const outputs = new Map<string, string>();
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] ?? '';
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc?.[1] !== undefined && heredoc[2] !== undefined) {
      const end = lines.indexOf(heredoc[2], index + 1);
      if (end < 0) throw new Error(`GITHUB_OUTPUT: ${heredoc[1]} has no closing delimiter`);
      outputs.set(heredoc[1], lines.slice(index + 1, end).join('\n'));
      index = end;
    } else if (line.includes('='))
      outputs.set(line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1));
  }
  return outputs;
}

/** A message for assertion failures: the action's exit code and both streams. */
export function describeRun(run: ActionRun): string {
  return `exit ${run.exitCode}\n--- stdout\n${run.stdout}\n--- stderr\n${run.stderr}`;
}
