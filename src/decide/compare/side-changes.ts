/**
 * What differs between a duet's two sides besides their code: the runtime packages each side's embedder
 * resolves, and the ONNX model graph each side loads (node counts per operator, weight bytes and types).
 * Decided here as data; the notes are the comparison's lines about it. Pure.
 */
import type { ModelFacts, SideChanges } from './side-changes-schema.js';

/** "22.9 MB": bytes in decimal megabytes. */
const formatBytes = (bytes: number): string => `${(bytes / 1e6).toFixed(1)} MB`;

export interface SideFacts {
  packages: Record<string, string | null>;
  model: (ModelFacts & { operatorCounts: Record<string, number> }) | null;
}

/** The differences of `base` and `head`; null when nothing differs. */
export function compareSides(base: SideFacts, head: SideFacts): SideChanges | null {
  const names = [...new Set([...Object.keys(base.packages), ...Object.keys(head.packages)])].sort();
  const packages = names
    .map((name) => ({ name, base: base.packages[name] ?? null, head: head.packages[name] ?? null }))
    .filter((entry) => entry.base !== entry.head);
  const model = compareModels(base.model, head.model);
  return packages.length === 0 && model === null ? null : { packages, model };
}

function compareModels(base: SideFacts['model'], head: SideFacts['model']): SideChanges['model'] {
  if (base === null || head === null || base.sha256 === head.sha256) return null;
  const types = [...new Set([...Object.keys(base.operatorCounts), ...Object.keys(head.operatorCounts)])];
  const operators = types
    .map((opType) => ({
      opType,
      base: base.operatorCounts[opType] ?? 0,
      head: head.operatorCounts[opType] ?? 0,
    }))
    .filter((entry) => entry.base !== entry.head)
    .sort(
      (a, b) => Math.abs(b.head - b.base) - Math.abs(a.head - a.base) || a.opType.localeCompare(b.opType),
    );
  const strip = ({ operatorCounts: _counts, ...facts }: NonNullable<SideFacts['model']>) => facts;
  return { base: strip(base), head: strip(head), operators };
}

/** The comparison's notes on `changes`: one line for the packages, one for the model. */
export function describeSideChanges(changes: SideChanges | null): string[] {
  if (changes === null) return [];
  const lines: string[] = [];
  if (changes.packages.length > 0) {
    const shown = (version: string | null) => version ?? 'not installed';
    const list = changes.packages.map((entry) => `${entry.name} ${shown(entry.base)} → ${shown(entry.head)}`);
    lines.push(`runtime packages differ between the sides: ${list.join('; ')}`);
  }
  const model = changes.model;
  if (model !== null) {
    const parts = model.operators.slice(0, 4).map((entry) => `${entry.opType} ${entry.base} → ${entry.head}`);
    const nodes = parts.length === 0 ? 'the same operators' : `nodes ${parts.join(', ')}`;
    const weights = `weights ${formatBytes(model.base.initializerBytes)} → ${formatBytes(model.head.initializerBytes)}`;
    const types = (facts: ModelFacts) => facts.weightTypes.join('+') || 'none';
    const typeChange =
      types(model.base) === types(model.head)
        ? ''
        : `, weight types ${types(model.base)} → ${types(model.head)}`;
    lines.push(`the model differs between the sides: ${nodes}; ${weights}${typeChange}`);
  }
  return lines;
}
