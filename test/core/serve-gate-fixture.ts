/**
 * The serve gate's test fixtures: a repository whose base and head commits hold different versions of a small
 * OpenAI embeddings server (each logs its version, folder and whether the base setup ran), its command, the
 * gate's request, and the checks that nothing outlives a run (worktrees, processes).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ServeGateRequest } from '../../src/core/index.js';
import { commitAll, runGit } from '../decide/duet/git-fixture.js';
import { writeDyingOpenAiServer } from '../measure/serve/fake-servers.js';

/** An OpenAI embeddings server: logs "version cwd setup-ran" to argv[2], answers argv[3] requests, then dies. */
const SERVER = (version: string) =>
  writeDyingOpenAiServer({
    prelude: `require('node:fs').appendFileSync(process.argv[2], ${JSON.stringify(version)} + ' ' + process.cwd() + ' ' + require('node:fs').existsSync('setup-ran.txt') + '\\n');`,
    answers: 'process.argv[3]',
    lastWords: 'head ran out of memory',
  });

/** A repository whose base commit (HEAD~1) holds server v1 and whose head commit holds server v2. */
export function createServerRepository(): {
  repo: string;
  baseCommit: string;
  headCommit: string;
  log: string;
} {
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

export const command = (log: string, answers: number) =>
  [process.execPath, 'server.cjs', log, String(answers)].map((part) => JSON.stringify(part)).join(' ');

export function commandTarget(commandLine: string): ServeGateRequest['target'] {
  return {
    kind: 'command',
    command: commandLine,
    readyPath: '/health',
    readyTimeoutMs: 30_000,
    labels: { command: '--serve-command', readyPath: '--ready-path', readyTimeout: '--ready-timeout' },
  };
}

export function gateRequest(
  repo: string,
  log: string,
  extra: Partial<ServeGateRequest> = {},
): ServeGateRequest {
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

export const listWorktrees = (repo: string) =>
  runGit(repo, ['worktree', 'list', '--porcelain'])
    .split('\n')
    .filter((line) => line.startsWith('worktree '));

/** Processes whose command line holds `marker` (the run's log path), other than this search. */
export function findProcesses(marker: string): string[] {
  const listed = spawnSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' }).stdout.split('\n');
  return listed.filter((line) => line.includes(marker) && !line.includes('ps -eo'));
}
