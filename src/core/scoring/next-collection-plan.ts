/**
 * Next month's collection plan with this month's shortfall rolled over, spec SC-11, seed
 * `004_48a5b74466f8c1e3.txt` L176: 「当月按计划未完成回款额滚动加入下月计划。」 The planned amount not
 * collected this month (plan − (collections − refunds), SC-10) is added to next month's base plan.
 * Over-collection is not carried forward unless `ROLLOVER_CREDIT_SURPLUS` is TRUE (spec AMB-10
 * [REC]: only shortfalls roll, they accumulate, and they raise next month's denominator); with
 * the surplus credited, the plan never goes below 0.
 */
import type { Cell } from "./cells";
import { readAll, readNumber, readNumberOr } from "./cells";
import { parameterDefault, readParameter } from "./parameters";
import { firstProblem, isScoreError, nonNegative } from "./score-error";
import type { Field, ScoreError } from "./score-error";

const NEXT_PLAN: Field = { zh: "下月基础回款计划", en: "next month's base plan" };
const PLAN: Field = { zh: "本月计划回款额", en: "this month's plan" };
const COLLECTED: Field = { zh: "本月财务入账回款额", en: "collections booked this month" };
const REFUNDS: Field = { zh: "本月退货退款额", en: "return refunds this month" };

/**
 * @example nextCollectionPlan(400_000, 500_000, 470_000, 20_000) → 450_000 (50,000 unmet rolls over)
 */
export function nextCollectionPlan(
  nextPlan: number,
  plan: number,
  collected: number,
  refunds: number,
  creditSurplus: boolean = parameterDefault("ROLLOVER_CREDIT_SURPLUS"),
): number | ScoreError {
  const problem = firstProblem(nonNegative(nextPlan, NEXT_PLAN), nonNegative(plan, PLAN), nonNegative(collected, COLLECTED), nonNegative(refunds, REFUNDS));
  if (problem) return problem;
  const shortfall = plan - (collected - refunds);
  if (shortfall > 0) return nextPlan + shortfall;
  return creditSurplus ? Math.max(0, nextPlan + shortfall) : nextPlan;
}

/** `NEXT_COLLECTION_PLAN(nextPlan, plan, collected, refunds, [creditSurplus])` for one cell; blank refunds are 0. */
export function nextCollectionPlanCell([nextPlan, plan, collected, refunds]: readonly Cell[], [credit]: readonly Cell[]): number | ScoreError {
  const read = readAll([
    readNumber(nextPlan, NEXT_PLAN),
    readNumber(plan, PLAN),
    readNumber(collected, COLLECTED),
    readNumberOr(refunds, REFUNDS, 0),
    readParameter(credit, "ROLLOVER_CREDIT_SURPLUS"),
  ]);
  if (isScoreError(read)) return read;
  return nextCollectionPlan(...read);
}
