/**
 * The temporary files blobs are streamed into (`.<blob>.<pid>.<hex>.tmp`, see files/atomic-write.ts) never
 * outlive the download that wrote them: a failure removes them (replaceAtomically), SIGINT or SIGTERM removes
 * those in flight before the process ends by that signal, and a run removes the ones a killed run left behind.
 */
import { rmSync } from 'node:fs';
import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parseTemporaryName } from '../files/atomic-write.js';

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;
const inFlight = new Set<string>();

/** Registers `path` for removal on SIGINT or SIGTERM until untrackTemporary is called with it. */
export function trackTemporary(path: string): void {
  if (inFlight.size === 0) for (const signal of SIGNALS) process.on(signal, removeOnSignal);
  inFlight.add(path);
}

export function untrackTemporary(path: string): void {
  inFlight.delete(path);
  if (inFlight.size === 0) for (const signal of SIGNALS) process.off(signal, removeOnSignal);
}

/**
 * Removes the files in flight, then lets the signal do what it would have done without this handler: when no
 * other listener handles it, it is raised again, so the process ends by it (a shell reports 130 or 143).
 */
function removeOnSignal(signal: NodeJS.Signals): void {
  for (const path of inFlight) rmSync(path, { force: true });
  inFlight.clear();
  for (const each of SIGNALS) process.off(each, removeOnSignal);
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
}

/**
 * Removes temporary files in `dir` that no running download can still be writing: last written before this
 * process started, by a process that no longer runs.
 */
export async function removeStaleTemporaries(dir: string): Promise<void> {
  const names = await readdir(dir).catch(() => []);
  const startedMs = Date.now() - process.uptime() * 1000;
  for (const name of names) {
    const temporary = parseTemporaryName(name);
    if (temporary === undefined || isRunning(temporary.pid)) continue;
    const path = join(dir, name);
    const info = await stat(path).catch(() => undefined);
    if (info?.isFile() === true && info.mtimeMs < startedMs) await rm(path, { force: true });
  }
}

/** True when a process with this id exists (another user's counts); this process's id, reused, does not. */
function isRunning(pid: number): boolean {
  if (pid <= 0 || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
