/**
 * Cleanups that must run when the process is interrupted (SIGINT, SIGTERM): each runs synchronously, the
 * latest registered first (a worker's process group ends before the folder it writes into is removed), then
 * the signal does what it would have done without a handler — when no other listener handles it, it is raised
 * again, so the process ends by it (a shell reports 130 or 143).
 */
const SIGNALS = ['SIGINT', 'SIGTERM'] as const;
const cleanups = new Set<() => void>();

function runCleanups(signal: NodeJS.Signals): void {
  for (const cleanup of [...cleanups].reverse()) {
    try {
      cleanup();
    } catch {
      // the next cleanup still runs: the process is ending either way
    }
  }
  cleanups.clear();
  for (const each of SIGNALS) process.off(each, runCleanups);
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
}

/** Runs `cleanup` if the process is interrupted before the returned function is called. */
export function registerSignalCleanup(cleanup: () => void): () => void {
  if (cleanups.size === 0) for (const signal of SIGNALS) process.on(signal, runCleanups);
  cleanups.add(cleanup);
  return () => {
    cleanups.delete(cleanup);
    if (cleanups.size === 0) for (const signal of SIGNALS) process.off(signal, runCleanups);
  };
}
