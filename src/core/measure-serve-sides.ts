/**
 * The serve gate's measurement: the base and the head server started from their commands (the base's in its
 * worktree, the head's in the repository), each on a free port of its own, their cold starts timed, the duet
 * measured (measure-serve-duet.ts) with each server's RSS sampled; both servers stopped whatever happens.
 */
import type { PreparedApi } from '../measure/serve/serve-api.js';
import { measureServeDuet, type DuetSideRun, type ServeDuet } from '../measure/serve/measure-serve-duet.js';
import { timeFirstEmbedding } from '../measure/serve/open-serve-target.js';
import { startServeCommand } from '../measure/serve/serve-target.js';
import type { ServeTarget } from '../measure/serve/serve-types.js';
import { startRssSampler, type RssSampler } from '../measure/serve/server-memory.js';
import { RSS_SAMPLE_MS, type MeasuredServer } from './build-serve-profile.js';
import type { CoreDeps } from './core-deps.js';
import type { ServeCommandTarget, ServeGateRequest } from './serve-gate-request.js';

export interface SideCommand {
  command: string;
  cwd: string;
}

export interface MeasuredSides {
  base: MeasuredServer;
  head: MeasuredServer;
  failure: ServeDuet['failure'];
}

interface StartedSide {
  target: ServeTarget;
  sampler: RssSampler | null;
}

/** Starts both servers, measures the duet, stops both (also when starting or measuring throws). */
export async function measureServeSides(
  request: ServeGateRequest,
  sides: { base: SideCommand; head: SideCommand; target: ServeCommandTarget },
  measure: { api: PreparedApi; texts: readonly string[]; countTokens: ((text: string) => number) | null },
  deps: CoreDeps,
): Promise<MeasuredSides> {
  const started: StartedSide[] = [];
  try {
    const base = await startSide(sides.base, sides.target, started);
    const head = await startSide(sides.head, sides.target, started);
    const first = request.textsPerRequest[0] ?? 1;
    const firstMs = {
      base: await timeFirstEmbedding(base.target, measure.api, measure.texts, first),
      head: await timeFirstEmbedding(head.target, measure.api, measure.texts, first),
    };
    const duet = await measureServeDuet({
      base: {
        target: base.target,
        command: { text: sides.base.command, label: sides.target.labels.command },
      },
      head: {
        target: head.target,
        command: { text: sides.head.command, label: sides.target.labels.command },
      },
      ...measure,
      plan: request.plan,
      textsPerRequest: request.textsPerRequest,
      budgetMs: request.timeBudgetSeconds * 1000,
      progress: deps.progress,
    });
    return {
      base: collectSide(base, duet.base, firstMs.base),
      head: collectSide(head, duet.head, firstMs.head),
      failure: duet.failure,
    };
  } finally {
    await Promise.all(started.map(stopSide));
  }
}

/** What one side measured, its RSS series ended here. */
function collectSide(side: StartedSide, run: DuetSideRun, firstEmbeddingMs: number | null): MeasuredServer {
  return { run, firstEmbeddingMs, readyMs: side.target.readyMs, rss: side.sampler?.stop() ?? null };
}

async function startSide(
  side: SideCommand,
  target: ServeCommandTarget,
  started: StartedSide[],
): Promise<StartedSide> {
  const server = await startServeCommand({
    command: side.command,
    cwd: side.cwd,
    readyPath: target.readyPath,
    readyTimeoutMs: target.readyTimeoutMs,
    labels: target.labels,
  });
  const entry = {
    target: server,
    sampler: server.pid === null ? null : startRssSampler(server.pid, RSS_SAMPLE_MS),
  };
  started.push(entry);
  return entry;
}

async function stopSide(side: StartedSide): Promise<void> {
  side.sampler?.stop();
  await side.target.stop();
}
