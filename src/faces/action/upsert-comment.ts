/**
 * The one embedprof comment on a pull request: found by its hidden marker over every page of comments, then
 * updated in place (PATCH), or created (POST) when there is none and the policy wants one.
 *
 * on-change posts when the result is anything but a plain pass (gate passed, no change) and always updates an
 * earlier comment, so that a fixed regression does not leave a stale red comment behind.
 */
import type { Comparison } from '../../decide/compare/comparison-schema.js';
import { COMMENT_MARKER } from '../../report/markdown/comment-markdown.js';
import type { CommentPolicy } from './action-inputs.js';
import type { GitHubClient, IssueCommentInfo } from './action-platform.js';

/** What to do about the comment: post or update it, only update an existing one, or leave it alone. */
export type CommentDecision = 'upsert' | 'update-only' | 'skip';

export type CommentOutcome =
  { kind: 'created'; url: string } | { kind: 'updated'; url: string } | { kind: 'not-needed' };

/** A pass with no change (or a run without a comparison): nothing a reviewer must see. */
export function isPlainPass(comparison: Comparison | null): boolean {
  if (comparison === null) return true;
  return comparison.overall.gate === 'pass' && comparison.overall.verdict === 'no-change';
}

export function decideComment(policy: CommentPolicy, comparison: Comparison | null): CommentDecision {
  return decideCommentFor(policy, isPlainPass(comparison));
}

/** The decision for any gate's result, told whether it was a plain pass. */
export function decideCommentFor(policy: CommentPolicy, plainPass: boolean): CommentDecision {
  switch (policy) {
    case 'never':
      return 'skip';
    case 'always':
      return 'upsert';
    case 'on-change':
      return plainPass ? 'update-only' : 'upsert';
  }
}

/** The earlier embedprof comment: the first one carrying the marker, a bot's preferred over a person's. */
export function findMarkerComment(comments: readonly IssueCommentInfo[]): IssueCommentInfo | null {
  const marked = comments.filter((comment) => comment.body.includes(COMMENT_MARKER));
  return marked.find((comment) => comment.authorType === 'Bot') ?? marked[0] ?? null;
}

export async function upsertComment(
  client: GitHubClient,
  issue: number,
  body: string,
  decision: CommentDecision,
): Promise<CommentOutcome> {
  if (decision === 'skip') return { kind: 'not-needed' };
  const existing = findMarkerComment(await client.listIssueComments(issue));
  if (existing !== null) {
    const updated = await client.updateIssueComment(existing.id, body);
    return { kind: 'updated', url: updated.htmlUrl };
  }
  if (decision === 'update-only') return { kind: 'not-needed' };
  const created = await client.createIssueComment(issue, body);
  return { kind: 'created', url: created.htmlUrl };
}

/** The HTTP status of a failed request (Octokit's RequestError and the like), undefined otherwise. */
export function readHttpStatus(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('status' in error)) return undefined;
  return typeof error.status === 'number' ? error.status : undefined;
}
