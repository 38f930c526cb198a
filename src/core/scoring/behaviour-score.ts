/**
 * Behaviour-indicator points of the objective appraisal (行为指标考核, weight 30), spec SC-30 and
 * SC-33, seed `004_48a5b74466f8c1e3.txt` L278 and L284: six items (作息考勤 attendance, 办公纪律
 * office discipline, 组织行为 organizational behaviour, 环境维护 environment upkeep, 团队意识 team
 * awareness, 职业素养 professionalism), each rated 「一律为1-5分」 (5 excellent, 1 does not meet
 * requirements). The total is their sum, 6 to 30 (spec AMB-22: the minimum is 6, as written).
 * One person's six ratings are read across a row. The scale is the Settings key `BEHAVIOUR_SCALE`
 * (default `1..5`, SC-33) and the points the six ratings are worth `OBJ_BEHAVIOUR_POINTS` (default
 * 30, SC-30): the sum scales by points ÷ (6 × the scale's top), so with the defaults it is the sum.
 */
import type { Bilingual } from "../i18n";
import type { Cell } from "./cells";
import { isBlank, readAll, readNumber } from "./cells";
import { parameterDefault, readParameter } from "./parameters";
import type { NumberRange } from "./parameters";
import { between, firstProblem, isScoreError, scoreError } from "./score-error";
import type { Field, ScoreError } from "./score-error";

const RATING: Field = { zh: "行为评分", en: "behaviour rating" };

/** Six items (seed 004 L278), each 1-5 (L284). */
export const BEHAVIOUR_ITEMS = 6;

const NOT_SIX: Bilingual = { zh: "请为全部6项行为指标评分(现有{n}项)", en: "rate all 6 behaviour items ({n} given)" };
const NOT_WHOLE: Bilingual = { zh: "行为评分须为{min}到{max}的整数", en: "behaviour ratings must be whole numbers from {min} to {max}" };

/**
 * @example behaviourScore([5, 4, 4, 5, 3, 4]) → 25
 */
export function behaviourScore(
  ratings: readonly number[],
  points: number = parameterDefault("OBJ_BEHAVIOUR_POINTS"),
  scale: NumberRange = parameterDefault("BEHAVIOUR_SCALE"),
): number | ScoreError {
  if (ratings.length !== BEHAVIOUR_ITEMS) return scoreError(NOT_SIX, { n: ratings.length });
  for (const r of ratings) {
    const problem = firstProblem(between(r, scale.min, scale.max, RATING), Number.isInteger(r) ? null : scoreError(NOT_WHOLE, { min: scale.min, max: scale.max }));
    if (problem) return problem;
  }
  const sum = ratings.reduce((a, b) => a + b, 0);
  const top = BEHAVIOUR_ITEMS * scale.max;
  // SC-30: the six ratings are worth `points`; with 30 points on a 1..5 scale, the sum itself.
  return points === top ? sum : (sum * points) / top;
}

/** `BEHAVIOUR_SCORE(r1, …, r6, [points], [scale])` for one row: every input's cells of the row, left to right. */
export function behaviourScoreRow(inputs: readonly (readonly Cell[])[], [points, scale]: readonly Cell[] = []): number | ScoreError {
  const settings = readAll([readParameter(points, "OBJ_BEHAVIOUR_POINTS"), readParameter(scale, "BEHAVIOUR_SCALE")]);
  if (isScoreError(settings)) return settings;
  const ratings: number[] = [];
  for (const cell of inputs.flat()) {
    if (isBlank(cell)) continue;
    const n = readNumber(cell, RATING);
    if (isScoreError(n)) return n;
    ratings.push(n);
  }
  return behaviourScore(ratings, ...settings);
}
