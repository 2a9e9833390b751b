/**
 * An ActionPlatform made of plain objects, recording what the action did: for unit tests of the logic that
 * needs no process, no server and no measurement.
 */
import type {
  ActionPlatform,
  ArtifactRequest,
  GitHubClient,
  IssueCommentInfo,
} from '../../../src/faces/action/action-platform.js';
import type { OutputName } from '../../../src/faces/action/input-names.js';

export type Recorded =
  | { kind: 'info' | 'warning' | 'error' | 'failed' | 'secret' | 'summary'; text: string }
  | { kind: 'output'; name: OutputName; text: string };

export interface FakePlatform extends ActionPlatform {
  records: Recorded[];
  uploads: ArtifactRequest[];
  texts(kind: Recorded['kind']): string[];
  outputs(): Map<string, string>;
}

export interface FakeOptions {
  inputs?: Partial<Record<string, string>>;
  eventName?: string;
  payload?: unknown;
  client?: GitHubClient;
  tempDir?: string;
}

export function createFakePlatform(options: FakeOptions = {}): FakePlatform {
  const records: Recorded[] = [];
  const uploads: ArtifactRequest[] = [];
  const record = (kind: Exclude<Recorded['kind'], 'output'>) => (text: string) =>
    void records.push({ kind, text });
  return {
    records,
    uploads,
    texts: (kind) => records.filter((item) => item.kind === kind).map((item) => item.text),
    outputs: () =>
      new Map(records.flatMap((item) => (item.kind === 'output' ? [[item.name, item.text]] : []))),
    event: { name: options.eventName ?? 'pull_request', payload: options.payload ?? {} },
    repository: 'octo-org/octo-repo',
    tempDir: options.tempDir ?? '/nonexistent-runner-temp',
    workspace: '/nonexistent-workspace',
    getInput: (name) => options.inputs?.[name] ?? '',
    setOutput: (name, text) => void records.push({ kind: 'output', name, text }),
    setSecret: record('secret'),
    info: record('info'),
    warning: record('warning'),
    error: record('error'),
    setFailed: record('failed'),
    writeSummary: async (text) => record('summary')(text),
    createGitHubClient: () => options.client ?? createFakeClient(),
    uploadArtifact: async (request) => {
      uploads.push(request);
      return 42;
    },
    chdir: () => {},
  };
}

export interface FakeClient extends GitHubClient {
  comments: IssueCommentInfo[];
  calls: string[];
}

/** A GitHubClient over an array; `fail` makes writes reject with that HTTP status. */
export function createFakeClient(seed: IssueCommentInfo[] = [], fail?: number): FakeClient {
  const comments = [...seed];
  const calls: string[] = [];
  const reject = () => Promise.reject(Object.assign(new Error(`HTTP ${fail}`), { status: fail }));
  return {
    comments,
    calls,
    async listIssueComments(issue) {
      calls.push(`list ${issue}`);
      return comments;
    },
    async createIssueComment(issue, body) {
      calls.push(`create ${issue}`);
      if (fail !== undefined) return reject();
      const comment = { id: 100 + comments.length, body, authorType: 'Bot', htmlUrl: `https://x/${issue}#c` };
      comments.push(comment);
      return comment;
    },
    async updateIssueComment(id, body) {
      calls.push(`update ${id}`);
      if (fail !== undefined) return reject();
      const found = comments.find((comment) => comment.id === id);
      if (found === undefined) throw Object.assign(new Error('Not Found'), { status: 404 });
      found.body = body;
      return found;
    },
    async getPullHeadSha(number) {
      calls.push(`pull ${number}`);
      return 'f'.repeat(40);
    },
  };
}
