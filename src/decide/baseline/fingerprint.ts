/**
 * What identifies "the same measurement on the same machine". Three groups of fields:
 * - machine (cpuModel, logicalCores, isaFlags, threads): a difference makes raw texts/s incomparable;
 * - configuration (modelSpec, dtype): a difference means another thing was measured;
 * - software (onnxruntime, node, modelSha256): what a pull request may legitimately change, so a difference
 *   is reported but never makes a baseline inapplicable — catching its effect is the point of the gate.
 */
import type { Profile } from '../../measure/protocol/profile-schema.js';
import type { Fingerprint } from './baseline-schema.js';

export interface FingerprintDifferences {
  machine: string[];
  configuration: string[];
  software: string[];
}

/**
 * The fingerprint of a run: its machine and its model. A finished profile has both; `gate` builds it before
 * measuring from the environment and the resolved model, to refuse a mismatched baseline early.
 */
export function createFingerprint(profile: Pick<Profile, 'environment' | 'model'>): Fingerprint {
  return {
    cpuModel: profile.environment.cpuModel,
    logicalCores: profile.environment.logicalCores,
    isaFlags: [...profile.environment.isaFlags].sort(),
    threads: profile.environment.threads,
    onnxruntime: profile.environment.onnxruntime,
    node: profile.environment.node,
    modelSha256: profile.model.sha256,
    modelSpec: profile.model.spec,
    dtype: profile.model.dtype,
  };
}

function describeValue(value: string | number | null): string {
  return value === null ? 'unknown' : JSON.stringify(value);
}

function describeField(field: string, baseline: string | number | null, current: string | number | null) {
  return baseline === current
    ? []
    : [`${field}: baseline ${describeValue(baseline)}, current ${describeValue(current)}`];
}

function describeIsaFlags(baseline: readonly string[], current: readonly string[]): string[] {
  const missing = baseline.filter((flag) => !current.includes(flag));
  const added = current.filter((flag) => !baseline.includes(flag));
  if (missing.length === 0 && added.length === 0) return [];
  const parts = [
    ...(missing.length > 0 ? [`current lacks ${missing.join(', ')}`] : []),
    ...(added.length > 0 ? [`current adds ${added.join(', ')}`] : []),
  ];
  return [`isaFlags: ${parts.join('; ')}`];
}

/** Lists every difference between two fingerprints, grouped by what it means for a comparison. */
export function compareFingerprints(baseline: Fingerprint, current: Fingerprint): FingerprintDifferences {
  return {
    machine: [
      ...describeField('cpuModel', baseline.cpuModel, current.cpuModel),
      ...describeField('logicalCores', baseline.logicalCores, current.logicalCores),
      ...describeIsaFlags(baseline.isaFlags, current.isaFlags),
      ...describeField('threads', baseline.threads, current.threads),
    ],
    configuration: [
      ...describeField('modelSpec', baseline.modelSpec, current.modelSpec),
      ...describeField('dtype', baseline.dtype, current.dtype),
    ],
    software: [
      ...describeField('onnxruntime', baseline.onnxruntime, current.onnxruntime),
      ...describeField('node', baseline.node, current.node),
      ...describeField('modelSha256', baseline.modelSha256, current.modelSha256),
    ],
  };
}

/** True when the baseline applies as is: same machine and same configuration (software may differ). */
export function isSameSetup(differences: FingerprintDifferences): boolean {
  return differences.machine.length === 0 && differences.configuration.length === 0;
}
