/**
 * Weekly and monthly work summaries, spec SC-34 and KPI-53, seed `004_48a5b74466f8c1e3.txt` L286:
 * 「每周必须有工作总结,每月必须做工作总结。」 Every employee hands in a summary each week and one each
 * month. The seed states no consequence (spec AMB-72); the product's [REC] reading flags the
 * month's appraisal as incomplete. One person's month is read across a row: the employee (so a
 * person who handed nothing in still gets FALSE), a mark per week of the month (a blank cell is a
 * missing summary; the number of weeks is the range's width) and the monthly summary's mark.
 * TRUE when all are in.
 */
import type { Cell } from "./cells";
import { readFlag } from "./cells";
import { isScoreError } from "./score-error";
import type { Field, ScoreError } from "./score-error";

const WEEKLY: Field = { zh: "周总结标记", en: "weekly summary mark" };
const MONTHLY: Field = { zh: "月总结标记", en: "monthly summary mark" };

/**
 * @example summariesComplete([true, true, true, true], true) → true; a week missing → false
 */
export function summariesComplete(weekly: readonly boolean[], monthly: boolean): boolean {
  return monthly && weekly.every(Boolean);
}

/** `SUMMARIES_COMPLETE(employee, weeklyMarks, monthlyMark)` for one row. */
export function summariesCompleteRow([, weeks = [], month = []]: readonly (readonly Cell[])[]): boolean | ScoreError {
  const weekly: boolean[] = [];
  for (const cell of weeks) {
    const mark = readFlag(cell, WEEKLY);
    if (isScoreError(mark)) return mark;
    weekly.push(mark);
  }
  const monthly = readFlag(month[0], MONTHLY);
  return isScoreError(monthly) ? monthly : summariesComplete(weekly, monthly);
}
