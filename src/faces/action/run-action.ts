/**
 * The action: masks the token, reads the event and the inputs, enters the working directory, merges the
 * settings and runs the mode. Any error ends as one `setFailed` message naming its cause; nothing escapes as
 * an unhandled rejection.
 */
import { createUsageError, describeError } from '../../ground/errors.js';
import { nameSetting, suggestSetting } from '../settings/setting-names.js';
import { readInputLayer, resolveActionSettings } from './action-inputs.js';
import type { ActionPlatform } from './action-platform.js';
import { assertInputPaths, checkCombinations, isDirectory } from './check-inputs.js';
import { parseEventContext } from './event-context.js';
import { runCommentMode } from './run-comment-mode.js';
import { runHistoryMode } from './run-history-mode.js';
import { runMeasureMode, type ModeContext } from './run-measure-mode.js';
import { runServeMode } from './run-serve-mode.js';
import { runUpdateBaselineMode } from './run-update-baseline.js';
import { assertTrustedCode } from './untrusted-code.js';

function enterWorkingDirectory(platform: ActionPlatform, dir: string | undefined): void {
  if (dir === undefined) return;
  if (!isDirectory(dir)) {
    throw createUsageError({
      input: nameSetting('workingDirectory', 'action'),
      expected: 'an existing folder',
      received: JSON.stringify(dir),
      fix: suggestSetting('workingDirectory', 'action', 'packages/search'),
    });
  }
  platform.chdir(dir);
}

async function runMode(ctx: ModeContext): Promise<void> {
  const mode = ctx.settings.values.mode ?? 'profile';
  switch (mode) {
    case 'gate':
    case 'profile':
    case 'merge':
      return runMeasureMode(ctx, mode);
    case 'update-baseline':
      return runUpdateBaselineMode(ctx);
    case 'comment':
      return runCommentMode(ctx);
    case 'history':
      return runHistoryMode(ctx);
    case 'serve':
    case 'serve-gate':
      return runServeMode(ctx, mode);
  }
}

export async function runAction(platform: ActionPlatform): Promise<void> {
  try {
    const token = platform.getInput('github-token').trim();
    if (token !== '') platform.setSecret(token);
    const context = parseEventContext(platform.event);
    const inputs = readInputLayer(platform);
    enterWorkingDirectory(platform, inputs.values.workingDirectory ?? undefined);
    const settings = await resolveActionSettings(platform, context, inputs);
    checkCombinations(settings, context);
    await assertInputPaths(settings);
    assertTrustedCode(settings, context);
    await runMode({ platform, settings, context });
  } catch (error) {
    platform.setFailed(describeError(error));
  }
}
