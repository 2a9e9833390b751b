import { rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  assessLeak,
  chooseLeakThreshold,
  skipLeakCheck,
  summarizeEffect,
  type OperatorHotspots,
} from '../../analysis/index.js';
import type { EngineSpec, TextTokenizer } from '../../engine/embedder.js';
import type { Effect, LeakCheck } from '../../../ground/schema/analysis-schema.js';
import type { AnalysisJob, AnalysisReply } from '../ipc/analysis-job.js';
import {
  planBucketing,
  planDtype,
  planInstrumentation,
  planLeakCheck,
  planThreads,
  planTruncation,
  toBatches,
  type AnalysisSettings,
} from './analysis-plan.js';
import type { ProgressReporter } from './progress.js';
import { runInFreshProcess } from '../ipc/spawn-worker.js';
import { registerSignalCleanup } from '../../../ground/platform/signal-cleanup.js';

export interface AnalysisRequest {
  engine: EngineSpec;
  /** The corpus in the seeded order the batch sweep uses. */
  texts: string[];
  tokenizer: TextTokenizer;
  otherDtype: { dtype: string; onnxPath: string; current: string } | null;
  cpuProfilePath: string | null;
  settings: AnalysisSettings;
  progress: ProgressReporter;
}

export interface AnalysisMeasurements {
  leak: LeakCheck;
  operators: OperatorHotspots | null;
  instrumentation: Effect | null;
  bucketing: Effect | null;
  threads: Effect | null;
  dtype: Effect | null;
  truncation: { maxTokens: number; shareOver: number; effect: Effect }[];
  cpuProfile: string | null;
  warnings: string[];
}

const TIMEOUT_MS = 10 * 60 * 1000;

/** Runs the analysis jobs one by one, each in a fresh process; a failed job is a warning, not a failed run. */
export async function runAnalysis(request: AnalysisRequest): Promise<AnalysisMeasurements> {
  const { engine, texts, settings } = request;
  const warnings: string[] = [];
  const sample = texts.slice(0, settings.experimentTexts);
  const run = async (label: string, job: AnalysisJob | null): Promise<AnalysisReply | null> => {
    if (job === null) return null;
    request.progress.note(`analysis: ${label}`);
    const reply = await runInFreshProcess(job, TIMEOUT_MS);
    if (reply.kind === 'failed') warnings.push(`${label} failed: ${reply.message}`);
    return reply.kind === 'failed' ? null : reply;
  };
  const effectOf = async (label: string, job: AnalysisJob | null): Promise<Effect | null> => {
    const reply = await run(label, job);
    if (reply?.kind !== 'ab-experiment' || job?.kind !== 'ab-experiment') return null;
    const effect = summarizeEffect(reply.pairs, { baseline: job.a.label, variant: job.b.label });
    return reply.agreement === null ? effect : { ...effect, agreement: reply.agreement };
  };
  const leak = await measureLeak(request, run);
  const operators = await profileOperators(request, run);
  const instrumentation = await effectOf(
    'instrumentation overhead',
    planInstrumentation(engine, sample, settings.experimentRounds),
  );
  const bucketing = await effectOf(
    'length bucketing',
    planBucketing(engine, texts.slice(0, settings.experimentTexts * 2), settings.experimentRounds),
  );
  const threads = await effectOf('thread count', planThreads(engine, sample, settings.experimentRounds));
  const dtype = await effectOf(
    'int8 vs fp32',
    planDtype(engine, request.otherDtype, sample, settings.experimentRounds),
  );
  const truncation = [];
  for (const plan of planTruncation(engine, texts, request.tokenizer, settings)) {
    const effect = await effectOf(`truncation at ${plan.maxTokens} tokens`, plan.job);
    if (effect) truncation.push({ maxTokens: plan.maxTokens, shareOver: plan.shareOver, effect });
  }
  const cpuProfile = await writeCpuProfile(request, run);
  return { leak, operators, instrumentation, bucketing, threads, dtype, truncation, cpuProfile, warnings };
}

type RunJob = (label: string, job: AnalysisJob | null) => Promise<AnalysisReply | null>;

async function measureLeak(request: AnalysisRequest, run: RunJob): Promise<LeakCheck> {
  const job = planLeakCheck(request.engine, request.texts, request.settings);
  const reply = await run('leak check', job);
  if (reply?.kind !== 'leak-check') return skipLeakCheck('the leak-check process failed (see warnings)');
  const plan = { rounds: request.settings.leakRounds, textsPerRound: reply.textsPerRound };
  return assessLeak(reply.readings, { ...plan, thresholdMBPer1000Texts: chooseLeakThreshold(plan) });
}

/** ONNX Runtime's per-operator trace, written into a temporary folder removed afterwards (or on SIGINT/SIGTERM). */
async function profileOperators(request: AnalysisRequest, run: RunJob): Promise<OperatorHotspots | null> {
  if (request.engine.kind !== 'onnx') return null;
  const traceDir = await mkdtemp(join(tmpdir(), 'embedprof-ort-'));
  const unregister = registerSignalCleanup(() => rmSync(traceDir, { recursive: true, force: true }));
  try {
    const batches = toBatches(request.texts.slice(0, 64));
    const job: AnalysisJob = {
      kind: 'operator-profile',
      engine: request.engine,
      batches,
      runs: request.settings.operatorRuns,
      traceDir,
      cell: 'batch 32',
    };
    const reply = await run('ONNX Runtime operator profile', job);
    return reply?.kind === 'operator-profile' ? reply.operators : null;
  } finally {
    unregister();
    await rm(traceDir, { recursive: true, force: true });
  }
}

async function writeCpuProfile(request: AnalysisRequest, run: RunJob): Promise<string | null> {
  if (request.cpuProfilePath === null) return null;
  const batches = toBatches(request.texts.slice(0, request.settings.experimentTexts));
  const job: AnalysisJob = {
    kind: 'cpu-profile',
    engine: request.engine,
    batches,
    rounds: 3,
    outPath: request.cpuProfilePath,
  };
  const reply = await run('V8 CPU profile', job);
  return reply?.kind === 'cpu-profile' ? reply.path : null;
}
