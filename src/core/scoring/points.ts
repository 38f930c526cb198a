/**
 * How points and money are rounded. Scores are sums of products of decimal numbers
 * (0.21 × 90, 1.07 × 100) whose binary floating-point results carry noise in the 15th digit;
 * `tidy` removes that noise so a cell shows 18.9, not 18.900000000000002. `roundTo` rounds half
 * away from zero at a given number of decimals: the final appraisal score to 1 decimal
 * (`SCORE_DECIMALS`, spec SC-36 / AMB-24) and money to cents at the edge (conventions: money).
 */

/**
 * `x` without floating-point noise, and never `-0`: rounded to 9 decimals, or fewer for large
 * numbers so no more than 15 significant digits are kept (a double holds about 15.9).
 */
export function tidy(x: number): number {
  if (x === 0 || !Number.isFinite(x)) return x === 0 ? 0 : x;
  // An integer has no noise to remove (toFixed would give it back unchanged): the common case, cheap.
  if (Number.isInteger(x)) return x;
  const integerDigits = Math.floor(Math.log10(Math.abs(x))) + 1;
  const decimals = Math.max(0, Math.min(9, 15 - integerDigits));
  const t = Number(x.toFixed(decimals));
  return t === 0 ? 0 : t;
}

/** `x` rounded half away from zero to `decimals` places (85.45 → 85.5 at 1 decimal). */
export function roundTo(x: number, decimals: number): number {
  const factor = 10 ** decimals;
  const scaled = tidy(Math.abs(x) * factor);
  const r = (Math.sign(x) * Math.round(scaled)) / factor;
  return r === 0 ? 0 : r;
}
