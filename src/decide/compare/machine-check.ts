/**
 * Is the baseline from this machine? Decides how speed can be compared and whether the verdict may fail the
 * gate: same machine → raw speed; another machine → per onMachineMismatch; a legacy baseline → machine
 * unknown, raw speed, indicative only.
 */
import type { Baseline } from '../baseline/baseline-schema.js';
import { compareFingerprints, isSameSetup } from '../baseline/fingerprint.js';
import type { MachineComparison, MachineMismatchPolicy } from './comparison-schema.js';
import type { SpeedMode } from './plan-speed.js';

/** Compares the two sides' fingerprints (machine and configuration decide; software is only reported). */
export function describeMachine(
  baseline: Baseline,
  current: Baseline,
  policy: MachineMismatchPolicy,
): MachineComparison {
  for (const side of [baseline, current]) {
    if (side.origin.kind === 'legacy')
      return { kind: 'unknown', reason: `${side.origin.file}: ${side.origin.note}` };
  }
  const differences = compareFingerprints(baseline.fingerprint, current.fingerprint);
  if (isSameSetup(differences)) return { kind: 'same', softwareDifferences: differences.software };
  return {
    kind: 'different',
    differences: [...differences.configuration, ...differences.machine],
    softwareDifferences: differences.software,
    policy,
  };
}

export function chooseSpeedMode(machine: MachineComparison): SpeedMode {
  switch (machine.kind) {
    case 'same':
      return 'same-machine';
    case 'unknown':
      return 'raw';
    case 'different':
      return machine.policy === 'warn' ? 'raw' : 'normalize';
  }
}

/** True when the verdict may not fail the gate: unknown machine (legacy), or another one under 'warn'. */
export function isIndicativeOnly(machine: MachineComparison): boolean {
  return machine.kind === 'unknown' || (machine.kind === 'different' && machine.policy === 'warn');
}

/** True when nothing is compared: another machine under 'skip'. */
export function isSkipped(machine: MachineComparison): boolean {
  return machine.kind === 'different' && machine.policy === 'skip';
}

/** The reason the gate fails regardless of the measurements (another machine under 'fail'), or null. */
export function findForcedFailure(machine: MachineComparison): string | null {
  if (machine.kind !== 'different' || machine.policy !== 'fail') return null;
  return `machine mismatch (${machine.differences.join('; ')}) with onMachineMismatch 'fail'`;
}
