import type * as ort from 'onnxruntime-node';
import { loadOnnxRuntime } from '../../engine/onnx-runtime.js';
import { createSpinningEntries, decideSpinning } from '../../engine/onnx-session.js';
import { computeMedian } from '../../../ground/stats/index.js';
import { REFERENCE_ENCODER, type ProbeReading, type ProbeSpec } from '../probe-calibration.js';

export interface Probe {
  /** One reading of each probe: a block of reference-encoder runs, then a block of MatMul runs (timeBlock). */
  read(targetMs: number, minRuns?: number): Promise<ProbeReading>;
  release(): Promise<void>;
}

type Feeds = Record<string, ort.Tensor>;

/**
 * A block of runs of one session: `discard` untimed runs first (right after another session ran, the first runs
 * are up to 3× slower while its threads spin down), then ≥ minRuns timed runs and ≥ targetMs. The block's time is
 * runs × the median run, so one slow run does not move it.
 */
async function timeBlock(
  session: ort.InferenceSession,
  feeds: Feeds,
  block: { targetMs: number; discard: number; minRuns: number },
) {
  const { targetMs, discard, minRuns } = block;
  for (let i = 0; i < discard; i++) await session.run(feeds);
  const start = performance.now();
  const times: number[] = [];
  while (times.length < minRuns || performance.now() - start < targetMs) {
    const before = performance.now();
    await session.run(feeds);
    times.push(performance.now() - before);
  }
  return { runs: times.length, ms: times.length * computeMedian(times) };
}

export async function createProbe(spec: ProbeSpec, takesTurns = false): Promise<Probe> {
  const options: ort.InferenceSession.SessionOptions = {
    executionProviders: ['cpu'],
    intraOpNumThreads: spec.threads,
    interOpNumThreads: 1,
    graphOptimizationLevel: 'all',
    ...createSpinningEntries(decideSpinning(spec.spinning, takesTurns)),
  };
  const { models } = spec;
  const { InferenceSession, Tensor } = await loadOnnxRuntime();
  const open = (model: string | Uint8Array) =>
    typeof model === 'string'
      ? InferenceSession.create(model, options)
      : InferenceSession.create(model, options);
  const matmulSession = await open(models.matmul);
  const data = new Float32Array(spec.m * spec.k).map((_, i) => Math.sin(i * 0.37) * 0.5);
  const matmulFeeds = { [models.matmulInput]: new Tensor('float32', data, [spec.m, spec.k]) };
  const referenceSession = await open(models.reference);
  const referenceFeeds = createReferenceFeeds(Tensor);
  return {
    async read(targetMs, minRuns = 3) {
      const half = targetMs / 2;
      const reference = await timeBlock(referenceSession, referenceFeeds, {
        targetMs: half,
        discard: 2,
        minRuns,
      });
      const product = await timeBlock(matmulSession, matmulFeeds, { targetMs: half, discard: 1, minRuns });
      return {
        flops: product.runs * models.matmulFlops,
        ms: product.ms,
        referenceSequences: reference.runs * REFERENCE_ENCODER.batch,
        referenceMs: reference.ms,
      };
    },
    release: async () => {
      await matmulSession.release();
      await referenceSession.release();
    },
  };
}

function createReferenceFeeds(Tensor: typeof ort.Tensor): Feeds {
  const { batch, tokens, vocabSize } = REFERENCE_ENCODER;
  const dims = [batch, tokens];
  const ids = new BigInt64Array(batch * tokens).map((_, i) => BigInt(100 + ((i * 37) % (vocabSize - 100))));
  return {
    input_ids: new Tensor('int64', ids, dims),
    attention_mask: new Tensor('int64', new BigInt64Array(batch * tokens).fill(1n), dims),
    token_type_ids: new Tensor('int64', new BigInt64Array(batch * tokens), dims),
  };
}
