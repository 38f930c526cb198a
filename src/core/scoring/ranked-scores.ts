/**
 * Reading a column of annual scores for the ranking rules (SC-50, SC-52, SC-53). A blank row is a
 * person not ranked: spec AMB-66 [REC] excludes everyone ineligible for the annual appraisal
 * (SC-44) from all annual rankings, and such people have no annual score. A row whose score cannot
 * be read shows its own message and is left out of the ranking, so one typo does not move anyone
 * else's flag. Positions count from the bottom with ties sharing a place (competition ranking):
 * the lowest score is position 1, everyone tied with it too.
 */
import type { Cell } from "./cells";
import { isBlank, readNumber } from "./cells";
import { isScoreError } from "./score-error";
import type { Field, ScoreError } from "./score-error";

const SCORE: Field = { zh: "年度考核得分", en: "annual score" };

/** Each row's score, `null` when not ranked, or the row's `ScoreError`. */
export function readRankedScores(rows: readonly (readonly Cell[] | null)[], column = 0): (number | null | ScoreError)[] {
  return rows.map((row) => {
    const cell = row?.[column];
    if (row === null || isBlank(cell)) return null;
    return readNumber(cell, SCORE);
  });
}

/** The scores a rule ranks: unreadable rows count as not ranked. */
export function rankable(scores: readonly (number | null | ScoreError)[]): (number | null)[] {
  return scores.map((s) => (typeof s === "number" ? s : null));
}

/**
 * Each entry's position from the bottom (1 + how many ranked scores are strictly lower: 1 = last
 * place), in O(n log n): the ranked scores sorted once, each position found by binary search.
 * `null` stays `null`. Counting the lower scores anew for each person is quadratic (issue 10 §3:
 * 87–213 s at 100,000 rows).
 */
export function positionsFromBottom(scores: readonly (number | null)[]): (number | null)[] {
  const sorted = Float64Array.from(scores.filter((s): s is number => s !== null)).sort();
  return scores.map((s) => (s === null ? null : 1 + countBelow(sorted, s)));
}

/**
 * Each entry's position from the top (1 + how many ranked scores are strictly higher: 1 = first
 * place), in O(n log n) like `positionsFromBottom`. `null` stays `null`.
 */
export function positionsFromTop(scores: readonly (number | null)[]): (number | null)[] {
  const negated = scores.map((s) => (s === null ? null : -s));
  return positionsFromBottom(negated);
}

/**
 * Positions from the top within each group (`groups[i]` names entry i's group), each group ranked
 * on its own, in O(n log n) overall.
 */
export function positionsFromTopWithin(scores: readonly (number | null)[], groups: readonly string[]): (number | null)[] {
  const members = new Map<string, number[]>();
  scores.forEach((_, i) => {
    const g = groups[i] ?? "";
    const list = members.get(g) ?? [];
    list.push(i);
    members.set(g, list);
  });
  const out: (number | null)[] = scores.map(() => null);
  for (const list of members.values()) {
    const positions = positionsFromTop(list.map((i) => scores[i] ?? null));
    list.forEach((i, k) => (out[i] = positions[k] ?? null));
  }
  return out;
}

/** How many people are ranked (not `null`). */
export function rankedCount(scores: readonly (number | null)[]): number {
  let n = 0;
  for (const s of scores) if (s !== null) n += 1;
  return n;
}

/** How many entries of ascending `sorted` are strictly lower than `score`. */
function countBelow(sorted: Float64Array, score: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] ?? 0) < score) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Each row's flag, or the row's own message when its score could not be read. */
export function withRowErrors(scores: readonly (number | null | ScoreError)[], flags: readonly boolean[]): (boolean | ScoreError)[] {
  return scores.map((s, row) => (isScoreError(s) ? s : (flags[row] ?? false)));
}
