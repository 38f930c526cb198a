/**
 * Business records deduction of the customer department head (业务资料收集整理), spec SC-20, seed
 * `004_48a5b74466f8c1e3.txt` L200-202: 「要求按经理助理统计报表、文书档案、客户管理的要求做好业务资料收集、整理、上交、存档工作。
 * 每有一项或每有一次没做好扣2分。」 Each item or occasion not done to the manager's assistant's
 * requirements costs 2 points (the Settings key RECORDS_MISS). Returned as negative points.
 */
import type { Cell } from "./cells";
import { readAll, readNumber } from "./cells";
import { parameterDefault, readParameter } from "./parameters";
import { count, isScoreError } from "./score-error";
import type { Field, ScoreError } from "./score-error";

const MISSES: Field = { zh: "未做好的项数/次数", en: "items or occasions not done well" };

/** Points per item or occasion (seed 004 L202). */

/**
 * @example recordsDeduction(1) → -2
 */
export function recordsDeduction(misses: number, perMiss: number = parameterDefault("RECORDS_MISS")): number | ScoreError {
  return count(misses, MISSES) ?? -perMiss * misses;
}

/** `RECORDS_DEDUCTION(misses)` for one cell. */
/** `RECORDSDEDUCTION(misses, [perMiss])` for one cell; `perMiss` is the Settings key `RECORDS_MISS`. */
export function recordsDeductionCell([misses]: readonly Cell[], [perMiss]: readonly Cell[] = []): number | ScoreError {
  const read = readAll([readNumber(misses, MISSES), readParameter(perMiss, "RECORDS_MISS")]);
  return isScoreError(read) ? read : recordsDeduction(...read);
}
