/**
 * Splitting a plan total into parts that add up exactly (plan decomposition, 任务分解; spec WF-01.6,
 * WF-22.3: annual → quarters → months, and across regions and people).
 *
 * Largest-remainder rounding: each part gets the floor of its exact share in whole `unit`s, and the
 * units left over go to the parts with the largest remainders (ties to the earlier part), so the
 * parts always sum to the total (conventions: "sums that must add up use largest-remainder rounding").
 */

/**
 * Splits `total` by `weights` into multiples of `unit` that sum exactly to `total`.
 * `total` must itself be a multiple of `unit`; weights must be ≥ 0 with a positive sum.
 *
 * @example splitByWeights(1_000_000, [1, 1, 1]) → [333334, 333333, 333333]
 * @example splitByWeights(1200, [3, 3, 3, 3], 100) → [300, 300, 300, 300]
 */
export function splitByWeights(total: number, weights: readonly number[], unit = 1): number[] {
  if (!(unit > 0)) throw new RangeError(`unit must be > 0, got ${unit}`);
  if (weights.length === 0) throw new RangeError("at least one weight is needed");
  if (weights.some((w) => !(w >= 0) || !Number.isFinite(w))) throw new RangeError("weights must be finite numbers ≥ 0");
  const weightSum = weights.reduce((a, b) => a + b, 0);
  if (!(weightSum > 0)) throw new RangeError("the weights must not all be 0");
  const units = Math.round(total / unit);
  if (Math.abs(units * unit - total) > 1e-9 * Math.max(1, Math.abs(total))) {
    throw new RangeError(`total ${total} is not a multiple of unit ${unit}`);
  }
  const sign = units < 0 ? -1 : 1;
  const whole = Math.abs(units);
  const exact = weights.map((w) => (whole * w) / weightSum);
  const floors = exact.map((x) => Math.floor(x + 1e-9));
  let left = whole - floors.reduce((a, b) => a + b, 0);
  const order = exact
    .map((x, i) => ({ i, remainder: x - (floors[i] ?? 0) }))
    .sort((a, b) => b.remainder - a.remainder || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    floors[i] = (floors[i] ?? 0) + 1;
    left -= 1;
  }
  return floors.map((n) => sign * n * unit);
}
