/**
 * Work-indicator points of the objective appraisal (工作指标考核, weight 40), spec SC-29, seed
 * `004_48a5b74466f8c1e3.txt` L276: 「直属上级根据部门当月工作计划分解到部门内每位员工,每月按工作任务量平均每项考核分值」.
 * The direct superior splits the 40 points (`OBJ_WORK_POINTS`) equally over the month's tasks.
 * The seed gives no per-task rating (spec AMB-21); the product's [REC] reading rates each task
 * 0-100 % of its share. One person's task completions are read across a row (a fraction, or text
 * such as "80%"); blank cells are no task. A month with no task gives a blank: the superior then
 * enters a direct 0-40 score.
 */
import type { Cell } from "./cells";
import { isBlank, readNumber } from "./cells";
import { parameterDefault, readParameter } from "./parameters";
import { between, isScoreError } from "./score-error";
import type { Field, ScoreError } from "./score-error";

const COMPLETION: Field = { zh: "任务完成度(0%–100%)", en: "task completion (0%–100%)" };

/**
 * Completions are fractions (0.8 = 80 %).
 *
 * @example workPoints([1, 1, 0.8, 0.5]) → 33 (4 tasks of 10 points: 10 + 10 + 8 + 5)
 */
export function workPoints(completions: readonly number[], points: number = parameterDefault("OBJ_WORK_POINTS")): number | ScoreError {
  for (const c of completions) {
    const problem = between(c, 0, 1, COMPLETION);
    if (problem) return problem;
  }
  if (completions.length === 0) return 0;
  const share = points / completions.length;
  return completions.reduce((sum, c) => sum + share * c, 0);
}

/** `WORK_POINTS(completions, [points])` for one row. */
export function workPointsRow(inputs: readonly (readonly Cell[])[], [points]: readonly Cell[]): number | ScoreError {
  const total = readParameter(points, "OBJ_WORK_POINTS");
  if (isScoreError(total)) return total;
  const completions: number[] = [];
  for (const cell of inputs.flat()) {
    if (isBlank(cell)) continue;
    const n = readNumber(cell, COMPLETION);
    if (isScoreError(n)) return n;
    completions.push(n);
  }
  return workPoints(completions, total);
}
