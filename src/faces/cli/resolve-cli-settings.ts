/**
 * The CLI's settings: defaults ← preset ← environment ← embedprof.config.json (profile, gate, nightly; `--config`
 * or the file in the working directory, unless --no-config) ← flags.
 */
import { availableParallelism, homedir } from 'node:os';
import { findConfig } from '../settings/read-config-file.js';
import { createUsageError } from '../../ground/errors.js';
import { toConfigLayer } from '../settings/config-layer.js';
import { showPath } from '../../ground/files/show-path.js';
import { resolveSettings, type ResolvedSettings, type SettingsLayer } from '../settings/resolve-settings.js';
import type { CommandName } from '../../measure/protocol/setting-kit/setting-entry.js';
import { readFlagLayer } from './read-flags.js';

export type CliSettings = { kind: 'help' } | { kind: 'settings'; settings: ResolvedSettings };

export async function resolveCliSettings(
  command: CommandName,
  argv: readonly string[],
  cwd: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<CliSettings> {
  const flags = readFlagLayer(command, argv);
  if (flags.help) return { kind: 'help' };
  // a pull request's gate measures the pr plan (protocol/presets.ts), not the profile's map
  const layers: SettingsLayer[] =
    command === 'gate'
      ? [{ source: { kind: 'face', reason: 'the gate command' }, values: { preset: 'pr' } }]
      : [];
  const { config: named, noConfig } = flags.layer.values;
  if (named !== undefined && noConfig === true)
    throw createUsageError({
      input: '--config and --no-config',
      expected: 'at most one of them',
      received: `both (--config ${named})`,
      fix: 'Drop --no-config to read that file, or --config to read none.',
    });
  const reads = command === 'profile' || command === 'gate' || command === 'nightly';
  const config = reads && noConfig !== true ? await findConfig(named ?? null, cwd) : null;
  if (config !== null) layers.push(toConfigLayer(config.config, showPath(config.path, cwd), config.dir));
  layers.push(flags.layer);
  const context = { env, cores: availableParallelism(), home: homedir() };
  return { kind: 'settings', settings: resolveSettings(layers, 'cli', context, config) };
}
