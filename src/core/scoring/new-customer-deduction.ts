/**
 * Customer development deduction of the customer department head (客户开拓完成率), spec SC-13,
 * seed `004_48a5b74466f8c1e3.txt` L178-180: 「本月计划开拓客户每有1个没完成扣2分。」 Each planned new
 * customer not developed this month costs `CUST_NEW_CUSTOMER_MISS` (default 2) points; more
 * customers than planned earn nothing. Returned as negative points.
 */
import type { Cell } from "./cells";
import { readAll, readNumber } from "./cells";
import { parameterDefault, readParameter } from "./parameters";
import { count, firstProblem, isScoreError } from "./score-error";
import type { Field, ScoreError } from "./score-error";

const PLANNED: Field = { zh: "计划开拓客户数", en: "planned new customers" };
const ACHIEVED: Field = { zh: "实际开拓客户数", en: "new customers developed" };

/**
 * @example newCustomerDeduction(3, 1) → -4
 */
export function newCustomerDeduction(planned: number, achieved: number, perMiss: number = parameterDefault("CUST_NEW_CUSTOMER_MISS")): number | ScoreError {
  const problem = firstProblem(count(planned, PLANNED), count(achieved, ACHIEVED));
  if (problem) return problem;
  return -perMiss * Math.max(0, planned - achieved);
}

/** `NEW_CUSTOMER_DEDUCTION(planned, achieved, [perMiss])` for one cell. */
export function newCustomerDeductionCell([planned, achieved]: readonly Cell[], [perMiss]: readonly Cell[]): number | ScoreError {
  const read = readAll([readNumber(planned, PLANNED), readNumber(achieved, ACHIEVED), readParameter(perMiss, "CUST_NEW_CUSTOMER_MISS")]);
  if (isScoreError(read)) return read;
  return newCustomerDeduction(...read);
}
