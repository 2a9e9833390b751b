/**
 * The webhook payload the runner writes to GITHUB_EVENT_PATH, read here rather than through @actions/github's
 * context (which parses it at import and throws a bare SyntaxError with a stack on a damaged file).
 */
import { readFileSync } from 'node:fs';
import { createUsageError } from '../../ground/errors.js';
import type { ActionEvent } from './action-platform.js';

export function readEventFile(env: NodeJS.ProcessEnv): ActionEvent {
  const name = env.GITHUB_EVENT_NAME ?? '';
  const path = env.GITHUB_EVENT_PATH;
  if (path === undefined || path === '') return { name, payload: {} };
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    if (code === 'ENOENT') return { name, payload: {} };
    throw createEventFileError(name, path, `a file it cannot read (${code})`);
  }
  try {
    return { name, payload: JSON.parse(text) as unknown };
  } catch (error) {
    throw createEventFileError(name, path, `text that is not JSON (${(error as Error).message})`);
  }
}

function createEventFileError(name: string, path: string, received: string) {
  return createUsageError({
    input: `GITHUB_EVENT_PATH (${path})`,
    expected: `the ${name} webhook payload as JSON, written by the runner`,
    received,
    fix: 'Run embedprof as a step of a GitHub Actions job, or point GITHUB_EVENT_PATH at a webhook payload file.',
  });
}
