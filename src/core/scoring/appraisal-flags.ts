/**
 * The appraisal flags a scorecard shows next to a person's score, each with its reason and rule ID
 * (spec §0.4: MarketOps flags, a person decides):
 * - SC-43, seed `004_48a5b74466f8c1e3.txt` L356: who may not be rated A (不得评为优秀), monthly and
 *   annual: (a) leave beyond HR's allowance (公假 excluded), (b) any absenteeism (旷工), (c) a
 *   warning-level or heavier sanction not yet offset (警告以上处分未抵消). The grade is capped at B
 *   (see appraisal-grade); the flag says why.
 * - SC-55 / WF-27, seed 004 L324-334: a probationer (试用人员) takes the monthly appraisal, whose
 *   results decide formal hiring (正式录用), decided by the direct department leader together with
 *   the administration department (行政部), whose role Settings `PROBATION_CO_DECIDER_ROLE` names
 *   (default admin; may be hr, AMB-35); after a failed probation appraisal the probation may be
 *   extended once by at most `PROBATION_EXTENSION_MAX_DAYS` (30) days. The flag says until when:
 *   People's extension date, else its Probation ends date, else the hire date plus
 *   `PROBATION_DEFAULT_MONTHS` (default 3, AMB-35 [REC]).
 * - SC-44, seed 004 L360-366: who does not take the annual appraisal of the year: (A) a
 *   probationer, (B) reinstated less than 3 months before 31 December (AMB-33) or on unpaid leave
 *   (停薪留职), (C) a demerit (记过) or heavier sanction this year.
 * The row is one person, marked by its employee column; the result is every flag joined by "; ",
 * or "" when none applies.
 */
import type { Bilingual } from "../i18n";
import { sheetTemplate } from "../templates/catalog";
import { both, format } from "../i18n";
import { reinstatedTooRecently } from "./annual-eligible";
import type { Cell } from "./cells";
import { dayParts, isBlank, isDateValue, parseNumberText, readAll, readDay, readDayOrNull, readFlag, serialDayOf } from "./cells";
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
const PROBATION_END: Field = { zh: "试用期满日期", en: "probation end date" };
const EXTENDED_TO: Field = { zh: "延长试用至日期", en: "probation extension date" };
const HIRE_DATE: Field = { zh: "入职日期", en: "hire date" };

/** Settings key of the department that decides the probation outcome with the direct leader (SC-55, AMB-35). */
export const PROBATION_CO_DECIDER_KEY = "PROBATION_CO_DECIDER_ROLE";
/** The seed's co-decider: the administration department (行政部, seed 004 L332). */
export const PROBATION_CO_DECIDER_DEFAULT = "admin";
const NOT_A_ROLE: Bilingual = {
  zh: "设置表「{key}」行须为人员表的角色,如 admin(行政部)或 hr(人事部)(现为「{got}」)",
  en: 'Settings row {key} must be a People role such as admin (Administration) or hr (HR) (got "{got}")',
};

const NOT_A_YEAR: Bilingual = { zh: "考核年度须为年份或月份,如 2026 或 2026-10(现为「{got}」)", en: 'the appraisal year must be a year or a month such as 2026 or 2026-10 (got "{got}")' };

/** Reasons, in the seed's order, with the rule ID first so a reader can look it up. */
export const FLAG_TEXT = {
  notA: { zh: "SC-43 不得评为优秀(A):{reasons}", en: "SC-43 may not be rated A: {reasons}" },
  leave: { zh: "请假超过允许天数", en: "leave over the allowance" },
  absence: { zh: "有旷工记录", en: "absenteeism" },
  sanction: { zh: "警告以上处分未抵消", en: "a warning or heavier sanction not offset" },
  probation: {
    zh: "SC-55 试用期{until}:月度考核结果决定是否正式录用,由直属部门领导与{decider}共同决定;不合格可延长试用最多{days}天",
    en: "SC-55 on probation{until}: the monthly results decide formal hiring, decided by the direct department leader with {deciderEn}; after a fail probation may be extended by at most {days} days",
  },
  until: { zh: "至{date}", en: " until {date}" },
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
  /** Serial day probation ends (People's extension, end date, or hire date + default months), or null when unknown. */
  readonly probationEndDay?: number | null;
}

/** The People role's label (`admin` → 行政部 / Administration), or null for a word that is no People role; its label in either language reads too. */
export function peopleRole(word: string): { readonly role: string; readonly label: Bilingual } | null {
  const column = sheetTemplate("people").columns.find((c) => c.key === "role");
  const options = column?.validation?.kind === "enum" ? column.validation.values : [];
  const w = word.trim().toLowerCase();
  const found = options.find((o) => o.value === w || o.label.zh === word.trim() || o.label.en.toLowerCase() === w || `${o.label.zh} ${o.label.en}`.toLowerCase() === w);
  return found ? { role: found.value, label: found.label } : null;
}

function readCoDecider(cell: Cell): Bilingual | ScoreError {
  const word = isBlank(cell) ? PROBATION_CO_DECIDER_DEFAULT : typeof cell === "string" ? cell : String(cell);
  const found = peopleRole(word);
  return found ? found.label : scoreError(NOT_A_ROLE, { key: PROBATION_CO_DECIDER_KEY, got: word });
}

/** The ISO day of a serial day. */
function isoOf(serialDay: number): string {
  const { year, month, day } = dayParts(serialDay);
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/**
 * The day probation ends: the extension (延长试用至) if any, else the planned end (试用期满), else
 * the hire date plus `defaultMonths` (SC-55 / AMB-35; the day clamped to a shorter month's end), or
 * null when none is known. Blank or 0 (a SUMIF over People with nothing filled in) is none.
 * @example probationEnd(null, null, serial(2026-08-01), 3) → serial(2026-11-01)
 */
export function probationEnd(extendedTo: number | null, end: number | null, hire: number | null, defaultMonths: number): number | null {
  if (extendedTo !== null && extendedTo > 0) return extendedTo;
  if (end !== null && end > 0) return end;
  if (hire === null || hire <= 0) return null;
  const { year, month, day } = dayParts(hire);
  const index = year * 12 + (month - 1) + defaultMonths;
  return serialDayOf(Math.floor(index / 12), (index % 12) + 1, day);
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
export function appraisalFlags(
  facts: AppraisalFacts,
  extensionDays: number = parameterDefault("PROBATION_EXTENSION_MAX_DAYS"),
  coDecider: Bilingual = peopleRole(PROBATION_CO_DECIDER_DEFAULT)?.label ?? { zh: "行政部", en: "Administration" },
): Bilingual[] {
  const flags: Bilingual[] = [];
  const notA: Bilingual[] = [];
  if (facts.leaveOverAllowance) notA.push(FLAG_TEXT.leave);
  if (facts.absenteeism) notA.push(FLAG_TEXT.absence);
  if (facts.openSanction) notA.push(FLAG_TEXT.sanction);
  if (notA.length) flags.push(withReasons(FLAG_TEXT.notA, notA));
  if (facts.probationer) {
    const end = facts.probationEndDay ?? null;
    const until = end === null ? { zh: "", en: "" } : format(FLAG_TEXT.until, { date: isoOf(end) });
    const text = format(FLAG_TEXT.probation, { days: extensionDays, decider: coDecider.zh, deciderEn: coDecider.en });
    flags.push({ zh: text.zh.replace("{until}", until.zh), en: text.en.replace("{until}", until.en) });
  }
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
 * `APPRAISAL_FLAGS(employee, leaveOver, absenteeism, openSanction, probationer, unpaidLeave, reinstated, demerit, year, [timeZone],
 * [probationEnd], [extendedTo], [hireDate], [PROBATION_DEFAULT_MONTHS], [PROBATION_CO_DECIDER_ROLE])`
 * for one row: the flags joined by "; ", or "". A row without an employee is blank.
 */
export function appraisalFlagsCell(
  [employee, leave, absence, sanction, probationer, unpaidLeave, reinstated, demerit, year]: readonly Cell[],
  [zone, endCell, extendedCell, hireCell, monthsCell, deciderCell]: readonly Cell[],
): string | ScoreError {
  if (isBlank(employee)) return "";
  const timeZone = readParameter(zone, "TIME_ZONE");
  if (isScoreError(timeZone)) return timeZone;
  const probation = readAll([
    readDayOrNull(endCell, PROBATION_END, timeZone),
    readDayOrNull(extendedCell, EXTENDED_TO, timeZone),
    readDayOrNull(hireCell, HIRE_DATE, timeZone),
    readParameter(monthsCell, "PROBATION_DEFAULT_MONTHS"),
    readCoDecider(deciderCell),
  ]);
  if (isScoreError(probation)) return probation;
  const [end, extendedTo, hire, defaultMonths, coDecider] = probation;
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
    probationEndDay: probationEnd(extendedTo, end, hire, defaultMonths),
  }, parameterDefault("PROBATION_EXTENSION_MAX_DAYS"), coDecider);
  return flags.map(both).join("; ");
}
