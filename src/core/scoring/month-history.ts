/**
 * One person's monthly grades in order, read across a row (oldest month on the left), as the
 * history rules (raise, SC-46; demotion, SC-47) need them: a blank cell is a month without an
 * appraisal, which breaks a run of consecutive grades and counts as neither A nor C.
 */
import type { Cell, Grade } from "./cells";
import { readGrade } from "./cells";
import { isScoreError } from "./score-error";
import type { Field, ScoreError } from "./score-error";

const MONTH: Field = { zh: "月度考核结果", en: "monthly grade" };

/** The grades of a row in order; `null` for a month not appraised. */
export function readMonthHistory(cells: readonly Cell[]): (Grade | null)[] | ScoreError {
  const months: (Grade | null)[] = [];
  for (const cell of cells) {
    const g = readGrade(cell, MONTH);
    if (isScoreError(g)) return g;
    months.push(g);
  }
  return months;
}

/** The longest run of consecutive months graded `grade`. */
export function longestRun(months: readonly (Grade | null)[], grade: Grade): number {
  let best = 0;
  let run = 0;
  for (const m of months) {
    run = m === grade ? run + 1 : 0;
    best = Math.max(best, run);
  }
  return best;
}

/** The most months graded `grade` within any `window` consecutive months (the whole history when shorter). */
export function mostInWindow(months: readonly (Grade | null)[], grade: Grade, window: number): number {
  const size = Math.min(window, months.length);
  // A sliding count: add the month entering the window, drop the one leaving it.
  let n = 0;
  for (let i = 0; i < size; i++) if (months[i] === grade) n += 1;
  let best = n;
  for (let end = size; end < months.length; end++) {
    if (months[end] === grade) n += 1;
    if (months[end - size] === grade) n -= 1;
    best = Math.max(best, n);
  }
  return best;
}
