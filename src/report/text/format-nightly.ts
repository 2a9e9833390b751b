/**
 * The nightly's progress lines, the same on both faces (the action's log, the CLI's output): what tonight
 * measures, and where its record went.
 */

/** "Measuring this commit side by side with 3f1c9a0b2d4e, …", or why it is a plain profile. */
export function formatNightlyPlan(previous: string | null, runs: number, store: string): string {
  return previous === null
    ? `Profiling (${runs} runs on ${store}; no earlier commit to measure beside this one)`
    : `Measuring this commit side by side with ${previous.slice(0, 12)}, the newest on ${store} (chained duet)`;
}

/** "Recorded embedprof-data:records/….json (2950 bytes)". */
export function formatNightlyRecorded(recordPath: string, bytes: number): string {
  return `Recorded ${recordPath} (${bytes} bytes)`;
}

/** The history check's lines as the job summary shows them. */
export function formatHistorySummary(lines: readonly string[]): string {
  return ['### History', '', '```text', ...lines, '```'].join('\n');
}
