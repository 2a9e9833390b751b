import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Session } from 'node:inspector/promises';
import { aggregateOperatorTrace } from '../../analysis/index.js';
import { measureAgreement } from '../../analysis/embedding-agreement.js';
import { decideSpinning } from '../../engine/onnx-session.js';
import { createOnnxEmbedder } from '../../engine/onnx-embedder.js';
import { loadTokenizer } from '../../engine/text-tokenizer.js';
import type { ProfiledEmbedder } from '../../engine/embedder.js';
import { readMemoryBreakdown } from '../../../ground/platform/process-memory.js';
import type { AnalysisJob, AnalysisReply, ExperimentVariant, LeakReading } from '../ipc/analysis-job.js';
import { createEmbedder } from './create-embedder.js';

/** Runs one analysis job in this fresh process. Failures are classified by the caller (run-worker-job.ts). */
export async function runAnalysisJob(job: AnalysisJob): Promise<AnalysisReply> {
  switch (job.kind) {
    case 'leak-check':
      return runLeakCheck(job);
    case 'operator-profile':
      return runOperatorProfile(job);
    case 'ab-experiment':
      return runExperiment(job);
    case 'cpu-profile':
      return runCpuProfile(job);
    case 'embed-sample': {
      const embedder = await createEmbedder(job.engine);
      const vectors = await collectEmbeddings(embedder, job.batches);
      await embedder.close();
      return { kind: 'embed-sample', embeddings: vectors.map((vector) => Array.from(vector)) };
    }
  }
}

/** Every vector of `batches`, in order (the warm-up of an experiment that compares outputs). */
async function collectEmbeddings(
  embedder: ProfiledEmbedder,
  batches: string[][],
): Promise<ArrayLike<number>[]> {
  const vectors: ArrayLike<number>[] = [];
  for (const batch of batches) vectors.push(...(await embedder.embedBatch(batch)).embeddings);
  return vectors;
}

async function embedAll(embedder: ProfiledEmbedder, batches: string[][]): Promise<number> {
  const start = performance.now();
  let texts = 0;
  for (const batch of batches) {
    await embedder.embedBatch(batch);
    texts += batch.length;
  }
  return texts / ((performance.now() - start) / 1000);
}

/** Rounds over the same texts with a GC-settled reading after each; warm-up rounds are not recorded. */
async function runLeakCheck(job: Extract<AnalysisJob, { kind: 'leak-check' }>): Promise<AnalysisReply> {
  const embedder = await createEmbedder(job.engine);
  for (let round = 0; round < job.warmupRounds; round++) await embedAll(embedder, job.batches);
  // a settle round after the first forced GC: measured here, RSS steps once after it and then stays flat
  readMemoryBreakdown();
  await embedAll(embedder, job.batches);
  const textsPerRound = job.batches.reduce((sum, batch) => sum + batch.length, 0);
  const readings: LeakReading[] = [];
  for (let round = 0; round <= job.rounds; round++) {
    if (round > 0) await embedAll(embedder, job.batches);
    const reading = readMemoryBreakdown();
    readings.push({ texts: round * textsPerRound, rssMB: reading.rssMB, heapUsedMB: reading.heapUsedMB });
  }
  await embedder.close();
  return { kind: 'leak-check', readings, textsPerRound };
}

/** ONNX Runtime's own per-operator trace of one representative cell, aggregated in this process. */
async function runOperatorProfile(
  job: Extract<AnalysisJob, { kind: 'operator-profile' }>,
): Promise<AnalysisReply> {
  const prefix = join(job.traceDir, `ort-profile-${process.pid}`);
  const tokenizer = await loadTokenizer(job.engine.tokenizerDir);
  const allowSpinning = decideSpinning(job.engine.ort.ortSpinning, false);
  const embedder = await createOnnxEmbedder({
    ...job.engine,
    tokenizer,
    allowSpinning,
    profilePrefix: prefix,
  });
  for (let run = 0; run < job.runs; run++)
    await embedder.embedBatch(job.batches[run % job.batches.length] ?? []);
  embedder.endProfiling();
  await embedder.close();
  const name = (await readdir(job.traceDir)).find((file) => file.startsWith(`ort-profile-${process.pid}`));
  if (name === undefined) throw new Error(`ONNX Runtime wrote no profile trace into ${job.traceDir}`);
  const text = await readFile(join(job.traceDir, name), 'utf8');
  await rm(join(job.traceDir, name), { force: true });
  return {
    kind: 'operator-profile',
    operators: aggregateOperatorTrace(text, { cell: job.cell, runs: job.runs, top: job.top ?? 10 }),
  };
}

/** A and B loaded side by side, warmed up, then measured in ABBA order so drift hits both equally. */
async function runExperiment(job: Extract<AnalysisJob, { kind: 'ab-experiment' }>): Promise<AnalysisReply> {
  const open = async (variant: ExperimentVariant) => ({
    variant,
    embedder: await createEmbedder(variant.engine),
  });
  const a = await open(job.a);
  const b = await open(job.b);
  // the warm-up batches: the same texts on both sides, so their outputs can be compared text by text
  const warmup: ArrayLike<number>[][] = [];
  for (const side of [a, b])
    warmup.push(await collectEmbeddings(side.embedder, side.variant.batches.slice(0, 2)));
  const agreement = job.compareOutputs === true ? measureAgreement(warmup[0] ?? [], warmup[1] ?? []) : null;
  const pairs: { baseline: number; variant: number }[] = [];
  for (let round = 0; round < job.rounds; round++) {
    const order = round % 2 === 0 ? [a, b] : [b, a];
    const speeds = new Map<ExperimentVariant, number>();
    for (const side of order) speeds.set(side.variant, await embedAll(side.embedder, side.variant.batches));
    pairs.push({ baseline: speeds.get(job.a) ?? Number.NaN, variant: speeds.get(job.b) ?? Number.NaN });
  }
  await a.embedder.close();
  await b.embedder.close();
  return { kind: 'ab-experiment', pairs, agreement };
}

/** A V8 CPU profile of the embedder's run (for custom embedders: where the JS time goes). */
async function runCpuProfile(job: Extract<AnalysisJob, { kind: 'cpu-profile' }>): Promise<AnalysisReply> {
  const embedder = await createEmbedder(job.engine);
  await embedAll(embedder, job.batches.slice(0, 1));
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  for (let round = 0; round < job.rounds; round++) await embedAll(embedder, job.batches);
  const { profile } = await session.post('Profiler.stop');
  session.disconnect();
  await embedder.close();
  await writeFile(job.outPath, JSON.stringify(profile));
  return { kind: 'cpu-profile', path: job.outPath };
}
