/**
 * The core's `serve-profile`: start (or reach) the server, time its cold start, sweep the request rate per
 * texts-per-request value under open-loop load, find the knee, and write serve-profile.json with its reports.
 * What was measured before a failure (a server that died, a budget cut short) is written all the same.
 */
import { createDefaultCorpus, readCorpus } from '../measure/corpus/index.js';
import { loadTokenizer } from '../measure/engine/text-tokenizer.js';
import { describeCorpus } from '../measure/sweep/profile-parts.js';
import { readToolVersion } from '../measure/sweep/tool-version.js';
import { prepareServeApi } from '../measure/serve/serve-api.js';
import type { ServeSweep, ServeProfile, ServePlan } from '../measure/serve/serve-profile-schema.js';
import type { ServeApi, ServeTarget } from '../measure/serve/serve-types.js';
import { findPeakRssMB, startRssSampler, type RssSampler } from '../measure/serve/server-memory.js';
import { readEnvironment } from '../ground/platform/environment.js';
import { describeError } from '../ground/errors.js';
import type { CoreDeps } from './core-deps.js';
import type { InputNames } from './input-names.js';
import { prepareOutputDir } from './output-files.js';
import { readGitHead } from './read-provenance.js';
import type { RunRecord } from './write-run-files.js';
import { measureSweeps, type SweepRun } from './serve-sweeps.js';
import { startServeTarget, timeFirstEmbedding, type ServeTargetRequest } from './serve-target-start.js';
import { describeServeProblems } from './serve-problems.js';
import { writeServeFiles } from './write-serve-files.js';

export interface ServeProfileRequest {
  target: ServeTargetRequest;
  api: ServeApi;
  /** The corpus file, or null for the built-in one; `seed` orders it and seeds every schedule. */
  corpus: string | null;
  /** A tokenizer folder to count the tokens sent (tokens/s), or null for none. */
  tokenizer: string | null;
  plan: ServePlan;
  textsPerRequest: number[];
  timeBudgetSeconds: number;
  outDir: string;
  record: RunRecord;
  names: InputNames;
  /** How the face names the request template's setting (a template error names it). */
  templateLabel: string;
}

export interface ServeProfileOutcome {
  kind: 'serve-profile';
  profile: ServeProfile;
  outDir: string;
  files: string[];
  /** 0 measured; 1 the server failed (died, or answered no request); 2 is thrown as an input error. */
  exitCode: 0 | 1;
  /** Why the exit code is 1, in one line each (also in the profile's warnings). */
  problems: string[];
}

const RSS_SAMPLE_MS = 250;

export async function runServeProfile(
  request: ServeProfileRequest,
  deps: CoreDeps,
): Promise<ServeProfileOutcome> {
  const startedAt = deps.now();
  const api = prepareServeApi(request.api, request.templateLabel);
  const outDir = await prepareOutputDir(request.outDir, request.names);
  const corpus = request.corpus === null ? createDefaultCorpus(request.plan.seed) : await readCorpus(request.corpus);
  const tokenizer = request.tokenizer === null ? null : await loadTokenizer(request.tokenizer);
  const target = await startServeTarget(request.target, deps.cwd);
  const sampler: RssSampler | null = target.pid === null ? null : startRssSampler(target.pid, RSS_SAMPLE_MS);
  let run: SweepRun;
  try {
    const first = await timeFirstEmbedding(target, api, corpus.texts, request.textsPerRequest[0] ?? 1);
    run = await measureSweeps({
      target,
      api,
      texts: corpus.texts,
      countTokens: tokenizer === null ? null : (text) => tokenizer.encode(text).length,
      plan: request.plan,
      textsPerRequest: request.textsPerRequest,
      budgetMs: request.timeBudgetSeconds * 1000,
      progress: deps.progress,
      firstEmbeddingMs: first,
    });
  } finally {
    await stopQuietly(target);
  }
  const samples = sampler?.stop() ?? null;
  const profile: ServeProfile = {
    schemaVersion: 1,
    tool: { name: 'embedprof', version: readToolVersion() },
    createdAt: startedAt.toISOString(),
    wallSeconds: (deps.now().getTime() - startedAt.getTime()) / 1000,
    environment: readEnvironment(1, 'n/a (a server: its own runtime)'),
    commit: request.record.commit ?? readGitHead(deps.cwd),
    settings: request.record.settings,
    target: describeTarget(request.target, target, run.firstEmbeddingMs),
    api: { kind: request.api.kind, path: request.api.path, model: request.api.kind === 'openai' ? request.api.model : null },
    corpus: describeCorpus(corpus),
    plan: request.plan,
    sweeps: run.sweeps,
    serverMemory: samples === null ? null : { peakMB: findPeakRssMB(samples) ?? 0, samples: samples.map(({ atMs, rssMB }) => ({ atMs, rssMB })) },
    warnings: run.warnings,
  };
  const problems = describeServeProblems(profile, run.failure);
  const written: ServeProfile = { ...profile, warnings: [...profile.warnings, ...problems] };
  const files = await writeServeFiles(outDir, written);
  deps.progress.finish();
  return { kind: 'serve-profile', profile: written, outDir, files, exitCode: problems.length > 0 ? 1 : 0, problems };
}

function describeTarget(
  request: ServeTargetRequest,
  target: ServeTarget,
  firstEmbeddingMs: number | null,
): ServeProfile['target'] {
  switch (request.kind) {
    case 'url':
      return { kind: 'url', url: request.url };
    case 'command':
      return { kind: 'command', command: request.command, readyMs: target.readyMs ?? 0, firstEmbeddingMs };
  }
}

async function stopQuietly(target: ServeTarget): Promise<void> {
  try {
    await target.stop();
  } catch (error) {
    process.emitWarning(`stopping the server: ${describeError(error)}`);
  }
}

export type { ServeSweep };
