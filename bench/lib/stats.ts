/** The spread of one figure over repeated rounds: what the report prints as min / median / max. */
export interface Spread {
  min: number;
  median: number;
  max: number;
}

/** Nearest-rank percentile of an ascending array; NaN when there is nothing to rank. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))] ?? Number.NaN;
}

/** Sorts a copy in place as numbers (Float64Array sorts numerically, Array#sort would not). */
export function sorted(values: ArrayLike<number>): Float64Array {
  return Float64Array.from(values).sort();
}

export function median(values: ArrayLike<number>): number {
  return percentile(sorted(values), 50);
}

/** min / median / max of the finite values; all NaN when no round produced one. */
export function spread(values: number[]): Spread {
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) return { min: Number.NaN, median: Number.NaN, max: Number.NaN };
  const s = sorted(finite);
  // With an even count the median is the mean of the middle two, so two rounds give their average.
  const mid = s.length / 2;
  const at = (i: number) => s[i] ?? Number.NaN;
  const med = s.length % 2 ? at(Math.floor(mid)) : (at(mid - 1) + at(mid)) / 2;
  return { min: at(0), median: med, max: at(s.length - 1) };
}

/** Collects samples into a preallocated buffer, so a long run does not grow an array per sample. */
export class Samples {
  #values: Float64Array;
  #count = 0;
  constructor(capacity = 1 << 16) {
    this.#values = new Float64Array(capacity);
  }
  add(value: number): void {
    if (this.#count === this.#values.length) {
      const bigger = new Float64Array(this.#values.length * 2);
      bigger.set(this.#values);
      this.#values = bigger;
    }
    this.#values[this.#count++] = value;
  }
  get count(): number {
    return this.#count;
  }
  /** Ascending copy of what was collected. */
  sorted(): Float64Array {
    return this.#values.slice(0, this.#count).sort();
  }
}
