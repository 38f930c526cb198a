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

/** 1 + how many ranked scores are strictly lower: 1 = last place. */
export function positionFromBottom(score: number, ranked: readonly number[]): number {
  return 1 + ranked.filter((s) => s < score).length;
}

/** 1 + how many ranked scores are strictly higher: 1 = first place. */
export function positionFromTop(score: number, ranked: readonly number[]): number {
  return 1 + ranked.filter((s) => s > score).length;
}

/** Each row's flag, or the row's own message when its score could not be read. */
export function withRowErrors(scores: readonly (number | null | ScoreError)[], flags: readonly boolean[]): (boolean | ScoreError)[] {
  return scores.map((s, row) => (isScoreError(s) ? s : (flags[row] ?? false)));
}
