/**
 * The trust boundary of the action's own process. The runner starts `node dist/index.js` with the tokens in
 * its environment (INPUT_GITHUB-TOKEN, ACTIONS_RUNTIME_TOKEN, …), and a process's initial environment stays
 * readable at /proc/PID/environ by every process of the same user for as long as it lives, whatever
 * process.env later says. So, before anything else runs (no user code has started yet), the bootstrap moves
 * the credentials into a private file and replaces its own process image (process.execve: same pid, so the
 * runner waits on it as before) with an environment that holds none. The new image reads the file, deletes
 * it, and keeps the credentials in memory only (process.env set in-process does not change /proc/PID/environ).
 * docs/trust-boundary.md says what user code can still reach.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { splitSecretVariables } from '../../ground/platform/secret-variables.js';

/** process.execve (Node ≥ 22.15 and 23.11); @types/node 20 does not declare it. */
type Execve = (file: string, args: string[], env: Record<string, string>) => never;

/** Names the private file in the new image's environment. */
const HANDOFF_VARIABLE = 'EMBEDPROF_SECRETS_HANDOFF';

const HANDOFF_PREFIX = 'embedprof-handoff-';
const HANDOFF_FILE = 'secrets.json';

function writeHandoff(secrets: Record<string, string>, env: NodeJS.ProcessEnv): string {
  const dir = mkdtempSync(join(env.RUNNER_TEMP || tmpdir(), HANDOFF_PREFIX));
  const file = join(dir, HANDOFF_FILE);
  writeFileSync(file, JSON.stringify(secrets), { mode: 0o600, flag: 'wx' });
  return file;
}

function removeHandoff(file: string): void {
  rmSync(file, { force: true });
  rmSync(dirname(file), { recursive: true, force: true }); // the 0700 folder mkdtemp made for it alone
}

/** Only a file this module wrote: a handoff variable set by hand names nothing else to read or remove. */
function readHandoff(file: string): Record<string, string> {
  const ours = basename(file) === HANDOFF_FILE && basename(dirname(file)).startsWith(HANDOFF_PREFIX);
  if (!ours) throw new Error(`${HANDOFF_VARIABLE} names ${file}, not a file embedprof wrote`);
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
  } finally {
    removeHandoff(file);
  }
}

/**
 * First call (the runner's image): re-executes this process without credentials; returns only where that is
 * impossible (no process.execve: Windows, Node < 22.15), with the reason. Second call (the new image): puts
 * the credentials back into process.env, in memory only. Returns null when the image holds no credential.
 */
export function shedSecrets(): string | null {
  const handoff = process.env[HANDOFF_VARIABLE];
  if (handoff !== undefined) {
    delete process.env[HANDOFF_VARIABLE];
    Object.assign(process.env, readHandoff(handoff));
    return null;
  }
  const { kept, secrets } = splitSecretVariables(process.env);
  if (Object.keys(secrets).length === 0) return null;
  const execve = (process as { execve?: Execve }).execve;
  if (typeof execve !== 'function') return 'process.execve is not available on this platform';
  const argv = [process.execPath, ...process.execArgv, ...process.argv.slice(1)];
  let file: string | null = null;
  try {
    file = writeHandoff(secrets, process.env);
    execve.call(process, process.execPath, argv, { ...kept, [HANDOFF_VARIABLE]: file });
  } catch (error) {
    if (file !== null) removeHandoff(file);
    return error instanceof Error ? error.message : String(error);
  }
  return 'process.execve returned';
}
