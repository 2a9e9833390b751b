/** `embedprof serve-gate`: the serve duet on the command line — the verdict and each metric, then the files. */
import { createDefaultDeps, runServeGate } from '../../core/index.js';
import { formatServeDuetSummary } from '../../report/index.js';
import { buildServeGateRequest } from '../settings/serve-requests.js';
import type { ResolvedSettings } from '../settings/resolve-settings.js';

export async function runServeGateCommand(settings: ResolvedSettings): Promise<number> {
  const deps = createDefaultDeps(settings.values.quiet);
  const outcome = await runServeGate(buildServeGateRequest(settings), deps);
  const summary =
    outcome.comparison === null
      ? []
      : [
          formatServeDuetSummary({
            comparison: outcome.comparison,
            base: outcome.base,
            head: outcome.head,
            baseLabel: outcome.labels.base,
            headLabel: outcome.labels.head,
          }),
        ];
  const lines = [...summary, ...outcome.files.map((file) => `Wrote ${file}`)];
  process.stdout.write(`${lines.join('\n')}\n`);
  for (const problem of outcome.problems) process.stderr.write(`embedprof: ${problem}\n`);
  return outcome.exitCode;
}
