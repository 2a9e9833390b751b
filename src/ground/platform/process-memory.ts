import { readFileSync } from 'node:fs';

const MB = 1024 * 1024;

export function readRssMB(): number {
  return process.memoryUsage.rss() / MB;
}

/** Current RSS of another process from /proc (VmRSS), in MB; null where the OS does not expose it or it ended. */
export function readProcessRssMB(pid: number): number | null {
  try {
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match?.[1] === undefined ? null : Number(match[1]) / 1024;
  } catch {
    return null;
  }
}

/** Peak RSS of this process from /proc (VmHWM, in kB), or null where the OS does not expose it. */
export function readPeakRssMB(): number | null {
  try {
    const match = /^VmHWM:\s+(\d+)\s+kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
    return match?.[1] ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** Forces a full GC when node runs with --expose-gc; a no-op otherwise. */
export function collectGarbage(): void {
  const gc: unknown = Reflect.get(globalThis, 'gc');
  if (typeof gc === 'function') {
    gc();
    gc();
  }
}

export interface MemoryBreakdown {
  rssMB: number;
  heapUsedMB: number;
  externalMB: number;
  arrayBuffersMB: number;
  nativeMB: number;
}

/** A GC-settled reading split by owner: V8 heap, external/array buffers, and native (RSS − heap total). */
export function readMemoryBreakdown(): MemoryBreakdown {
  collectGarbage();
  const usage = process.memoryUsage();
  return {
    rssMB: usage.rss / MB,
    heapUsedMB: usage.heapUsed / MB,
    externalMB: usage.external / MB,
    arrayBuffersMB: usage.arrayBuffers / MB,
    nativeMB: (usage.rss - usage.heapTotal) / MB,
  };
}
