/**
 * Every path setting checked for its role (declared in the settings table) before any work starts: an input
 * that is missing, a FIFO, socket or device, or an output under /proc or /sys or in an unwritable folder is an
 * input error naming the setting in the words of the face that set it.
 */
import { isAbsolute } from 'node:path';
import { isLocalModel } from '../../measure/model/model-spec.js';
import { checkPath, type PathRole } from '../../ground/files/check-path.js';
import { createSettingError, type ResolvedSettings } from './resolve-settings.js';
import { getEntry, type SettingKey } from './setting-table.js';

type PathValues = Pick<ResolvedSettings['values'], 'embedder' | 'model'>;

/** The model cache is used only for a synthetic or hub model: an unwritable default must not stop the rest. */
function usesCache(values: PathValues): boolean {
  return values.embedder === null && (values.model === null || !isLocalModel(values.model));
}

/** The role of a setting's value; null when it is no path here (a hub id is no folder; an unused cache). */
function choosePathRole(key: SettingKey, value: string, values: PathValues): PathRole | null {
  const kind = getEntry(key).kind.path;
  if (kind === 'model') return isLocalModel(value) ? 'input-folder' : null;
  if (kind === 'cache-folder' && !usesCache(values)) return null;
  return kind === 'none' ? null : kind;
}

/** Checks each of `keys` that holds a path; throws the first problem as a UsageError. */
export async function assertPathSettings(
  settings: Pick<ResolvedSettings, 'values' | 'sources' | 'face'>,
  keys: readonly SettingKey[],
): Promise<void> {
  for (const key of keys) {
    const value = settings.values[key];
    if (typeof value !== 'string') continue;
    const role = choosePathRole(key, value, settings.values);
    if (role === null) continue;
    const problem = await checkPath(value, role);
    if (problem === null) continue;
    const where = isAbsolute(value) ? '' : ` (relative to ${process.cwd()})`;
    throw createSettingError(settings, key, {
      expected: `${problem.expected}${where}`,
      received: `${JSON.stringify(value)}, ${problem.received}`,
      example: '',
      fix: problem.fix,
    });
  }
}
