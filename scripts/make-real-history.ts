/**
 * Builds test/fixtures/history/aa-20/: a history store of real runs made on this machine, one record per
 * A/A duet gate (one commit's workload beside an unchanged one: the synthetic MiniLM q8 model, real ORT work,
 * the real tokenizer), given distinct commits one night apart so the store reads as 20 nights.
 *
 * Run: `npm run build && node build/scripts/make-real-history.js OUT_DIR GATE_OUT…` with 20 gate --out folders
 * in night order, e.g. the A/A gates of `npm run validate-gate -- --duet --workload ort` (fixture README).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { comparisonSchema } from '../src/decide/compare/comparison-schema.js';
import { createChainedRatios } from '../src/history/chained-ratios.js';
import { writeHistoryRecord } from '../src/history/history-store.js';
import { createHistoryRecord } from '../src/history/to-history-record.js';
import { profileSchema } from '../src/measure/protocol/profile-schema.js';

/** A 40-digit commit id for night `n`: distinct, valid hex. */
function createNightCommit(n: number): string {
  return `a${String(n).padStart(3, '0')}`.repeat(10);
}

async function readJson(path: string): Promise<unknown> {
  return JSON.parse(await readFile(path, 'utf8'));
}

async function main(outDir: string, runDirs: readonly string[]): Promise<void> {
  for (const [index, dir] of runDirs.entries()) {
    const night = index + 1;
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

const [outDir, ...runDirs] = process.argv.slice(2);
if (outDir === undefined || runDirs.length !== 20) {
  process.stderr.write('usage: node build/scripts/make-real-history.js OUT_DIR GATE_OUT×20 (night order)\n');
  process.exitCode = 2;
} else await main(outDir, runDirs);
