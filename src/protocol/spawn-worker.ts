import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { AnalysisJob, AnalysisReply } from './analysis-job.js';
import type { CellJob, CellReply, WorkerFailure } from './worker-job.js';

// The worker entry beside this module: build/src/protocol/worker-main.js, or dist/worker-main.js beside the
// action's bundle. Written so that ncc's asset relocator does not take it for an asset to copy.
const workerEntry = fileURLToPath(import.meta.url).replace(/[^/\\]+$/, 'worker-main.js');

/**
 * Runs one job in a fresh node process (`--expose-gc` so memory readings are taken after a full GC).
 * A process that dies without replying (OOM kill, native crash) becomes a failed reply, never a hang.
 */
export function runInFreshProcess(job: CellJob, timeoutMs: number): Promise<CellReply>;
export function runInFreshProcess(job: AnalysisJob, timeoutMs: number): Promise<AnalysisReply>;
export function runInFreshProcess(
  job: CellJob | AnalysisJob,
  timeoutMs: number,
): Promise<CellReply | AnalysisReply> {
  return new Promise((resolve) => {
    const child = fork(workerEntry, [], {
      execArgv: ['--expose-gc'],
      stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
      serialization: 'advanced',
    });
    let stderr = '';
    let settled = false;
    const finish = (reply: CellReply | AnalysisReply | WorkerFailure): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(reply);
    };
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      finish({ kind: 'failed', failure: 'runtime', message: `worker timed out after ${timeoutMs / 1000} s` });
    }, timeoutMs);
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-4000);
    });
    child.on('message', (reply: CellReply | AnalysisReply) => finish(reply));
    child.on('error', (error) => finish({ kind: 'failed', failure: 'runtime', message: error.message }));
    child.on('exit', (code, signal) => {
      const killedForMemory = signal === 'SIGKILL' || /out of memory|bad_alloc/i.test(stderr);
      // An IPC reply sent just before exit may still be in flight: give it a moment to arrive first.
      setTimeout(
        () =>
          finish({
            kind: 'failed',
            failure: killedForMemory ? 'allocation' : 'runtime',
            message:
              `worker exited (code ${code}, signal ${signal}) without a result. ${stderr.trim()}`.trim(),
          }),
        200,
      );
    });
    child.send(job);
  });
}
