// The static checks of `npm test`, two at a time (they are independent, and each leaves a core idle part of
// its time): the lint script (eslint and prettier, as `npm run lint`), the architecture rules
// (dependency-cruiser) and the committed dist/ against a fresh build. Each check's output is printed whole once
// it ends; the exit code is the worst of them.
import { spawn } from 'node:child_process';

const CHECKS = [
  { name: 'npm run lint', command: 'npm', args: ['run', 'lint'] },
  { name: 'check-dist', command: process.execPath, args: ['scripts/check-dist.mjs'] },
  { name: 'depcruise', command: process.execPath, args: ['scripts/check-architecture.mjs'] },
];

function runCheck(check) {
  return new Promise((done) => {
    const started = Date.now();
    const child = spawn(check.command, check.args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', (error) => (output += `${error.message}\n`));
    child.on('close', (code) => {
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      process.stdout.write(
        `── ${check.name} (${seconds} s): ${code === 0 ? 'ok' : `exit ${code}`}\n${output}`,
      );
      done(code ?? 1);
    });
  });
}

const queue = [...CHECKS];
const worker = async () => {
  let worst = 0;
  for (let check = queue.shift(); check !== undefined; check = queue.shift()) {
    worst = Math.max(worst, await runCheck(check));
  }
  return worst;
};
const codes = await Promise.all([worker(), worker()]);
process.exit(Math.max(...codes));
