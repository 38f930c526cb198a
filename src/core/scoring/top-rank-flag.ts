/**
 * The first-place flag, spec SC-50, seed `004_48a5b74466f8c1e3.txt` L382:
 * 「全公司同级别岗位人员年度考核得分排在第一名者,可申请加薪」. First place in the annual score (SC-45)
 * among same-level posts company-wide may apply for a raise. The pools are undefined (spec
 * AMB-31); the [REC] reading ranks within each post level given in a second column (blank = one
 * company-wide pool). Ties share first place. A flag only: the person may apply, someone decides.
 */
import type { Cell } from "./cells";
import { isBlank } from "./cells";
import { rankable, readRankedScores, withRowErrors } from "./ranked-scores";
import type { ScoreError } from "./score-error";
import type { RuleValue } from "./vectorise";

/** The pool a row belongs to: its post level as text, or one pool for a blank level. */
function levelOf(row: readonly Cell[] | null): string {
  const level = row?.[1];
  return isBlank(level) ? "" : String(level).trim().toUpperCase();
}

/**
 * @example topRankFlags([88, 92, 92, 75], ["P3", "P3", "P4", "P3"]) → [false, true, true, false]
 */
export function topRankFlags(scores: readonly (number | null)[], levels: readonly string[]): boolean[] {
  // First place = no score in the pool strictly higher (ties share it): one pass for each pool's
  // highest score, one to compare, O(n) instead of a pass over the pool for every person.
  const highest = new Map<string, number>();
  scores.forEach((s, i) => {
    if (s === null) return;
    const level = levels[i] ?? "";
    const top = highest.get(level);
    if (top === undefined || s > top) highest.set(level, s);
  });
  return scores.map((s, i) => s !== null && !(s < (highest.get(levels[i] ?? "") ?? s)));
}

/** `TOP_RANK_FLAG(annualScores, [postLevels])` over a column. */
export function topRankFlagColumn(rows: readonly (readonly Cell[] | null)[]): readonly RuleValue[] | ScoreError {
  const scores = readRankedScores(rows);
  return withRowErrors(scores, topRankFlags(rankable(scores), rows.map(levelOf)));
}
