/**
 * The appraisal flags a scorecard shows next to a person's score, each with its reason and rule ID
 * (spec §0.4: MarketOps flags, a person decides):
 * - SC-43, seed `004_48a5b74466f8c1e3.txt` L356: who may not be rated A (不得评为优秀), monthly and
 *   annual: (a) leave beyond HR's allowance (公假 excluded), (b) any absenteeism (旷工), (c) a
 *   warning-level or heavier sanction not yet offset (警告以上处分未抵消). The grade is capped at B
 *   (see appraisal-grade); the flag says why.
 * - SC-55 / WF-27, seed 004 L324-334: a probationer (试用人员) takes the monthly appraisal, whose
 *   results decide formal hiring (正式录用); after a failed probation appraisal the probation may be
 *   extended once by at most `PROBATION_EXTENSION_MAX_DAYS` (30) days.
 * - SC-44, seed 004 L360-366: who does not take the annual appraisal of the year: (A) a
 *   probationer, (B) reinstated less than 3 months before 31 December (AMB-33) or on unpaid leave
 *   (停薪留职), (C) a demerit (记过) or heavier sanction this year.
 * The row is one person, marked by its employee column; the result is every flag joined by "; ",
 * or "" when none applies.
 */
import type { Bilingual } from "../i18n";
import { both, format } from "../i18n";
import { reinstatedTooRecently } from "./annual-eligible";
import type { Cell } from "./cells";
import { dayParts, isBlank, isDateValue, parseNumberText, readAll, readDay, readDayOrNull, readFlag } from "./cells";
import { parameterDefault, readParameter } from "./parameters";
import { isScoreError, scoreError } from "./score-error";
import type { Field, ScoreError } from "./score-error";

const LEAVE: Field = { zh: "请假超标标记", en: "leave-over-allowance mark" };
const ABSENCE: Field = { zh: "旷工标记", en: "absenteeism mark" };
const SANCTION: Field = { zh: "警告以上处分未抵消标记", en: "open-sanction mark" };
const PROBATIONER: Field = { zh: "试用人员标记", en: "probationer mark" };
const UNPAID_LEAVE: Field = { zh: "停薪留职标记", en: "unpaid-leave mark" };
const REINSTATED: Field = { zh: "复职日期", en: "reinstatement date" };
const DEMERIT: Field = { zh: "当年记过以上处分标记", en: "demerit-or-heavier mark" };
const YEAR: Field = { zh: "考核年度", en: "appraisal year" };

const NOT_A_YEAR: Bilingual = { zh: "考核年度须为年份或月份,如 2026 或 2026-10(现为「{got}」)", en: 'the appraisal year must be a year or a month such as 2026 or 2026-10 (got "{got}")' };

/** Reasons, in the seed's order, with the rule ID first so a reader can look it up. */
export const FLAG_TEXT = {
  notA: { zh: "SC-43 不得评为优秀(A):{reasons}", en: "SC-43 may not be rated A: {reasons}" },
  leave: { zh: "请假超过允许天数", en: "leave over the allowance" },
  absence: { zh: "有旷工记录", en: "absenteeism" },
  sanction: { zh: "警告以上处分未抵消", en: "a warning or heavier sanction not offset" },
  probation: {
    zh: "SC-55 试用期:月度考核结果决定是否正式录用,不合格可延长试用最多{days}天",
    en: "SC-55 on probation: the monthly results decide formal hiring; after a fail probation may be extended by at most {days} days",
  },
  notAnnual: { zh: "SC-44 不参加{year}年度考核:{reasons}", en: "SC-44 not in the {year} annual appraisal: {reasons}" },
  probationer: { zh: "试用人员", en: "probationer" },
  reinstated: { zh: "复职未满3个月", en: "reinstated less than 3 months" },
  unpaidLeave: { zh: "停薪留职", en: "on unpaid leave" },
  demerit: { zh: "当年记过以上处分", en: "a demerit or heavier sanction this year" },
} as const satisfies Readonly<Record<string, Bilingual>>;

export interface AppraisalFacts {
  readonly leaveOverAllowance: boolean;
  readonly absenteeism: boolean;
  readonly openSanction: boolean;
  readonly probationer: boolean;
  readonly unpaidLeave: boolean;
  /** Serial day of reinstatement, or null when not reinstated. */
  readonly reinstatedDay: number | null;
  readonly demeritThisYear: boolean;
  /** The appraisal year (the year of the month being appraised). */
  readonly year: number;
}

/** `text` with `{reasons}` listing `reasons` in each language (and other placeholders from `values`). */
function withReasons(text: Bilingual, reasons: readonly Bilingual[], values: Readonly<Record<string, string | number>> = {}): Bilingual {
  return {
    zh: format(text, { ...values, reasons: reasons.map((r) => r.zh).join("、") }).zh,
    en: format(text, { ...values, reasons: reasons.map((r) => r.en).join(", ") }).en,
  };
}

/**
 * Every flag that applies, in rule order.
 *
 * @example appraisalFlags({ absenteeism: true, … }) → [SC-43 may not be rated A: absenteeism]
 * @example appraisalFlags({ probationer: true, year: 2026, … }) → [SC-55 on probation …, SC-44 not in the 2026 annual appraisal: probationer]
 */
export function appraisalFlags(facts: AppraisalFacts, extensionDays: number = parameterDefault("PROBATION_EXTENSION_MAX_DAYS")): Bilingual[] {
  const flags: Bilingual[] = [];
  const notA: Bilingual[] = [];
  if (facts.leaveOverAllowance) notA.push(FLAG_TEXT.leave);
  if (facts.absenteeism) notA.push(FLAG_TEXT.absence);
  if (facts.openSanction) notA.push(FLAG_TEXT.sanction);
  if (notA.length) flags.push(withReasons(FLAG_TEXT.notA, notA));
  if (facts.probationer) flags.push(format(FLAG_TEXT.probation, { days: extensionDays }));
  const notAnnual: Bilingual[] = [];
  if (facts.probationer) notAnnual.push(FLAG_TEXT.probationer);
  if (reinstatedTooRecently(facts.reinstatedDay, facts.year)) notAnnual.push(FLAG_TEXT.reinstated);
  if (facts.unpaidLeave) notAnnual.push(FLAG_TEXT.unpaidLeave);
  if (facts.demeritThisYear) notAnnual.push(FLAG_TEXT.demerit);
  if (notAnnual.length) flags.push(withReasons(FLAG_TEXT.notAnnual, notAnnual, { year: facts.year }));
  return flags;
}

/** The year of a month (`2026-10`), a year (`2026`) or a date. */
function readYear(value: Cell, timeZone: string): number | ScoreError {
  if (isDateValue(value)) {
    const day = readDay(value, YEAR, timeZone);
    return isScoreError(day) ? day : dayParts(day).year;
  }
  const text = typeof value === "number" ? String(value) : typeof value === "string" ? value.trim() : "";
  const m = /^(\d{4})(?:-\d{1,2})?$/.exec(text);
  const year = m ? Number(m[1]) : parseNumberText(text);
  return year !== null && Number.isInteger(year) && year >= 1900 && year <= 9999 ? year : scoreError(NOT_A_YEAR, { got: text });
}

/**
 * `APPRAISAL_FLAGS(employee, leaveOver, absenteeism, openSanction, probationer, unpaidLeave, reinstated, demerit, year, [timeZone])`
 * for one row: the flags joined by "; ", or "". A row without an employee is blank.
 */
export function appraisalFlagsCell(
  [employee, leave, absence, sanction, probationer, unpaidLeave, reinstated, demerit, year]: readonly Cell[],
  [zone]: readonly Cell[],
): string | ScoreError {
  if (isBlank(employee)) return "";
  const timeZone = readParameter(zone, "TIME_ZONE");
  if (isScoreError(timeZone)) return timeZone;
  const read = readAll([
    readFlag(leave, LEAVE),
    readFlag(absence, ABSENCE),
    readFlag(sanction, SANCTION),
    readFlag(probationer, PROBATIONER),
    readFlag(unpaidLeave, UNPAID_LEAVE),
    readDayOrNull(reinstated, REINSTATED, timeZone),
    readFlag(demerit, DEMERIT),
    readYear(year, timeZone),
  ]);
  if (isScoreError(read)) return read;
  const [leaveOverAllowance, absenteeism, openSanction, isProbationer, onUnpaidLeave, reinstatedDay, demeritThisYear, appraisalYear] = read;
  const flags = appraisalFlags({
    leaveOverAllowance,
    absenteeism,
    openSanction,
    probationer: isProbationer,
    unpaidLeave: onUnpaidLeave,
    reinstatedDay,
    demeritThisYear,
    year: appraisalYear,
  });
  return flags.map(both).join("; ");
}
