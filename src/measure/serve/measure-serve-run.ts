/**
 * A serve run's measurement: one rate sweep per texts-per-request value against one target, the time budget
 * shared among the sweeps still to run. A started server found dead ends the run there: the sweeps measured
 * before it stay, and the failure names the command and quotes its last stderr lines.
 */
import type { ProgressReporter } from '../protocol/schedule/progress.js';
import { runRateSweep, type RateSweepRequest } from './run-rate-sweep.js';
import type { PreparedApi } from './serve-api.js';
import { createServerDiedFailure } from './serve-failures.js';
import type { ServePlan, ServeSweep } from './serve-profile-schema.js';
import type { ServeTarget } from './serve-types.js';

export interface ServeRunRequest {
  target: ServeTarget;
  /** The started server's command and how the face names it, for the failure when it dies; null for a URL. */
  command: { text: string; label: string } | null;
  api: PreparedApi;
  texts: readonly string[];
  countTokens: ((text: string) => number) | null;
  plan: ServePlan;
  textsPerRequest: readonly number[];
  budgetMs: number;
  progress: ProgressReporter;
}

export interface ServeRun {
  sweeps: ServeSweep[];
  /** Sentences for the profile's warnings (rounds cut by the budget, the concurrency cap reached). */
  warnings: string[];
  /** The message of the failure that ended the run early, else null. */
  failure: string | null;
}

export async function measureServeRun(request: ServeRunRequest): Promise<ServeRun> {
  const sweeps: ServeSweep[] = [];
  const warnings: string[] = [];
  for (const slot of planSweepSlots(request)) {
    const sweep = await runRateSweep({
      ...slot.request,
      baseUrl: request.target.baseUrl,
      onWarning: (text) => warnings.push(`${slot.label}: ${text}`),
      shouldStop: () => !request.target.isAlive(),
    });
    sweeps.push(sweep);
    if (!request.target.isAlive()) return { sweeps, warnings, failure: describeDeath(request) };
  }
  return { sweeps, warnings, failure: null };
}

/** One sweep of a run: its texts per request, its label, and the request parts every sweep shares. */
export interface SweepSlot {
  label: string;
  request: Pick<
    RateSweepRequest,
    'api' | 'corpus' | 'countTokens' | 'textsPerRequest' | 'plan' | 'budgetSeconds' | 'onProgress'
  >;
}

/**
 * The run's sweeps in order, each planned when it starts: its share of the budget still left (split evenly
 * among the sweeps still to run), its progress lines labelled with its texts per request.
 */
export function* planSweepSlots(request: Omit<ServeRunRequest, 'target' | 'command'>): Generator<SweepSlot> {
  const started = performance.now();
  for (const [index, textsPerRequest] of request.textsPerRequest.entries()) {
    const left = request.textsPerRequest.length - index;
    const remainingMs = request.budgetMs - (performance.now() - started);
    const label = `${textsPerRequest} texts/request`;
    yield {
      label,
      request: {
        api: request.api,
        corpus: request.texts,
        ...(request.countTokens === null ? {} : { countTokens: request.countTokens }),
        textsPerRequest,
        plan: request.plan,
        budgetSeconds: Math.max(0, remainingMs / left / 1000),
        onProgress: (line) => request.progress.note(`${label}: ${line}`),
      },
    };
  }
}

function describeDeath(request: ServeRunRequest): string {
  const { command, target } = request;
  if (command === null) return 'the server stopped answering during the run';
  return createServerDiedFailure(command.text, target.readStderrTail(), command.label).message;
}
