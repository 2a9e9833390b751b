import { runWorkerJob } from './worker.js';
import type { WorkerJob } from './analysis-job.js';

// Entry point of a fresh worker process: one job in over IPC, one reply out, then exit.
process.once('message', (job: WorkerJob) => {
  void runWorkerJob(job).then((reply) => {
    process.send?.(reply, () => process.exit(0));
  });
});
