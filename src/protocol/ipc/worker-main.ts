import { runWorkerJob } from '../worker/run-worker-job.js';
import type { WorkerJob } from './analysis-job.js';
import { createTurnGate } from './turn-gate.js';

// Entry point of a fresh worker process: one job in over IPC, one reply out, then exit. In lockstep mode
// (duet gates) the parent also sends turns: one per batch, one for the calibration probe (turn-gate.ts).
const gate = createTurnGate((message) => process.send?.(message));
let started = false;
process.on('message', (message: WorkerJob | unknown) => {
  if (gate.accept(message) || started) return;
  started = true;
  void runWorkerJob(message as WorkerJob, gate).then((reply) => {
    process.send?.(reply, () => process.exit(0));
  });
});
