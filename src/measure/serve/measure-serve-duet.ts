/**
 * A serve duet's measurement: one duet sweep (run-duet-sweep.ts) per texts-per-request value against the base
 * and the head server, the time budget shared among the sweeps still to run. A started server found dead ends
 * the run there: the sweeps measured before it stay (both sides', still pairing), and the failure names the
 * side and its command and quotes that server's last stderr lines.
 */
import { runDuetSweep, type DuetSideName } from './run-duet-sweep.js';
import { createServerDiedFailure } from './serve-failures.js';
import { planSweepSlots, type ServeRunRequest } from './measure-serve-run.js';
import type { ServeSweep } from './serve-profile-schema.js';
import type { ServeTarget } from './serve-types.js';

/** One side's server and the command it was started from, with how the face names that setting. */
export interface DuetServer {
  target: ServeTarget;
  command: { text: string; label: string };
}

/** A serve run's request with two servers in place of one. */
export interface ServeDuetRequest extends Omit<ServeRunRequest, 'target' | 'command'> {
  base: DuetServer;
  head: DuetServer;
}

/** What one side measured. */
export interface DuetSideRun {
  sweeps: ServeSweep[];
  /** Sentences for this side's profile warnings (rounds cut by the budget, its knee's caveats). */
  warnings: string[];
}

export interface ServeDuet {
  base: DuetSideRun;
  head: DuetSideRun;
  /** The side whose server died and the failure's message (it ended the run early), else null. */
  failure: { side: DuetSideName; message: string } | null;
}

export async function measureServeDuet(request: ServeDuetRequest): Promise<ServeDuet> {
  const base: DuetSideRun = { sweeps: [], warnings: [] };
  const head: DuetSideRun = { sweeps: [], warnings: [] };
  for (const slot of planSweepSlots(request)) {
    const side = (server: DuetServer, run: DuetSideRun) => ({
      baseUrl: server.target.baseUrl,
      shouldStop: () => !server.target.isAlive(),
      onWarning: (text: string) => run.warnings.push(`${slot.label}: ${text}`),
    });
    const sweep = await runDuetSweep({
      ...slot.request,
      base: side(request.base, base),
      head: side(request.head, head),
      onWarning: (text) => [base, head].forEach((run) => run.warnings.push(`${slot.label}: ${text}`)),
    });
    base.sweeps.push(sweep.base);
    head.sweeps.push(sweep.head);
    const failure = findDeadSide(request);
    if (failure !== null) return { base, head, failure };
  }
  return { base, head, failure: null };
}

/** The first side whose server is dead, with the failure naming it, its command and its last stderr lines. */
function findDeadSide(request: ServeDuetRequest): ServeDuet['failure'] {
  for (const side of ['base', 'head'] as const) {
    const { target, command } = request[side];
    if (target.isAlive()) continue;
    const failure = createServerDiedFailure(command.text, target.readStderrTail(), command.label);
    return { side, message: `the ${side} server: ${failure.message}` };
  }
  return null;
}
