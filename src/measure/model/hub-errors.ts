/**
 * Turns failures from @huggingface/hub, fetch and the file system into the project's two error kinds:
 * UsageError when the user can fix the input (repo id, revision, dtype, token, cache folder), RuntimeFailure
 * when valid work failed (network down, hub error, transfer cut short).
 */
import { HubApiError, InvalidApiResponseFormatError } from '@huggingface/hub';
import { createUsageError, describeError, RuntimeFailure, UsageError } from '../../ground/errors.js';
import { formatSeconds, IdleTimeout } from './idle-timeout.js';

export interface HubContext {
  endpoint: string;
  repo: string;
  revision: string;
  cacheDir: string;
}

const UNWRITABLE_CODES = new Set(['EACCES', 'EPERM', 'EROFS', 'ENOTDIR']);

export function describeTarget(context: HubContext): string {
  return `hub model ${context.repo}@${context.revision} (${context.endpoint})`;
}

/** Maps any error thrown while resolving or downloading to a UsageError or RuntimeFailure. */
export function toHubFailure(error: unknown, context: HubContext): UsageError | RuntimeFailure {
  if (error instanceof UsageError || error instanceof RuntimeFailure) return error;
  if (error instanceof HubApiError) return fromHubApiError(error, context);
  if (error instanceof IdleTimeout) {
    return new RuntimeFailure(
      `${error.url ?? context.endpoint}: expected an answer from the hub for ${describeTarget(context)}, ` +
        `received nothing for ${formatSeconds(error.ms)}. Run the command again to retry; if it stalls again, ` +
        'check the network and HF_ENDPOINT (a mirror or proxy may be stuck).',
    );
  }
  if (error instanceof InvalidApiResponseFormatError) {
    return new RuntimeFailure(
      `${describeTarget(context)}: the endpoint did not answer like a Hugging Face hub (${error.message}). ` +
        'Check HF_ENDPOINT or the endpoint option.',
    );
  }
  const code = readErrorCode(error);
  if (code !== undefined && UNWRITABLE_CODES.has(code)) {
    return createUsageError({
      input: `cache folder ${context.cacheDir}`,
      expected: 'a writable folder',
      received: `${code} (${describeError(error)})`,
      fix: 'Point HF_HOME or HF_HUB_CACHE at a folder you can write to.',
    });
  }
  if (isNetworkError(error)) {
    return new RuntimeFailure(
      `Could not reach the model hub at ${context.endpoint} for ${context.repo}: ${describeNetworkError(error)}. ` +
        'Check the network connection, proxy settings or HF_ENDPOINT, or pass a local model folder instead.',
    );
  }
  return new RuntimeFailure(`${describeTarget(context)}: ${describeError(error)}`);
}

function fromHubApiError(error: HubApiError, context: HubContext): UsageError | RuntimeFailure {
  const received = describeHubApiError(error);
  if (error.statusCode === 401 || error.statusCode === 403) {
    return createUsageError({
      input: describeTarget(context),
      expected: 'a repo you are allowed to read',
      received,
      fix:
        'If the repo is private or gated, accept its terms on the hub and set HF_TOKEN to an access token ' +
        '(hf_...) that can read it. Otherwise check the repo id: the hub also answers 401 for repos that do not exist.',
    });
  }
  if (error.statusCode === 404) {
    return createUsageError({
      input: describeTarget(context),
      expected: 'an existing model repo and revision',
      received,
      fix: 'Check the repo id and the revision (a branch, a tag or a 40-character commit sha), or pass a local folder.',
    });
  }
  return new RuntimeFailure(
    `${describeTarget(context)}: the hub answered ${received}. This is usually temporary: retry later.`,
  );
}

export interface MissingFiles {
  /** Required files the repo lacks, in the order they are needed. */
  files: string[];
  dtype: string;
  /** The model file `dtype` needs. */
  modelFile: string;
  /** The other dtype, its model file, and whether the repo has that file. */
  other: { dtype: string; file: string; exists: boolean };
}

/** Files the model needs are not in the repo: name the repo, revision, commit and files, and suggest a way out. */
export function createMissingFilesError(
  context: HubContext,
  commit: string,
  missing: MissingFiles,
): UsageError {
  const { files, other } = missing;
  const lacksModel = files.includes(missing.modelFile);
  const elsewhere =
    'pick a repo with an ONNX export (e.g. from Xenova/ or onnx-community/), or pass a local model folder.';
  let fix = `To fix it, ${elsewhere}`;
  if (lacksModel && files.length === 1) {
    fix = other.exists
      ? `Use dtype ${other.dtype} instead (the repo has ${other.file}), or pass a local model folder.`
      : `The repo has no ${other.file} (dtype ${other.dtype}) either: ${elsewhere}`;
  }
  const needed = files.map((file) =>
    file === missing.modelFile ? `${file} (for dtype ${missing.dtype})` : file,
  );
  return createUsageError({
    input: `${describeTarget(context)} at commit ${commit}`,
    expected: `a repo with ${needed.join(', ')}`,
    received: `a repo without ${files.length === 1 ? 'it' : 'them'} at that revision`,
    fix,
  });
}

/** `HTTP 404 from <url without query> ("Repository not found")`: the library's message repeats the full URL. */
function describeHubApiError(error: HubApiError): string {
  const detail = error.data?.['error'] ?? error.data?.['message'];
  const url = error.url.split('?')[0] ?? error.url;
  return `HTTP ${error.statusCode} from ${url}${typeof detail === 'string' && detail !== '' ? ` ("${detail}")` : ''}`;
}

/** One file's download: where from, and how far it got. */
export interface Transfer {
  file: string;
  /** The file's resolve URL on the hub. */
  url: string;
  bytesDone: number;
  bytesTotal: number;
}

/** A transfer cut short, stalled or corrupted: nothing was kept, so a rerun starts the file afresh. */
export function createTransferFailure(
  context: HubContext,
  transfer: Transfer,
  error: unknown,
): RuntimeFailure | UsageError {
  if (error instanceof IdleTimeout) return createStallFailure(context, transfer, error);
  const mapped = toHubFailure(error, context);
  if (mapped instanceof UsageError) return mapped;
  const reason = error instanceof HubApiError ? describeHubApiError(error) : describeNetworkError(error);
  return new RuntimeFailure(
    `Download of ${transfer.file} from ${describeTarget(context)} failed after ${transfer.bytesDone} of ` +
      `${transfer.bytesTotal} bytes: ${reason}. No partial file was kept; run the command again to retry.`,
  );
}

function createStallFailure(context: HubContext, transfer: Transfer, stall: IdleTimeout): RuntimeFailure {
  return new RuntimeFailure(
    `${transfer.url}: expected ${transfer.bytesTotal} bytes of ${transfer.file} for ${describeTarget(context)}, ` +
      `received ${transfer.bytesDone} bytes, then nothing for ${formatSeconds(stall.ms)}. No partial file was ` +
      `kept; run the command again to retry, and if it stalls again check the network and HF_ENDPOINT ` +
      '(a mirror or proxy may be stuck).',
  );
}

function isNetworkError(error: unknown): boolean {
  return error instanceof TypeError && (error.message === 'fetch failed' || error.message === 'terminated');
}

function describeNetworkError(error: unknown): string {
  const cause = error instanceof Error ? error.cause : undefined;
  if (cause === undefined) return describeError(error);
  const code = readErrorCode(cause);
  const details = [describeError(cause), code === undefined ? '' : `[${code}]`].filter((text) => text !== '');
  return `${describeError(error)}: ${details.join(' ')}`;
}

function readErrorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}
