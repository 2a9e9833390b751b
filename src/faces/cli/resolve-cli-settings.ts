/**
 * The CLI's settings: defaults ← the command's own choices ← preset ← environment ← embedprof.config.json (for
 * the commands that take `--config`: that file or the one in the working directory, unless --no-config) ← flags.
 */
import { availableParallelism, homedir } from 'node:os';
import { findConfig } from '../settings/read-config-file.js';
import { createUsageError } from '../../ground/errors.js';
import { toConfigLayer } from '../settings/config-layer.js';
import { showPath } from '../../ground/files/show-path.js';
import { resolveSettings, type ResolvedSettings, type SettingsLayer } from '../settings/resolve-settings.js';
import type { CommandName } from '../../measure/protocol/setting-kit/setting-entry.js';
import { SERVE_GATE_ROUNDS } from '../settings/serve-settings.js';
import { getEntry } from '../settings/setting-table.js';
import { readFlagLayer } from './read-flags.js';

/**
 * What a command chooses before any file or flag: a pull request's gate measures the pr plan
 * (protocol/presets.ts), not the profile's map; the serve gate measures SERVE_GATE_ROUNDS rounds.
 */
function chooseCommandDefaults(command: CommandName): SettingsLayer[] {
  switch (command) {
    case 'gate':
      return [{ source: { kind: 'face', reason: 'the gate command' }, values: { preset: 'pr' } }];
    case 'serve-gate':
      return [
        {
          source: { kind: 'face', reason: 'the serve-gate command' },
          values: { serveRounds: SERVE_GATE_ROUNDS },
        },
      ];
    default:
      return [];
  }
}

export type CliSettings = { kind: 'help' } | { kind: 'settings'; settings: ResolvedSettings };

export async function resolveCliSettings(
  command: CommandName,
  argv: readonly string[],
  cwd: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<CliSettings> {
  const flags = readFlagLayer(command, argv);
  if (flags.help) return { kind: 'help' };
  const layers = chooseCommandDefaults(command);
  const { config: named, noConfig } = flags.layer.values;
  if (named !== undefined && noConfig === true)
    throw createUsageError({
      input: '--config and --no-config',
      expected: 'at most one of them',
      received: `both (--config ${named})`,
      fix: 'Drop --no-config to read that file, or --config to read none.',
    });
  const reads = getEntry('config').commands.includes(command);
  const config = reads && noConfig !== true ? await findConfig(named ?? null, cwd) : null;
  if (config !== null) layers.push(toConfigLayer(config.config, showPath(config.path, cwd), config.dir));
  layers.push(flags.layer);
  const context = { env, cores: availableParallelism(), home: homedir() };
  return { kind: 'settings', settings: resolveSettings(layers, 'cli', context, config) };
}
