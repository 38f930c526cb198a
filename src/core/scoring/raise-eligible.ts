/**
 * Whether an employee may apply for a raise, spec SC-46, seed `004_48a5b74466f8c1e3.txt` L372:
 * 「连续9个月超过10个月考核结果为A,可申请加薪」. The text is garbled (spec AMB-28). The product's [REC]
 * reading `RAISE_RULE = 9_OF_10_CONSECUTIVE`: an A in at least 9 of some 10 consecutive months
 * (with fewer than 10 months on record, 9 A among them). Alternatives: `9_CONSECUTIVE` (nine A in a
 * row) and `9_CONSECUTIVE_OR_10_CUMULATIVE` (nine in a row, or more than 10 A in the history, 超过 =
 * strictly more, spec §0.3). The result only flags "may apply"; a person decides (spec §0.4).
 * One person's monthly grades are read across a row, oldest first.
 */
import type { Cell, Grade } from "./cells";
import { readMonthHistory, longestRun, mostInWindow } from "./month-history";
import { parameterDefault, readParameter } from "./parameters";
import type { ParameterValue } from "./parameters";
import { isScoreError } from "./score-error";
import type { ScoreError } from "./score-error";

export type RaiseRule = ParameterValue<"RAISE_RULE">;

const RUN = 9;
const WINDOW = 10;
const CUMULATIVE_MORE_THAN = 10;

/**
 * @example raiseEligible(["A","A","A","A","B","A","A","A","A","A"]) → true (9 of 10)
 * @example the same with "9_CONSECUTIVE" → false; nine A in a row → true under every reading
 */
export function raiseEligible(months: readonly (Grade | null)[], rule: RaiseRule = parameterDefault("RAISE_RULE")): boolean {
  switch (rule) {
    case "9_OF_10_CONSECUTIVE":
      return mostInWindow(months, "A", WINDOW) >= RUN;
    case "9_CONSECUTIVE":
      return longestRun(months, "A") >= RUN;
    case "9_CONSECUTIVE_OR_10_CUMULATIVE":
      return longestRun(months, "A") >= RUN || months.filter((m) => m === "A").length > CUMULATIVE_MORE_THAN;
  }
}

/** `RAISE_ELIGIBLE(monthlyGrades, [rule])` for one row. */
export function raiseEligibleRow([cells = []]: readonly (readonly Cell[])[], [rule]: readonly Cell[]): boolean | ScoreError {
  const reading = readParameter(rule, "RAISE_RULE");
  if (isScoreError(reading)) return reading;
  const months = readMonthHistory(cells);
  if (isScoreError(months)) return months;
  return raiseEligible(months, reading);
}
