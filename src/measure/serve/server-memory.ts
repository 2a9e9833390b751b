/**
 * RSS over time of a server embedprof started: the sum of VmRSS (platform/process-memory.ts) over every
 * process of its process group — the shell, the server and whatever the server spawned (worker processes,
 * a Python interpreter behind a launcher) — found by the process-group field of /proc/PID/stat. Sampled every
 * `intervalMs` while a window runs. Linux only: elsewhere the series stays empty.
 *
 * A sample scans /proc once (reading one small file per process, synchronously): on this machine with ~200
 * processes that takes well under a millisecond, so it does not disturb the load generator's schedule.
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
  let rssMB = 0;
  let processes = 0;
  for (const pid of listGroupMembers(pgid)) {
    const rss = readProcessRssMB(pid);
    if (rss === null) continue;
    rssMB += rss;
    processes++;
  }
  return processes === 0 ? null : { rssMB, processes };
}

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
  const sample = (): void => {
    const reading = readGroupRssMB(pgid);
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
