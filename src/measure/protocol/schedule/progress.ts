/** Progress of a long run: a rewritten line on a terminal, plain lines in CI logs, nothing when silent. */
export interface ProgressReporter {
  update(done: number, total: number, label: string): void;
  note(message: string): void;
  finish(): void;
}

export function createProgressReporter(
  stream: NodeJS.WriteStream,
  mode: 'auto' | 'silent' = 'auto',
): ProgressReporter {
  if (mode === 'silent') return { update: () => {}, note: () => {}, finish: () => {} };
  const interactive = stream.isTTY === true && process.env.CI !== 'true';
  const started = Date.now();
  const elapsed = (): string => `${((Date.now() - started) / 1000).toFixed(0)}s`;
  let lineOpen = false;
  return {
    update(done, total, label) {
      const text = `[${done}/${total}] ${label} (${elapsed()})`;
      if (interactive) {
        stream.write(`\r\x1b[2K${text}`);
        lineOpen = true;
      } else {
        stream.write(`${text}\n`);
      }
    },
    note(message) {
      if (lineOpen) stream.write('\n');
      lineOpen = false;
      stream.write(`${message}\n`);
    },
    finish() {
      if (lineOpen) stream.write('\n');
      lineOpen = false;
    },
  };
}
