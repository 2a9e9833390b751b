/**
 * Puts the profiles of a sharded run (`--shard i/n` in n matrix jobs) back together. Pure. Every shard must
 * be there exactly once and must have measured the same thing (model or embedder, tokenizer, corpus); the cells are the union, sorted as a sweep;
 * everything measured once per run (calibration summary, analysis, memory readings) comes from shard 1,
 * where the analysis ran. Shards that ran on different CPUs are allowed (that is what a matrix does) but said:
 * cells are then comparable only within a shard.
 */
import { createUsageError, quoteUserText } from '../../ground/errors.js';
import type { Profile } from '../protocol/profile-schema.js';

export interface ShardProfile {
  /** Where it was read from, for messages. */
  label: string;
  profile: Profile;
}

function readShard(entry: ShardProfile): { index: number; count: number } {
  const shard = entry.profile.config.shard;
  if (shard !== null) return shard;
  throw createUsageError({
    input: entry.label,
    expected: 'a profile.json written with --shard i/n',
    received: 'a profile of the whole sweep (config.shard is null)',
    fix: 'Merge only the folders of one sharded run.',
  });
}

/** The shards ordered by index, after checking that 1..n are each present once with one model. */
export function orderShards(entries: readonly ShardProfile[]): ShardProfile[] {
  if (entries.length === 0) {
    throw createUsageError({
      input: '--from',
      expected: 'folders holding the shards’ profile.json files',
      received: 'no profile.json',
      fix: 'Download every shard’s artifact into the folder first (actions/download-artifact with a pattern).',
    });
  }
  const shards = entries.map((entry) => ({ entry, shard: readShard(entry) }));
  const count = shards[0]?.shard.count ?? 0;
  const indices = shards.map(({ shard }) => shard.index).sort((a, b) => a - b);
  const expected = Array.from({ length: count }, (_, i) => i + 1);
  const sameCount = shards.every(({ shard }) => shard.count === count);
  if (!sameCount || indices.join(',') !== expected.join(',')) {
    throw createUsageError({
      input: '--from',
      expected: `shards 1 to ${count}, once each`,
      received: `shards ${shards.map(({ shard }) => `${shard.index}/${shard.count}`).join(', ')}`,
      fix: 'Wait for every matrix job, and download each shard’s artifact once.',
    });
  }
  checkSameMeasuredThing(shards.map(({ entry }) => entry));
  return shards.sort((a, b) => a.shard.index - b.shard.index).map(({ entry }) => entry);
}

/**
 * What a shard measured: the model or embedder as named (a custom embedder has no sha256, so its spec is what
 * tells two apart), its weights' sha256 and dtype, the truncation, and the corpus. (The tokenizer's folder is
 * a path on each runner, so it is left out.)
 */
function describeMeasuredThing(profile: Profile): string {
  const { model, corpus } = profile;
  const weights = model.sha256 === null ? 'no sha256' : `sha256 ${model.sha256.slice(0, 12)}`;
  const tokens = `max tokens ${model.maxTokens ?? 'none'}`;
  return `${model.spec} (${weights}, dtype ${model.dtype ?? 'none'}, ${tokens}) on corpus ${corpus.sha256.slice(0, 12)}`;
}

function checkSameMeasuredThing(entries: readonly ShardProfile[]): void {
  const things = new Map<string, string[]>();
  for (const entry of entries) {
    const thing = describeMeasuredThing(entry.profile);
    things.set(thing, [...(things.get(thing) ?? []), entry.label]);
  }
  if (things.size <= 1) return;
  const received = [...things].map(([thing, labels]) => `${labels.join(', ')}: ${thing}`).join('; ');
  throw createUsageError({
    input: '--from',
    expected: 'shards that measured the same model or embedder and corpus',
    received: quoteUserText(received),
    fix: 'Merge the shards of one run only: every matrix job must use the same settings and commit.',
  });
}

function describeMachines(profiles: readonly Profile[]): string[] {
  const cpus = [...new Set(profiles.map((profile) => profile.environment.cpuModel))];
  if (cpus.length <= 1) return [];
  return [
    `shards ran on different CPUs (${cpus.join('; ')}): compare cells with each other only within a shard`,
  ];
}

/** One profile of the whole sweep from its shards. */
export function mergeShardProfiles(entries: readonly ShardProfile[]): Profile {
  const profiles = orderShards(entries).map((entry) => entry.profile);
  const [first] = profiles;
  if (first === undefined) throw new Error('orderShards returned no shard');
  const batchSweep = profiles.flatMap((p) => p.batchSweep).sort((a, b) => a.batchSize - b.batchSize);
  const lengthSweep = profiles.flatMap((p) => p.lengthSweep).sort((a, b) => a.chars - b.chars);
  const perBatch = profiles.flatMap((p) => p.memory.perBatch).sort((a, b) => a.batchSize - b.batchSize);
  const padding = profiles.flatMap((p) => p.padding.perBatch).sort((a, b) => a.batchSize - b.batchSize);
  const warnings = profiles.flatMap((profile, i) =>
    i === 0 ? profile.warnings : profile.warnings.map((warning) => `shard ${i + 1}: ${warning}`),
  );
  return {
    ...first,
    createdAt: profiles.map((p) => p.createdAt).sort()[0] ?? first.createdAt,
    wallSeconds: Math.max(...profiles.map((p) => p.wallSeconds)),
    config: {
      ...first.config,
      batchSizes: batchSweep.map((cell) => cell.batchSize),
      lengths: lengthSweep.map((cell) => cell.chars),
      shard: null,
    },
    batchSweep,
    lengthSweep,
    memory: {
      ...first.memory,
      perBatch,
      peakMB: Math.max(...profiles.map((p) => p.memory.peakMB)),
    },
    hotspots: { ...first.hotspots, stageShares: profiles.flatMap((p) => p.hotspots.stageShares) },
    padding: { ...first.padding, perBatch: padding },
    warnings: [...warnings, ...describeMachines(profiles)],
  };
}
