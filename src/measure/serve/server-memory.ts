/**
 * RSS over time of a server embedprof started: the sum of VmRSS (platform/process-memory.ts) over every
 * process of its process group — the shell, the server and whatever the server spawned (worker processes,
 * a Python interpreter behind a launcher) — found by the process-group field of /proc/PID/stat. Sampled every
 * `intervalMs` while a window runs. Linux only: elsewhere the series stays empty.
 *
 * Finding the members scans /proc (one small file per process: ~2.4 ms with 89 processes on the 2-core
 * test machine, under load), so the sampler does it once a second and, between scans, reads only the known
 * members' VmRSS (~0.05 ms): a sample must not hold up the load generator's schedule in the same event loop.
 * A process the server starts between scans is counted from the next scan on.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { readProcessRssMB } from '../../ground/platform/process-memory.js';

export interface RssSample {
  /** ms since the sampler started. */
  atMs: number;
  /** Summed VmRSS of the group's processes, MB. */
  rssMB: number;
  processes: number;
}

export interface RssSampler {
  /** Stops sampling; the series so far (one last sample is taken at stop). */
  stop(): RssSample[];
}

/** The process group `/proc/PID/stat` names (its 5th field, after the parenthesized command); null if gone. */
export function readProcessGroupId(pid: number): number | null {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
  } catch {
    return null;
  }
  // the command may itself hold spaces and parentheses: the fields after it start past the last ')'
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const pgrp = Number(fields[2]);
  return Number.isInteger(pgrp) ? pgrp : null;
}

/** Ids of the running processes whose process group is `pgid`. */
export function listGroupMembers(pgid: number): number[] {
  let names: string[];
  try {
    names = readdirSync('/proc');
  } catch {
    return [];
  }
  return names.filter((name) => /^\d+$/.test(name) && readProcessGroupId(Number(name)) === pgid).map(Number);
}

/** Summed RSS of the group's processes now; null when none is running (or /proc is not there). */
export function readGroupRssMB(pgid: number): { rssMB: number; processes: number } | null {
  return sumRssMB(listGroupMembers(pgid));
}

/** Summed RSS of the processes of `pids` still running; null when none is. */
function sumRssMB(pids: readonly number[]): { rssMB: number; processes: number } | null {
  let rssMB = 0;
  let processes = 0;
  for (const pid of pids) {
    const rss = readProcessRssMB(pid);
    if (rss === null) continue;
    rssMB += rss;
    processes++;
  }
  return processes === 0 ? null : { rssMB, processes };
}

const RESCAN_MS = 1_000;

/**
 * Samples the group `pgid` leads every `intervalMs` until stop(). A started server's pid is its group's id
 * (it leads the group: GROUP_SPAWN_OPTIONS). Samples where no process of the group runs are left out.
 */
export function startRssSampler(
  pgid: number,
  intervalMs: number,
  clock = () => performance.now(),
): RssSampler {
  const started = clock();
  const series: RssSample[] = [];
  const rescanEvery = Math.max(1, Math.round(RESCAN_MS / intervalMs));
  let members: number[] = [];
  let ticks = 0;
  const sample = (): void => {
    if (ticks++ % rescanEvery === 0) members = listGroupMembers(pgid);
    const reading = sumRssMB(members);
    if (reading !== null) series.push({ atMs: clock() - started, ...reading });
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  timer.unref();
  let stopped = false;
  return {
    stop() {
      if (!stopped) {
        clearInterval(timer);
        sample();
        stopped = true;
      }
      return series;
    },
  };
}

/** The largest summed RSS of a series, null when it is empty. */
export function findPeakRssMB(series: readonly RssSample[]): number | null {
  return series.length === 0 ? null : Math.max(...series.map((sample) => sample.rssMB));
}
