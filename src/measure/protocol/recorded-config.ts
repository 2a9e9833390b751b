/**
 * profile.json's config section, read off the measure settings table: every recorded setting (recordSetting)
 * under its key and in its order, with the facts of the measurement policy the preset decides. The report's
 * Method table shows the fields that declare a row (report/environment-table.ts).
 */
import { z } from 'zod';
import { MEASURE_SETTINGS } from './measure-settings.js';
import type { MethodRow, Recording, SettingEntry } from './setting-kit/setting-entry.js';
import type { OrtOptions } from '../engine/onnx-session.js';
import type { MeasurePolicy } from './worker/measure-cell.js';

type Table = typeof MEASURE_SETTINGS;
type ValueOf<E> = E extends SettingEntry<infer T> ? T : never;
/** One value per measure setting. */
export type MeasureValues = { [K in keyof Table]: ValueOf<Table[K]> };

type RecordedKey = { [K in keyof Table]: Table[K] extends { record: object } ? K : never }[keyof Table];
type RecordOf<K extends RecordedKey> = Table[K] extends { record: infer R } ? R : never;
type ConfigKey<K extends RecordedKey> = RecordOf<K> extends { key: infer N extends string } ? N : K;
type OptionalKey = { [K in RecordedKey]: RecordOf<K> extends { optional: true } ? K : never }[RecordedKey];
type OrtKey = { [K in RecordedKey]: RecordOf<K> extends { ortOption: true } ? K : never }[RecordedKey];
/** The values profile.json records. */
export type RecordedValues = Pick<MeasureValues, RecordedKey>;

/** The policy's facts recorded beside the settings (numbers the preset decides, not settings of their own). */
const POLICY_FACTS = {
  minMeasuredBatches: {
    order: 55,
    schema: z.number().int().positive(),
    method: {
      label: 'measured batches',
      show: (value, { config }) => `≥ ${value} and ≥ ${Number(config.minMeasuredSeconds)} s per process`,
    },
  },
  minMeasuredSeconds: { order: 56, schema: z.number().nonnegative() },
  maxWarmupBatches: {
    order: 57,
    schema: z.number().int().positive(),
    method: { label: 'warm-up', show: (value) => `until steady, at most ${value} batches` },
  },
} satisfies Record<string, Omit<Recording<number>, 'schema'> & { schema: z.ZodType<number> }>;
type PolicyKey = keyof typeof POLICY_FACTS & keyof MeasurePolicy;

export type ProfileConfig = {
  [K in Exclude<RecordedKey, OptionalKey> as ConfigKey<K>]: MeasureValues[K];
} & { [K in OptionalKey as ConfigKey<K>]?: MeasureValues[K] } & Record<PolicyKey, number>;

/** One key of profile.json's config section. */
export interface RecordField {
  key: string;
  /** Where the value comes from: a measure setting, or the preset's measurement policy. */
  source: { kind: 'setting'; setting: RecordedKey } | { kind: 'policy'; fact: PolicyKey };
  schema: z.ZodType;
  /** Typed by its entry; the report hands it the recorded value. */
  method?: MethodRow<never>;
}

function toField(setting: string, entry: SettingEntry<unknown>): RecordField[] {
  const record = entry.record;
  if (record === undefined) return [];
  const base: z.ZodType = record.schema ?? entry.kind.configSchema;
  const present = record.optional === true ? base.optional() : base;
  return [
    {
      key: record.key ?? setting,
      source: { kind: 'setting', setting: setting as RecordedKey },
      schema: record.describe === undefined ? present : present.describe(record.describe),
      ...(record.method === undefined ? {} : { method: record.method as MethodRow<never> }),
    },
  ];
}

function listRecordFields(): RecordField[] {
  const settings = Object.entries(MEASURE_SETTINGS).map(([setting, entry]) => ({
    order: (entry as SettingEntry<unknown>).record?.order ?? 0,
    fields: toField(setting, entry as SettingEntry<unknown>),
  }));
  const policy = Object.entries(POLICY_FACTS).map(([fact, declared]) => ({
    order: declared.order,
    fields: [{ ...declared, key: fact, source: { kind: 'policy', fact: fact as PolicyKey } } as RecordField],
  }));
  const ordered = [...settings, ...policy].filter((item) => item.fields.length > 0);
  return ordered.sort((a, b) => a.order - b.order).flatMap((item) => item.fields);
}

/** The config section's keys in profile.json's order. */
export const RECORD_FIELDS: readonly RecordField[] = listRecordFields();

export const profileConfigSchema = z.object(
  Object.fromEntries(RECORD_FIELDS.map((field) => [field.key, field.schema])),
) as unknown as z.ZodType<ProfileConfig>;

/** The config section of a run: each recorded setting's value and the policy's facts. */
export function recordConfig(values: RecordedValues, policy: MeasurePolicy): ProfileConfig {
  const config: Record<string, unknown> = {};
  for (const field of RECORD_FIELDS)
    config[field.key] =
      field.source.kind === 'setting' ? values[field.source.setting] : policy[field.source.fact];
  return config as ProfileConfig;
}

const ORT_KEYS = Object.entries(MEASURE_SETTINGS)
  .filter(([, entry]) => (entry as SettingEntry<unknown>).record?.ortOption === true)
  .map(([key]) => key as OrtKey);

/** The ONNX Runtime session options among the values (the entries marked ortOption), as sessions take them. */
export function pickOrtOptions(values: Pick<MeasureValues, OrtKey>): OrtOptions {
  const options = Object.fromEntries(ORT_KEYS.map((key) => [key, values[key]]));
  return options as Pick<MeasureValues, OrtKey> satisfies OrtOptions;
}
