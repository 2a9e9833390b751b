/**
 * The terminal's lines for a serve duet, in the reports' words (facts/serve-duet-facts.ts): the verdict line,
 * who was compared and how, then one line per metric of every sweep — base, head, change with its 95 % CI,
 * verdict and the smallest change the run could see. Untrusted text (labels, reasons) is sanitized to one line.
 */
import { formatVerdictText } from '../facts/format-verdict.js';
import type { ServeDuetView } from '../facts/serve-duet-facts.js';
import {
  describeServeDuetContext,
  describeServeDuetVerdict,
  describeSweepPlace,
} from '../facts/serve-duet-facts.js';
import { buildServeDuetTable } from '../facts/serve-duet-tables.js';
import { sanitizeText } from '../text/escape.js';

/** Longest table cell on a terminal line (a not-measured reason can be long). */
const MAX_CELL_CHARS = 80;

export function formatServeDuetSummary(view: ServeDuetView): string {
  const verdict = formatVerdictText(describeServeDuetVerdict(view.comparison), sanitizeText);
  const lines = view.comparison.sweeps.flatMap((sweep) =>
    buildServeDuetTable(sweep).rows.map((row) => {
      const [metric = '', base = '', head = '', change = '', pairs = '', outcome = '', detectable = ''] =
        row.map((cell) => sanitizeText(cell, MAX_CELL_CHARS));
      return `  ${describeSweepPlace(sweep)}, ${metric}: base ${base}, head ${head}, change ${change} (${pairs} pairs), ${outcome}; smallest detectable ${detectable}`;
    }),
  );
  return [verdict, `  ${describeServeDuetContext(view, sanitizeText)}`, ...lines].join('\n');
}
