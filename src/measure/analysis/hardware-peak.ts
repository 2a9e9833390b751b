/**
 * The MFU ceiling's hardware side: cores × clock × the dtype's operations per cycle for the best vector unit the
 * CPU reports. The per-cycle figures and why they are what they are: docs/mfu-ceiling.md. Pure.
 */
import type { Dtype } from '../../ground/schema/common-schema.js';

export interface CpuClock {
  /** The clock /proc/cpuinfo reports (MHz): nominal on most VMs, so boost makes real peaks higher. */
  mhz: number | null;
  /** `AuthenticAMD`, `GenuineIntel`, … */
  vendor: string | null;
}

export interface HardwarePeak {
  gflops: number;
  /** e.g. "2 cores × 2596 MHz × 32 fp32 FLOP/cycle (avx512f, 2 × 256-bit FMA)" */
  detail: string;
}

interface Unit {
  perCycle: number;
  name: string;
}

function chooseFp32Unit(flags: ReadonlySet<string>, vendor: string | null): Unit {
  // Zen 4 runs AVX-512 on two 256-bit FMA pipes; Intel server cores have two 512-bit FMA units
  if (flags.has('avx512f') && vendor === 'GenuineIntel')
    return { perCycle: 64, name: 'avx512f, 2 × 512-bit FMA' };
  if (flags.has('avx512f')) return { perCycle: 32, name: 'avx512f, 2 × 256-bit FMA' };
  if (flags.has('avx2') && flags.has('fma')) return { perCycle: 32, name: 'avx2, 2 × 256-bit FMA' };
  if (flags.has('asimd')) return { perCycle: 16, name: 'neon, 2 × 128-bit FMA' };
  return { perCycle: 8, name: 'sse, no FMA' };
}

function chooseInt8Unit(flags: ReadonlySet<string>, vendor: string | null): Unit {
  if (flags.has('amx_int8')) return { perCycle: 2048, name: 'amx_int8' };
  if (flags.has('avx512_vnni') && vendor === 'GenuineIntel')
    return { perCycle: 256, name: 'avx512_vnni, 2 × 512-bit' };
  if (flags.has('avx512_vnni')) return { perCycle: 128, name: 'avx512_vnni, 2 × 256-bit' };
  if (flags.has('avx_vnni')) return { perCycle: 128, name: 'avx_vnni, 2 × 256-bit' };
  if (flags.has('avx2')) return { perCycle: 64, name: 'avx2 vpmaddubsw, 2 × 256-bit' };
  if (flags.has('i8mm')) return { perCycle: 64, name: 'i8mm' };
  return { perCycle: 16, name: 'no int8 dot product' };
}

/** The peak GFLOP/s (fp32) or GOP/s (q8: int8 multiply-adds count 2) of `cores` cores; null without a clock. */
export function estimateHardwarePeak(
  dtype: Dtype,
  isaFlags: readonly string[],
  cores: number,
  clock: CpuClock,
): HardwarePeak | null {
  if (clock.mhz === null || !(clock.mhz > 0) || cores < 1) return null;
  const flags = new Set(isaFlags);
  const unit = dtype === 'q8' ? chooseInt8Unit(flags, clock.vendor) : chooseFp32Unit(flags, clock.vendor);
  const gflops = (cores * clock.mhz * unit.perCycle) / 1000;
  const what = dtype === 'q8' ? 'int8 op' : 'fp32 FLOP';
  return {
    gflops,
    detail: `${cores} cores × ${Math.round(clock.mhz)} MHz × ${unit.perCycle} ${what}/cycle (${unit.name})`,
  };
}
