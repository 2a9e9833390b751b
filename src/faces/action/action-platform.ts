/**
 * Everything the action needs from its surroundings, behind one interface: inputs, outputs, the job summary,
 * annotations, the event that triggered the run, the REST API and the artifact service.
 * github-platform.ts implements it with @actions/*; tests implement it with plain objects.
 */
import type { OutputName } from './input-names.js';

export interface AnnotationProperties {
  title?: string;
}

/** A pull-request comment, reduced to what upserting needs. */
export interface IssueCommentInfo {
  id: number;
  body: string;
  /** 'Bot' for github-actions[bot] and apps, 'User' for people and PATs; null when unknown. */
  authorType: string | null;
  htmlUrl: string;
}

/** The REST calls the action makes. Failures reject with the HTTP status readable by readHttpStatus. */
export interface GitHubClient {
  /** Every comment of issue or pull request `issue`, all pages, oldest first. */
  listIssueComments(issue: number): Promise<IssueCommentInfo[]>;
  createIssueComment(issue: number, body: string): Promise<IssueCommentInfo>;
  updateIssueComment(commentId: number, body: string): Promise<IssueCommentInfo>;
  /** The head commit of pull request `number` in this repository. */
  getPullHeadSha(number: number): Promise<string>;
}

export interface ArtifactRequest {
  name: string;
  /** Absolute paths of the files, all inside `rootDirectory`. */
  files: string[];
  rootDirectory: string;
  retentionDays: number | null;
}

export interface ActionEvent {
  /** GITHUB_EVENT_NAME, e.g. pull_request. */
  name: string;
  /** The parsed webhook payload at GITHUB_EVENT_PATH; {} when there is none. */
  payload: unknown;
}

export interface ActionPlatform {
  readonly event: ActionEvent;
  /** GITHUB_REPOSITORY ("owner/name"), undefined when unset. */
  readonly repository: string | undefined;
  /** The runner's temporary folder (RUNNER_TEMP, else the OS's). */
  readonly tempDir: string;
  /** GITHUB_WORKSPACE (else the folder the action started in): the repository checkout. */
  readonly workspace: string;
  getInput(name: string): string;
  setOutput(name: OutputName, value: string): void;
  setSecret(secret: string): void;
  info(message: string): void;
  warning(message: string, properties?: AnnotationProperties): void;
  error(message: string, properties?: AnnotationProperties): void;
  setFailed(message: string): void;
  writeSummary(markdown: string): Promise<void>;
  createGitHubClient(token: string, owner: string, repo: string): GitHubClient;
  /** Uploads one artifact; resolves to its id (null when the service gave none). */
  uploadArtifact(request: ArtifactRequest): Promise<number | null>;
  chdir(dir: string): void;
}
