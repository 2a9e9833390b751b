// npm run bench: side-by-side throughput ratios measured in one run, interleaved, medians over rounds.
import { mkdtempSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ensureSyntheticModel } from '../src/measure/onnx/synthetic-model.js';
import { readCorpus } from '../src/measure/corpus/index.js';
import { computeMedian } from '../src/ground/stats/index.js';
import {
  createBareLoopContender,
  createEngineContender,
  createTransformersContender,
  type Contender,
} from './contenders.js';
import { runServeBench } from './serve-bench.js';

const ROUNDS = 15;
const BATCHES_PER_ROUND = 6;
const BATCH = 32;
const sharedDir = resolve(process.env.EMBEDPROF_SHARED_DIR ?? '../shared');
const tokenizerDir = join(sharedDir, 'models', 'all-MiniLM-L6-v2');
const threads = availableParallelism();

async function timeRound(contender: Contender, batches: string[][]): Promise<number> {
  const start = performance.now();
  for (const batch of batches) await contender.embed(batch);
  const seconds = (performance.now() - start) / 1000;
  return (batches.length * BATCH) / seconds;
}

/** Rounds rotate the order of contenders so none always runs first; returns texts/s per round. */
async function compare(contenders: Contender[], batches: string[][]): Promise<number[][]> {
  for (const c of contenders) for (const batch of batches.slice(0, 4)) await c.embed(batch);
  const results = contenders.map(() => [] as number[]);
  for (let round = 0; round < ROUNDS; round++) {
    for (let k = 0; k < contenders.length; k++) {
      const index = (round + k) % contenders.length;
      const contender = contenders[index];
      if (contender) results[index]?.push(await timeRound(contender, batches));
    }
  }
  return results;
}

function report(label: string, names: string[], results: number[][], targets: (number | null)[]): void {
  const reference = results[0] ?? [];
  console.log(`\n${label} (batch ${BATCH}, ${threads} threads, ${ROUNDS} interleaved rounds)`);
  names.forEach((name, i) => {
    const values = results[i] ?? [];
    const ratios = reference.map((r, j) => r / (values[j] ?? Number.NaN));
    const ratio = computeMedian(ratios);
    const target = targets[i];
    const verdict =
      target === null || target === undefined
        ? ''
        : ratio >= target
          ? ` ✓ target ≥ ${target}×`
          : ` ✗ target ≥ ${target}×`;
    console.log(
      `  ${name.padEnd(26)} ${computeMedian(values).toFixed(0).padStart(6)} texts/s median` +
        (i === 0 ? '' : `   engine / this = ${ratio.toFixed(3)}× (median of per-round ratios)${verdict}`),
    );
  });
}

async function main(): Promise<void> {
  const corpus = await readCorpus(join(sharedDir, 'seed-data', 'fever_sample_claims.json'));
  const batches = Array.from({ length: BATCHES_PER_ROUND }, (_, b) =>
    Array.from({ length: BATCH }, (_, i) => corpus.texts[(b * BATCH + i) % corpus.texts.length] ?? ''),
  );
  const scratch = mkdtempSync(join(tmpdir(), 'embedprof-bench-'));
  const cacheDir = resolve('.cache/embedprof');
  for (const dtype of ['fp32', 'q8'] as const) {
    const model = await ensureSyntheticModel({ preset: 'all-MiniLM-L6-v2', dtype, cacheDir });
    const contenders = [
      await createEngineContender(model.onnxPath, tokenizerDir, threads),
      await createBareLoopContender(model.onnxPath, tokenizerDir, threads),
      await createTransformersContender(model.dir, model.onnxPath, tokenizerDir, dtype, threads, scratch),
    ];
    const results = await compare(contenders, batches);
    const pipelineTarget = dtype === 'fp32' ? 1.07 : 1.2;
    report(
      `synthetic all-MiniLM-L6-v2 ${dtype}`,
      contenders.map((c) => c.name),
      results,
      [null, 0.98, pipelineTarget],
    );
  }
}

// `npm run bench -- serve` runs the serve row alone; `npm run bench -- engine` the engine rows alone
const only = process.argv[2];
if (only === undefined || only === 'engine') await main();
if (only === undefined || only === 'serve') await runServeBench();
