/**
 * The GitHubClient over Octokit from @actions/github: its base URL is GITHUB_API_URL (GitHub Enterprise
 * Server included), comments are listed 100 a page over every page. @actions/github is loaded on the first
 * call: importing it parses GITHUB_EVENT_PATH, which event-file.ts reads first, with a clear error.
 */
import type { GitHubClient, IssueCommentInfo } from './action-platform.js';

interface RestComment {
  id: number;
  body?: string | null;
  user: { type: string } | null;
  html_url: string;
}

function toCommentInfo(comment: RestComment): IssueCommentInfo {
  return {
    id: comment.id,
    body: comment.body ?? '',
    authorType: comment.user?.type ?? null,
    htmlUrl: comment.html_url,
  };
}

async function loadOctokit(token: string) {
  const { getOctokit } = await import('@actions/github');
  return getOctokit(token);
}

export function createOctokitClient(token: string, owner: string, repo: string): GitHubClient {
  let loaded: ReturnType<typeof loadOctokit> | null = null;
  const connect = () => (loaded ??= loadOctokit(token));
  return {
    async listIssueComments(issue) {
      const octokit = await connect();
      const rest = octokit.rest;
      const options = { owner, repo, issue_number: issue, per_page: 100 };
      const comments = await octokit.paginate(rest.issues.listComments, options);
      return comments.map(toCommentInfo);
    },
    async createIssueComment(issue, body) {
      const { rest } = await connect();
      const created = await rest.issues.createComment({ owner, repo, issue_number: issue, body });
      return toCommentInfo(created.data);
    },
    async updateIssueComment(commentId, body) {
      const { rest } = await connect();
      const updated = await rest.issues.updateComment({ owner, repo, comment_id: commentId, body });
      return toCommentInfo(updated.data);
    },
    async getPullHeadSha(number) {
      const { rest } = await connect();
      const pull = await rest.pulls.get({ owner, repo, pull_number: number });
      return pull.data.head.sha;
    },
  };
}
