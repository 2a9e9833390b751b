/**
 * The action: masks the token, reads the event and the inputs, enters the working directory and runs the
 * mode. Any error ends as one `setFailed` message naming its cause; nothing escapes as an unhandled rejection.
 */
import { describeError } from '../errors.js';
import { readActionInputs, type ActionInputs } from './action-inputs.js';
import type { ActionPlatform } from './action-platform.js';
import { assertInputPathsExist, isDirectory } from './check-paths.js';
import { parseEventContext, type EventContext } from './event-context.js';
import { createInputError } from './input-values.js';
import { runCommentMode } from './run-comment-mode.js';
import { runMeasureMode, type ModeContext } from './run-measure-mode.js';
import { runUpdateBaselineMode } from './run-update-baseline.js';

function enterWorkingDirectory(platform: ActionPlatform, inputs: ActionInputs): void {
  const dir = inputs.workingDirectory;
  if (dir === null) return;
  if (!isDirectory(dir))
    throw createInputError('working-directory', 'an existing folder', dir, 'packages/search');
  platform.chdir(dir);
}

async function runMode(ctx: ModeContext): Promise<void> {
  switch (ctx.inputs.mode) {
    case 'gate':
    case 'profile':
    case 'merge':
      return runMeasureMode(ctx, ctx.inputs.mode);
    case 'update-baseline':
      return runUpdateBaselineMode(ctx);
    case 'comment':
      return runCommentMode(ctx);
  }
}

export async function runAction(platform: ActionPlatform): Promise<void> {
  try {
    const token = platform.getInput('github-token').trim();
    if (token !== '') platform.setSecret(token);
    const context: EventContext = parseEventContext(platform.event);
    const inputs = readActionInputs(platform, context);
    enterWorkingDirectory(platform, inputs);
    assertInputPathsExist(inputs);
    await runMode({ platform, inputs, context });
  } catch (error) {
    platform.setFailed(describeError(error));
  }
}
