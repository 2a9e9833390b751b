/**
 * The GitHubClient over Octokit from @actions/github: its base URL is GITHUB_API_URL (GitHub Enterprise
 * Server included), comments are listed 100 a page over every page.
 */
import { getOctokit } from '@actions/github';
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

export function createOctokitClient(token: string, owner: string, repo: string): GitHubClient {
  const octokit = getOctokit(token);
  const rest = octokit.rest;
  return {
    async listIssueComments(issue) {
      const options = { owner, repo, issue_number: issue, per_page: 100 };
      const comments = await octokit.paginate(rest.issues.listComments, options);
      return comments.map(toCommentInfo);
    },
    async createIssueComment(issue, body) {
      const created = await rest.issues.createComment({ owner, repo, issue_number: issue, body });
      return toCommentInfo(created.data);
    },
    async updateIssueComment(commentId, body) {
      const updated = await rest.issues.updateComment({ owner, repo, comment_id: commentId, body });
      return toCommentInfo(updated.data);
    },
    async getPullHeadSha(number) {
      const pull = await rest.pulls.get({ owner, repo, pull_number: number });
      return pull.data.head.sha;
    },
  };
}
