/**
 * Late payment collection deduction (货款回笼), spec SC-18, seed `004_48a5b74466f8c1e3.txt`
 * L192-194: 「货物装船后30日内须回笼货款。每迟1天扣1分。」 Payment must be collected within
 * `COLLECTION_DAYS` (30) calendar days of shipment; each day later costs `LATE_PTS_PER_DAY` (1)
 * point. Per the [REC] of spec AMB-12: any shipment date, calendar days, per order, counted until
 * fully collected (an unpaid order counts up to the as-of date), no cap unless `LATE_CAP` is set.
 * Days are calendar days in the workbook's time zone (`TIME_ZONE`). Returned as negative points.
 */
import type { Bilingual } from "../i18n";
import type { Cell } from "./cells";
import { readAll, readDay, readDayOrNull } from "./cells";
import { parameterDefault, readParameter } from "./parameters";
import { isScoreError, scoreError } from "./score-error";
import type { Field, ScoreError } from "./score-error";

const SHIPPED: Field = { zh: "发货日期", en: "shipment date" };
const COLLECTED: Field = { zh: "回款日期", en: "collection date" };
const AS_OF: Field = { zh: "统计日期", en: "as-of date" };

const NO_END: Bilingual = {
  zh: "请填写回款日期;未回款的订单请填写统计日期",
  en: "enter the collection date, or an as-of date for an order not yet paid",
};
const BEFORE_SHIPMENT: Bilingual = { zh: "{zh}早于发货日期", en: "the {en} is before the shipment date" };

/**
 * Days are whole serial days (see `readDay`). `collected` null means not yet collected: the days
 * run to `asOf`.
 *
 * @example lateCollectionDeduction(day("2026-03-01"), day("2026-04-05"), null) → -5 (35 days, 5 late)
 */
export function lateCollectionDeduction(
  shipped: number,
  collected: number | null,
  asOf: number | null,
  allowedDays: number = parameterDefault("COLLECTION_DAYS"),
  pointsPerDay: number = parameterDefault("LATE_PTS_PER_DAY"),
  cap: number | null = parameterDefault("LATE_CAP"),
): number | ScoreError {
  const end = collected ?? asOf;
  if (end === null) return scoreError(NO_END);
  if (end < shipped) {
    const field = collected === null ? AS_OF : COLLECTED;
    return scoreError(BEFORE_SHIPMENT, { zh: field.zh, en: field.en });
  }
  const daysLate = Math.max(0, end - shipped - allowedDays);
  return -Math.min(daysLate * pointsPerDay, cap ?? Infinity);
}

/** `LATE_COLLECTION_DEDUCTION(shipped, collected, asOf, [days], [pointsPerDay], [cap], [timeZone])` for one cell. */
export function lateCollectionDeductionCell([shipped, collected, asOf]: readonly Cell[], [days, perDay, cap, zone]: readonly Cell[]): number | ScoreError {
  const timeZone = readParameter(zone, "TIME_ZONE");
  if (isScoreError(timeZone)) return timeZone;
  const read = readAll([
    readDay(shipped, SHIPPED, timeZone),
    readDayOrNull(collected, COLLECTED, timeZone),
    readDayOrNull(asOf, AS_OF, timeZone),
    readParameter(days, "COLLECTION_DAYS"),
    readParameter(perDay, "LATE_PTS_PER_DAY"),
    readParameter(cap, "LATE_CAP"),
  ]);
  if (isScoreError(read)) return read;
  return lateCollectionDeduction(...read);
}
