/**
 * A hierarchical bootstrap of one rate's windows: each replicate draws as many windows as were measured, with
 * replacement, then within each drawn window as many requests as it planned, with replacement (a drawn request
 * that failed counts toward the error rate; one that succeeded carries its latency). Its quantiles and error
 * rate vary as much as whole windows varied (a server's hiccup, a neighbour's load, a collector pause that hit
 * one window) plus the sampling noise within windows; a bootstrap of pooled requests alone would treat the
 * requests of one window as independent of each other and give intervals too narrow when windows disagree.
 *
 * Cost O(replicates × requests): the latencies are sorted once; a replicate only counts how often each request
 * was drawn and reads its quantiles off the cumulative counts (no sort per replicate).
 */
import { createRandom } from '../../ground/random/index.js';

export interface WindowSample {
  /** Latencies of the window's successful requests. */
  latenciesMs: readonly number[];
  /** The window's planned requests (successful and failed). */
  planned: number;
}

export interface WindowBootstrapRequest {
  windows: readonly WindowSample[];
  /** Quantile probabilities in (0, 1], e.g. [0.5, 0.95, 0.99]. */
  probabilities: readonly number[];
  replicates: number;
  seed: number;
}

export interface WindowBootstrap {
  /** Per probability, per replicate: the quantile of the replicate's successes (NaN when it drew none). */
  quantiles: Float64Array[];
  /** Per replicate: failed draws / all draws (0 when the windows planned nothing). */
  errorRates: Float64Array;
}

export interface SortedPool {
  /** Every latency, ascending. */
  values: Float64Array;
  /** positions[w][j]: where window w's j-th latency sits in `values`. */
  positions: Uint32Array[];
}

/** The replicates' quantiles and error rates, reproducible from the seed. */
export function bootstrapWindows(request: WindowBootstrapRequest): WindowBootstrap {
  const { windows, probabilities, replicates } = request;
  const pool = sortPool(windows);
  const random = createRandom(request.seed, { floatBits: 32 });
  const counts = new Uint32Array(pool.values.length);
  const quantiles = probabilities.map(() => new Float64Array(replicates));
  const errorRates = new Float64Array(replicates);
  for (let b = 0; b < replicates; b++) {
    counts.fill(0);
    let drawn = 0;
    let failed = 0;
    for (let k = 0; k < windows.length; k++) {
      const w = Math.floor(random.nextFloat() * windows.length);
      const window = windows[w] as WindowSample;
      const positions = pool.positions[w] as Uint32Array;
      const successes = positions.length;
      for (let j = 0; j < window.planned; j++) {
        const pick = Math.floor(random.nextFloat() * window.planned);
        if (pick >= successes) {
          failed++;
          continue;
        }
        const position = positions[pick] as number;
        counts[position] = (counts[position] as number) + 1;
      }
      drawn += window.planned;
    }
    errorRates[b] = drawn === 0 ? 0 : failed / drawn;
    readQuantiles(pool.values, counts, drawn - failed, probabilities, quantiles, b);
  }
  return { quantiles, errorRates };
}

/** All windows' latencies sorted once, with each one's place. A window never plans fewer than it succeeded. */
export function sortPool(windows: readonly WindowSample[]): SortedPool {
  const owners: { value: number; window: number; index: number }[] = [];
  windows.forEach((window, w) => {
    if (window.latenciesMs.length > window.planned) {
      throw new RangeError(
        `window ${w}: ${window.latenciesMs.length} latencies but ${window.planned} planned`,
      );
    }
    window.latenciesMs.forEach((value, index) => owners.push({ value, window: w, index }));
  });
  owners.sort((a, b) => a.value - b.value);
  const values = Float64Array.from(owners, (o) => o.value);
  const positions = windows.map((window) => new Uint32Array(window.latenciesMs.length));
  owners.forEach((o, position) => ((positions[o.window] as Uint32Array)[o.index] = position));
  return { values, positions };
}

/**
 * The replicate's quantiles from its counts: the smallest latency whose cumulative count reaches p × total
 * (the inverse of the replicate's distribution function), for every probability in one pass.
 */
export function readQuantiles(
  values: Float64Array,
  counts: Uint32Array,
  total: number,
  probabilities: readonly number[],
  into: Float64Array[],
  replicate: number,
): void {
  const order = probabilities.map((p, i) => ({ target: Math.max(1, Math.ceil(p * total - 1e-9)), i }));
  order.sort((a, b) => a.target - b.target);
  let next = 0;
  let cumulative = 0;
  for (let position = 0; position < values.length && next < order.length; position++) {
    cumulative += counts[position] as number;
    while (next < order.length && cumulative >= (order[next] as { target: number }).target) {
      (into[(order[next] as { i: number }).i] as Float64Array)[replicate] = values[position] as number;
      next++;
    }
  }
  for (; next < order.length; next++)
    (into[(order[next] as { i: number }).i] as Float64Array)[replicate] = NaN;
}
