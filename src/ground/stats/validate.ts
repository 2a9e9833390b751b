/**
 * Input checks shared by the stats modules. Every failure is a RangeError whose message names the input,
 * what was expected and what arrived.
 */

/** Throws unless `values` is non-empty and every value is a finite number. */
export function assertSample(values: readonly number[], label = 'sample'): void {
  if (values.length === 0) {
    throw new RangeError(`${label} is empty: expected at least one value`);
  }
  values.forEach((value, index) => {
    if (!Number.isFinite(value)) {
      throw new RangeError(`${label}[${index}] is ${value}: expected a finite number`);
    }
  });
}

/** Throws unless `values` is a valid sample of strictly positive numbers (needed for logarithms). */
export function assertPositiveSample(values: readonly number[], label = 'sample'): void {
  assertSample(values, label);
  values.forEach((value, index) => {
    if (value <= 0) {
      throw new RangeError(`${label}[${index}] is ${value}: expected a value > 0 (it is log-transformed)`);
    }
  });
}

/** Throws unless `value` is a finite number. */
export function assertFinite(value: number, label: string): void {
  if (!Number.isFinite(value)) {
    throw new RangeError(`${label} is ${value}: expected a finite number`);
  }
}

/** Throws unless 0 < confidence < 1. */
export function assertConfidence(confidence: number): void {
  if (!(confidence > 0 && confidence < 1)) {
    throw new RangeError(
      `confidence is ${confidence}: expected a number strictly between 0 and 1, e.g. 0.95`,
    );
  }
}

/** Throws unless `value` is an integer ≥ `minimum`. */
export function assertInteger(value: number, label: string, minimum: number): void {
  if (!Number.isInteger(value) || value < minimum) {
    throw new RangeError(`${label} is ${value}: expected an integer ≥ ${minimum}`);
  }
}

/** Reads `values[index]`, throwing instead of returning undefined (keeps noUncheckedIndexedAccess honest). */
export function readAt(values: readonly number[], index: number): number {
  const value = values[index];
  if (value === undefined) {
    throw new RangeError(`index ${index} is outside an array of length ${values.length}`);
  }
  return value;
}
