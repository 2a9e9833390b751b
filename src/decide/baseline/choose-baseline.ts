/**
 * Which baseline a run is compared with, and the machine-mismatch policy's input check. Loading happens before
 * any measurement (a corrupt, truncated or future-version file is one UsageError up front); the choice is made
 * once the run's fingerprint is known.
 */
import { loadBaselines, type LoadedBaseline } from './baseline-files.js';
import type { Baseline, Fingerprint } from './baseline-schema.js';
import { compareFingerprints, isSameSetup } from './fingerprint.js';
import { selectBaseline } from './select-baseline.js';
import { createUsageError } from '../../ground/errors.js';

export interface BaselineRequest {
  /** A file or a folder of *.json baselines. */
  path: string;
  /** Only baselines of this name are candidates; null for all. */
  name: string | null;
  /** The two settings as the user wrote them (`--baseline`, `input baseline-dir`, …). */
  labels: { path: string; name: string };
}

/** The comparison's --on-machine-mismatch policy (declared by compare/, which sits above baseline/). */
type MachineMismatchPolicy = 'normalize' | 'warn' | 'fail' | 'skip';

export const CLI_BASELINE_LABELS = { path: '--baseline', name: '--baseline-name' } as const;

/** Reads the candidates: every baseline at the path, narrowed to --baseline-name; never empty. */
export async function loadCandidateBaselines(request: BaselineRequest): Promise<LoadedBaseline[]> {
  const all = await loadBaselines(request.path);
  if (all.length === 0) {
    throw createUsageError({
      input: `${request.labels.path} ${request.path}`,
      expected: 'a baseline file or a folder holding at least one baseline *.json',
      received: 'a folder without *.json files',
      fix: 'Record one with `embedprof baseline update --from profile.json --name main`.',
    });
  }
  if (request.name === null) return all;
  const named = all.filter((loaded) => loaded.baseline.name === request.name);
  if (named.length > 0) return named;
  throw createUsageError({
    input: `${request.labels.name} ${request.name}`,
    expected: `a baseline of that name in ${request.path}`,
    received: `baselines named ${all.map((loaded) => JSON.stringify(loaded.baseline.name)).join(', ')}`,
    fix: `Use one of those names, or leave ${request.labels.name} out to pick the one matching this machine.`,
  });
}

/** The baseline recorded on this machine and configuration, else the closest one (the comparison says how). */
function chooseBaseline(candidates: readonly LoadedBaseline[], fingerprint: Fingerprint): LoadedBaseline {
  const selection = selectBaseline(
    candidates.map((loaded) => loaded.baseline),
    fingerprint,
  );
  const fileOf = (baseline: Baseline): LoadedBaseline => {
    const loaded = candidates.find((candidate) => candidate.baseline === baseline);
    if (loaded === undefined) throw new Error('selectBaseline returned a baseline that is not a candidate');
    return loaded;
  };
  switch (selection.kind) {
    case 'match':
      return fileOf(selection.baseline);
    case 'mismatch':
      return fileOf(selection.closest);
    case 'none':
      throw createUsageError({
        input: 'the baseline folder',
        expected: 'at least one baseline',
        received: 'none',
        fix: 'Record one with `embedprof baseline update`.',
      });
  }
}

/**
 * With --on-machine-mismatch fail, a baseline recorded on another machine or configuration is an input error
 * listing every difference. Legacy baselines have an unknown machine: they are indicative only, never this.
 */
function assertMachinePolicy(
  baseline: Baseline,
  fingerprint: Fingerprint,
  policy: MachineMismatchPolicy,
  label: string,
): void {
  if (policy !== 'fail' || baseline.origin.kind === 'legacy') return;
  const differences = compareFingerprints(baseline.fingerprint, fingerprint);
  if (isSameSetup(differences)) return;
  throw createUsageError({
    input: `${label} (baseline "${baseline.name}")`,
    expected: 'a baseline recorded on this machine and configuration (--on-machine-mismatch fail)',
    received: `one that differs: ${[...differences.configuration, ...differences.machine].join('; ')}`,
    fix: 'Record a baseline on this machine (`embedprof baseline update`), or pass --on-machine-mismatch normalize to compare calibration-normalized throughput.',
  });
}

/** The baseline for a run with `fingerprint` and its file, checked against the machine-mismatch policy. */
export function pickBaseline(
  candidates: readonly LoadedBaseline[],
  fingerprint: Fingerprint,
  policy: MachineMismatchPolicy,
  request: BaselineRequest,
): LoadedBaseline {
  const chosen = chooseBaseline(candidates, fingerprint);
  assertMachinePolicy(chosen.baseline, fingerprint, policy, `${request.labels.path} ${request.path}`);
  return chosen;
}
