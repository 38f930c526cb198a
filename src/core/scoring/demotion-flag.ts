/**
 * The demotion / pay-cut / dismissal flag, spec SC-47, seed `004_48a5b74466f8c1e3.txt` L372:
 * 「连续6个月或累计9个月考核结果为C,予以降职、降薪或解聘」. C for 6 consecutive months, or for 9 months
 * cumulatively. The seed gives no window for "cumulative" (spec AMB-29); the product's [REC]
 * reading counts within any `C_CUMULATIVE_WINDOW_MONTHS` = 12 consecutive months (0 = the whole
 * history since hire). MarketOps only flags; a person decides (spec §0.4). One person's monthly
 * grades are read across a row, oldest first. The 6 and 9 are the Settings key `DEMOTE_RULE`
 * (`consecutive:6; cumulative:9`).
 */
import type { Cell, Grade } from "./cells";
import { longestRun, mostInWindow, readMonthHistory } from "./month-history";
import { parameterDefault, readParameter } from "./parameters";
import type { Pairs } from "./parameters";
import { isScoreError } from "./score-error";
import type { ScoreError } from "./score-error";

/** The months of C in a row and in total that flag (DEMOTE_RULE). */
export function demoteMonths(rule: Pairs = parameterDefault("DEMOTE_RULE")): { readonly consecutive: number; readonly cumulative: number } {
  const of = (name: string, fallback: number): number => rule.find(([n]) => n === name)?.[1] ?? fallback;
  return { consecutive: of("consecutive", 6), cumulative: of("cumulative", 9) };
}

/**
 * @example demotionFlag(["C","C","C","C","C","C"]) → true (6 in a row)
 * @example 9 C among 12 months, never 6 in a row → true; the same 9 spread over 14 months with window 12 → false
 */
export function demotionFlag(
  months: readonly (Grade | null)[],
  windowMonths: number = parameterDefault("C_CUMULATIVE_WINDOW_MONTHS"),
  rule: Pairs = parameterDefault("DEMOTE_RULE"),
): boolean {
  const { consecutive, cumulative } = demoteMonths(rule);
  if (longestRun(months, "C") >= consecutive) return true;
  const window = windowMonths === 0 ? months.length : windowMonths;
  return mostInWindow(months, "C", window) >= cumulative;
}

/** `DEMOTION_FLAG(monthlyGrades, [windowMonths], [rule])` for one row. */
export function demotionFlagRow([cells = []]: readonly (readonly Cell[])[], [window, ruleCell]: readonly Cell[]): boolean | ScoreError {
  const windowMonths = readParameter(window, "C_CUMULATIVE_WINDOW_MONTHS");
  if (isScoreError(windowMonths)) return windowMonths;
  const rule = readParameter(ruleCell, "DEMOTE_RULE");
  if (isScoreError(rule)) return rule;
  const months = readMonthHistory(cells);
  if (isScoreError(months)) return months;
  return demotionFlag(months, windowMonths, rule);
}
