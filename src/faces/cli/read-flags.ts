/**
 * A command line as a settings layer: node's parseArgs options and the values are read off the settings
 * table for the command at hand. Paths stay as written: relative ones start from the working directory.
 */
import { parseArgs } from 'node:util';
import { describeError, UsageError } from '../../ground/errors.js';
import { parseSettingText, type SettingsLayer } from '../settings/resolve-settings.js';
import type { CommandName } from '../../measure/protocol/setting-kit/setting-entry.js';
import { getEntry, SETTING_KEYS, type SettingKey, type SettingValues } from '../settings/setting-table.js';

type OptionSpec = { type: 'string' | 'boolean'; short?: string };

export function listCommandKeys(command: CommandName): SettingKey[] {
  return SETTING_KEYS.filter(
    (key) => getEntry(key).flag !== null && getEntry(key).commands.includes(command),
  );
}

function isBooleanFlag(key: SettingKey): boolean {
  return getEntry(key).flagArg === undefined;
}

export function buildParseOptions(command: CommandName): Record<string, OptionSpec> {
  const options: Record<string, OptionSpec> = { help: { type: 'boolean', short: 'h' } };
  for (const key of listCommandKeys(command)) {
    const flag = getEntry(key).flag ?? key;
    options[flag] = { type: isBooleanFlag(key) ? 'boolean' : 'string' };
  }
  return options;
}

/**
 * `--flag -3` as `--flag=-3`: node's parseArgs takes a value starting with a dash for a forgotten argument
 * ("ambiguous"), so a negative number would never reach the setting's own check, which says what is expected.
 * No flag looks like a number, so nothing else is joined.
 */
export function joinNegativeNumbers(argv: readonly string[], options: Record<string, OptionSpec>): string[] {
  const joined: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const next = argv[i + 1];
    const takesValue = arg.startsWith('--') && options[arg.slice(2)]?.type === 'string';
    if (takesValue && next !== undefined && /^-\.?\d/.test(next)) {
      joined.push(`${arg}=${next}`);
      i++;
    } else joined.push(arg);
  }
  return joined;
}

export interface FlagLayer {
  layer: SettingsLayer;
  help: boolean;
}

/** The flags given to `command`, parsed and checked; an unknown flag or a bad value names the flag. */
export function readFlagLayer(command: CommandName, argv: readonly string[]): FlagLayer {
  let values: Record<string, string | boolean | undefined>;
  try {
    const options = buildParseOptions(command);
    const args = joinNegativeNumbers(argv, options);
    ({ values } = parseArgs({ args, options, strict: true, allowPositionals: false }));
  } catch (error) {
    const name = command.replace('-', ' ');
    throw new UsageError(`${describeError(error)}. Run \`embedprof ${name} --help\` for the options.`);
  }
  const layer: Record<string, unknown> = {};
  const source = { kind: 'flag' } as const;
  for (const key of listCommandKeys(command)) {
    const entry = getEntry(key);
    const given = values[entry.flag ?? key];
    if (given === undefined) continue;
    const value =
      typeof given === 'boolean'
        ? given !== (entry.negated ?? false)
        : parseSettingText(key, given.trim(), 'cli', source);
    layer[key] = value;
  }
  return { layer: { source, values: layer as Partial<SettingValues> }, help: values.help === true };
}
