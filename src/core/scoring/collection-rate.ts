/**
 * Collection completion rate of the customer department head (销售回款完成率), spec SC-09 and
 * SC-10, seed `004_48a5b74466f8c1e3.txt` L172-176: 「回款完成率=本月实际回款额/本月计划回款额」 and
 * 「实际回款额以月底30日或31日财务入帐数为准,并扣除退货退款额。」 Actual collections are what Finance
 * booked by month end minus return refunds (退货退款额); the planned amount already includes any
 * shortfall rolled over from last month (SC-11, `nextCollectionPlan`). The rate is a fraction
 * (0.9 = 90 %), to be shown with a percent format.
 * "By month end (the 30th or the 31st)" leaves February out (AMB-11): Settings `COLLECTION_CUTOFF`
 * says which booking days count toward a month (`collectionMonth`): LAST_DAY (default) the month's
 * own days, February's 28th/29th included; DAY_30 closes on the 30th, so a booking on the 31st
 * counts toward the next month.
 */
import type { Cell } from "./cells";
import type { ParameterValue } from "./parameters";
import { readAll, readNumber, readNumberOr } from "./cells";
import { firstProblem, isScoreError, nonNegative, positive } from "./score-error";
import type { Field, ScoreError } from "./score-error";

const COLLECTED: Field = { zh: "财务入账回款额", en: "collections booked" };
const REFUNDS: Field = { zh: "退货退款额", en: "return refunds" };
const PLANNED: Field = { zh: "计划回款额", en: "planned collections" };

/**
 * @example collectionRate(470_000, 20_000, 500_000) → 0.9 (spec SC-12 worked example)
 */
export function collectionRate(collected: number, refunds: number, planned: number): number | ScoreError {
  const problem = firstProblem(positive(planned, PLANNED), nonNegative(collected, COLLECTED), nonNegative(refunds, REFUNDS));
  if (problem) return problem;
  return (collected - refunds) / planned;
}

/** `COLLECTION_RATE(collected, refunds, planned)` for one cell; blank refunds are 0. */
export function collectionRateCell([collected, refunds, planned]: readonly Cell[]): number | ScoreError {
  const read = readAll([readNumber(collected, COLLECTED), readNumberOr(refunds, REFUNDS, 0), readNumber(planned, PLANNED)]);
  if (isScoreError(read)) return read;
  return collectionRate(...read);
}

/**
 * The month (`YYYY-MM`) whose collections a booking on `day` (`YYYY-MM-DD`) counts toward (SC-10, AMB-11).
 * @example collectionMonth("2026-10-31", "LAST_DAY") → "2026-10"; collectionMonth("2026-10-31", "DAY_30") → "2026-11"
 * @example collectionMonth("2026-12-31", "DAY_30") → "2027-01"; collectionMonth("2027-02-28", "DAY_30") → "2027-02"
 */
export function collectionMonth(day: string, cutoff: ParameterValue<"COLLECTION_CUTOFF">): string {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  if (cutoff === "DAY_30" && Number(day.slice(8, 10)) > 30) return month === 12 ? `${String(year + 1).padStart(4, "0")}-01` : `${day.slice(0, 4)}-${String(month + 1).padStart(2, "0")}`;
  return day.slice(0, 7);
}
