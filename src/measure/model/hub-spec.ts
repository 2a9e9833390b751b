/**
 * The user's words for a hub model: the `org/name[@revision]` spec, the endpoint (option or HF_ENDPOINT) and
 * the token (option or HF_TOKEN), checked with the hub's own rules before any request.
 */
import { createUsageError } from '../../ground/errors.js';

export interface HubSpec {
  /** `org/name` */
  repo: string;
  /** A branch, tag or commit sha; `main` when the spec has none. */
  revision: string;
}

const DEFAULT_ENDPOINT = 'https://huggingface.co';
const NAME_PATTERN = /^[A-Za-z0-9](?:[\w.-]{0,94}[A-Za-z0-9])?$/;
const REVISION_PATTERN = /^[\w.-]+(?:\/[\w.-]+)*$/;

/** Parses `org/name` or `org/name@revision` with the hub's own naming rules; UsageError otherwise. */
export function parseHubSpec(spec: string): HubSpec {
  const at = spec.indexOf('@');
  const repo = at === -1 ? spec : spec.slice(0, at);
  const revision = at === -1 ? 'main' : spec.slice(at + 1);
  const parts = repo.split('/');
  let problem: string | undefined;
  if (parts.length !== 2) problem = `${parts.length} slash-separated part(s) before the revision, not 2`;
  else if (!parts.every(isValidName)) problem = 'an org or name with characters the hub does not allow';
  else if (revision === '') problem = 'an empty revision after @';
  else if (!REVISION_PATTERN.test(revision) || revision.split('/').includes('..')) {
    problem = `revision "${revision}", which is not a valid branch, tag or commit sha`;
  }
  if (problem === undefined) return { repo, revision };
  throw createUsageError({
    input: `model spec "${spec}"`,
    expected: 'org/name or org/name@revision, e.g. Xenova/all-MiniLM-L6-v2@main',
    received: problem,
    fix: 'Write the hub repo id as org/name, optionally with @branch, @tag or @commit-sha; for a model on disk, pass its folder.',
  });
}

function isValidName(part: string): boolean {
  return NAME_PATTERN.test(part) && !part.includes('--') && !part.includes('..');
}

export function resolveEndpoint(option: string | undefined): string {
  const fromEnv = option === undefined && process.env['HF_ENDPOINT'] !== undefined;
  const raw = option ?? (process.env['HF_ENDPOINT'] || DEFAULT_ENDPOINT);
  const url = URL.canParse(raw) ? new URL(raw) : undefined;
  const isHttp = url?.protocol === 'https:' || url?.protocol === 'http:';
  if (isHttp) return raw.replace(/\/+$/, '');
  throw createUsageError({
    input: fromEnv ? 'HF_ENDPOINT' : 'hub endpoint',
    expected: 'an http(s) URL such as https://huggingface.co',
    received: JSON.stringify(raw),
    fix: 'Set it to the base URL of a Hugging Face hub or mirror, or unset it to use https://huggingface.co.',
  });
}

/** The library rejects tokens not starting with `hf_` with a TypeError; say so up front, without echoing it. */
export function resolveToken(option: string | undefined): string | undefined {
  const fromEnv = option === undefined;
  const token = (option ?? process.env['HF_TOKEN']) || undefined;
  if (token === undefined || token.startsWith('hf_')) return token;
  throw createUsageError({
    input: fromEnv ? 'HF_TOKEN' : 'hub token (HF_TOKEN)',
    expected: 'a Hugging Face access token starting with hf_',
    received: `a ${token.length}-character value that does not start with hf_`,
    fix: 'Copy a read token from https://huggingface.co/settings/tokens, or unset it for public models.',
  });
}
