/**
 * The demotion / pay-cut / dismissal flag, spec SC-47, seed `004_48a5b74466f8c1e3.txt` L372:
 * 「连续6个月或累计9个月考核结果为C,予以降职、降薪或解聘」. C for 6 consecutive months, or for 9 months
 * cumulatively. The seed gives no window for "cumulative" (spec AMB-29); the product's [REC]
 * reading counts within any `C_CUMULATIVE_WINDOW_MONTHS` = 12 consecutive months (0 = the whole
 * history since hire). MarketOps only flags; a person decides (spec §0.4). One person's monthly
 * grades are read across a row, oldest first.
 */
import type { Cell, Grade } from "./cells";
import { longestRun, mostInWindow, readMonthHistory } from "./month-history";
import { parameterDefault, readParameter } from "./parameters";
import { isScoreError } from "./score-error";
import type { ScoreError } from "./score-error";

const CONSECUTIVE_C = 6;
const CUMULATIVE_C = 9;

/**
 * @example demotionFlag(["C","C","C","C","C","C"]) → true (6 in a row)
 * @example 9 C among 12 months, never 6 in a row → true; the same 9 spread over 14 months with window 12 → false
 */
export function demotionFlag(months: readonly (Grade | null)[], windowMonths: number = parameterDefault("C_CUMULATIVE_WINDOW_MONTHS")): boolean {
  if (longestRun(months, "C") >= CONSECUTIVE_C) return true;
  const window = windowMonths === 0 ? months.length : windowMonths;
  return mostInWindow(months, "C", window) >= CUMULATIVE_C;
}

/** `DEMOTION_FLAG(monthlyGrades, [windowMonths])` for one row. */
export function demotionFlagRow([cells = []]: readonly (readonly Cell[])[], [window]: readonly Cell[]): boolean | ScoreError {
  const windowMonths = readParameter(window, "C_CUMULATIVE_WINDOW_MONTHS");
  if (isScoreError(windowMonths)) return windowMonths;
  const months = readMonthHistory(cells);
  if (isScoreError(months)) return months;
  return demotionFlag(months, windowMonths);
}
