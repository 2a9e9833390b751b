/**
 * Multiple-comparison control. When a gate checks many cells (model × batch
 * size × metric) at once, raw p-values overstate significance; Holm's step-down procedure controls the
 * family-wise error rate without assuming independence.
 */
import { readAt } from './validate.js';

/**
 * Holm–Bonferroni adjusted p-values, returned in input order. Sorted ascending, the k-th smallest becomes
 * max over j ≤ k of min(1, (m − j + 1) · p₍ⱼ₎); reject where the adjusted value is ≤ α.
 */
export function adjustHolmBonferroni(pValues: readonly number[]): number[] {
  pValues.forEach((p, index) => {
    if (!(p >= 0 && p <= 1)) {
      throw new RangeError(`pValues[${index}] is ${p}: expected a probability in [0, 1]`);
    }
  });
  const m = pValues.length;
  const order = pValues.map((_, index) => index).sort((a, b) => readAt(pValues, a) - readAt(pValues, b));
  const adjusted = new Array<number>(m).fill(1);
  let runningMax = 0;
  order.forEach((originalIndex, rank) => {
    const scaled = Math.min(1, (m - rank) * readAt(pValues, originalIndex));
    runningMax = Math.max(runningMax, scaled);
    adjusted[originalIndex] = runningMax;
  });
  return adjusted;
}
