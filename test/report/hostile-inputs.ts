/** Inputs carrying strings a pull request could control, written to break out of Markdown, HTML and CSV. */
import type { Comparison } from '../../src/decide/compare/comparison-schema.js';
import { comparisonSchema } from '../../src/decide/compare/comparison-schema.js';
import type { Profile } from '../../src/measure/protocol/profile-schema.js';
import { profileSchema } from '../../src/measure/protocol/profile-schema.js';
import { loadFixtureComparison, loadFixtureProfile } from './fixtures/report-fixtures.js';

export const HOSTILE_PARTS = [
  '<img src=x onerror=alert(1)>',
  '](javascript:alert(1))',
  '![pixel](//tracker.invalid/p.png)',
  '| col |',
  '@everyone',
  '`code`',
  '<!-- embedprof-comment -->',
  '<script>alert(2)</script>',
  '\n# heading\n- item',
  '"quoted", =HYPERLINK("x")',
];

export const HOSTILE = HOSTILE_PARTS.join(' ');

export function buildHostileProfile(): Profile {
  const profile = loadFixtureProfile();
  profile.model.spec = `evil/${HOSTILE}`;
  profile.model.onnxPath = `/tmp/${HOSTILE}/model.onnx`;
  profile.model.tokenizer = `./${HOSTILE}`;
  profile.corpus.source = `corpus ${HOSTILE}.jsonl`;
  profile.environment.cpuModel = `CPU ${HOSTILE}`;
  profile.warnings = [`step failed: ${HOSTILE}`];
  const [first] = profile.recommendations;
  if (first !== undefined)
    Object.assign(first, { title: `T ${HOSTILE}`, detail: `D ${HOSTILE}`, evidence: [HOSTILE] });
  const operator = profile.hotspots.operators?.top[0];
  if (operator !== undefined) operator.opType = `Op${HOSTILE}`;
  const stage = profile.hotspots.stageShares[0];
  if (stage !== undefined) stage.cell = `cell ${HOSTILE}`;
  profile.lengthSweep[1] = {
    chars: 64,
    batchSize: 32,
    status: 'failed',
    error: `worker crashed: ${HOSTILE}`,
  };
  return profileSchema.parse(profile);
}

export function buildHostileComparison(): Comparison {
  const comparison = loadFixtureComparison();
  comparison.baseline.name = `main ${HOSTILE}`;
  comparison.current.modelSpec = `evil/${HOSTILE}`;
  for (const cell of comparison.cells) cell.label = `${cell.label} ${HOSTILE}`;
  comparison.overall.notes.push(`note ${HOSTILE}`);
  comparison.overall.reasons.push(`reason ${HOSTILE}`);
  return comparisonSchema.parse(comparison);
}
