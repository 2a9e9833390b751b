/**
 * The serve gate's measurement: the base and the head server started from their commands (the base's in its
 * worktree, the head's in the repository), each on a free port of its own, their cold starts timed, the duet
 * measured (measure-serve-duet.ts) with each server's RSS sampled; both servers stopped whatever happens.
 */
import type { PreparedApi } from '../measure/serve/serve-api.js';
import { measureServeDuet, type DuetServer, type ServeDuet } from '../measure/serve/measure-serve-duet.js';
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
    const firstBase = await timeFirstEmbedding(base.target, measure.api, measure.texts, first);
    const firstHead = await timeFirstEmbedding(head.target, measure.api, measure.texts, first);
    const label = sides.target.labels.command;
    const server = (side: StartedSide, from: SideCommand): DuetServer => ({
      target: side.target,
      command: { text: from.command, label },
    });
    const duet = await measureServeDuet({
      base: server(base, sides.base),
      head: server(head, sides.head),
      ...measure,
      plan: request.plan,
      textsPerRequest: request.textsPerRequest,
      budgetMs: request.timeBudgetSeconds * 1000,
      progress: deps.progress,
    });
    const measured = (side: StartedSide, run: ServeDuet['base'], firstMs: number | null) => ({
      run,
      firstEmbeddingMs: firstMs,
      readyMs: side.target.readyMs,
      rss: side.sampler?.stop() ?? null,
    });
    return {
      base: measured(base, duet.base, firstBase),
      head: measured(head, duet.head, firstHead),
      failure: duet.failure,
    };
  } finally {
    await Promise.all(started.map(stopSide));
  }
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
