/**
 * The action's settings: defaults ← preset ← environment ← the action's own choices (from the event and the
 * checkout) ← embedprof.config.json ← the step's inputs. Every input is read and checked off the settings
 * table before anything runs; an error names the input as the workflow writes it.
 */
import { availableParallelism, homedir } from 'node:os';
import { resolve } from 'node:path';
import { findConfig } from '../settings/read-config-file.js';
import { toConfigLayer } from '../settings/config-layer.js';
import { showPath } from '../../ground/files/show-path.js';
import {
  parseSettingText,
  resolveSettings,
  type ResolvedSettings,
  type SettingsLayer,
} from '../settings/resolve-settings.js';
import { getEntry, SETTING_KEYS, type SettingValues } from '../settings/setting-table.js';
import type { ActionPlatform } from './action-platform.js';
import { isDirectory } from './check-inputs.js';
import { SERVE_GATE_ROUNDS } from '../settings/serve-settings.js';
import { describeEvent, type EventContext } from './event-context.js';
import { chooseOutDir } from './output-folder.js';

export type ActionMode = NonNullable<SettingValues['mode']>;
export type CommentPolicy = SettingValues['comment'];

/** Every non-empty input, parsed; the runner fills in action.yml's defaults, which hold no setting's default. */
export function readInputLayer(platform: ActionPlatform): SettingsLayer {
  const values: Record<string, unknown> = {};
  const source = { kind: 'input' } as const;
  for (const key of SETTING_KEYS) {
    const input = getEntry(key).input;
    const text = input === null ? '' : platform.getInput(input).trim();
    if (text !== '') values[key] = parseSettingText(key, text, 'action', source);
  }
  return { source, values: values as Partial<SettingValues> };
}

export function chooseMode(inputs: SettingsLayer, context: EventContext): ActionMode {
  return inputs.values.mode ?? (context.kind === 'pull-request' ? 'gate' : 'profile');
}

function chooseFaceDefaults(
  inputs: SettingsLayer,
  context: EventContext,
  tempDir: string,
  cwd: string,
): SettingsLayer[] {
  const onPull = context.kind === 'pull-request';
  const mode = chooseMode(inputs, context);
  const compareTo = inputs.values.compareTo ?? (onPull ? 'base' : 'baseline');
  const event = { kind: 'face', reason: `the ${describeEvent(context)} event` } as const;
  const values: Partial<SettingValues> = { mode, compareTo, preset: onPull ? 'pr' : 'full' };
  if (onPull && mode === 'gate' && compareTo === 'base') values.against = context.pull.baseSha;
  if (onPull && mode === 'serve-gate') values.against = context.pull.baseSha;
  if (mode === 'serve-gate') values.serveRounds = SERVE_GATE_ROUNDS;
  // the comment cites the base branch's nightly history when the repository keeps one
  if (onPull && mode === 'gate')
    Object.assign(values, { dataBranch: 'embedprof-data', historyBranch: context.pull.baseRef });
  const commit = onPull ? context.pull.headSha : process.env.GITHUB_SHA?.trim();
  if (commit !== undefined && /^[0-9a-f]{7,64}$/.test(commit)) values.commit = commit;
  const layers: SettingsLayer[] = [{ source: event, values }];
  if (isDirectory(resolve(cwd, 'baselines')))
    layers.push({ source: { kind: 'face', reason: 'baselines/ exists' }, values: { baseline: 'baselines' } });
  const shard = inputs.values.shard ?? null;
  layers.push({
    source: { kind: 'face', reason: 'the runner' },
    values: { out: chooseOutDir(tempDir, shard) },
  });
  return layers;
}

/** The merged settings of this step; the config file is read in the working directory, except in mode comment. */
export async function resolveActionSettings(
  platform: ActionPlatform,
  context: EventContext,
  inputs: SettingsLayer,
  cwd = process.cwd(),
): Promise<ResolvedSettings> {
  const layers = chooseFaceDefaults(inputs, context, platform.tempDir, cwd);
  const mode = chooseMode(inputs, context);
  const config = mode === 'comment' ? null : await findConfig(inputs.values.config ?? null, cwd);
  if (config !== null) layers.push(toConfigLayer(config.config, showPath(config.path, cwd), config.dir));
  layers.push(inputs);
  const defaults = { env: process.env, cores: availableParallelism(), home: homedir() };
  return resolveSettings(layers, 'action', defaults, config);
}
