/**
 * The director ranking flag, spec SC-52, seed `004_48a5b74466f8c1e3.txt` L386:
 * 「总监/副总监岗位年度考核得分排最后一名者,予以降职或解雇,连续二年年度考核得分排倒数第二名者,予以降职或解雇」.
 * Among directors and deputy directors: last place in this year's annual score, or second-to-last
 * this year and last year, is flagged for demotion or dismissal. A person decides (spec §0.4,
 * AMB-31). Positions count from the bottom with ties sharing a place; a ranking needs at least
 * two people. Last year's scores sit in a second column, same person per row (blank = not ranked
 * last year). The years are the Settings key `DIRECTOR_LAST_RULE` (`last:1; second_last:2`, each 1 =
 * this year or 2 = this year and last year, the two years the sheet holds).
 */
import type { Cell } from "./cells";
import { positionsFromBottom, rankable, rankedCount, readRankedScores, withRowErrors } from "./ranked-scores";
import { parameterDefault, readParameter } from "./parameters";
import type { Pairs } from "./parameters";
import { isScoreError } from "./score-error";
import type { ScoreError } from "./score-error";
import type { RuleValue } from "./vectorise";

const MIN_TO_RANK = 2;

/** Each person's position from the bottom, or `null` when not ranked or fewer than two are. */
function positions(scores: readonly (number | null)[]): (number | null)[] {
  const ranked = rankedCount(scores);
  return ranked < MIN_TO_RANK ? scores.map(() => null) : positionsFromBottom(scores);
}

/**
 * @example directorRankFlags([80, 70, 90], [null, null, null]) → [false, true, false] (last place)
 * @example directorRankFlags([80, 70, 90, 75], [85, 90, 70, 80]) → [false, true, false, true] (75: second-to-last twice)
 */
export function directorRankFlags(
  scores: readonly (number | null)[],
  previous: readonly (number | null)[],
  rule: Pairs = parameterDefault("DIRECTOR_LAST_RULE"),
): boolean[] {
  const years = (place: string, fallback: number): number => rule.find(([n]) => n === place)?.[1] ?? fallback;
  const nowPositions = positions(scores);
  const beforePositions = positions(scores.map((_, i) => previous[i] ?? null));
  // A place flags when held this year, and also last year when the rule asks for two years running.
  const held = (position: number, i: number, yearsNeeded: number): boolean => nowPositions[i] === position && (yearsNeeded < 2 || beforePositions[i] === position);
  return nowPositions.map((_, i) => held(1, i, years("last", 1)) || held(2, i, years("second_last", 2)));
}

/** `DIRECTOR_RANK_FLAG(annualScores, previousScores, [rule])` over a column. */
export function directorRankFlagColumn(rows: readonly (readonly Cell[] | null)[], [ruleCell]: readonly Cell[] = []): readonly RuleValue[] | ScoreError {
  const rule = readParameter(ruleCell, "DIRECTOR_LAST_RULE");
  if (isScoreError(rule)) return rule;
  const scores = readRankedScores(rows, 0);
  const previous = readRankedScores(rows, 1);
  const flags = directorRankFlags(rankable(scores), rankable(previous), rule);
  // A row shows the message of whichever of its two scores could not be read.
  const eitherProblem = scores.map((s, row) => (isScoreError(s) ? s : (previous[row] ?? null)));
  return withRowErrors(eitherProblem, flags);
}
