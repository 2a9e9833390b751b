import { describeThrown } from '../../../ground/errors.js';
import { runWorkerJob } from '../worker/run-worker-job.js';
import type { WorkerJob, WorkerReply } from './analysis-job.js';
import { createTurnGate } from './turn-gate.js';
import { endOwnGroup } from '../../../ground/platform/process-group.js';

// How long this process took to start and load its modules (ONNX Runtime, the tokenizer): the first part of a
// cell's cold start, read before anything waits for the parent.
const bootMs = performance.now();
// Duet pairs start their second process only once the first has booted (run-lockstep-pair.ts): two boots
// competing for the cores would make the second one's look slower.
process.send?.({ kind: 'booted' });

// Entry point of a fresh worker process: one job in over IPC, one reply out, then exit. In lockstep mode
// (duet gates) the parent also sends turns: one per batch, one for the calibration probe (turn-gate.ts).
const gate = createTurnGate((message) => process.send?.(message));
let started = false;
// A parent that is gone (killed outright) can neither take the reply nor end this process group: the worker
// ends it when it sees the channel close, or when a message cannot be sent (a send without a callback reports
// that as the process's 'error' event).
process.on('disconnect', endOwnGroup);
process.on('error', endOwnGroup);
let replied = false;

function reply(message: WorkerReply): void {
  if (replied) return;
  replied = true;
  if (process.connected !== true) endOwnGroup();
  process.send?.(message, (error: Error | null) => (error === null ? process.exit(0) : endOwnGroup()));
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
  void runWorkerJob(message as WorkerJob, gate, bootMs).then(reply);
});
