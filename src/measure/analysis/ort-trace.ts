/**
 * Aggregates an onnxruntime session-profiling trace (`enableProfiling: true`, then `endProfiling()`) into
 * per-operator-type hotspots. The trace is a JSON array of Chrome-trace events: one `cat: "Node"` event per
 * node execution named `<node>_kernel_time` (older runtimes add `_fence_before` / `_fence_after` events,
 * which are synchronisation, not kernel time, and are ignored), with `dur` in microseconds and
 * `args.op_name`. `cat: "Session"` events (model_run, SequentialExecutor::Execute, …) wrap the nodes and
 * are not operators. Shares are of the summed kernel time, not of wall time.
 */
import { z } from 'zod';
import { describeError } from '../../ground/errors.js';
import type { hotspotsSchema } from '../../ground/schema/analysis-schema.js';

export type OperatorHotspots = NonNullable<z.infer<typeof hotspotsSchema>['operators']>;
export type OperatorStat = OperatorHotspots['top'][number];

export interface OperatorTraceOptions {
  /** The cell the traced runs belong to, e.g. "batch 32". */
  cell: string;
  /** How many session.run calls the trace covers. */
  runs: number;
  /** How many operator types to keep; the rest are summed into otherShare. */
  top: number;
}

const kernelSuffix = '_kernel_time';

const traceEventSchema = z.looseObject({ cat: z.unknown(), name: z.unknown() });

const kernelEventSchema = z.looseObject({
  name: z.string(),
  dur: z.number().nonnegative(),
  args: z.looseObject({ op_name: z.string().min(1) }),
});

interface KernelEvent {
  opType: string;
  microseconds: number;
}

/** Parses the text and returns the event array (a bare array, or Chrome's `{ traceEvents: [...] }`). */
function parseTraceEvents(traceText: string): unknown[] {
  let document: unknown;
  try {
    document = JSON.parse(traceText);
  } catch (error) {
    const reason = describeError(error);
    throw new Error(`onnxruntime trace is not valid JSON (${reason}); the profile file may be truncated`);
  }
  if (Array.isArray(document)) return document;
  const wrapped = z.object({ traceEvents: z.array(z.unknown()) }).safeParse(document);
  if (wrapped.success) return wrapped.data.traceEvents;
  throw new Error('onnxruntime trace: expected a JSON array of trace events, received another JSON value');
}

function isKernelCandidate(event: unknown, index: number): boolean {
  const parsed = traceEventSchema.safeParse(event);
  if (!parsed.success) {
    throw new Error(`onnxruntime trace: event ${index} is not an object`);
  }
  const { cat, name } = parsed.data;
  return cat === 'Node' && typeof name === 'string' && name.endsWith(kernelSuffix);
}

/** The node-kernel events, validated; anything else (session events, fences, metadata) is skipped. */
function readKernelEvents(events: readonly unknown[]): KernelEvent[] {
  const kernels: KernelEvent[] = [];
  events.forEach((event, index) => {
    if (!isKernelCandidate(event, index)) return;
    const parsed = kernelEventSchema.safeParse(event);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue === undefined ? '' : ` at ${issue.path.join('.')}: ${issue.message}`;
      throw new Error(`onnxruntime trace: kernel event ${index} is malformed${where}`);
    }
    kernels.push({ opType: parsed.data.args.op_name, microseconds: parsed.data.dur });
  });
  return kernels;
}

interface OperatorTotal {
  opType: string;
  count: number;
  microseconds: number;
}

function sumByOperator(kernels: readonly KernelEvent[]): Map<string, Omit<OperatorTotal, 'opType'>> {
  const totals = new Map<string, Omit<OperatorTotal, 'opType'>>();
  for (const kernel of kernels) {
    const entry = totals.get(kernel.opType) ?? { count: 0, microseconds: 0 };
    entry.count += 1;
    entry.microseconds += kernel.microseconds;
    totals.set(kernel.opType, entry);
  }
  return totals;
}

function assertOptions(options: OperatorTraceOptions): void {
  if (!Number.isInteger(options.runs) || options.runs < 1) {
    throw new RangeError(`runs is ${options.runs}: expected an integer ≥ 1`);
  }
  if (!Number.isInteger(options.top) || options.top < 0) {
    throw new RangeError(`top is ${options.top}: expected an integer ≥ 0`);
  }
}

/** Most time first; equal times by name, so the order does not depend on the trace's event order. */
function compareOperators(a: OperatorTotal, b: OperatorTotal): number {
  if (a.microseconds !== b.microseconds) return b.microseconds - a.microseconds;
  if (a.opType === b.opType) return 0;
  return a.opType < b.opType ? -1 : 1;
}

const clampShare = (share: number): number => Math.min(1, Math.max(0, share));

/**
 * Sums kernel time per operator type (count, total ms, share of all kernel time), sorted by time (ties by
 * name), keeps the `top` types and reports the rest as otherShare. Throws an Error with a clear message
 * for text that is not a trace, a malformed kernel event, or a trace without kernel time.
 */
export function aggregateOperatorTrace(traceText: string, options: OperatorTraceOptions): OperatorHotspots {
  assertOptions(options);
  const kernels = readKernelEvents(parseTraceEvents(traceText));
  if (kernels.length === 0) {
    throw new Error(
      'onnxruntime trace has no operator events (cat "Node", name ending in _kernel_time): was the ' +
        'session created with enableProfiling: true and run at least once before endProfiling()?',
    );
  }
  const totalMicroseconds = kernels.reduce((sum, kernel) => sum + kernel.microseconds, 0);
  if (totalMicroseconds <= 0) throw new Error('onnxruntime trace: every kernel event has zero duration');
  const operators = [...sumByOperator(kernels)]
    .map(([opType, entry]) => ({ opType, ...entry }))
    .sort(compareOperators);
  const otherMicroseconds = operators.slice(options.top).reduce((sum, op) => sum + op.microseconds, 0);
  return {
    cell: options.cell,
    runs: options.runs,
    totalMs: totalMicroseconds / 1000,
    top: operators.slice(0, options.top).map((op) => ({
      opType: op.opType,
      count: op.count,
      totalMs: op.microseconds / 1000,
      share: clampShare(op.microseconds / totalMicroseconds),
    })),
    otherShare: clampShare(otherMicroseconds / totalMicroseconds),
  };
}
