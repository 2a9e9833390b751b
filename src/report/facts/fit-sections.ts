/**
 * Fits a document under a size limit: the head (verdict line) and the tail (marker) are always kept; the
 * sections are admitted in priority order, each whole if it fits, else with as many of its rows as fit (the
 * rest said to be omitted), else dropped. A section may be held to a share of the room in that first pass
 * (so one long table cannot crowd out the notes); a second pass gives what is left back to the sections that
 * were cut, in the same order. The kept sections are written in document order.
 */

export interface Section {
  /** Lower is admitted first. */
  priority: number;
  /** Rows that can be left out from the end; 0 makes the section all or nothing. */
  rows: number;
  /** The section with its first `keep` rows; `keep === rows` is the whole section. */
  render(keep: number): string;
  /** Most of the limit (0–1) the section may take in the first pass; all of the room when undefined. */
  maxShare?: number;
}

export interface Budget {
  limit: number;
  /** Size of a text in the limit's unit (UTF-16 code units, UTF-8 bytes, …). */
  measure(text: string): number;
}

const SEPARATOR = '\n\n';
export const DROPPED_NOTE = '_Some sections were left out to stay within the size limit; see the artifact._';

interface Placement {
  text: string | null;
  whole: boolean;
}

/** Largest `keep` in [0, rows) whose rendering costs at most `room`, or null. Cost grows with keep. */
function findLargestFit(section: Section, room: number, cost: (text: string) => number): string | null {
  let [low, high] = [0, section.rows - 1];
  let best: string | null = null;
  while (low <= high) {
    const middle = Math.floor((low + high) / 2);
    const text = section.render(middle);
    if (cost(text) <= room) [best, low] = [text, middle + 1];
    else high = middle - 1;
  }
  return best;
}

function place(section: Section, room: number, cost: (text: string) => number): Placement {
  const whole = section.render(section.rows);
  if (cost(whole) <= room) return { text: whole, whole: true };
  return { text: section.rows > 0 ? findLargestFit(section, room, cost) : null, whole: false };
}

/** The document: head, the sections that fit (in their given order), a note if any was dropped, tail. */
export function fitSections(
  head: string,
  sections: readonly Section[],
  tail: string,
  budget: Budget,
): string {
  const cost = (text: string | null) =>
    text === null ? 0 : budget.measure(text) + budget.measure(SEPARATOR);
  let room = budget.limit - budget.measure(head) - cost(tail) - cost(DROPPED_NOTE);
  const order = sections.map((section, index) => ({ section, index }));
  order.sort((a, b) => a.section.priority - b.section.priority || a.index - b.index);
  const placed = new Map<number, Placement>();
  for (const { section, index } of order) {
    const share = section.maxShare === undefined ? room : Math.min(room, section.maxShare * budget.limit);
    const placement = place(section, share, cost);
    placed.set(index, placement);
    room -= cost(placement.text);
  }
  for (const { section, index } of order) {
    const before = placed.get(index);
    if (before === undefined || before.whole) continue;
    const widened = place(section, room + cost(before.text), cost);
    if (cost(widened.text) <= cost(before.text)) continue;
    room += cost(before.text) - cost(widened.text);
    placed.set(index, widened);
  }
  const body = sections.flatMap((_section, index) => placed.get(index)?.text ?? []);
  const dropped = body.length < sections.length ? [DROPPED_NOTE] : [];
  const document = [head, ...body, ...dropped, tail].join(SEPARATOR);
  return budget.measure(document) <= budget.limit ? document : [head, tail].join(SEPARATOR);
}
