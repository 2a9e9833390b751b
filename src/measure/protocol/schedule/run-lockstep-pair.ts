/**
 * Duet mode's pair of processes: the base's and the head's worker for one cell, alive together, taking turns
 * (ipc/turn-gate.ts) in ABBA order — A B B A A B B A … — one batch (or the final probe) per turn, so the two sides
 * never compute at once and every batch of one side has a batch of the other within milliseconds. When one
 * side finishes (or fails), the other goes on alone.
 */
import { startWorker, type StartedWorker } from '../ipc/spawn-worker.js';
import type { CellJob, CellReply } from '../ipc/cell-job.js';

export type DuetSide = 'base' | 'head';

const OTHER: Record<DuetSide, DuetSide> = { base: 'head', head: 'base' };

/** The side whose turn is the `turn`-th (0-based), starting with `first`: first, other, other, first, … */
export function chooseTurn(turn: number, first: DuetSide): DuetSide {
  return turn % 4 === 0 || turn % 4 === 3 ? first : OTHER[first];
}

/** A promise and the function that settles it. */
function createSignal(): { promise: Promise<void>; resolve: () => void } {
  let resolve = (): void => undefined;
  const promise = new Promise<void>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

export async function runLockstepPair(
  jobs: Record<DuetSide, CellJob>,
  first: DuetSide,
  timeoutMs: number,
): Promise<Record<DuetSide, CellReply>> {
  const done = new Set<DuetSide>();
  let turn = 0;
  let current: DuetSide | null = null;
  const workers = {} as Record<DuetSide, StartedWorker<CellReply>>;
  const grantNext = (): void => {
    const open = (['base', 'head'] as const).filter((side) => !done.has(side));
    if (open.length === 0) return;
    let side = chooseTurn(turn++, first);
    if (done.has(side)) side = OTHER[side];
    current = side;
    try {
      workers[side].child.send({ kind: 'turn' });
    } catch {
      // the process is gone; its failed reply arrives shortly and hands the turn on
    }
  };
  const booted = { base: createSignal(), head: createSignal() };
  const onMessage = (side: DuetSide) => (message: unknown) => {
    const kind = typeof message === 'object' && message !== null ? Reflect.get(message, 'kind') : null;
    if (kind === 'booted') booted[side].resolve();
    if (kind === 'turn-done' && current === side) grantNext();
  };
  // the side with the first turn also starts first, and the other starts once it has booted (or ended): two
  // boots never share the cores, and which side boots first alternates with the pairs like the turns do
  for (const side of [first, OTHER[first]]) {
    workers[side] = startWorker<CellReply>({ ...jobs[side], lockstep: true }, timeoutMs, onMessage(side));
    void workers[side].reply.then(() => {
      booted[side].resolve();
      done.add(side);
      if (current === side) grantNext();
    });
    await booted[side].promise;
  }
  grantNext();
  const [base, head] = await Promise.all([workers.base.reply, workers.head.reply]);
  return { base, head };
}
