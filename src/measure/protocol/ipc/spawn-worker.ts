import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { AnalysisJob, AnalysisReply } from './analysis-job.js';
import type { CellJob, CellReply, WorkerFailure } from './cell-job.js';
import { quoteUserText } from '../../../ground/errors.js';
import { readProcessRssMB } from '../../../ground/platform/process-memory.js';
import {
  GROUP_SPAWN_OPTIONS,
  trackProcessGroup,
  type ProcessGroup,
} from '../../../ground/platform/process-group.js';
import { buildWorkerEnv, relayWorkerOutput } from './worker-env.js';

// The worker entry beside this module: build/src/measure/protocol/ipc/worker-main.js, or dist/worker-main.js beside the
// action's bundle. Written so that ncc's asset relocator does not take it for an asset to copy.
const workerEntry = fileURLToPath(import.meta.url).replace(/[^/\\]+$/, 'worker-main.js');

export interface StartedWorker<R> {
  child: ChildProcess;
  /** The job's reply, or a failure when the process dies without one or times out. */
  reply: Promise<R | WorkerFailure>;
}

function readKind(message: unknown): unknown {
  return typeof message === 'object' && message !== null ? Reflect.get(message, 'kind') : undefined;
}

/**
 * A failure's message as one line (quoteUserText): it quotes the worker, which runs user code and can send
 * any text, or its stderr; none of it may start a line of the log it is printed to.
 */
function quoteFailure<R>(result: R | WorkerFailure): R | WorkerFailure {
  if (readKind(result) !== 'failed') return result;
  const message: unknown = Reflect.get(result as object, 'message');
  return { ...(result as WorkerFailure), message: quoteUserText(String(message)) };
}

/** Every message but the boot signal, a lockstep turn's end and a batch signal is the job's reply. */
function isReply(message: unknown): boolean {
  const kind = readKind(message);
  return kind !== 'booted' && kind !== 'turn-done' && kind !== 'batch-start' && kind !== 'batch-end';
}

/**
 * Starts one job in a fresh node process (`--expose-gc` so memory readings are taken after a full GC), with
 * no credential in its environment and its stdout relayed (worker-env.ts). The process leads its own process
 * group, ended with everything the user's code started in it when the worker exits, is stopped, or embedprof
 * ends (platform/process-group.ts).
 * Messages that are not the reply (lockstep turns) go to `onMessage`. A process that dies without replying
 * (OOM kill, native crash) becomes a failed reply, never a hang.
 */
export function startWorker<R>(
  job: CellJob | AnalysisJob,
  timeoutMs: number,
  onMessage: (message: unknown) => void = () => undefined,
): StartedWorker<R> {
  const child = fork(workerEntry, [], {
    execArgv: ['--expose-gc'],
    env: buildWorkerEnv(process.env, job.kind === 'cell' && job.lockstep === true),
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    serialization: 'advanced',
    ...GROUP_SPAWN_OPTIONS,
  });
  const group = trackProcessGroup(child);
  if (child.stdout !== null) relayWorkerOutput(child.stdout, process.stderr);
  const reply = new Promise<R | WorkerFailure>((resolve) => {
    let stderr = '';
    let settled = false;
    const finish = (result: R | WorkerFailure): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      batchTimer.stop();
      resolve(quoteFailure(result));
    };
    const timer = setTimeout(() => {
      group.end();
      finish({ kind: 'failed', failure: 'timeout', message: `worker timed out after ${timeoutMs / 1000} s` });
    }, timeoutMs);
    const batchTimer = watchBatches(group, 'batchTimeoutMs' in job ? job.batchTimeoutMs : null, (message) =>
      finish({ kind: 'failed', failure: 'timeout', message }),
    );
    const stopWatching = watchMemory(child, group, 'maxMemoryMB' in job ? job.maxMemoryMB : null, (rssMB) =>
      finish({
        kind: 'failed',
        failure: 'memory-cap',
        message: `RSS reached ${rssMB.toFixed(0)} MB while the worker ran (stopped by embedprof)`,
      }),
    );
    child.on('exit', () => {
      stopWatching();
      batchTimer.stop();
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-4000);
    });
    child.on('message', (message: unknown) => {
      if (isReply(message)) finish(message as R);
      else if (!batchTimer.accept(message)) onMessage(message);
    });
    child.on('error', (error) => finish({ kind: 'failed', failure: 'runtime', message: error.message }));
    child.on('exit', (code, signal) => {
      // a SIGKILL embedprof did not send (the kernel's OOM killer, another process) is a crash, not the cap
      const killedForMemory = /out of memory|bad_alloc/i.test(stderr);
      const message =
        `worker exited (code ${code}, signal ${signal}) without a result. ${stderr.trim()}`.trim();
      // An IPC reply sent just before exit may still be in flight: give it a moment to arrive first.
      setTimeout(
        () => finish({ kind: 'failed', failure: killedForMemory ? 'allocation' : 'runtime', message }),
        200,
      );
    });
  });
  child.send(job);
  return { child, reply };
}

/** How often the parent reads a worker's RSS: the cap holds during a batch, not only between batches. */
const MEMORY_SAMPLE_MS = 100;

/** Ends `group` (and calls `onOverCap`) once `child`'s RSS exceeds `capMB`; returns the function that stops watching. */
function watchMemory(
  child: ChildProcess,
  group: ProcessGroup,
  capMB: number | null,
  onOverCap: (rssMB: number) => void,
): () => void {
  if (capMB === null || child.pid === undefined) return () => undefined;
  const pid = child.pid;
  const timer = setInterval(() => {
    const rss = readProcessRssMB(pid);
    if (rss === null || rss <= capMB) return;
    clearInterval(timer);
    group.end();
    onOverCap(rss);
  }, MEMORY_SAMPLE_MS);
  timer.unref();
  return () => clearInterval(timer);
}

interface BatchWatch {
  /** Takes a batch signal (returns true) or leaves the message to others (false). */
  accept(message: unknown): boolean;
  stop(): void;
}

/** Ends `group` (and calls `onTimeout`) when a batch its worker started has not ended within `timeoutMs`. */
function watchBatches(
  group: ProcessGroup,
  timeoutMs: number | null,
  onTimeout: (message: string) => void,
): BatchWatch {
  let timer: NodeJS.Timeout | null = null;
  let batches = 0;
  const clear = (): void => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  };
  return {
    accept(message) {
      const kind = readKind(message);
      if (kind !== 'batch-start' && kind !== 'batch-end') return false;
      clear();
      if (kind === 'batch-end' || timeoutMs === null) return true;
      const batch = ++batches;
      timer = setTimeout(() => {
        group.end();
        onTimeout(
          `embed() timed out: batch ${batch} of the process did not finish within the batch timeout (${timeoutMs / 1000} s; stopped by embedprof)`,
        );
      }, timeoutMs);
      return true;
    },
    stop: clear,
  };
}

/** Runs one job in a fresh process and returns its reply. */
export function runInFreshProcess(job: CellJob, timeoutMs: number): Promise<CellReply>;
export function runInFreshProcess(job: AnalysisJob, timeoutMs: number): Promise<AnalysisReply>;
export function runInFreshProcess(
  job: CellJob | AnalysisJob,
  timeoutMs: number,
): Promise<CellReply | AnalysisReply> {
  return startWorker<CellReply | AnalysisReply>(job, timeoutMs).reply;
}
