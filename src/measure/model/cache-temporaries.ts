/**
 * The temporary files blobs are streamed into (`.<blob>.<pid>.<hex>.tmp`, see files/atomic-write.ts) never
 * outlive the download that wrote them: a failure removes them (replaceAtomically), SIGINT or SIGTERM removes
 * those in flight before the process ends by that signal (platform/signal-cleanup.ts), and a run removes the
 * ones a killed run left behind.
 */
import { rmSync } from 'node:fs';
import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parseTemporaryName } from '../../ground/files/atomic-write.js';
import { registerSignalCleanup } from '../../ground/platform/signal-cleanup.js';

const inFlight = new Map<string, () => void>();

/** Registers `path` for removal on SIGINT or SIGTERM until untrackTemporary is called with it. */
export function trackTemporary(path: string): void {
  inFlight.set(
    path,
    registerSignalCleanup(() => rmSync(path, { force: true })),
  );
}

export function untrackTemporary(path: string): void {
  inFlight.get(path)?.();
  inFlight.delete(path);
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
