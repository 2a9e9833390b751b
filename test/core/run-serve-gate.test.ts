// Runs alone: it starts real servers and sends them load. It asserts the serve gate's wiring — the base from
// a worktree of the base ref (its setup run there first), the files, what a dead head leaves, no process or
// worktree left behind (also on SIGTERM), the input errors — never a verdict from these measurements.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import { captureFailure, runServeGate, type ServeGateRequest } from '../../src/core/index.js';
import { serveDuetSchema } from '../../src/decide/duet/serve-duet-schema.js';
import { serveProfileSchema } from '../../src/measure/serve/serve-profile-schema.js';
import { commitAll, runGit } from '../decide/duet/git-fixture.js';
import { createTestDeps } from './core-test-deps.js';

/** An OpenAI embeddings server: logs "version cwd setup-ran" to argv[2], answers argv[3] requests, then dies. */
const SERVER = (version: string) => `
const http = require('node:http');
const fs = require('node:fs');
fs.appendFileSync(process.argv[2], ${JSON.stringify(version)} + ' ' + process.cwd() + ' ' + fs.existsSync('setup-ran.txt') + '\\n');
let left = Number(process.argv[3]);
http.createServer((req, res) => {
  if (req.url === '/health') { res.end('ok'); return; }
  let body = '';
  req.on('data', (chunk) => (body += chunk));
  req.on('end', () => {
    const input = JSON.parse(body).input;
    const texts = Array.isArray(input) ? input : [input];
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ data: texts.map((_, index) => ({ object: 'embedding', index, embedding: [0.1, 0.2] })) }));
    if (--left === 0) { console.error('head ran out of memory'); setTimeout(() => process.exit(5), 5); }
  });
}).listen(Number(process.env.PORT), '127.0.0.1');
`;

/** A repository whose base commit (HEAD~1) holds server v1 and whose head commit holds server v2. */
function createServerRepository(): { repo: string; baseCommit: string; headCommit: string; log: string } {
  const repo = mkdtempSync(join(tmpdir(), 'embedprof-serve-gate-'));
  runGit(repo, ['init', '-q']);
  writeFileSync(join(repo, 'server.cjs'), SERVER('v1'));
  commitAll(repo, 'base');
  const baseCommit = runGit(repo, ['rev-parse', 'HEAD']);
  writeFileSync(join(repo, 'server.cjs'), SERVER('v2'));
  commitAll(repo, 'head');
  const log = join(mkdtempSync(join(tmpdir(), 'embedprof-serve-gate-log-')), 'started.log');
  return { repo, baseCommit, headCommit: runGit(repo, ['rev-parse', 'HEAD']), log };
}

const command = (log: string, answers: number) =>
  [process.execPath, 'server.cjs', log, String(answers)].map((part) => JSON.stringify(part)).join(' ');

function commandTarget(commandLine: string): ServeGateRequest['target'] {
  return {
    kind: 'command',
    command: commandLine,
    readyPath: '/health',
    readyTimeoutMs: 30_000,
    labels: { command: '--serve-command', readyPath: '--ready-path', readyTimeout: '--ready-timeout' },
  };
}

function gateRequest(repo: string, log: string, extra: Partial<ServeGateRequest> = {}): ServeGateRequest {
  return {
    target: commandTarget(command(log, 1_000_000)),
    api: { kind: 'openai', path: '/v1/embeddings', model: 'fixture' },
    corpus: null,
    tokenizer: null,
    plan: {
      arrivals: 'poisson',
      seed: 3,
      windowSeconds: 1,
      rounds: 2,
      latencySloMs: 200,
      sloQuantile: 'p95',
      maxErrorRate: 0.01,
      maxInFlight: 32,
      requestTimeoutMs: 3000,
      rates: [20, 40],
      referenceRatePerSecond: 20,
    },
    textsPerRequest: [1],
    timeBudgetSeconds: 120,
    outDir: join(repo, 'out'),
    record: { commit: null, settings: [] },
    names: { describe: (input) => `<${input}>`, suggest: (input, example) => `Pass <${input}> ${example}.` },
    templateLabel: '--request-template',
    base: {
      ref: 'HEAD~1',
      setup: 'echo ok > setup-ran.txt',
      setupTimeout: { seconds: 60, setting: '--base-setup-timeout', fix: 'Raise it.' },
      command: null,
    },
    compare: {},
    ...extra,
  };
}

const listWorktrees = (repo: string) =>
  runGit(repo, ['worktree', 'list', '--porcelain'])
    .split('\n')
    .filter((line) => line.startsWith('worktree '));

/** Processes whose command line holds `marker` (the run's log path), other than this search. */
function findProcesses(marker: string): string[] {
  const listed = spawnSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' }).stdout.split('\n');
  return listed.filter((line) => line.includes(marker) && !line.includes('ps -eo'));
}

test('the base server runs the base commit from its worktree after its setup, the head the repository; files for both and the comparison', async () => {
  const { repo, baseCommit, headCommit, log } = createServerRepository();
  const outcome = await runServeGate(gateRequest(repo, log), createTestDeps(repo));
  const started = readFileSync(log, 'utf8').trim().split('\n').sort();
  assert.equal(started.length, 2, started.join('\n'));
  const [v1, v2] = started.map((line) => line.split(' '));
  assert.equal(v1?.[0], 'v1');
  assert.notEqual(v1?.[1], repo, 'the base ran in a worktree');
  assert.equal(v1?.[2], 'true', 'the setup ran in the worktree before the base server started');
  assert.deepEqual(v2, ['v2', repo, 'false']);
  assert.equal(existsSync(v1?.[1] ?? ''), false, 'the worktree is removed');
  assert.equal(listWorktrees(repo).length, 1);
  assert.deepEqual(findProcesses(log), [], 'both servers are stopped');

  const document = serveDuetSchema.parse(
    JSON.parse(readFileSync(join(repo, 'out', 'serve-comparison.json'), 'utf8')),
  );
  assert.equal(document.base.commit, baseCommit);
  assert.equal(document.head.commit, headCommit);
  assert.equal(document.baseRef, 'HEAD~1');
  assert.ok(document.comparison !== null);
  assert.deepEqual(document.comparison.sweeps[0]?.rounds, [0, 1]);
  for (const side of ['base', 'head'] as const) {
    const path = join(repo, 'out', side, 'serve-profile.json');
    const profile = serveProfileSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
    assert.deepEqual(profile.sweeps, document[side].sweeps);
    assert.ok((profile.serverMemory?.samples.length ?? 0) > 0, `the ${side} server's RSS is sampled`);
    assert.ok(outcome.files.includes(path));
  }
  assert.equal(outcome.files[0], join(repo, 'out', 'serve-comparison.json'));
  assert.deepEqual(outcome.comparison, document.comparison);
  const regressions = outcome.problems.filter((line) => line.startsWith('regression: '));
  assert.deepEqual(outcome.problems, regressions, 'only a verdict can fail this run');
  assert.equal(outcome.exitCode, outcome.comparison?.overall.verdict === 'regression' ? 1 : 0);
});

test('a head that dies mid-run: exit 1 naming the head, the files of what was measured, no server or worktree left', async () => {
  const { repo, log } = createServerRepository();
  const request = gateRequest(repo, log, {
    target: commandTarget(command(log, 50)),
    base: { ...gateRequest(repo, log).base, command: command(log, 1_000_000) },
  });
  const outcome = await runServeGate(request, createTestDeps(repo));
  assert.equal(outcome.exitCode, 1);
  assert.match(
    outcome.problems[0] ?? '',
    /^the head server: --serve-command .*: the server stopped during the run; its last stderr lines: «head ran out of memory»/,
  );
  assert.equal(outcome.comparison, null);
  const document = serveDuetSchema.parse(
    JSON.parse(readFileSync(join(repo, 'out', 'serve-comparison.json'), 'utf8')),
  );
  assert.deepEqual(document.problems, outcome.problems);
  assert.ok((document.head.sweeps[0]?.rates.length ?? 0) > 0, 'what was measured is written');
  assert.ok(existsSync(join(repo, 'out', 'head', 'serve-profile.json')));
  assert.deepEqual(findProcesses(log), []);
  assert.equal(listWorktrees(repo).length, 1);
});

test('a head server that exits at once: the input error names it; the base server and the worktree are gone', async () => {
  const { repo, log } = createServerRepository();
  const request = gateRequest(repo, log, {
    target: commandTarget(`${JSON.stringify(process.execPath)} -e "process.exit(3)"`),
    base: { ...gateRequest(repo, log).base, command: command(log, 1_000_000) },
  });
  const outcome = await captureFailure(() => runServeGate(request, createTestDeps(repo)));
  assert.equal(outcome.kind === 'failed' && outcome.exitCode, 2);
  assert.match(
    outcome.kind === 'failed' ? outcome.message : '',
    /--serve-command .*exited before it was ready \(exit code 3\)/,
  );
  assert.ok(existsSync(log), 'the base server had started');
  assert.deepEqual(findProcesses(log), []);
  assert.equal(listWorktrees(repo).length, 1);
});

test('input errors before anything starts: a URL target, an unknown base ref, a bad threshold', async () => {
  const { repo, log } = createServerRepository();
  const deps = createTestDeps(repo);
  const url = await captureFailure(() =>
    runServeGate(
      gateRequest(repo, log, { target: { kind: 'url', url: 'http://127.0.0.1:9', label: '--url' } }),
      deps,
    ),
  );
  assert.equal(url.kind === 'failed' && url.exitCode, 2);
  assert.match(url.kind === 'failed' ? url.message : '', /--url .*cannot be both the base and the head/);
  const ref = await captureFailure(() =>
    runServeGate(
      gateRequest(repo, log, { base: { ...gateRequest(repo, log).base, ref: 'no-such-branch' } }),
      deps,
    ),
  );
  assert.equal(ref.kind === 'failed' && ref.exitCode, 2);
  assert.match(ref.kind === 'failed' ? ref.message : '', /the base ref .*no-such-branch/);
  const threshold = await captureFailure(() =>
    runServeGate(gateRequest(repo, log, { compare: { maxKneeDrop: 3 } }), deps),
  );
  assert.equal(threshold.kind === 'failed' && threshold.exitCode, 2);
  assert.equal(existsSync(log), false, 'no server started');
  assert.equal(listWorktrees(repo).length, 1);
});

/** A node script that runs the serve gate of `request` in `repo` (JSON drops its names: the script adds its own). */
function writeGateScript(repo: string, request: ServeGateRequest): string {
  const core = resolve('build/src/core/index.js');
  const script = `
import { runServeGate } from ${JSON.stringify(pathToFileURL(core).href)};
const request = { ...${JSON.stringify(request)}, names: { describe: (i) => i, suggest: (i, e) => i + ' ' + e } };
const progress = { update() {}, note() {}, finish() {} };
await runServeGate(request, { cwd: ${JSON.stringify(repo)}, now: () => new Date(), progress });
`;
  const path = join(mkdtempSync(join(tmpdir(), 'embedprof-serve-gate-script-')), 'gate.mjs');
  writeFileSync(path, script);
  return path;
}

test('SIGTERM during the duet: both servers and the base worktree are gone, the process ends by the signal', async () => {
  const { repo, log } = createServerRepository();
  const request = gateRequest(repo, log, { timeBudgetSeconds: 600 });
  const child = spawn(
    process.execPath,
    [writeGateScript(repo, { ...request, plan: { ...request.plan, rounds: 50 } })],
    {
      cwd: repo,
      stdio: 'ignore',
    },
  );
  const exited = new Promise<NodeJS.Signals | null>((done) =>
    child.once('exit', (_code, signal) => done(signal)),
  );
  const bothStarted = () => existsSync(log) && readFileSync(log, 'utf8').trim().split('\n').length === 2;
  for (let waited = 0; waited < 30_000 && !bothStarted(); waited += 100) await sleep(100);
  assert.ok(bothStarted(), 'both servers started');
  const worktree =
    readFileSync(log, 'utf8')
      .split('\n')
      .find((line) => line.startsWith('v1 '))
      ?.split(' ')[1] ?? '';
  assert.ok(existsSync(worktree));
  await sleep(1500); // the duet is measuring
  child.kill('SIGTERM');
  assert.equal(await exited, 'SIGTERM');
  for (let waited = 0; waited < 5_000 && findProcesses(log).length > 0; waited += 100) await sleep(100);
  assert.deepEqual(findProcesses(log), [], 'no server outlives the gate');
  assert.equal(existsSync(worktree), false, 'the worktree is removed');
  assert.equal(listWorktrees(repo).length, 1);
});
