/**
 * The core's `serve-profile`: start (or reach) the server, time its cold start, sweep the request rate per
 * texts-per-request value under open-loop load, find the knee, and write serve-profile.json with its reports.
 * What was measured before a failure (a server that died mid-run) is written all the same.
 */
import { createDefaultCorpus, readCorpus } from '../measure/corpus/index.js';
import { loadTokenizer } from '../measure/engine/text-tokenizer.js';
import { measureServeRun, type ServeRun } from '../measure/serve/measure-serve-run.js';
import {
  openServeTarget,
  timeFirstEmbedding,
  type ServeTargetRequest,
} from '../measure/serve/open-serve-target.js';
import { prepareServeApi } from '../measure/serve/serve-api.js';
import type { ServePlan, ServeProfile } from '../measure/serve/serve-profile-schema.js';
import type { ServeApi, ServeTarget } from '../measure/serve/serve-types.js';
import { startRssSampler } from '../measure/serve/server-memory.js';
import type { CoreDeps } from './core-deps.js';
import type { InputNames } from './input-names.js';
import { prepareOutputDir } from './output-files.js';
import { readGitHead } from './read-provenance.js';
import { describeServeProblems } from './serve-problems.js';
import type { RunRecord } from './write-run-files.js';
import { writeServeFiles } from './write-serve-files.js';
import { buildServeProfile, RSS_SAMPLE_MS, type MeasuredServer } from './build-serve-profile.js';

export interface ServeProfileRequest {
  target: ServeTargetRequest;
  api: ServeApi;
  /** The corpus file, or null for the built-in one (ordered by the plan's seed). */
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
  /** 0 measured; 1 the server died or answered no request of a sweep (input errors are thrown: 2). */
  exitCode: 0 | 1;
  /** Why the exit code is 1, one line each (also the last of the profile's warnings). */
  problems: string[];
}

export async function runServeProfile(
  request: ServeProfileRequest,
  deps: CoreDeps,
): Promise<ServeProfileOutcome> {
  const startedAt = deps.now();
  const api = prepareServeApi(request.api, request.templateLabel);
  const outDir = await prepareOutputDir(request.outDir, request.names);
  const corpus =
    request.corpus === null ? createDefaultCorpus(request.plan.seed) : await readCorpus(request.corpus);
  const tokenizer = request.tokenizer === null ? null : await loadTokenizer(request.tokenizer);
  const target = await openServeTarget(request.target, deps.cwd);
  const measured = await measureTarget(target, async () => {
    const first = request.textsPerRequest[0] ?? 1;
    return {
      firstEmbeddingMs: await timeFirstEmbedding(target, api, corpus.texts, first),
      run: await measureServeRun({
        target,
        command:
          request.target.kind === 'command'
            ? { text: request.target.command, label: request.target.labels.command }
            : null,
        api,
        texts: corpus.texts,
        countTokens: tokenizer === null ? null : (text) => tokenizer.encode(text).length,
        plan: request.plan,
        textsPerRequest: request.textsPerRequest,
        budgetMs: request.timeBudgetSeconds * 1000,
        progress: deps.progress,
      }),
    };
  });
  const profile = buildServeProfile(request, corpus, measured, {
    startedAt,
    endedAt: deps.now(),
    commit: request.record.commit ?? readGitHead(deps.cwd),
  });
  const problems = describeServeProblems(profile, measured.run.failure, request.names);
  const written: ServeProfile = { ...profile, warnings: [...profile.warnings, ...problems] };
  const files = await writeServeFiles(outDir, written);
  deps.progress.finish();
  const exitCode = problems.length > 0 ? 1 : 0;
  return { kind: 'serve-profile', profile: written, outDir, files, exitCode, problems };
}

/** Runs `measure` with the server's RSS sampled (a started server), and stops the server whatever happens. */
async function measureTarget(
  target: ServeTarget,
  measure: () => Promise<{ run: ServeRun; firstEmbeddingMs: number | null }>,
): Promise<MeasuredServer<ServeRun>> {
  const sampler = target.pid === null ? null : startRssSampler(target.pid, RSS_SAMPLE_MS);
  try {
    const { run, firstEmbeddingMs } = await measure();
    return { run, firstEmbeddingMs, readyMs: target.readyMs, rss: sampler?.stop() ?? null };
  } finally {
    sampler?.stop();
    await target.stop();
  }
}
