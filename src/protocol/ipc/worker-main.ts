import { describeThrown } from '../../errors.js';
import { runWorkerJob } from '../worker/run-worker-job.js';
import type { WorkerJob, WorkerReply } from './analysis-job.js';
import { createTurnGate } from './turn-gate.js';

// Entry point of a fresh worker process: one job in over IPC, one reply out, then exit. In lockstep mode
// (duet gates) the parent also sends turns: one per batch, one for the calibration probe (turn-gate.ts).
const gate = createTurnGate((message) => process.send?.(message));
let started = false;
let replied = false;

function reply(message: WorkerReply): void {
  if (replied) return;
  replied = true;
  process.send?.(message, () => process.exit(0));
}

// Only the embedder's code leaves a promise rejection unhandled or throws outside a call: without these, Node
// prints its own stack to stderr and exits, and the parent could only quote that stack for every cell.
process.on('unhandledRejection', (reason) => {
  const message = `the embedder left a promise rejection unhandled: ${describeThrown(reason, 'a promise')}`;
  reply({ kind: 'failed', failure: 'runtime', message });
});
process.on('uncaughtException', (error) => {
  const message = `an exception no call caught (the embedder's own callbacks or timers): ${describeThrown(error, 'a callback')}`;
  reply({ kind: 'failed', failure: 'runtime', message });
});

process.on('message', (message: WorkerJob | unknown) => {
  if (gate.accept(message) || started) return;
  started = true;
  void runWorkerJob(message as WorkerJob, gate).then(reply);
});
