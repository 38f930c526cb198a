/**
 * The customer department head's scorecard total (客户部主管考核), spec SC-08, seed
 * `004_48a5b74466f8c1e3.txt` L168-210. The scorecard is built only from a collection bonus or
 * penalty (SC-12) and deductions (SC-13..SC-22); the seed gives no base, maximum or floor
 * (spec AMB-09). The product's [REC] reading: base `CUST_HEAD_BASE` = 100, plus the signed parts
 * (deductions are already negative), floored at `CUST_HEAD_FLOOR` = 0 (NONE: no floor), no cap unless
 * `CUST_HEAD_CAP` is set. One person's parts are read across a row; blank parts are 0.
 */
import type { Cell } from "./cells";
import { isBlank, readAll, readNumber } from "./cells";
import { parameterDefault, readParameter } from "./parameters";
import { isScoreError } from "./score-error";
import type { Field, ScoreError } from "./score-error";

const PART: Field = { zh: "加减分项", en: "score part" };

/**
 * @example customerHeadScore([-10, -4, -5, -5, -2, -2, -2, -3]) → 67 (spec SC-22 worked total)
 */
export function customerHeadScore(
  parts: readonly number[],
  base: number = parameterDefault("CUST_HEAD_BASE"),
  floor: number | null = parameterDefault("CUST_HEAD_FLOOR"),
  cap: number | null = parameterDefault("CUST_HEAD_CAP"),
): number {
  const total = parts.reduce((sum, part) => sum + part, base);
  return Math.min(Math.max(total, floor ?? -Infinity), cap ?? Infinity);
}

/** `CUSTOMER_HEAD_SCORE(parts, [base], [floor], [cap])` for one row. */
export function customerHeadScoreRow(inputs: readonly (readonly Cell[])[], [base, floor, cap]: readonly Cell[]): number | ScoreError {
  const params = readAll([readParameter(base, "CUST_HEAD_BASE"), readParameter(floor, "CUST_HEAD_FLOOR"), readParameter(cap, "CUST_HEAD_CAP")]);
  if (isScoreError(params)) return params;
  const parts: number[] = [];
  for (const cell of inputs.flat()) {
    if (isBlank(cell)) continue;
    const n = readNumber(cell, PART);
    if (isScoreError(n)) return n;
    parts.push(n);
  }
  return customerHeadScore(parts, ...params);
}
