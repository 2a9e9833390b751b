import type { EngineSpec, TextTokenizer } from '../../engine/embedder.js';
import type { AnalysisJob, ExperimentVariant } from '../ipc/analysis-job.js';
import type { PresetName } from '../presets.js';

export interface AnalysisSettings {
  leakRounds: number;
  leakTextsPerRound: number;
  experimentRounds: number;
  experimentTexts: number;
  operatorRuns: number;
}

const QUICK_ANALYSIS = {
  leakRounds: 5,
  leakTextsPerRound: 96,
  experimentRounds: 3,
  experimentTexts: 64,
  operatorRuns: 4,
};

/** The pr preset runs no analysis by default (the config's analysis: true runs the quick one); smoke a small one. */
export const ANALYSIS_SETTINGS: Record<PresetName, AnalysisSettings> = {
  smoke: { leakRounds: 3, leakTextsPerRound: 32, experimentRounds: 1, experimentTexts: 32, operatorRuns: 1 },
  quick: QUICK_ANALYSIS,
  pr: QUICK_ANALYSIS,
  full: {
    leakRounds: 12,
    leakTextsPerRound: 256,
    experimentRounds: 8,
    experimentTexts: 128,
    operatorRuns: 20,
  },
};

export const EXPERIMENT_BATCH = 32;
const TRUNCATION_LIMITS = [128, 256];

/** Splits texts into batches of EXPERIMENT_BATCH. */
export function toBatches(texts: string[], size = EXPERIMENT_BATCH): string[][] {
  const batches: string[][] = [];
  for (let i = 0; i < texts.length; i += size) batches.push(texts.slice(i, i + size));
  return batches;
}

export function planLeakCheck(engine: EngineSpec, texts: string[], settings: AnalysisSettings): AnalysisJob {
  const round = Array.from({ length: settings.leakTextsPerRound }, (_, i) => texts[i % texts.length] ?? '');
  return {
    kind: 'leak-check',
    engine,
    batches: toBatches(round),
    warmupRounds: 1,
    rounds: settings.leakRounds,
  };
}

function variant(label: string, engine: EngineSpec, texts: string[]): ExperimentVariant {
  return { label, engine, batches: toBatches(texts) };
}

/** `compareOutputs`: the variant changes the embeddings (dtype, truncation), so their agreement is measured too. */
function experiment(
  a: ExperimentVariant,
  b: ExperimentVariant,
  rounds: number,
  compareOutputs = false,
): AnalysisJob {
  return { kind: 'ab-experiment', a, b, rounds, compareOutputs };
}

/** The same texts in corpus order vs sorted by length, so batches pad less. */
export function planBucketing(engine: EngineSpec, texts: string[], rounds: number): AnalysisJob {
  const sorted = [...texts].sort((x, y) => x.length - y.length);
  return experiment(
    variant('corpus order', engine, texts),
    variant('length-sorted batches', engine, sorted),
    rounds,
  );
}

/**
 * The engine as profiled vs the same engine without its output checks: what embedprof's own work costs.
 * Many one-batch rounds, alternating, because the effect is small and the machine's noise is not.
 */
export function planInstrumentation(engine: EngineSpec, texts: string[], rounds: number): AnalysisJob | null {
  if (engine.kind !== 'onnx') return null;
  const bare = { ...engine, checked: false };
  const batch = texts.slice(0, EXPERIMENT_BATCH);
  return experiment(
    variant('instrumented', engine, batch),
    variant('without checks', bare, batch),
    rounds * 3,
  );
}

export function planThreads(engine: EngineSpec, texts: string[], rounds: number): AnalysisJob | null {
  if (engine.kind !== 'onnx' || engine.threads < 2) return null;
  const fewer = Math.max(1, Math.floor(engine.threads / 2));
  const label = (n: number) => `${n} thread${n === 1 ? '' : 's'}`;
  return experiment(
    variant(label(engine.threads), engine, texts),
    variant(label(fewer), { ...engine, threads: fewer }, texts),
    rounds,
  );
}

export function planDtype(
  engine: EngineSpec,
  other: { dtype: string; onnxPath: string; current: string } | null,
  texts: string[],
  rounds: number,
): AnalysisJob | null {
  if (engine.kind !== 'onnx' || other === null) return null;
  const otherEngine = { ...engine, onnxPath: other.onnxPath };
  return experiment(
    variant(other.current, engine, texts),
    variant(other.dtype, otherEngine, texts),
    rounds,
    true,
  );
}

export interface TruncationPlan {
  maxTokens: number;
  shareOver: number;
  job: AnalysisJob;
}

/**
 * For each limit below the engine's own with texts over it: the share of corpus texts over the limit and an
 * experiment on a sample of the corpus as it is (the speed-up users would see), full vs truncated.
 */
export function planTruncation(
  engine: EngineSpec,
  corpus: string[],
  tokenizer: TextTokenizer,
  settings: AnalysisSettings,
): TruncationPlan[] {
  if (engine.kind !== 'onnx') return [];
  const lengths = corpus.map((text) => tokenizer.encode(text).length);
  return TRUNCATION_LIMITS.filter((limit) => limit < engine.maxTokens).flatMap((limit) => {
    const over = corpus.filter((_, i) => (lengths[i] ?? 0) > limit);
    if (over.length === 0) return [];
    const sample = corpus.slice(0, settings.experimentTexts);
    const job = experiment(
      variant(`${engine.maxTokens} tokens`, engine, sample),
      variant(`${limit} tokens`, { ...engine, maxTokens: limit }, sample),
      settings.experimentRounds,
      true,
    );
    return [{ maxTokens: limit, shareOver: over.length / corpus.length, job }];
  });
}
