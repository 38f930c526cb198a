/**
 * Assigned work deduction of the customer department head (领导交办工作), spec SC-21, seed
 * `004_48a5b74466f8c1e3.txt` L204-206: 「按时圆满完成领导交办和部门月工作计划中负责的工作任务。每有1次没按时完成或不符合领导要求扣2分。」
 * Each task from a leader or the department's monthly plan finished late or not to the leader's
 * requirements costs 2 points (the Settings key TASK_MISS). Returned as negative points.
 */
import type { Cell } from "./cells";
import { readAll, readNumber } from "./cells";
import { parameterDefault, readParameter } from "./parameters";
import { count, isScoreError } from "./score-error";
import type { Field, ScoreError } from "./score-error";

const MISSES: Field = { zh: "未按时或未按要求完成的次数", en: "tasks late or not as required" };

/** Points per task (seed 004 L206). */

/**
 * @example assignedWorkDeduction(1) → -2
 */
export function assignedWorkDeduction(misses: number, perMiss: number = parameterDefault("TASK_MISS")): number | ScoreError {
  return count(misses, MISSES) ?? -perMiss * misses;
}

/** `ASSIGNED_WORK_DEDUCTION(misses)` for one cell. */
/** `ASSIGNEDWORKDEDUCTION(misses, [perMiss])` for one cell; `perMiss` is the Settings key `TASK_MISS`. */
export function assignedWorkDeductionCell([misses]: readonly Cell[], [perMiss]: readonly Cell[] = []): number | ScoreError {
  const read = readAll([readNumber(misses, MISSES), readParameter(perMiss, "TASK_MISS")]);
  return isScoreError(read) ? read : assignedWorkDeduction(...read);
}
