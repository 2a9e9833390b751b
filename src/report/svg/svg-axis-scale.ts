/**
 * An axis fitted to its values: linear from zero with round ticks, or logarithmic with 1-2-5 ticks when the
 * values span a wide range (latency near a server's knee grows by orders of magnitude, and a probe ramp doubles
 * its rate). Values outside the domain are clamped to its edge (a knee interval that starts at zero on a log
 * axis is drawn from the axis's start).
 */
import type { Scale } from './svg-frame.js';
import { computeTicks, roundUp } from './svg-frame.js';

/** Largest over smallest value from which an axis is logarithmic. */
export const LOG_AXIS_RATIO = 20;

export interface AxisScale extends Scale {
  kind: 'linear' | 'log';
  ticks: number[];
}

const MANTISSAS = [1, 2, 5] as const;

/** The 1-2-5 values from the one at or below `low` to the one at or above `high`. */
function listSteps(low: number, high: number): number[] {
  const steps: number[] = [];
  for (let power = Math.floor(Math.log10(low)) - 1; power <= Math.ceil(Math.log10(high)); power += 1) {
    for (const mantissa of MANTISSAS) steps.push(Number((mantissa * 10 ** power).toPrecision(12)));
  }
  const start = steps.filter((step) => step <= low).pop() ?? low;
  const end = steps.find((step) => step >= high) ?? high;
  return steps.filter((step) => step >= start && step <= end);
}

function createLogScale(low: number, high: number, from: number, to: number): AxisScale {
  const steps = listSteps(low, high);
  const min = steps[0] ?? low;
  const max = steps[steps.length - 1] ?? high;
  const decades = Math.log10(max / min);
  const ticks = decades > 3 ? steps.filter((step) => Number.isInteger(Math.log10(step))) : steps;
  const span = Math.log10(max) - Math.log10(min) || 1;
  const map = (value: number) => {
    const clamped = Math.min(max, Math.max(min, value));
    return from + ((Math.log10(clamped) - Math.log10(min)) / span) * (to - from);
  };
  return { kind: 'log', min, max, map, ticks };
}

function createLinearScale(high: number, from: number, to: number): AxisScale {
  const max = roundUp(high);
  const span = max || 1;
  const map = (value: number) => from + (Math.min(max, Math.max(0, value)) / span) * (to - from);
  return { kind: 'linear', min: 0, max, map, ticks: computeTicks(0, max) };
}

/** A scale from `from` (the smallest value) to `to` over the finite values given (at least one positive). */
export function fitAxisScale(values: readonly number[], from: number, to: number): AxisScale {
  const finite = values.filter((value) => Number.isFinite(value) && value > 0);
  const low = Math.min(...finite);
  const high = Math.max(...finite);
  if (finite.length === 0) return createLinearScale(1, from, to);
  return high / low >= LOG_AXIS_RATIO
    ? createLogScale(low, high, from, to)
    : createLinearScale(high, from, to);
}
