// `npm run check-dist`: rebuilds dist/ into a temporary folder and fails when the committed dist/ differs
// (a stale bundle would ship code that is not the source). CI's check-dist workflow runs the same.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const fresh = join(mkdtempSync(join(tmpdir(), 'embedprof-check-dist-')), 'dist');
execFileSync(process.execPath, ['scripts/build-dist.mjs', fresh], { stdio: ['ignore', 'ignore', 'inherit'] });
const list = (dir) =>
  existsSync(dir)
    ? readdirSync(dir)
        .filter((name) => name !== 'node_modules')
        .sort()
    : [];
const committed = list('dist');
const built = list(fresh);
const differing = [...new Set([...committed, ...built])].filter((name) => {
  const a = join('dist', name);
  const b = join(fresh, name);
  return !existsSync(a) || !existsSync(b) || !readFileSync(a).equals(readFileSync(b));
});
rmSync(fresh, { recursive: true, force: true });
if (differing.length > 0) {
  console.error(
    `dist/ is stale: ${differing.join(', ')} differ from a fresh build. Run \`npm run build:dist\` and commit dist/.`,
  );
  process.exit(1);
}
console.log(`dist/ matches a fresh build (${built.length} files)`);
