/**
 * The base setup of a duet: the user's command (install, build) run through the shell in the base commit's
 * worktree, without credentials in its environment, its output on stderr, in a process group of its own that
 * ends with it (platform/process-group.ts), within an optional time limit. The process duet and the serve
 * duet both run it before they measure the base.
 */
import { spawn } from 'node:child_process';
import { buildWorkerEnv } from '../../measure/protocol/ipc/worker-env.js';
import { GROUP_SPAWN_OPTIONS, trackProcessGroup } from '../../ground/platform/process-group.js';

/** How long the base setup may run (null: no limit), and the setting's name and fix in the face's words. */
export interface SetupTimeout {
  seconds: number | null;
  setting: string;
  fix: string;
}

type SetupResult = { kind: 'exited'; code: number } | { kind: 'timed-out' };

/**
 * Runs `command` through the shell in `cwd` without credentials in its environment, its output on stderr, in a
 * process group of its own that ends with it (platform/process-group.ts): how it ended (exit code -1 when it
 * cannot start), or a timeout after `timeoutSeconds`, which ends the group.
 */
function runSetup(command: string, cwd: string, timeoutSeconds: number | null): Promise<SetupResult> {
  return new Promise((done) => {
    const env = buildWorkerEnv(process.env);
    const child = spawn(command, {
      cwd,
      env,
      shell: true,
      stdio: ['ignore', process.stderr, process.stderr],
      ...GROUP_SPAWN_OPTIONS,
    });
    const group = trackProcessGroup(child);
    const timer =
      timeoutSeconds === null
        ? undefined
        : setTimeout(() => {
            group.end();
            done({ kind: 'timed-out' });
          }, timeoutSeconds * 1000);
    const finish = (code: number): void => {
      clearTimeout(timer);
      done({ kind: 'exited', code });
    };
    child.on('error', () => finish(-1));
    child.on('exit', (code) => finish(code ?? -1));
  });
}

/** Why the setup's outcome leaves no base to measure, or null when it succeeded. */
function describeSetupFailure(result: SetupResult, command: string, timeout: SetupTimeout): string | null {
  switch (result.kind) {
    case 'exited':
      return result.code === 0 ? null : `the base setup ${command} exited with code ${result.code}`;
    case 'timed-out':
      return `the base setup ${command} did not finish within ${timeout.setting} (${timeout.seconds} s) and was stopped, with every process it started. ${timeout.fix} 0 means no limit.`;
  }
}

/** Runs the setup `command` in `cwd`; why it leaves no base to measure, or null when it succeeded. */
export async function runBaseSetup(
  command: string,
  cwd: string,
  timeout: SetupTimeout,
): Promise<string | null> {
  const result = await runSetup(command, cwd, timeout.seconds);
  return describeSetupFailure(result, JSON.stringify(command), timeout);
}
