import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { EMPTY_PROVENANCE } from '../baseline/baseline-schema.js';
import { createFingerprint } from '../baseline/fingerprint.js';
import { createBaselineFromProfile } from '../baseline/from-profile.js';
import { compareProfiles } from '../compare/compare-profiles.js';
import type { Comparison, ComparisonReference } from '../compare/comparison-schema.js';
import { createUsageError, describeError, UsageError } from '../errors.js';
import { assertMachinePolicy, chooseBaseline, loadCandidateBaselines } from '../gate/choose-baseline.js';
import { decideGateExitCode } from '../gate/gate-exit-code.js';
import { findShardFolders, type ShardFolder } from '../merge/find-shards.js';
import { mergeShardProfiles } from '../merge/merge-profiles.js';
import { profileSchema, type Profile } from '../schema/profile-schema.js';
import {
  COMPARE_FLAGS,
  COMPARE_FLAGS_HELP,
  readGateComparisonFlags,
  type GateComparisonRequest,
} from './compare-args.js';
import { formatComparisonSummary } from './format-comparison.js';
import { prepareOutputDir, writeJsonAtomically } from './output-files.js';
import { readComparisonFile } from './read-comparison-file.js';
import { readProfileFile } from './read-profile-file.js';
import { writeComparison } from './write-comparison.js';
import { writeReports } from './write-reports.js';

export const MERGE_HELP = `embedprof merge --from DIR [--baseline FILE|DIR] [comparison options] --out OUT

Merges the shards of a sharded run (\`--shard i/n\` in n matrix jobs; their output folders downloaded under
DIR) into one profile.json and compares it: when every shard ran in duet mode, the base profiles are merged
too and compared pairwise; otherwise with --baseline. Writes OUT/profile.json, OUT/comparison.json and the
reports. Exit codes as for \`embedprof gate\`.

  --from DIR              folder holding the shards' folders (searched two levels deep)
${COMPARE_FLAGS_HELP}
  --out DIR               where the merged files go (default embedprof-out)`;

const OPTIONS = {
  ...COMPARE_FLAGS,
  from: { type: 'string' },
  out: { type: 'string' },
  debug: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

interface Merged {
  profile: Profile;
  base: Profile | null;
  reference: ComparisonReference | null;
}

async function readShards(folders: readonly ShardFolder[]): Promise<Merged> {
  const read = (path: string) => readProfileFile(path, '--from');
  const heads = await Promise.all(
    folders.map(async (f) => ({ label: f.profile, profile: await read(f.profile) })),
  );
  const comparisons = await Promise.all(
    folders.map((f) => (f.comparison === null ? null : readComparisonFile(f.comparison, '--from'))),
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

async function compareMerged(merged: Merged, request: GateComparisonRequest): Promise<Comparison> {
  if (merged.base !== null && merged.reference?.kind === 'base-ref') {
    const baseline = createBaselineFromProfile(merged.base, {
      name: `base-${merged.reference.commit.slice(0, 12)}`,
      provenance: EMPTY_PROVENANCE,
    });
    return compareProfiles(
      baseline,
      merged.profile,
      { ...request.options, design: 'paired' },
      merged.reference,
    );
  }
  if (request.baseline === null) {
    throw createUsageError({
      input: '--baseline',
      expected: 'a baseline file or folder (the shards did not all run in duet mode against one base)',
      received: 'nothing',
      fix: 'Pass --baseline baselines/.',
    });
  }
  const candidates = await loadCandidateBaselines(request.baseline);
  const fingerprint = createFingerprint(merged.profile);
  const baseline = chooseBaseline(candidates, fingerprint);
  assertMachinePolicy(baseline, fingerprint, request.policy, request.baseline.path);
  return compareProfiles(baseline, merged.profile, request.options, merged.reference ?? undefined);
}

/** `embedprof merge`: shards → one profile → one comparison. */
export async function runMergeCommand(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: false }));
  } catch (error) {
    throw new UsageError(`${describeError(error)}. Run \`embedprof merge --help\` for the options.`);
  }
  if (values.help) {
    process.stdout.write(`${MERGE_HELP}\n`);
    return 0;
  }
  const from = values.from;
  if (from === undefined || !existsSync(from)) {
    throw createUsageError({
      input: '--from',
      expected: 'an existing folder holding the shards’ folders',
      received: from === undefined ? 'nothing' : `${from} (missing)`,
      fix: 'Pass --from DIR where the shard artifacts were downloaded.',
    });
  }
  const request = readGateComparisonFlags(values, true);
  const outDir = await prepareOutputDir(values.out ?? 'embedprof-out');
  const merged = await readShards(await findShardFolders(from, outDir));
  const comparison = await compareMerged(merged, request);
  await writeJsonAtomically(outDir, 'profile.json', profileSchema.parse(merged.profile));
  if (merged.base !== null)
    await writeJsonAtomically(outDir, 'base-profile.json', profileSchema.parse(merged.base));
  const path = await writeComparison(outDir, comparison);
  await writeReports(outDir, merged.profile, comparison);
  process.stdout.write(`${formatComparisonSummary(comparison)}\nWrote ${path}\n`);
  return decideGateExitCode(comparison);
}
