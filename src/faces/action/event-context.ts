/**
 * The triggering event, parsed from the webhook payload into what the action uses. A pull_request payload
 * without the fields GitHub always sends is an error naming the event file, not a run without a pull request.
 */
import { z } from 'zod';
import { createUsageError } from '../../ground/errors.js';
import type { ActionEvent } from './action-platform.js';

const shaSchema = z.string().regex(/^[0-9a-f]{40,64}$/, 'expected a commit sha');
const repositorySchema = z.object({ full_name: z.string() });

const pullRequestPayloadSchema = z.object({
  pull_request: z.object({
    number: z.number().int().positive(),
    head: z.object({ sha: shaSchema, ref: z.string(), repo: repositorySchema.nullable() }),
    base: z.object({ sha: shaSchema, ref: z.string(), repo: repositorySchema }),
  }),
});

const workflowRunPayloadSchema = z.object({
  workflow_run: z.object({ id: z.number().int(), head_sha: shaSchema, event: z.string() }),
});

export interface PullRequestInfo {
  number: number;
  headSha: string;
  baseSha: string;
  baseRef: string;
  /** The head lives in another repository (or a deleted one): the token is read-only there. */
  fromFork: boolean;
}

export type PullRequestEvent = 'pull_request' | 'pull_request_target';

export type EventContext =
  | { kind: 'pull-request'; event: PullRequestEvent; pull: PullRequestInfo }
  | { kind: 'workflow-run'; headSha: string; runId: number; triggeringEvent: string }
  | { kind: 'scheduled'; event: 'schedule' | 'workflow_dispatch' }
  | { kind: 'other'; event: string };

function parsePayload<S extends z.ZodType>(event: ActionEvent, schema: S): z.infer<S> {
  const result = schema.safeParse(event.payload);
  if (result.success) return result.data;
  const problems = result.error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
  throw createUsageError({
    input: `the ${event.name} event payload (GITHUB_EVENT_PATH)`,
    expected: `a ${event.name} webhook payload`,
    received: problems.join('; '),
    fix: 'Run the action from a workflow triggered by this event, or point GITHUB_EVENT_PATH at its payload.',
  });
}

function parsePullRequest(event: ActionEvent, name: PullRequestEvent): EventContext {
  const { pull_request: pull } = parsePayload(event, pullRequestPayloadSchema);
  const fromFork = pull.head.repo === null || pull.head.repo.full_name !== pull.base.repo.full_name;
  return {
    kind: 'pull-request',
    event: name,
    pull: {
      number: pull.number,
      headSha: pull.head.sha,
      baseSha: pull.base.sha,
      baseRef: pull.base.ref,
      fromFork,
    },
  };
}

export function parseEventContext(event: ActionEvent): EventContext {
  switch (event.name) {
    case 'pull_request':
    case 'pull_request_target':
      return parsePullRequest(event, event.name);
    case 'workflow_run': {
      const { workflow_run: run } = parsePayload(event, workflowRunPayloadSchema);
      return { kind: 'workflow-run', headSha: run.head_sha, runId: run.id, triggeringEvent: run.event };
    }
    case 'schedule':
    case 'workflow_dispatch':
      return { kind: 'scheduled', event: event.name };
    default:
      return { kind: 'other', event: event.name };
  }
}

/** The pull request the run is about, or null. */
export function findPullRequest(context: EventContext): PullRequestInfo | null {
  return context.kind === 'pull-request' ? context.pull : null;
}

export function describeEvent(context: EventContext): string {
  switch (context.kind) {
    case 'pull-request':
    case 'scheduled':
    case 'other':
      return context.event;
    case 'workflow-run':
      return 'workflow_run';
  }
}
