/**
 * Markdown bodies shared by comment.md, summary.md and report.md: context line, notes, memory and leak
 * check, hotspots, recommendations, environment. Every untrusted string goes through escapeMarkdown.
 */
import type { Comparison } from '../../decide/compare/comparison-schema.js';
import type { Profile } from '../../measure/protocol/profile-schema.js';
import {
  buildBatchMemoryTable,
  buildMemoryReadingsTable,
  buildOperatorsTable,
  buildStageSharesTable,
  listHotspotFacts,
  listMemoryFacts,
} from '../facts/analysis-tables.js';
import {
  buildEnvironmentTable,
  buildSettingsTable,
  buildMethodTable,
  buildModelTable,
  listRecommendations,
} from '../facts/environment-table.js';
import { escapeMarkdown } from '../text/escape.js';
import { describeBaseHistory, describeRunContext } from '../facts/run-context.js';
import type { MarkdownTableOptions } from './markdown-blocks.js';
import { renderMarkdownList, renderMarkdownTable } from './markdown-blocks.js';
import { describeUnmeasured, listProfileCells } from '../facts/profile-facts.js';

/** Limits for untrusted text: cells and list items are cut beyond these. */
export interface TextLimits {
  maxCellChars?: number;
  maxItemChars?: number;
  aligned?: boolean;
}

function tableOptions(limits: TextLimits): MarkdownTableOptions {
  return { maxCellChars: limits.maxCellChars, aligned: limits.aligned };
}

/** "Baseline "main" (embedprof, 2026-11-20 10:00 UTC) vs this run (…): MODEL on CPU; same machine." */
export function renderContextLine(profile: Profile, comparison: Comparison | null): string {
  const history = describeBaseHistory(comparison);
  const context = escapeMarkdown(describeRunContext(profile, comparison));
  return history === null ? context : `${context}\n\n${escapeMarkdown(history)}`;
}

/** The comparison's notes (machine mismatch, legacy origin, speed regimes, normalization fallbacks, …). */
export function renderNotes(notes: readonly string[], keep: number, limits: TextLimits): string {
  const omitted = notes.length - keep;
  const more = omitted > 0 ? `\n- _${omitted} more notes omitted; see the artifact._` : '';
  return `**Notes**\n\n${renderMarkdownList(notes.slice(0, keep), limits.maxItemChars)}${more}`;
}

export function renderMemorySection(profile: Profile, limits: TextLimits): string {
  return [
    renderMarkdownTable(buildMemoryReadingsTable(profile), tableOptions(limits)),
    renderMarkdownTable(buildBatchMemoryTable(profile), tableOptions(limits)),
    renderMarkdownList(listMemoryFacts(profile), limits.maxItemChars),
  ].join('\n\n');
}

export function renderHotspotsSection(profile: Profile, limits: TextLimits): string {
  const facts = listHotspotFacts(profile);
  const operators =
    profile.hotspots.operators === null
      ? '_No operator trace (analysis off or not an ONNX model)._'
      : renderMarkdownTable(buildOperatorsTable(profile), tableOptions(limits));
  return [
    renderMarkdownTable(buildStageSharesTable(profile), tableOptions(limits)),
    operators,
    ...(facts.length === 0 ? [] : [renderMarkdownList(facts, limits.maxItemChars)]),
  ].join('\n\n');
}

export function renderRecommendationsSection(profile: Profile, limits: TextLimits): string {
  const items = listRecommendations(profile);
  if (items.length === 0) return '_No recommendations (analysis off, or nothing measured was a clear gain)._';
  const max = limits.maxItemChars;
  return items
    .map((item) => {
      const effect =
        item.effect === null ? 'a limit, not a speed-up' : `measured effect ${escapeMarkdown(item.effect)}`;
      const evidence = escapeMarkdown(item.evidence, max);
      return `- **${escapeMarkdown(item.title, max)}**: ${escapeMarkdown(item.detail, max)} (${effect}; from ${evidence})`;
    })
    .join('\n');
}

export function renderEnvironmentSection(profile: Profile, limits: TextLimits): string {
  const settings = buildSettingsTable(profile);
  const tables = [buildEnvironmentTable(profile), buildModelTable(profile), buildMethodTable(profile)];
  return [...tables, ...(settings === null ? [] : [settings])]
    .map((table) => renderMarkdownTable(table, tableOptions(limits)))
    .join('\n\n');
}

/** The warnings of the analysis (failed or skipped steps). */
export function renderWarnings(profile: Profile, limits: TextLimits): string | null {
  if (profile.warnings.length === 0) return null;
  return `**Warnings**\n\n${renderMarkdownList(profile.warnings, limits.maxItemChars)}`;
}

/** Why the cells of a sweep that have no measurement were skipped or failed, as a list (none: empty). */
export function renderUnmeasuredCells(
  profile: Profile,
  sweep: 'batch' | 'length',
  limits: TextLimits,
): string[] {
  const items = listProfileCells(profile)
    .filter((item) => item.sweep === sweep)
    .flatMap((item) => {
      const reason = describeUnmeasured(item.cell);
      return reason === null ? [] : [`${item.label}: ${reason}`];
    });
  return items.length === 0 ? [] : [renderMarkdownList(items, limits.maxItemChars)];
}
