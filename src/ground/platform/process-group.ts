/**
 * Child processes that run user code (measurement workers, the base setup) lead a process group of their own:
 * they are spawned with `detached: true` (GROUP_SPAWN_OPTIONS), and everything they start — a server an
 * embedder launches, the `sleep` of a setup script — joins that group unless it leaves on purpose. The whole
 * group is ended with SIGKILL however embedprof's use of the child ends: the child exits (what it left
 * behind is an orphan by then), a timeout or the memory cap stops it (`end()`), embedprof is interrupted
 * (SIGINT or SIGTERM, platform/signal-cleanup.ts) or embedprof exits with the child still running.
 *
 * Windows has no process groups: there the child alone is stopped, as before.
 */
import type { ChildProcess } from 'node:child_process';
import { registerSignalCleanup } from './signal-cleanup.js';

const OWN_GROUPS = process.platform !== 'win32';

/** Spawn and fork options that make the child the leader of a new process group. */
export const GROUP_SPAWN_OPTIONS = { detached: OWN_GROUPS } as const;

/** Groups spawned by this process whose end is still due, each with the function that ends it. */
const live = new Map<ChildProcess, () => void>();

function endAllGroups(): void {
  for (const end of [...live.values()]) end();
}

/** SIGKILL to every process of the group `pgid` leads; nothing when the group is already gone. */
function killGroup(pgid: number): void {
  try {
    process.kill(-pgid, 'SIGKILL');
  } catch {
    // ESRCH: every process of the group has ended
  }
}

export interface ProcessGroup {
  /** Ends the child and every process in its group now (a timeout, the memory cap). */
  end(): void;
}

/**
 * Ends `child`'s group when the child exits, when embedprof is interrupted or exits, or when `end()` is
 * called. `child` must have been spawned with GROUP_SPAWN_OPTIONS.
 */
export function trackProcessGroup(child: ChildProcess): ProcessGroup {
  const pid = child.pid;
  if (pid === undefined) return { end: () => undefined };
  if (live.size === 0) process.on('exit', endAllGroups);
  let released = false;
  // after its release the id may name another process's group: nothing is sent to it then
  const stop = (): void => {
    if (released) return;
    if (OWN_GROUPS) killGroup(pid);
    else child.kill('SIGKILL');
  };
  const unregister = registerSignalCleanup(stop);
  const release = (): void => {
    stop();
    released = true;
    unregister();
    live.delete(child);
    if (live.size === 0) process.off('exit', endAllGroups);
  };
  live.set(child, release);
  child.once('exit', release);
  return { end: stop };
}

/**
 * For a child spawned with GROUP_SPAWN_OPTIONS whose parent is gone (its IPC channel closed: embedprof was
 * killed outright, so no cleanup of its own ran): ends the child's group, the child with it.
 */
export function endOwnGroup(): void {
  if (OWN_GROUPS) killGroup(process.pid);
  process.exit(1);
}
