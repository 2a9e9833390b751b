/**
 * Builds test/fixtures/history/aa-20/: a history store of real runs made on this machine, one record per
 * duet gate of this commit beside itself (A/A: the synthetic MiniLM q8 model, real ORT work, the real
 * tokenizer), given distinct commits one night apart so the store reads as 20 nights.
 *
 * Run: `npm run build && node build/scripts/make-real-history.js RUNS_DIR OUT_DIR`, where RUNS_DIR holds
 * run-01 … run-20, each the --out folder of
 *   embedprof gate --against HEAD --model synthetic:all-MiniLM-L6-v2 --tokenizer ../shared/models/all-MiniLM-L6-v2 \
 *     --batch-sizes 8,32 --lengths 64 --processes 3 --no-analysis --no-config --time-budget 90
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { comparisonSchema } from '../src/compare/comparison-schema.js';
import { createChainedRatios } from '../src/history/chained-ratios.js';
import { writeHistoryRecord } from '../src/history/history-store.js';
import { createHistoryRecord } from '../src/history/to-history-record.js';
import { profileSchema } from '../src/schema/profile-schema.js';

/** A 40-digit commit id for night `n`: distinct, valid hex. */
function createNightCommit(n: number): string {
  return `a${String(n).padStart(3, '0')}`.repeat(10);
}

async function readJson(path: string): Promise<unknown> {
  return JSON.parse(await readFile(path, 'utf8'));
}

async function main(runsDir: string, outDir: string): Promise<void> {
  for (let night = 1; night <= 20; night++) {
    const dir = join(runsDir, `run-${String(night).padStart(2, '0')}`);
    const profile = profileSchema.parse(await readJson(join(dir, 'profile.json')));
    const comparison = comparisonSchema.parse(await readJson(join(dir, 'comparison.json')));
    const commit = createNightCommit(night);
    const parent = night === 1 ? null : createNightCommit(night - 1);
    const chained =
      parent === null
        ? null
        : { ...createChainedRatios(comparison, join(dir, 'comparison.json')), baseCommit: parent };
    const date = new Date(Date.UTC(2026, 10, night, 3, 17, 0)).toISOString();
    const record = createHistoryRecord(profile, { commit, parent, branch: 'main', date }, chained);
    const written = await writeHistoryRecord(outDir, record);
    process.stdout.write(`${written.path} (${written.bytes} bytes)\n`);
  }
}

const [runsDir, outDir] = process.argv.slice(2);
if (runsDir === undefined || outDir === undefined) {
  process.stderr.write('usage: node build/scripts/make-real-history.js RUNS_DIR OUT_DIR\n');
  process.exitCode = 2;
} else await main(runsDir, outDir);
