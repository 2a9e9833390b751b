/**
 * Posting the comment from a pull-request run. A read-only token (a fork's pull request, Dependabot) answers
 * 403: that is a warning pointing at the workflow_run recipe, never a failure; other API failures are
 * warnings too, since the verdict and the artifact stand without the comment.
 */
import { createUsageError, describeError } from '../../ground/errors.js';
import type { CommentPolicy } from './action-inputs.js';
import type { ActionPlatform, GitHubClient } from './action-platform.js';
import { decideCommentFor, readHttpStatus, upsertComment, type CommentDecision } from './upsert-comment.js';

export const READ_ONLY_WARNING =
  'cannot comment with a read-only token (fork pull request); the comment is in the artifact, post it with the workflow_run recipe';

export interface CommentRequest {
  policy: CommentPolicy;
  token: string | null;
  issue: number;
  body: string;
  /** The result is a plain pass (no change): on-change then only updates an earlier comment. */
  plainPass: boolean;
  /** The head this run measured: a run whose pull request has moved on leaves the comment to the newer run. */
  headSha: string | null;
  /** The pull request adds embedprof: always worth a comment. */
  adoption?: boolean;
}

/** "owner/name" from GITHUB_REPOSITORY. */
export function parseRepository(repository: string | undefined): { owner: string; repo: string } {
  const match = /^([^/\s]+)\/([^/\s]+)$/.exec(repository ?? '');
  if (match?.[1] !== undefined && match[2] !== undefined) return { owner: match[1], repo: match[2] };
  throw createUsageError({
    input: 'GITHUB_REPOSITORY',
    expected: 'owner/name',
    received: repository === undefined ? 'nothing' : JSON.stringify(repository),
    fix: 'Run the action in GitHub Actions, which sets it.',
  });
}

export function createRepositoryClient(platform: ActionPlatform, token: string): GitHubClient {
  const { owner, repo } = parseRepository(platform.repository);
  return platform.createGitHubClient(token, owner, repo);
}

async function tryUpsert(
  platform: ActionPlatform,
  request: CommentRequest & { token: string },
  decision: CommentDecision,
): Promise<string | null> {
  try {
    const client = createRepositoryClient(platform, request.token);
    const movedOn = await findNewerHead(client, request);
    if (movedOn !== null) {
      platform.info(
        `Pull request #${request.issue} moved on to ${movedOn}: this run measured ${request.headSha ?? '?'}; the comment is left to the newer run.`,
      );
      return null;
    }
    const outcome = await upsertComment(client, request.issue, request.body, decision);
    if (outcome.kind === 'not-needed') {
      platform.info('No comment: the gate passed with no change and there is no earlier comment to update.');
      return null;
    }
    platform.info(
      `${outcome.kind === 'created' ? 'Posted' : 'Updated'} the pull-request comment: ${outcome.url}`,
    );
    return outcome.url;
  } catch (error) {
    if (readHttpStatus(error) === 403) platform.warning(READ_ONLY_WARNING);
    else platform.warning(`Could not post the pull-request comment: ${describeError(error)}`);
    return null;
  }
}

/** The pull request's current head when it is not the one this run measured; null when it is, or unknown. */
async function findNewerHead(client: GitHubClient, request: CommentRequest): Promise<string | null> {
  if (request.headSha === null) return null;
  try {
    const head = await client.getPullHeadSha(request.issue);
    return head === request.headSha ? null : head;
  } catch {
    return null; // the check is a courtesy: a token that cannot read the pull request still comments
  }
}

/** Upserts the comment per the policy; the comment's URL, or null when none was posted or updated. */
export async function publishComment(
  platform: ActionPlatform,
  request: CommentRequest,
): Promise<string | null> {
  const decision =
    request.adoption === true && request.policy !== 'never'
      ? 'upsert'
      : decideCommentFor(request.policy, request.plainPass);
  if (decision === 'skip') return null;
  if (request.token === null) {
    platform.warning('No github-token: the pull-request comment was not posted (it is in the artifact).');
    return null;
  }
  return tryUpsert(platform, { ...request, token: request.token }, decision);
}
