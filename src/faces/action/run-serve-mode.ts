/**
 * Modes serve and serve-gate: the core's serve profile of one server, or the serve duet of the pull request's
 * base and head servers, run in-process into an emptied output folder; then the artifact, the job summary,
 * the pull-request comment (serve-gate: the verdict, a table per sweep and both sides' curves), the outputs,
 * and the step's status from the core's exit code.
 */
import { createDefaultDeps, runServeGate, runServeProfile, type CoreResult } from '../../core/index.js';
import type { ServeGateOutcome } from '../../core/serve-gate-request.js';
import type { ServeProfileOutcome } from '../../core/run-serve-profile.js';
import {
  describeServeDuetVerdict,
  renderServeDuetComment,
  renderServeDuetCommentSection,
  renderServeMarkdown,
  type ServeDuetView,
} from '../../report/index.js';
import { formatVerdictText } from '../../report/facts/format-verdict.js';
import { sanitizeText } from '../../report/text/escape.js';
import { buildServeGateRequest, buildServeProfileRequest } from '../settings/serve-requests.js';
import type { Outputs } from './action-outputs.js';
import { findPullRequest } from './event-context.js';
import { chooseArtifactName, resetOutDir, uploadOutDir } from './output-folder.js';
import { publishComment } from './publish-comment.js';
import { describeCoreRun, setOutputs, writeJobSummary, type CoreRun } from './publish-results.js';
import { runCoreGuarded } from './run-core.js';
import type { ModeContext } from './run-measure-mode.js';

export type ServeKind = 'serve' | 'serve-gate';
type ServeOutcome = ServeProfileOutcome | ServeGateOutcome;

function runServeCore(ctx: ModeContext, kind: ServeKind): Promise<CoreResult<ServeOutcome>> {
  const { settings } = ctx;
  const deps = createDefaultDeps(settings.values.quiet);
  return runCoreGuarded(async (): Promise<ServeOutcome> => {
    switch (kind) {
      case 'serve':
        return runServeProfile(buildServeProfileRequest(settings), deps);
      case 'serve-gate':
        return runServeGate(buildServeGateRequest(settings, describeHead(ctx)), deps);
    }
  });
}

/** How the reports name the head: the pull request when there is one. */
function describeHead(ctx: ModeContext): string | undefined {
  const pull = findPullRequest(ctx.context);
  return pull === null ? undefined : `pull request #${pull.number}`;
}

/** The duet's view for the reports, when its sides could be compared. */
function viewDuet(outcome: ServeOutcome | null): ServeDuetView | null {
  if (outcome?.kind !== 'serve-gate' || outcome.comparison === null) return null;
  const { comparison, base, head, labels } = outcome;
  return { comparison, base, head, baseLabel: labels.base, headLabel: labels.head };
}

function buildSummary(outcome: ServeOutcome | null, view: ServeDuetView | null): string | null {
  if (view !== null) return renderServeDuetCommentSection(view, null);
  return outcome?.kind === 'serve-profile' ? renderServeMarkdown(outcome.profile) : null;
}

function buildServeOutputs(outcome: ServeOutcome | null, view: ServeDuetView | null): Outputs {
  const verdict = view?.comparison.overall.verdict ?? 'none';
  const outputs: Outputs = { verdict, regression: String(verdict === 'regression') };
  const profile = outcome === null ? null : outcome.kind === 'serve-gate' ? outcome.head : outcome.profile;
  const knee = profile?.sweeps[0]?.knee;
  if (knee?.kind === 'found') outputs.knee = String(Math.round(knee.ratePerSecond * 100) / 100);
  if (outcome !== null) outputs['report-dir'] = outcome.outDir;
  return outputs;
}

export async function runServeMode(ctx: ModeContext, kind: ServeKind): Promise<void> {
  const { platform, settings, context } = ctx;
  const inputs = settings.values;
  await resetOutDir(inputs.out);
  platform.info(`Running embedprof ${kind}`);
  const result = await runServeCore(ctx, kind);
  const core = describeCoreRun(result);
  const outcome = result.kind === 'done' ? result.outcome : null;
  const view = viewDuet(outcome);
  const artifactName = chooseArtifactName(inputs.artifactName, null);
  const artifactId = await uploadOutDir(platform, inputs.out, artifactName, inputs.retentionDays);
  await writeJobSummary(platform, [buildSummary(outcome, view)]);
  const pull = findPullRequest(context);
  const commentUrl =
    pull === null || view === null
      ? null
      : await publishComment(platform, {
          ...{ policy: inputs.comment, token: inputs.githubToken, issue: pull.number },
          body: renderServeDuetComment(view),
          plainPass: view.comparison.overall.verdict === 'no-change' && core.exitCode === 0,
          headSha: pull.headSha,
        });
  setOutputs(platform, {
    ...buildServeOutputs(outcome, view),
    ...(artifactId === null ? {} : { 'artifact-id': String(artifactId) }),
    ...(commentUrl === null ? {} : { 'comment-url': commentUrl }),
  });
  failServeStep(ctx, core, outcome, view);
}

/** Fails the step unless the core exited 0: the verdict line, the run's problems, or the core's failure. */
function failServeStep(
  ctx: ModeContext,
  core: CoreRun,
  outcome: ServeOutcome | null,
  view: ServeDuetView | null,
): void {
  if (core.exitCode === 0) return;
  const { platform } = ctx;
  if (outcome === null) {
    const kind = core.exitCode === 2 ? 'an input error' : 'a failure';
    platform.setFailed(
      `embedprof stopped on ${kind} (exit code ${core.exitCode}): ${core.failureLine ?? 'see the log above'}`,
    );
    return;
  }
  const regression = view?.comparison.overall.verdict === 'regression';
  const verdict =
    view === null ? null : formatVerdictText(describeServeDuetVerdict(view.comparison), sanitizeText);
  const why = regression && verdict !== null ? verdict : outcome.problems.map((line) => sanitizeText(line));
  platform.setFailed(
    `embedprof ${regression ? 'serve gate failed' : 'serve run failed'}: ${[why].flat().join('; ')}`,
  );
}
