/**
 * Eligibility for the annual appraisal, spec SC-44, seed `004_48a5b74466f8c1e3.txt` L360-366:
 * 「有下列情况者不得参加年度考核。A.试用人员;B.复职未满3个月或停薪留职者;C.当年被记过以上处分者。」 Not eligible:
 * (A) probationers (试用人员); (B) reinstated less than 3 months (复职未满3个月), or on unpaid leave
 * (停薪留职); (C) given a demerit (记过) or heavier sanction this year. Per spec AMB-33 [REC]
 * eligibility is judged at the end of 31 December of the appraisal year: someone reinstated on
 * D has 3 months once D + 3 calendar months is no later than 1 January (back on 1 October:
 * eligible; on 2 October: not). Ineligible people are left out of every annual ranking (AMB-66).
 * The row is one person: an employee column marks it, since a person with no mark at all is the
 * usual, eligible case; a row without an employee gives a blank, whatever the other columns hold
 * (a scorecard feeds them from lookups that give FALSE on empty rows).
 */
import type { Cell } from "./cells";
import { isBlank, readAll, readDayOrNull, readFlag, readNumber, serialDayOf } from "./cells";
import { addCalendarMonths } from "./customer-file-stale";
import { readParameter } from "./parameters";
import { between, firstProblem, isScoreError, whole } from "./score-error";
import type { Field, ScoreError } from "./score-error";

const PROBATIONER: Field = { zh: "试用人员标记", en: "probationer mark" };
const REINSTATED: Field = { zh: "复职日期", en: "reinstatement date" };
const UNPAID_LEAVE: Field = { zh: "停薪留职标记", en: "unpaid-leave mark" };
const DEMERIT: Field = { zh: "当年记过以上处分标记", en: "demerit-or-heavier mark" };
const YEAR: Field = { zh: "考核年度", en: "appraisal year" };

/** Reinstated staff need 3 months back (seed 004 L364). */
const REINSTATED_MIN_MONTHS = 3;

export interface AnnualEligibilityFacts {
  readonly probationer: boolean;
  /** Serial day of reinstatement, or null when not reinstated. */
  readonly reinstatedDay: number | null;
  readonly unpaidLeave: boolean;
  readonly demeritThisYear: boolean;
  readonly year: number;
}

/**
 * @example annualEligible({ probationer: false, reinstatedDay: day("2026-10-01"), unpaidLeave: false, demeritThisYear: false, year: 2026 }) → true
 * @example reinstated 2026-10-02 → false (under 3 months on 31 Dec)
 */
export function annualEligible(facts: AnnualEligibilityFacts): boolean {
  if (facts.probationer || facts.unpaidLeave || facts.demeritThisYear) return false;
  return !reinstatedTooRecently(facts.reinstatedDay, facts.year);
}

/** Reinstated on `reinstatedDay` (serial day, null: never), with fewer than 3 months back by the end of 31 December of `year`. */
export function reinstatedTooRecently(reinstatedDay: number | null, year: number): boolean {
  if (reinstatedDay === null) return false;
  return addCalendarMonths(reinstatedDay, REINSTATED_MIN_MONTHS) > serialDayOf(year + 1, 1, 1);
}

/** `ANNUAL_ELIGIBLE(employee, probationer, reinstated, unpaidLeave, demerit, year, [timeZone])` for one cell. */
export function annualEligibleCell([employee, probationer, reinstated, unpaidLeave, demerit, year]: readonly Cell[], [zone]: readonly Cell[]): boolean | ScoreError | "" {
  if (isBlank(employee)) return "";
  const timeZone = readParameter(zone, "TIME_ZONE");
  if (isScoreError(timeZone)) return timeZone;
  const read = readAll([
    readFlag(probationer, PROBATIONER),
    readDayOrNull(reinstated, REINSTATED, timeZone),
    readFlag(unpaidLeave, UNPAID_LEAVE),
    readFlag(demerit, DEMERIT),
    readNumber(year, YEAR),
  ]);
  if (isScoreError(read)) return read;
  const [isProbationer, reinstatedDay, onUnpaidLeave, demeritThisYear, appraisalYear] = read;
  const problem = firstProblem(between(appraisalYear, 1900, 9999, YEAR), whole(appraisalYear, YEAR));
  if (problem) return problem;
  return annualEligible({ probationer: isProbationer, reinstatedDay, unpaidLeave: onUnpaidLeave, demeritThisYear, year: appraisalYear });
}
