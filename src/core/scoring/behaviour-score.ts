/**
 * Behaviour-indicator points of the objective appraisal (行为指标考核, weight 30), spec SC-30 and
 * SC-33, seed `004_48a5b74466f8c1e3.txt` L278 and L284: six items (作息考勤 attendance, 办公纪律
 * office discipline, 组织行为 organizational behaviour, 环境维护 environment upkeep, 团队意识 team
 * awareness, 职业素养 professionalism), each rated 「一律为1-5分」 (5 excellent, 1 does not meet
 * requirements). The total is their sum, 6 to 30 (spec AMB-22: the minimum is 6, as written).
 * One person's six ratings are read across a row.
 */
import type { Bilingual } from "../i18n";
import type { Cell } from "./cells";
import { isBlank, readNumber } from "./cells";
import { between, firstProblem, isScoreError, scoreError } from "./score-error";
import type { Field, ScoreError } from "./score-error";

const RATING: Field = { zh: "行为评分", en: "behaviour rating" };

/** Six items (seed 004 L278), each 1-5 (L284). */
export const BEHAVIOUR_ITEMS = 6;
const SCALE = { min: 1, max: 5 } as const;

const NOT_SIX: Bilingual = { zh: "请为全部6项行为指标评分(现有{n}项)", en: "rate all 6 behaviour items ({n} given)" };
const NOT_WHOLE: Bilingual = { zh: "行为评分须为1到5的整数", en: "behaviour ratings must be whole numbers from 1 to 5" };

/**
 * @example behaviourScore([5, 4, 4, 5, 3, 4]) → 25
 */
export function behaviourScore(ratings: readonly number[]): number | ScoreError {
  if (ratings.length !== BEHAVIOUR_ITEMS) return scoreError(NOT_SIX, { n: ratings.length });
  for (const r of ratings) {
    const problem = firstProblem(between(r, SCALE.min, SCALE.max, RATING), Number.isInteger(r) ? null : scoreError(NOT_WHOLE));
    if (problem) return problem;
  }
  return ratings.reduce((a, b) => a + b, 0);
}

/** `BEHAVIOUR_SCORE(r1, …, r6)` for one row: every input's cells of the row, left to right. */
export function behaviourScoreRow(inputs: readonly (readonly Cell[])[]): number | ScoreError {
  const ratings: number[] = [];
  for (const cell of inputs.flat()) {
    if (isBlank(cell)) continue;
    const n = readNumber(cell, RATING);
    if (isScoreError(n)) return n;
    ratings.push(n);
  }
  return behaviourScore(ratings);
}
