/**
 * Puts the config file's settings in front of a command's own flags: `--config FILE` (or --no-config) is
 * taken out of argv, the file is read, and its flags go first so that the command line wins.
 */
import { convertConfigToArgs, type ConfigCommand } from '../config/config-to-args.js';
import { findConfig, type LoadedConfig } from '../config/read-config.js';
import { createUsageError } from '../errors.js';

export interface ConfiguredArgs {
  argv: string[];
  config: LoadedConfig | null;
}

function takeConfigFlag(argv: readonly string[]): { rest: string[]; path: string | null; skip: boolean } {
  const rest: string[] = [];
  let path: string | null = null;
  let skip = false;
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i] ?? '';
    if (token === '--no-config') skip = true;
    else if (token.startsWith('--config=')) path = token.slice('--config='.length);
    else if (token === '--config') {
      path = argv[i + 1] ?? '';
      i++;
    } else rest.push(token);
  }
  if (path === '') {
    throw createUsageError({
      input: '--config',
      expected: 'the path of an embedprof.config.json',
      received: 'nothing',
      fix: 'Pass --config FILE, or leave it out to use ./embedprof.config.json when present.',
    });
  }
  return { rest, path, skip };
}

/** argv with the config's flags in front, and the config that was read (null without one). */
export async function applyConfig(command: ConfigCommand, argv: readonly string[]): Promise<ConfiguredArgs> {
  const { rest, path, skip } = takeConfigFlag(argv);
  if (skip) return { argv: rest, config: null };
  const config = await findConfig(path);
  if (config === null) return { argv: rest, config: null };
  return { argv: [...convertConfigToArgs(config.config, config.dir, command), ...rest], config };
}
