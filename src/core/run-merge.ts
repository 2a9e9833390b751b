/**
 * The core's `merge`: the shards of a sharded run (their output folders under one folder) become one profile
 * and one comparison — paired when every shard ran in duet mode against one base, else against the baseline.
 */
import { existsSync } from 'node:fs';
import { EMPTY_PROVENANCE } from '../decide/baseline/baseline-schema.js';
import { loadCandidateBaselines, pickBaseline } from '../decide/baseline/choose-baseline.js';
import { createFingerprint } from '../decide/baseline/fingerprint.js';
import { createBaselineFromProfile } from '../decide/baseline/from-profile.js';
import { compareProfiles } from '../decide/compare/compare-profiles.js';
import type { Comparison, ComparisonReference } from '../decide/compare/comparison-schema.js';
import { compareWithLoadedBaseline, type GateComparisonRequest } from '../decide/gate/comparison-request.js';
import { decideGateExitCode } from '../decide/gate/gate-exit-code.js';
import { findShardFolders, type ShardFolder } from '../measure/shards/find-shards.js';
import { mergeShardProfiles } from '../measure/shards/merge-profiles.js';
import type { Profile } from '../measure/protocol/profile-schema.js';
import { createInputError, type InputNames } from './input-names.js';
import type { GateOutcome } from './outcomes.js';
import { prepareOutputDir } from './output-files.js';
import { readComparisonFile } from './read-comparison-file.js';
import { readProfileFile } from './read-profile-file.js';
import { writeRunFiles } from './write-run-files.js';

export interface MergeRequest {
  /** The folder holding the shards' output folders; null or missing is an input error naming it. */
  shardsDir: string | null;
  /** The baseline when the shards did not all run in duet mode against one base, the policy, the thresholds. */
  comparison: GateComparisonRequest;
  outDir: string;
  names: InputNames;
}

interface Merged {
  profile: Profile;
  base: Profile | null;
  reference: ComparisonReference | null;
}

async function readShards(folders: readonly ShardFolder[], label: string): Promise<Merged> {
  const read = (path: string) => readProfileFile(path, label);
  const heads = await Promise.all(
    folders.map(async (f) => ({ label: f.profile, profile: await read(f.profile) })),
  );
  const comparisons = await Promise.all(
    folders.map((f) => (f.comparison === null ? null : readComparisonFile(f.comparison, label))),
  );
  const references = comparisons.map((comparison) => comparison?.reference ?? null);
  const duet =
    references.every((ref) => ref?.kind === 'base-ref') && folders.every((f) => f.baseProfile !== null);
  const commits = new Set(references.map((ref) => (ref?.kind === 'base-ref' ? ref.commit : null)));
  if (!duet || commits.size !== 1) {
    const fallback =
      references.find((ref) => ref?.kind === 'baseline' && ref.fallbackReason !== null) ?? null;
    return { profile: mergeShardProfiles(heads), base: null, reference: fallback };
  }
  const bases = await Promise.all(
    folders.map(async (f) => ({ label: f.baseProfile ?? '', profile: await read(f.baseProfile ?? '') })),
  );
  return {
    profile: mergeShardProfiles(heads),
    base: mergeShardProfiles(bases),
    reference: references[0] ?? null,
  };
}

async function compareMerged(
  merged: Merged,
  request: GateComparisonRequest,
  names: InputNames,
): Promise<Comparison> {
  if (merged.base !== null && merged.reference?.kind === 'base-ref') {
    const name = `base-${merged.reference.commit.slice(0, 12)}`;
    const baseline = createBaselineFromProfile(merged.base, { name, provenance: EMPTY_PROVENANCE });
    return compareProfiles(
      baseline,
      merged.profile,
      { ...request.options, design: 'paired' },
      merged.reference,
      merged.base,
    );
  }
  if (request.baseline === null) {
    throw createInputError(names, 'baseline', {
      expected: 'a baseline file or folder (the shards did not all run in duet mode against one base)',
      received: 'nothing',
      example: 'baselines',
    });
  }
  const candidates = await loadCandidateBaselines(request.baseline);
  const baseline = pickBaseline(
    candidates,
    createFingerprint(merged.profile),
    request.policy,
    request.baseline,
  );
  return compareWithLoadedBaseline(baseline, merged.profile, request.options, merged.reference ?? undefined);
}

export async function runMerge(request: MergeRequest): Promise<GateOutcome> {
  const { shardsDir: from, names } = request;
  if (from === null || !existsSync(from)) {
    throw createInputError(names, 'reportDir', {
      expected: 'an existing folder holding the shards’ folders',
      received: from === null ? 'nothing' : `${from} (missing)`,
      example: 'embedprof-shards',
    });
  }
  const outDir = await prepareOutputDir(request.outDir, names);
  const label = names.describe('reportDir');
  const merged = await readShards(await findShardFolders(from, outDir), label);
  const comparison = await compareMerged(merged, request.comparison, names);
  const documents = { profile: merged.profile, baseProfile: merged.base, comparison, adoption: null };
  const files = await writeRunFiles(outDir, documents);
  return { kind: 'gate', ...documents, outDir, files, exitCode: decideGateExitCode(comparison) };
}
