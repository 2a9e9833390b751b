/**
 * A loopback stand-in for the GitHub REST API serving the issue-comment calls an action makes to keep one
 * sticky comment on a pull request, shaped like api.github.com answers them:
 *   GET   /repos/{owner}/{repo}/issues/{n}/comments?per_page&page   one page, oldest first; per_page defaults to
 *                                                                   30 and is capped at 100; a Link header with
 *                                                                   rel="prev|next|last|first" when paged
 *   POST  /repos/{owner}/{repo}/issues/{n}/comments   { body }      201, the new comment by github-actions[bot]
 *   PATCH /repos/{owner}/{repo}/issues/comments/{id}  { body }      200, the updated comment; 404 when missing
 *   GET   /repos/{owner}/{repo}/pulls/{n}                           200, a seeded pull request; 404 otherwise
 * Errors are `{ message, documentation_url, status }`. Every request is recorded (unknown routes too, answered
 * 404), faults can be injected, and the server closes itself when the test that started it ends.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TestContext } from 'node:test';
import { startLoopbackServer } from './loopback-server.js';
import { describeLinks, sendError, sendJson } from './github-api-responses.js';
import { createPull, type PullRequest, type SeedPull } from './github-pulls.js';

export type { PullRequest, SeedPull } from './github-pulls.js';

export const BOT_LOGIN = 'github-actions[bot]';

export interface IssueComment {
  id: number;
  node_id: string;
  url: string;
  html_url: string;
  issue_url: string;
  body: string;
  user: { login: string; type: 'Bot' | 'User' };
  author_association: string;
  created_at: string;
  updated_at: string;
}

/** An existing comment on issue or pull request `issue`, by `login` (default `octocat`). */
export type SeedComment = { issue: number; body: string; login?: string };

export type GitHubApiFault =
  /** POST and PATCH answer 403 "Resource not accessible by integration", as a fork PR's token gets. */
  | { kind: 'read-only' }
  /** The next `times` requests (default: all) answer this status with a GitHub error body. */
  | { kind: 'status'; status: number; times?: number };

export type RecordedApiRequest = {
  method: string;
  path: string;
  query: Record<string, string>;
  authorization: string | undefined;
  /** The parsed JSON body, `undefined` when there was none. */
  body: unknown;
};

export interface GitHubApiServer {
  /** Base URL to use as GITHUB_API_URL or Octokit's `baseUrl`. */
  url: string;
  requests: RecordedApiRequest[];
  /** Adds (or replaces) a pull request GET /pulls/{n} answers. */
  seedPull(pull: SeedPull): void;
  /** The comments on one issue or pull request, oldest first. */
  comments(issue: number): IssueComment[];
  /** Applies to later requests until replaced; `undefined` clears it. */
  setFault(fault: GitHubApiFault | undefined): void;
  close(): Promise<void>;
}

type StoredComment = { issue: number; comment: IssueComment };

interface ApiState {
  owner: string;
  repo: string;
  stored: StoredComment[];
  pulls: Map<number, PullRequest>;
  requests: RecordedApiRequest[];
  fault: GitHubApiFault | undefined;
  nextId: number;
  clock: number;
}

/** One request being answered, its body already parsed. */
type Exchange = { state: ApiState; req: IncomingMessage; res: ServerResponse; url: URL; body: unknown };

export async function startGitHubApiServer(
  t: TestContext,
  options: { owner?: string; repo?: string; seed?: SeedComment[]; pulls?: SeedPull[] } = {},
): Promise<GitHubApiServer> {
  const { owner = 'octo-org', repo = 'octo-repo' } = options;
  const state: ApiState = {
    owner,
    repo,
    stored: [],
    pulls: new Map(),
    requests: [],
    fault: undefined,
    nextId: 1000001,
    clock: 0,
  };
  for (const seed of options.seed ?? []) addComment(state, seed.issue, seed.body, seed.login ?? 'octocat');
  for (const pull of options.pulls ?? [])
    state.pulls.set(pull.number, createPull(state.owner, state.repo, pull));
  const { origin, close } = await startLoopbackServer(t, 'GitHub API server', (req, res) => {
    void receiveRequest(state, req, res);
  });
  return {
    url: origin,
    requests: state.requests,
    seedPull: (pull) => state.pulls.set(pull.number, createPull(state.owner, state.repo, pull)),
    comments: (issue) => state.stored.filter((item) => item.issue === issue).map((item) => item.comment),
    setFault: (fault) => void (state.fault = fault && { ...fault }),
    close,
  };
}

function addComment(state: ApiState, issue: number, body: string, login: string): IssueComment {
  const id = state.nextId++;
  const at = stamp(state);
  const api = `https://api.github.com/repos/${state.owner}/${state.repo}/issues`;
  const comment: IssueComment = {
    id,
    node_id: `IC_${Buffer.from(`IssueComment${id}`).toString('base64url')}`,
    url: `${api}/comments/${id}`,
    html_url: `https://github.com/${state.owner}/${state.repo}/pull/${issue}#issuecomment-${id}`,
    issue_url: `${api}/${issue}`,
    body,
    user: { login, type: login === BOT_LOGIN ? 'Bot' : 'User' },
    author_association: login === BOT_LOGIN ? 'NONE' : 'MEMBER',
    created_at: at,
    updated_at: at,
  };
  state.stored.push({ issue, comment });
  return comment;
}

/** A fake clock one minute per tick from 2024-01-01, in GitHub's second-precision format. */
function stamp(state: ApiState): string {
  const time = Date.UTC(2024, 0, 1) + state.clock++ * 60_000;
  return new Date(time).toISOString().replace('.000Z', 'Z');
}

async function receiveRequest(state: ApiState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(Buffer.from(chunk));
  const text = Buffer.concat(chunks).toString('utf8');
  const url = new URL(req.url ?? '/', `http://${req.headers.host ?? '127.0.0.1'}`);
  let body: unknown;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch (error) {
    body = text;
    if (!(error instanceof SyntaxError)) throw error;
  }
  const query = Object.fromEntries(url.searchParams);
  const method = req.method ?? 'GET';
  state.requests.push({ method, path: url.pathname, query, authorization: req.headers.authorization, body });
  if (typeof body === 'string') return sendError(res, 400, 'Problems parsing JSON');
  routeRequest({ state, req, res, url, body });
}

function routeRequest(exchange: Exchange): void {
  const { state, req, res, url } = exchange;
  const fault = state.fault;
  if (fault?.kind === 'status') {
    if (fault.times !== undefined && --fault.times <= 0) state.fault = undefined;
    return sendError(res, fault.status, `Injected fault: HTTP ${fault.status}`);
  }
  const method = req.method ?? 'GET';
  if (answerPull(exchange, method)) return;
  const onIssue = /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/comments$/.exec(url.pathname);
  const onComment = /^\/repos\/([^/]+)\/([^/]+)\/issues\/comments\/(\d+)$/.exec(url.pathname);
  const match = onIssue ?? onComment;
  const known = match !== null && match[1] === state.owner && match[2] === state.repo;
  const route = `${method} ${onIssue ? 'issue' : 'comment'}`;
  if (!known || !['GET issue', 'POST issue', 'PATCH comment'].includes(route)) {
    return sendError(res, 404, 'Not Found');
  }
  if (method !== 'GET' && fault?.kind === 'read-only') {
    return sendError(res, 403, 'Resource not accessible by integration');
  }
  const number = Number(match[3]);
  if (route === 'GET issue') return listComments(exchange, number);
  const text = readCommentBody(exchange.body);
  if (text === undefined) return sendError(res, 422, 'Invalid request.\n\n"body" wasn\'t supplied.');
  if (route === 'POST issue') return sendJson(res, 201, addComment(state, number, text, BOT_LOGIN));
  const found = state.stored.find((item) => item.comment.id === number);
  if (found === undefined) return sendError(res, 404, 'Not Found');
  found.comment.body = text;
  found.comment.updated_at = stamp(state);
  sendJson(res, 200, found.comment);
}

/** GET /repos/{o}/{r}/pulls/{n}: the seeded pull request or 404; false when the request is not that route. */
function answerPull({ state, res, url }: Exchange, method: string): boolean {
  const onPull = /^\/repos\/([^/]+)\/([^/]+)\/pulls\/(\d+)$/.exec(url.pathname);
  if (onPull === null || method !== 'GET' || onPull[1] !== state.owner || onPull[2] !== state.repo)
    return false;
  const pull = state.pulls.get(Number(onPull[3]));
  if (pull === undefined) sendError(res, 404, 'Not Found');
  else sendJson(res, 200, pull);
  return true;
}

function readCommentBody(body: unknown): string | undefined {
  const value = typeof body === 'object' && body !== null && 'body' in body ? body.body : undefined;
  return typeof value === 'string' ? value : undefined;
}

function listComments({ state, res, url }: Exchange, issue: number): void {
  const asked = Number.parseInt(url.searchParams.get('per_page') ?? '', 10);
  const perPage = asked > 0 ? Math.min(asked, 100) : 30;
  const page = Math.max(1, Number.parseInt(url.searchParams.get('page') ?? '', 10) || 1);
  const all = state.stored.filter((item) => item.issue === issue).map((item) => item.comment);
  const lastPage = Math.max(1, Math.ceil(all.length / perPage));
  const link = describeLinks(url, page, lastPage);
  sendJson(res, 200, all.slice((page - 1) * perPage, page * perPage), link === '' ? {} : { Link: link });
}
