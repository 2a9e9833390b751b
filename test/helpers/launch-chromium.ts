/** Debian's headless Chromium for the browser tests, on a closed network; a missing browser fails the test. */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

const CHROMIUM = '/usr/bin/chromium';

/** The flags a closed network needs: without them Chromium keeps trying to reach Google's services. */
const LAUNCH_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launchChromium(): Promise<Browser> {
  assert.ok(
    existsSync(CHROMIUM),
    `${CHROMIUM} is missing: install Debian's chromium (apt-get install chromium), as .ci/run does.`,
  );
  return chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
}
