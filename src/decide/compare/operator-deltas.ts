/**
 * Where the inference time went, per operator type: ONNX Runtime's kernel time of one batch profiled in fresh
 * base and head processes round after round, each round's head − base paired, with a t interval over the
 * rounds, the largest increase first. Node counts per batch show an operator the head added or removed. Pure.
 */
import type { OperatorHotspots } from '../../measure/analysis/index.js';
import type { OperatorAttribution, OperatorDelta } from './attribution-schema.js';
import { describePairedDelta } from './stage-attribution.js';

/** Operator types kept in comparison.json, largest increase first. */
export const MAX_OPERATOR_DELTAS = 8;

/** ms per batch and nodes per batch of `opType` in one round's trace; 0 when the side ran none. */
function readOperator(trace: OperatorHotspots, opType: string): { ms: number; nodes: number } {
  const entry = trace.top.find((item) => item.opType === opType);
  if (entry === undefined) return { ms: 0, nodes: 0 };
  return { ms: entry.totalMs / trace.runs, nodes: entry.count / trace.runs };
}

/** Every operator type either side ran, in first-seen order. */
function listOperatorTypes(traces: readonly OperatorHotspots[]): string[] {
  return [...new Set(traces.flatMap((trace) => trace.top.map((item) => item.opType)))];
}

/**
 * The operator deltas of paired rounds (base[i] and head[i] ran one after the other). Traces must keep every
 * operator type by name (otherShare 0): a type summed into otherShare would read as absent.
 */
export function compareOperatorRounds(
  base: readonly OperatorHotspots[],
  head: readonly OperatorHotspots[],
  confidence: number,
  batchSize: number,
): OperatorAttribution {
  const rounds = Math.min(base.length, head.length);
  if (rounds === 0) throw new RangeError('compareOperatorRounds: expected at least one round on each side');
  const pairs = base.slice(0, rounds).map((one, index) => [one, head[index] ?? one] as const);
  const operators: OperatorDelta[] = listOperatorTypes([...base, ...head]).map((opType) => {
    const baseReads = pairs.map(([one]) => readOperator(one, opType));
    const headReads = pairs.map(([, other]) => readOperator(other, opType));
    const delta = describePairedDelta(
      baseReads.map((read) => read.ms),
      headReads.map((read) => read.ms),
      confidence,
    );
    const meanNodes = (reads: { nodes: number }[]) =>
      reads.reduce((sum, read) => sum + read.nodes, 0) / reads.length;
    return { opType, ...delta, baseNodes: meanNodes(baseReads), headNodes: meanNodes(headReads) };
  });
  operators.sort((a, b) => b.deltaMs - a.deltaMs || a.opType.localeCompare(b.opType));
  const runsPerRound = base[0]?.runs ?? 1;
  return { rounds, runsPerRound, batchSize, operators: operators.slice(0, MAX_OPERATOR_DELTAS) };
}
