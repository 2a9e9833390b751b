/**
 * Mode comment, run from a workflow_run workflow (the fork recipe): it never runs the pull request's code.
 * The artifact in report-dir is untrusted, so profile.json and comparison.json are parsed with the project's
 * schemas and the comment is re-rendered by the project's renderer (the artifact's comment.md is ignored),
 * and pr.json's number is believed only when that pull request's head is the commit the run measured: when it
 * is not (the pull request moved on, or pr.json names another one), nothing is posted and the step succeeds.
 */
import { join } from 'node:path';
import type { Comparison } from '../../decide/compare/comparison-schema.js';
import { createUsageError, describeError } from '../../ground/errors.js';
import { renderComment } from '../../report/markdown/comment-markdown.js';
import { renderSummary } from '../../report/markdown/summary-markdown.js';
import type { Profile } from '../../measure/protocol/profile-schema.js';
import { buildResultOutputs } from './action-outputs.js';
import type { GitHubClient } from './action-platform.js';
import { describeEvent, type EventContext } from './event-context.js';
import { readPrInfo, type PrInfo } from './pr-info.js';
import { createRepositoryClient } from './publish-comment.js';
import { emitAnnotations, setOutputs, writeJobSummary } from './publish-results.js';
import type { ModeContext } from './run-measure-mode.js';
import { readComparisonDocument, readProfileDocument } from './run-results.js';
import {
  decideComment,
  readHttpStatus,
  upsertComment,
  type CommentDecision,
  type CommentOutcome,
} from './upsert-comment.js';

interface Report {
  pr: PrInfo;
  profile: Profile;
  comparison: Comparison | null;
}

async function readReport(dir: string): Promise<Report> {
  const pr = await readPrInfo(dir);
  const profile = await readProfileDocument(join(dir, 'profile.json'));
  if (profile === null) {
    throw createUsageError({
      input: join(dir, 'profile.json'),
      expected: 'the profile.json of the pull request run',
      received: 'no such file',
      fix: 'Point report-dir at the folder actions/download-artifact filled with the run’s artifact.',
    });
  }
  return { pr, profile, comparison: await readComparisonDocument(join(dir, 'comparison.json')) };
}

/** The head of pull request `number`; a pull request this repository does not have is an input error. */
async function readPullHeadSha(client: GitHubClient, number: number): Promise<string> {
  try {
    return await client.getPullHeadSha(number);
  } catch (error) {
    if (readHttpStatus(error) !== 404) throw error;
    throw createUsageError({
      input: 'pr.json in report-dir',
      expected: 'the number of a pull request of this repository',
      received: `#${number}, which the API does not know (404)`,
      fix: 'Nothing was posted. Check that report-dir holds the artifact of the triggering run.',
    });
  }
}

/**
 * Null when pull request `pr.number`'s head is the commit the triggering run measured; else the line that says
 * why nothing is posted. A pull request that moved on gets its comment from the newer run (a pr.json naming
 * another pull request, forged, is skipped the same way: nothing is posted either way).
 */
async function checkPullRequestHead(
  client: GitHubClient,
  pr: PrInfo,
  runHeadSha: string,
): Promise<string | null> {
  const headSha = await readPullHeadSha(client, pr.number);
  if (headSha === runHeadSha) return null;
  return (
    `Pull request #${pr.number} moved on to ${headSha}: this run measured ${runHeadSha}; ` +
    'nothing posted, the newer run comments.'
  );
}

/** Upserts the comment; a 403 here is the workflow's missing permission, said with its fix. */
async function postVerifiedComment(
  client: GitHubClient,
  issue: number,
  body: string,
  decision: CommentDecision,
): Promise<CommentOutcome> {
  try {
    return await upsertComment(client, issue, body, decision);
  } catch (error) {
    if (readHttpStatus(error) !== 403) throw error;
    throw createUsageError({
      input: 'input github-token',
      expected: 'a token allowed to write pull-request comments',
      received: `a token refused with 403 (${describeError(error)})`,
      fix: 'Give the workflow_run job `permissions: pull-requests: write`.',
    });
  }
}

/** The commit the triggering run measured; mode comment outside workflow_run is an input error. */
function readRunHeadSha(context: EventContext): string {
  if (context.kind === 'workflow-run') return context.headSha;
  throw createUsageError({
    input: 'input mode',
    expected: 'comment only in a workflow triggered by workflow_run',
    received: `comment in a ${describeEvent(context)} workflow`,
    fix: 'Use mode comment in the workflow_run workflow of the fork recipe, and mode gate on pull_request.',
  });
}

interface Posting {
  /** Why nothing was posted (the pull request moved on), else null. */
  skipped: string | null;
  /** The comment created or updated; undefined when none was. */
  url: string | undefined;
}

/** Posts the re-rendered comment unless the pull request moved on. */
async function postIfCurrent(ctx: ModeContext, report: Report, runHeadSha: string): Promise<Posting> {
  const { platform, settings } = ctx;
  const client = createRepositoryClient(platform, settings.values.githubToken ?? '');
  const skipped = await checkPullRequestHead(client, report.pr, runHeadSha);
  if (skipped !== null) {
    platform.info(skipped);
    return { skipped, url: undefined };
  }
  const input = { profile: report.profile, comparison: report.comparison };
  const decision = decideComment(settings.values.comment, report.comparison);
  const outcome = await postVerifiedComment(client, report.pr.number, renderComment(input), decision);
  if (outcome.kind === 'not-needed') return { skipped: null, url: undefined };
  platform.info(`Comment on pull request #${report.pr.number}: ${outcome.url}`);
  return { skipped: null, url: outcome.url };
}

export async function runCommentMode(ctx: ModeContext): Promise<void> {
  const { platform, settings, context } = ctx;
  const runHeadSha = readRunHeadSha(context);
  const dir = settings.values.reportDir ?? '';
  const report = await readReport(dir);
  const posted = await postIfCurrent(ctx, report, runHeadSha);
  const input = { profile: report.profile, comparison: report.comparison };
  await writeJobSummary(platform, [posted.skipped, renderSummary(input)]);
  // The annotations belong to the run that measured the newest head: a run that moved on adds none.
  if (posted.skipped === null) emitAnnotations(platform, report.comparison);
  setOutputs(platform, {
    ...buildResultOutputs(report.profile, report.comparison),
    'report-dir': dir,
    ...(posted.url === undefined ? {} : { 'comment-url': posted.url }),
  });
}
