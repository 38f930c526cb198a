/**
 * Artist standard: ad boards taken back after a promotion, spec KPI-17, seed
 * `003_ab0358f32ef97fc5.txt` L135: 「促销活动结束后一天收回广告牌。」 TRUE when the boards were back no
 * later than `KPI_BOARD_RETURN_DAYS` (1) calendar day after the promotion's last day. Days are
 * calendar days in the workbook's time zone (`TIME_ZONE`).
 */
import type { Cell } from "./cells";
import { readAll, readDay } from "./cells";
import { parameterDefault, readParameter } from "./parameters";
import { isScoreError } from "./score-error";
import type { Field, ScoreError } from "./score-error";

const END: Field = { zh: "促销结束日期", en: "promotion end date" };
const RETURNED: Field = { zh: "广告牌收回日期", en: "date the boards were back" };

/**
 * @example boardsBackOnTime(day("2026-06-30"), day("2026-07-01")) → true; back 2 July → false
 */
export function boardsBackOnTime(endDay: number, returnedDay: number, days: number = parameterDefault("KPI_BOARD_RETURN_DAYS")): boolean {
  return returnedDay <= endDay + days;
}

/** `BOARDS_BACK_ON_TIME(promotionEnd, returned, [days], [timeZone])` for one cell. */
export function boardsBackOnTimeCell([end, returned]: readonly Cell[], [days, zone]: readonly Cell[]): boolean | ScoreError {
  const timeZone = readParameter(zone, "TIME_ZONE");
  if (isScoreError(timeZone)) return timeZone;
  const read = readAll([readDay(end, END, timeZone), readDay(returned, RETURNED, timeZone), readParameter(days, "KPI_BOARD_RETURN_DAYS")]);
  if (isScoreError(read)) return read;
  return boardsBackOnTime(...read);
}
