/**
 * Sales-staff standard: customer files kept current, spec KPI-10, seed `003_ab0358f32ef97fc5.txt`
 * L126: 「每家客户需建档,客户档案需详实,至少每月更新一次。」 A file is stale (TRUE) when the as-of day is
 * later than its last update plus `KPI_FILE_UPDATE_MONTHS` (1) calendar month (the same day of the
 * next month, or that month's last day: updated 31 Jan, due by 28 Feb). Days are calendar days in
 * the workbook's time zone (`TIME_ZONE`).
 */
import type { Cell } from "./cells";
import { dayParts, readAll, readDay, serialDayOf } from "./cells";
import { parameterDefault, readParameter } from "./parameters";
import { isScoreError } from "./score-error";
import type { Field, ScoreError } from "./score-error";

const LAST_UPDATE: Field = { zh: "档案最后更新日期", en: "last update date" };
const AS_OF: Field = { zh: "统计日期", en: "as-of date" };

/** The serial day `months` calendar months after `day`, clamped to the month's end. */
export function addCalendarMonths(day: number, months: number): number {
  const { year, month, day: dom } = dayParts(day);
  const index = year * 12 + (month - 1) + months;
  return serialDayOf(Math.floor(index / 12), (index % 12) + 1, dom);
}

/**
 * Days are whole serial days (see `readDay`).
 *
 * @example customerFileStale(day("2026-01-31"), day("2026-02-28")) → false; day("2026-03-01") → true
 */
export function customerFileStale(lastUpdate: number, asOf: number, months: number = parameterDefault("KPI_FILE_UPDATE_MONTHS")): boolean {
  return asOf > addCalendarMonths(lastUpdate, months);
}

/** `CUSTOMER_FILE_STALE(lastUpdate, asOf, [months], [timeZone])` for one cell. */
export function customerFileStaleCell([lastUpdate, asOf]: readonly Cell[], [months, zone]: readonly Cell[]): boolean | ScoreError {
  const timeZone = readParameter(zone, "TIME_ZONE");
  if (isScoreError(timeZone)) return timeZone;
  const read = readAll([readDay(lastUpdate, LAST_UPDATE, timeZone), readDay(asOf, AS_OF, timeZone), readParameter(months, "KPI_FILE_UPDATE_MONTHS")]);
  if (isScoreError(read)) return read;
  return customerFileStale(...read);
}
