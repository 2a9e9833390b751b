/**
 * The server of a serve run, opened from the request: reached at a URL, or started from a command (and made
 * ready) with the face's names for its settings in any error; and its cold start's last step, the time from the
 * spawn to its first embedding answered.
 */
import type { PreparedApi } from './serve-api.js';
import { createServePool, joinPath } from './send-schedule.js';
import { sendRequest } from './send-request.js';
import { connectToUrl, startServeCommand, type ServeLabels } from './serve-target.js';
import type { ServeTarget } from './serve-types.js';

export type ServeTargetRequest =
  | { kind: 'url'; url: string; label: string }
  | {
      kind: 'command';
      command: string;
      readyPath: string;
      readyTimeoutMs: number;
      /** How the face names the command and the readiness path in errors. */
      labels: ServeLabels;
    };

/** The target ready to measure; a usage error naming the setting when it is not. */
export function openServeTarget(request: ServeTargetRequest, cwd: string): Promise<ServeTarget> {
  switch (request.kind) {
    case 'url':
      return connectToUrl(request.url, 5_000, request.label);
    case 'command':
      return startServeCommand({
        command: request.command,
        cwd,
        readyPath: request.readyPath,
        readyTimeoutMs: request.readyTimeoutMs,
        labels: request.labels,
      });
  }
}

const FIRST_TIMEOUT_MS = 60_000;

/**
 * For a started server: ms from its spawn to its first successful embedding (readiness, then one request of
 * `textsPerRequest` corpus texts sent at once); null for a server given by URL or when that request failed
 * (the sweep then counts such failures per rate).
 */
export async function timeFirstEmbedding(
  target: ServeTarget,
  api: PreparedApi,
  texts: readonly string[],
  textsPerRequest: number,
): Promise<number | null> {
  if (target.readyMs === null) return null;
  const pool = createServePool(target.baseUrl, 1);
  try {
    const now = performance.now();
    const record = await sendRequest({
      pool,
      path: joinPath(target.baseUrl, api.api.path),
      api,
      texts: texts.slice(0, Math.max(1, textsPerRequest)),
      windowStartMs: now,
      dueMs: 0,
      sentAt: now,
      deadlineAt: now + FIRST_TIMEOUT_MS,
    });
    return record.error === null ? target.readyMs + record.latencyMs : null;
  } finally {
    await pool.destroy().catch(() => undefined);
  }
}
