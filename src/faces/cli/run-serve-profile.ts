/** `embedprof serve-profile`: the serve run on the command line — the knee of each sweep, then the files written. */
import { createDefaultDeps, runServeProfile } from '../../core/index.js';
import { formatServeSummary } from '../../report/terminal/format-serve-summary.js';
import { buildServeProfileRequest } from '../settings/serve-requests.js';
import type { ResolvedSettings } from '../settings/resolve-settings.js';

export async function runServeProfileCommand(settings: ResolvedSettings): Promise<number> {
  const deps = createDefaultDeps(settings.values.quiet);
  const outcome = await runServeProfile(buildServeProfileRequest(settings), deps);
  const lines = [formatServeSummary(outcome.profile), ...outcome.files.map((file) => `Wrote ${file}`)];
  process.stdout.write(`${lines.join('\n')}\n`);
  for (const problem of outcome.problems) process.stderr.write(`embedprof: ${problem}\n`);
  return outcome.exitCode;
}
