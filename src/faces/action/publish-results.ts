/**
 * Everything done with a run's results on GitHub: the artifact, the job summary, the annotations, the
 * pull-request comment and the step outputs; then the step's status from the core's exit code.
 */
import type { Comparison } from '../../decide/compare/comparison-schema.js';
import { sanitizeText } from '../../report/text/escape.js';
import { describeVerdict, formatVerdictText } from '../../report/facts/format-verdict.js';
import type { CoreResult } from '../../core/index.js';
import type { SettingValues } from '../settings/setting-table.js';
import { buildResultOutputs, type Outputs } from './action-outputs.js';
import type { ActionPlatform } from './action-platform.js';
import { listAnnotations } from './annotations.js';
import type { PullRequestInfo } from './event-context.js';
import { OUTPUT_NAMES } from './input-names.js';
import { uploadOutDir } from './output-folder.js';
import { publishComment } from './publish-comment.js';
import { isPlainPass } from './upsert-comment.js';
import type { RunResults } from './run-results.js';

/** How the core's call ended: its exit code, and its message when it stopped on an error. */
export interface CoreRun {
  exitCode: number;
  failureLine: string | null;
}

/** The exit code of a core call, and its failure as the CLI would print it. */
export function describeCoreRun(result: CoreResult<{ exitCode: number }>): CoreRun {
  if (result.kind === 'done') return { exitCode: result.outcome.exitCode, failureLine: null };
  const prefix = result.exitCode === 2 ? 'embedprof: input error' : 'embedprof: failed';
  return { exitCode: result.exitCode, failureLine: `${prefix}: ${result.message}` };
}

export interface PublishRequest {
  inputs: SettingValues;
  pull: PullRequestInfo | null;
  results: RunResults;
  artifactName: string;
  /** A shard's results are a part: no comment, no annotations (the merge job gives them for the whole). */
  part: 'whole' | 'shard';
  /** Markdown put before the run's own summary (what a baseline update changed), or null. */
  extraSummary: string | null;
}

export function emitAnnotations(platform: ActionPlatform, comparison: Comparison | null): void {
  if (comparison === null) return;
  for (const annotation of listAnnotations(comparison)) {
    const properties = { title: annotation.title };
    if (annotation.level === 'error') platform.error(annotation.message, properties);
    else platform.warning(annotation.message, properties);
  }
}

export async function writeJobSummary(
  platform: ActionPlatform,
  parts: readonly (string | null)[],
): Promise<void> {
  const text = parts.filter((part) => part !== null && part.trim() !== '').join('\n\n');
  if (text !== '') await platform.writeSummary(text);
}

export function setOutputs(platform: ActionPlatform, outputs: Outputs): void {
  for (const name of OUTPUT_NAMES) {
    const value = outputs[name];
    if (value !== undefined) platform.setOutput(name, value);
  }
}

async function postComment(platform: ActionPlatform, request: PublishRequest): Promise<string | null> {
  const { pull, results, inputs } = request;
  if (request.part === 'shard' || pull === null || results.comment === null) return null;
  return publishComment(platform, {
    policy: inputs.comment,
    token: inputs.githubToken,
    issue: pull.number,
    body: results.comment,
    plainPass: isPlainPass(results.comparison),
    headSha: pull.headSha,
    adoption: (results.adoption ?? null) !== null,
  });
}

export async function publishResults(platform: ActionPlatform, request: PublishRequest): Promise<Outputs> {
  const { results, inputs } = request;
  const artifactId = await uploadOutDir(platform, results.outDir, request.artifactName, inputs.retentionDays);
  await writeJobSummary(platform, [request.extraSummary, results.summary]);
  if (request.part === 'whole') emitAnnotations(platform, results.comparison);
  const commentUrl = await postComment(platform, request);
  const outputs: Outputs = {
    ...buildResultOutputs(results.profile, results.comparison),
    'report-dir': results.outDir,
    ...(artifactId === null ? {} : { 'artifact-id': String(artifactId) }),
    ...(commentUrl === null ? {} : { 'comment-url': commentUrl }),
  };
  setOutputs(platform, outputs);
  return outputs;
}

/** How the core's run ended: passed, failed the gate (a regression per fail-on), or stopped on an error. */
export type RunEnd = 'passed' | 'gate-failed' | 'error';

export function classifyRunEnd(core: CoreRun, results: RunResults): RunEnd {
  if (core.exitCode === 0) return 'passed';
  const gateFailed = results.profile !== null && results.comparison?.overall.gate === 'fail';
  return core.exitCode === 1 && gateFailed ? 'gate-failed' : 'error';
}

/** Fails the step when the core did not exit 0, with the verdict line or the core's own failure message. */
export function failOnExitCode(platform: ActionPlatform, core: CoreRun, results: RunResults): void {
  const { profile, comparison } = results;
  switch (classifyRunEnd(core, results)) {
    case 'passed':
      return;
    case 'gate-failed':
      if (profile === null || comparison === null) return;
      platform.setFailed(
        `embedprof gate failed: ${formatVerdictText(describeVerdict(profile, comparison), sanitizeText)}`,
      );
      return;
    case 'error': {
      const kind = core.exitCode === 2 ? 'an input error' : 'a failure';
      const detail = core.failureLine ?? 'see the log above';
      platform.setFailed(`embedprof stopped on ${kind} (exit code ${core.exitCode}): ${detail}`);
    }
  }
}
