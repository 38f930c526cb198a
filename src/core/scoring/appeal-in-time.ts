/**
 * The appeal window (考核申诉), spec SC-54, seed `004_48a5b74466f8c1e3.txt` L392-394: an employee may
 * appeal in writing to HR within one week of the results' publication (一周内). Per spec AMB-34
 * [REC] the week is `APPEAL_DAYS` (7) calendar days from the publication day. TRUE when the appeal
 * was filed in time. Days are calendar days in the workbook's time zone (`TIME_ZONE`).
 */
import type { Bilingual } from "../i18n";
import type { Cell } from "./cells";
import { readAll, readDay } from "./cells";
import { parameterDefault, readParameter } from "./parameters";
import { isScoreError, scoreError } from "./score-error";
import type { Field, ScoreError } from "./score-error";

const PUBLISHED: Field = { zh: "结果公布日期", en: "publication date" };
const APPEALED: Field = { zh: "申诉日期", en: "appeal date" };

const BEFORE_PUBLICATION: Bilingual = { zh: "申诉日期早于结果公布日期", en: "the appeal date is before the publication date" };

/**
 * @example appealInTime(day("2026-04-07"), day("2026-04-14")) → true; 15 April → false
 */
export function appealInTime(publishedDay: number, appealDay: number, days: number = parameterDefault("APPEAL_DAYS")): boolean | ScoreError {
  if (appealDay < publishedDay) return scoreError(BEFORE_PUBLICATION);
  return appealDay <= publishedDay + days;
}

/** `APPEAL_IN_TIME(published, appealed, [days], [timeZone])` for one cell. */
export function appealInTimeCell([published, appealed]: readonly Cell[], [days, zone]: readonly Cell[]): boolean | ScoreError {
  const timeZone = readParameter(zone, "TIME_ZONE");
  if (isScoreError(timeZone)) return timeZone;
  const read = readAll([readDay(published, PUBLISHED, timeZone), readDay(appealed, APPEALED, timeZone), readParameter(days, "APPEAL_DAYS")]);
  if (isScoreError(read)) return read;
  return appealInTime(...read);
}
