/** The context line under the verdict: what ran, where, against which reference, at which commit. */
import type { Comparison } from '../../decide/compare/comparison-schema.js';
import type { Profile } from '../../measure/protocol/profile-schema.js';
import { sanitizeText } from '../text/escape.js';
import { describeMetricName } from './comparison-facts.js';
import { describeMachineCheck, describeRunMachine } from '../text/describe-machine.js';
import { formatChange, formatQuantity, formatTimestamp } from '../text/format-numbers.js';

/** Longest model spec or CPU name quoted in the line. */
const MAX_NAME_CHARS = 120;

/** "head 3f1c9a0d5e7b" when the run knows its commit, else "this run". */
function describeHead(profile: Profile): string {
  const commit = profile.commit ?? null;
  return commit === null ? 'this run' : `head ${sanitizeText(commit, 64).slice(0, 12)}`;
}

/** "Baseline "main" (baselines/main.json, embedprof, 2026-11-20 09:15 UTC) vs head 3f1c9a0d5e7b (…): MODEL on CPU; same machine." */
export function describeRunContext(profile: Profile, comparison: Comparison | null): string {
  const head = describeHead(profile);
  if (comparison === null)
    return `${capitalize(head)} (${formatTimestamp(profile.createdAt)}): ${describeRunMachine(profile, 'report')}.`;
  const { baseline, current, reference } = comparison;
  if (reference.kind === 'base-ref') {
    const ref = sanitizeText(reference.ref, MAX_NAME_CHARS);
    const base = reference.commit.slice(0, 12);
    const shownRef = ref.startsWith(base) || reference.ref === reference.commit ? '' : `${ref} `;
    return `Base ${shownRef}(${base}) and ${head} measured side by side, alternating fresh processes (${formatTimestamp(current.createdAt)}): ${describeRunMachine(profile, 'report')}.`;
  }
  const origin = baseline.origin === 'legacy' ? 'legacy file' : 'embedprof';
  const name = sanitizeText(baseline.name, MAX_NAME_CHARS);
  const file = baseline.file === null ? '' : `${sanitizeText(baseline.file.path, MAX_NAME_CHARS)}, `;
  return `Baseline "${name}" (${file}${origin}, ${formatTimestamp(baseline.createdAt)}) vs ${head} (${formatTimestamp(current.createdAt)}): ${describeRunMachine(profile, 'report')}; ${describeMachineCheck(comparison.machine, 'report')}.`;
}

function capitalize(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}

/** "History of main (origin/embedprof-data): batch 32 throughput 312 texts/s, no change point in 14 runs; …" */
export function describeBaseHistory(comparison: Comparison | null): string | null {
  const history = comparison?.baseHistory ?? null;
  if (history === null || history.entries.length === 0) return null;
  const entries = history.entries.map((entry) => {
    const value = `${sanitizeText(entry.cell, MAX_NAME_CHARS)} ${describeMetricName(entry.metric)} ${formatQuantity(entry.value)} ${entry.unit}`;
    const change = entry.lastChange;
    if (change === null) return `${value}, no change point in ${entry.runs} runs`;
    const ago = change.runsAgo === 0 ? 'in the newest run' : `${change.runsAgo} runs ago`;
    const size = formatChange(change.magnitude, { group: false, zeroSign: 'negative' });
    return `${value}; last change point ${size} at ${sanitizeText(change.commit, 64).slice(0, 12)}, ${ago} (${entry.runs} runs)`;
  });
  const where = `${sanitizeText(history.branch, MAX_NAME_CHARS)} (${sanitizeText(history.source, MAX_NAME_CHARS)})`;
  return `History of ${where}: ${entries.join('; ')}.`;
}
