/**
 * Sales-staff standard: weekly customer visits, spec KPI-07, seed `003_ab0358f32ef97fc5.txt` L123:
 * 「每周上门访问客户8家,电话访问客户30家。」 TRUE when a week has at least `KPI_WEEKLY_ONSITE_VISITS`
 * (8) on-site and `KPI_WEEKLY_PHONE_VISITS` (30) phone visits. Per spec AMB-49 [REC] the week is
 * the ISO week (Monday-Sunday) and visits count distinct customers; the visit log sums them per week.
 */
import type { Cell } from "./cells";
import { readAll, readNumber } from "./cells";
import { parameterDefault, readParameter } from "./parameters";
import { count, firstProblem, isScoreError } from "./score-error";
import type { Field, ScoreError } from "./score-error";

const ONSITE: Field = { zh: "本周上门访问客户数", en: "on-site visits this week" };
const PHONE: Field = { zh: "本周电话访问客户数", en: "phone visits this week" };

/**
 * @example weeklyVisitsMet(8, 30) → true; weeklyVisitsMet(7, 40) → false
 */
export function weeklyVisitsMet(
  onsite: number,
  phone: number,
  minOnsite: number = parameterDefault("KPI_WEEKLY_ONSITE_VISITS"),
  minPhone: number = parameterDefault("KPI_WEEKLY_PHONE_VISITS"),
): boolean | ScoreError {
  const problem = firstProblem(count(onsite, ONSITE), count(phone, PHONE));
  if (problem) return problem;
  return onsite >= minOnsite && phone >= minPhone;
}

/** `WEEKLY_VISITS_MET(onsite, phone, [minOnsite], [minPhone])` for one cell. */
export function weeklyVisitsMetCell([onsite, phone]: readonly Cell[], [minOnsite, minPhone]: readonly Cell[]): boolean | ScoreError {
  const read = readAll([
    readNumber(onsite, ONSITE),
    readNumber(phone, PHONE),
    readParameter(minOnsite, "KPI_WEEKLY_ONSITE_VISITS"),
    readParameter(minPhone, "KPI_WEEKLY_PHONE_VISITS"),
  ]);
  if (isScoreError(read)) return read;
  return weeklyVisitsMet(...read);
}
