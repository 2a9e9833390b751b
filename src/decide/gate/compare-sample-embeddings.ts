/**
 * Duet mode's quality check, measured: the base's and the head's embedder each embed the same sample of the
 * corpus in a fresh process, and their vectors are compared text by text (embedding-agreement.ts). A side that
 * cannot embed the sample leaves it not compared, with the reason; vectors of another dimension are incompatible.
 */
import { measureAgreement } from '../../measure/analysis/embedding-agreement.js';
import type { EngineSpec } from '../../measure/engine/embedder.js';
import type { AnalysisReply } from '../../measure/protocol/ipc/analysis-job.js';
import { runInFreshProcess } from '../../measure/protocol/ipc/spawn-worker.js';
import { toBatches } from '../../measure/protocol/schedule/analysis-plan.js';
import type { DuetSide } from '../../measure/protocol/schedule/run-lockstep-pair.js';
import type { SampleComparison } from '../compare/quality-gate.js';

/** Texts in the sample: enough for a 1st percentile, a few seconds of work for a small model. */
export const QUALITY_SAMPLE_TEXTS = 64;

const TIMEOUT_MS = 5 * 60 * 1000;

async function embedSample(engine: EngineSpec, batches: string[][]): Promise<number[][] | string> {
  const reply: AnalysisReply = await runInFreshProcess({ kind: 'embed-sample', engine, batches }, TIMEOUT_MS);
  if (reply.kind === 'embed-sample') return reply.embeddings;
  return reply.kind === 'failed' ? reply.message : `unexpected reply ${reply.kind}`;
}

/** The two sides' agreement on `texts` (the first QUALITY_SAMPLE_TEXTS of them). */
export async function compareSampleEmbeddings(
  engines: Record<DuetSide, EngineSpec>,
  texts: readonly string[],
  /** Shows a side's failure message as the user should read it (the base's without its worktree). */
  describeFailure: (side: DuetSide, message: string) => string,
): Promise<SampleComparison> {
  const batches = toBatches(texts.slice(0, QUALITY_SAMPLE_TEXTS));
  if (batches.length === 0) return { kind: 'not-compared', reason: 'no texts to embed' };
  const base = await embedSample(engines.base, batches);
  const head = await embedSample(engines.head, batches);
  if (typeof base === 'string') return { kind: 'not-compared', reason: describeFailure('base', base) };
  if (typeof head === 'string') return { kind: 'not-compared', reason: describeFailure('head', head) };
  const baseSize = base[0]?.length ?? 0;
  const headSize = head[0]?.length ?? 0;
  if (baseSize !== headSize) {
    const reason = `the head's embeddings have ${headSize} dimensions, the base's ${baseSize}`;
    return { kind: 'incompatible', reason };
  }
  return { kind: 'compared', agreement: measureAgreement(base, head) };
}
