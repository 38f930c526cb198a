import fc from "fast-check";
import { afterEach, describe, expect, it, vi } from "vitest";
import { bottomNFlags } from "../../../src/core/scoring/bottom-n-flag";
import { directorRankFlags } from "../../../src/core/scoring/director-rank-flag";
import { topRankFlags } from "../../../src/core/scoring/top-rank-flag";
import { BOTTOM_N_FLAG, DIRECTOR_RANK_FLAG, TOP_RANK_FLAG } from "../../../src/gas/customFunctions";

// The simple quadratic definitions the rules had (competition ranking, ties share a place): the
// O(n log n) rules must give exactly what these give.
const lowerThan = (s: number, ranked: readonly number[]): number => 1 + ranked.filter((r) => r < s).length;
const higherThan = (s: number, ranked: readonly number[]): number => 1 + ranked.filter((r) => r > s).length;

function bottomNByDefinition(scores: readonly (number | null)[], n: number): boolean[] {
  const ranked = scores.filter((s): s is number => s !== null);
  if (ranked.length <= 2 * n) return scores.map(() => false);
  return scores.map((s) => s !== null && lowerThan(s, ranked) <= n);
}

function topRankByDefinition(scores: readonly (number | null)[], levels: readonly string[]): boolean[] {
  return scores.map((s, i) => {
    if (s === null) return false;
    const pool = scores.filter((o, j): o is number => o !== null && levels[j] === levels[i]);
    return higherThan(s, pool) === 1;
  });
}

function directorByDefinition(scores: readonly (number | null)[], previous: readonly (number | null)[]): boolean[] {
  const ranked = scores.filter((s): s is number => s !== null);
  const before = previous.filter((s): s is number => s !== null);
  const position = (s: number | null, pool: readonly number[]): number | null => (s === null || pool.length < 2 ? null : lowerThan(s, pool));
  return scores.map((s, i) => {
    const now = position(s, ranked);
    const then = position(previous[i] ?? null, before);
    return now === 1 || (now === 2 && then === 2);
  });
}

/** Scores with many ties (a few distinct values, some fractional, negative zero) and unranked rows. */
const score = fc.oneof(fc.constant(null), fc.integer({ min: -3, max: 6 }), fc.constantFrom(0.5, -0, 2.25, 99.9));
const scores = fc.array(score, { maxLength: 40 });

describe("SC-50, SC-52, SC-53 rankings give exactly the simple definition's flags", () => {
  it("SC-53: BOTTOM_N flags equal the quadratic definition for any scores and N", () => {
    fc.assert(
      fc.property(scores, fc.integer({ min: 0, max: 8 }), (s, n) => {
        expect(bottomNFlags(s, n)).toEqual(bottomNByDefinition(s, n));
      }),
      { numRuns: 2_000 },
    );
  });

  it("SC-50: TOP_RANK flags equal the quadratic definition for any scores and post levels", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(score, fc.constantFrom("", "P1", "P2", "P3")), { maxLength: 40 }), (rows) => {
        const s = rows.map(([v]) => v);
        const levels = rows.map(([, l]) => l);
        expect(topRankFlags(s, levels)).toEqual(topRankByDefinition(s, levels));
      }),
      { numRuns: 2_000 },
    );
  });

  it("SC-52: DIRECTOR_RANK flags equal the quadratic definition for any two years of scores", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(score, score), { maxLength: 40 }), (rows) => {
        const now = rows.map(([v]) => v);
        const before = rows.map(([, v]) => v);
        expect(directorRankFlags(now, before)).toEqual(directorByDefinition(now, before));
      }),
      { numRuns: 2_000 },
    );
  });
});

describe("SC-50, SC-52, SC-53 rankings over a whole company are not quadratic (issue 10 §3: 87–213 s at 100,000 rows)", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  /** Elements visited by Array.prototype.filter while `work` runs: a pass over all scores per person shows as n². */
  function filterVisits(work: () => unknown): number {
    const original = Array.prototype.filter;
    let visited = 0;
    vi.spyOn(Array.prototype, "filter").mockImplementation(function (this: unknown[], ...args: Parameters<typeof original>): unknown[] {
      visited += this.length;
      return original.apply(this, args) as unknown[];
    });
    work();
    return visited;
  }

  const n = 5_000;
  const column = Array.from({ length: n }, (_, i) => [40 + ((i * 7919) % 600) / 10]);
  const levels = Array.from({ length: n }, (_, i) => [`P${1 + (i % 6)}`]);
  const lastYear = Array.from({ length: n }, (_, i) => [i % 10 === 0 ? "" : 40 + ((i * 104_729) % 600) / 10]);

  it("SC-53: BOTTOM_N_FLAG over 5,000 people does not pass over every score for each person", () => {
    let flags: unknown;
    expect(filterVisits(() => (flags = BOTTOM_N_FLAG(column)))).toBeLessThan(20 * n);
    expect((flags as unknown[][]).filter(([f]) => f === true).length).toBeGreaterThanOrEqual(5);
  });

  it("SC-50: TOP_RANK_FLAG over 5,000 people does not pass over every score for each person", () => {
    let flags: unknown;
    expect(filterVisits(() => (flags = TOP_RANK_FLAG(column, levels)))).toBeLessThan(20 * n);
    expect((flags as unknown[][]).filter(([f]) => f === true).length).toBeGreaterThanOrEqual(6);
  });

  it("SC-52: DIRECTOR_RANK_FLAG over 5,000 people does not pass over every score for each person", () => {
    let flags: unknown;
    expect(filterVisits(() => (flags = DIRECTOR_RANK_FLAG(column, lastYear)))).toBeLessThan(20 * n);
    expect((flags as unknown[][]).filter(([f]) => f === true).length).toBeGreaterThanOrEqual(1);
  });
});
