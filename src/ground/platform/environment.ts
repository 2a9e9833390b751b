import { readFileSync } from 'node:fs';
import { arch, cpus, platform, release, totalmem } from 'node:os';
import type { Environment } from '../schema/profile-sections-schema.js';

/** SIMD features that change inference speed; only these are recorded, so fingerprints stay short. */
const RELEVANT_FLAGS = [
  'sse4_2',
  'avx',
  'avx2',
  'fma',
  'f16c',
  'avx512f',
  'avx512bw',
  'avx512vl',
  'avx512_vnni',
  'avx512_bf16',
  'avx_vnni',
  'amx_tile',
  'amx_int8',
  'amx_bf16',
  'asimd',
  'sve',
  'i8mm',
  'bf16',
];

/** This machine and runtime; `onnxruntime` is the version of the loaded onnxruntime-node (onnx-runtime.ts). */
export function readEnvironment(threads: number, onnxruntime: string): Environment {
  const machine = readMachine();
  return { ...machine, onnxruntime, threads, ci: machine.ci };
}

/** This machine and node, without the inference runtime's fields (a serve run measures a server's). */
export function readMachine(): Omit<Environment, 'onnxruntime' | 'threads'> {
  const info = readCpuInfo();
  return {
    cpuModel: info.model ?? cpus()[0]?.model ?? 'unknown',
    logicalCores: cpus().length,
    isaFlags: RELEVANT_FLAGS.filter((flag) => info.flags.has(flag)),
    totalMemoryMB: Math.round(totalmem() / (1024 * 1024)),
    os: `${platform()} ${release()}`,
    arch: arch(),
    node: process.versions.node,
    ci: process.env.CI === 'true',
  };
}

function readCpuInfo(): { model: string | null; flags: Set<string> } {
  try {
    const text = readFileSync('/proc/cpuinfo', 'utf8');
    const model = /^model name\s*:\s*(.+)$/m.exec(text)?.[1]?.trim() ?? null;
    const flagLine = /^(?:flags|Features)\s*:\s*(.+)$/m.exec(text)?.[1] ?? '';
    return { model, flags: new Set(flagLine.split(/\s+/)) };
  } catch {
    return { model: null, flags: new Set() };
  }
}

/** The clock and vendor /proc/cpuinfo reports, for the MFU ceiling (nulls where it says nothing). */
export function readCpuClock(): { mhz: number | null; vendor: string | null } {
  try {
    const text = readFileSync('/proc/cpuinfo', 'utf8');
    const mhz = Number(/^cpu MHz\s*:\s*([\d.]+)$/m.exec(text)?.[1] ?? Number.NaN);
    const vendor = /^vendor_id\s*:\s*(\S+)$/m.exec(text)?.[1] ?? null;
    return { mhz: Number.isFinite(mhz) && mhz > 0 ? mhz : null, vendor };
  } catch {
    return { mhz: null, vendor: null };
  }
}
