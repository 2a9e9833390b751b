import { runWorkerJob } from '../worker/run-worker-job.js';
import type { WorkerJob } from './analysis-job.js';
import { createTurnGate } from './turn-gate.js';
import { endOwnGroup } from '../../platform/process-group.js';

// Entry point of a fresh worker process: one job in over IPC, one reply out, then exit. In lockstep mode
// (duet gates) the parent also sends turns: one per batch, one for the calibration probe (turn-gate.ts).
const gate = createTurnGate((message) => process.send?.(message));
let started = false;
// A parent that is gone (killed outright) can neither take the reply nor end this process group: the worker
// ends it when it sees the channel close, or when a message cannot be sent (a send without a callback reports
// that as the process's 'error' event).
process.on('disconnect', endOwnGroup);
process.on('error', endOwnGroup);
process.on('message', (message: WorkerJob | unknown) => {
  if (gate.accept(message) || started) return;
  started = true;
  void runWorkerJob(message as WorkerJob, gate).then((reply) => {
    if (process.connected !== true) endOwnGroup();
    process.send?.(reply, (error: Error | null) => (error === null ? process.exit(0) : endOwnGroup()));
  });
});
