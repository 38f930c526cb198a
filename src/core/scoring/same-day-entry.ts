/**
 * Sales-staff standard: same-day entry, spec KPI-11 and KPI-12, seed `003_ab0358f32ef97fc5.txt`
 * L127-128: 「新协议需在当天发送有关部门并输入电脑。」 and 「新会员资料需在当天输入电脑。」 A new agreement (on
 * its signing day) or new member data (on the joining day) is entered into the system the same
 * calendar day (TRUE) or later (FALSE). Days are calendar days in the workbook's time zone
 * (`TIME_ZONE`); an entry dated before the event is a typing mistake to fix.
 */
import type { Bilingual } from "../i18n";
import type { Cell } from "./cells";
import { readAll, readDay } from "./cells";
import { readParameter } from "./parameters";
import { isScoreError, scoreError } from "./score-error";
import type { Field, ScoreError } from "./score-error";

const EVENT: Field = { zh: "签订/入会日期", en: "signing or joining date" };
const ENTRY: Field = { zh: "录入日期", en: "entry date" };

const ENTRY_BEFORE_EVENT: Bilingual = { zh: "录入日期早于签订/入会日期", en: "the entry date is before the signing or joining date" };

/**
 * @example sameDayEntry(day("2026-03-02"), day("2026-03-02")) → true; entered 3 March → false
 */
export function sameDayEntry(eventDay: number, entryDay: number): boolean | ScoreError {
  if (entryDay < eventDay) return scoreError(ENTRY_BEFORE_EVENT);
  return entryDay === eventDay;
}

/** `SAME_DAY_ENTRY(eventDate, entryDate, [timeZone])` for one cell. */
export function sameDayEntryCell([event, entry]: readonly Cell[], [zone]: readonly Cell[]): boolean | ScoreError {
  const timeZone = readParameter(zone, "TIME_ZONE");
  if (isScoreError(timeZone)) return timeZone;
  const read = readAll([readDay(event, EVENT, timeZone), readDay(entry, ENTRY, timeZone)]);
  if (isScoreError(read)) return read;
  return sameDayEntry(...read);
}
