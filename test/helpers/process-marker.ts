/**
 * Finds the processes a test started, however deep: the test gives embedprof an environment variable with a
 * value of its own, every descendant inherits it (workers, the base setup and what user code starts), and
 * /proc/PID/environ shows it. A process that has ended (a zombie included) shows no environment.
 */
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';

export interface ProcessMarker {
  /** The variable to add to embedprof's environment. */
  env: Record<string, string>;
  /** Ids of the running processes that carry the marker. */
  list(): number[];
  /** The command line of each running marked process, e.g. "sleep 300". */
  listCommands(): string[];
  /** SIGKILL to every marked process: a failed test leaves nothing running. */
  killAll(): void;
}

function readProc(pid: string, file: string): string {
  try {
    return readFileSync(`/proc/${pid}/${file}`, 'latin1');
  } catch {
    return '';
  }
}

export function createProcessMarker(): ProcessMarker {
  const entry = `EMBEDPROF_TEST_MARKER=${randomUUID()}`;
  const list = (): number[] =>
    readdirSync('/proc')
      .filter((name) => /^\d+$/.test(name) && Number(name) !== process.pid)
      .filter((pid) => readProc(pid, 'environ').split('\0').includes(entry))
      .map(Number);
  return {
    env: { EMBEDPROF_TEST_MARKER: entry.slice(entry.indexOf('=') + 1) },
    list,
    listCommands: () => list().map((pid) => readProc(String(pid), 'cmdline').split('\0').join(' ').trim()),
    killAll() {
      for (const pid of list()) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    },
  };
}

/** Polls `check` every 100 ms until it holds or `timeoutMs` passes; its last answer. */
export async function waitFor(check: () => boolean, timeoutMs: number): Promise<boolean> {
  for (let waited = 0; waited < timeoutMs; waited += 100) {
    if (check()) return true;
    await new Promise((done) => setTimeout(done, 100));
  }
  return check();
}

/** True once no process carrying `marker` runs; a process sent SIGKILL may take a moment to go. */
export function waitForNone(marker: ProcessMarker, timeoutMs = 5_000): Promise<boolean> {
  return waitFor(() => marker.list().length === 0, timeoutMs);
}
