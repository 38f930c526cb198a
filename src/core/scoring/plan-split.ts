/**
 * A plan total split across periods or regions for the plan sheets (任务分解), spec WF-01.6 and
 * WF-22.3 (annual → quarters → months, and across regions and people). One plan per row: the total
 * in one cell, the weights across the row; the parts come back across the row in whole multiples
 * of `unit` (default 1 yuan) and add up exactly to the total, by largest-remainder rounding
 * (`splitByWeights`, conventions: "sums that must add up"). A blank weight cell is no part: its
 * result cell stays blank, so a 12-column row can hold a 4-quarter split.
 */
import type { Bilingual } from "../i18n";
import { splitByWeights } from "../plans/split";
import type { Cell } from "./cells";
import { isBlank, readNumber, readNumberOr } from "./cells";
import { firstProblem, isScoreError, nonNegative, positive, scoreError } from "./score-error";
import type { Field, ScoreError } from "./score-error";
import type { RuleValue } from "./vectorise";

const TOTAL: Field = { zh: "计划总额", en: "plan total" };
const WEIGHT: Field = { zh: "分解权重", en: "weight" };
const UNIT: Field = { zh: "取整单位", en: "unit" };

const NO_WEIGHTS: Bilingual = { zh: "请至少填写一个分解权重", en: "enter at least one weight" };
const ALL_ZERO: Bilingual = { zh: "分解权重不能全为0", en: "the weights must not all be 0" };
const NOT_A_MULTIPLE: Bilingual = { zh: "计划总额 {total} 不是取整单位 {unit} 的整数倍", en: "the plan total {total} is not a multiple of the unit {unit}" };

/**
 * @example planSplit(1_000_000, [1, 1, 1]) → [333_334, 333_333, 333_333]
 * @example planSplit(1_200_000, [3, 3, 2, 2], 10_000) → [360_000, 360_000, 240_000, 240_000]
 */
export function planSplit(total: number, weights: readonly number[], unit = 1): number[] | ScoreError {
  if (weights.length === 0) return scoreError(NO_WEIGHTS);
  const problem = firstProblem(positive(unit, UNIT), ...weights.map((w) => nonNegative(w, WEIGHT)));
  if (problem) return problem;
  if (!(weights.reduce((a, b) => a + b, 0) > 0)) return scoreError(ALL_ZERO);
  const units = Math.round(total / unit);
  if (Math.abs(units * unit - total) > 1e-9 * Math.max(1, Math.abs(total))) return scoreError(NOT_A_MULTIPLE, { total, unit });
  return splitByWeights(total, weights, unit);
}

/** `PLAN_SPLIT(total, weights, [unit])` for one row: the parts, one per weight cell. */
export function planSplitRow([totalCells = [], weightCells = []]: readonly (readonly Cell[])[], [unitCell]: readonly Cell[]): RuleValue | RuleValue[] {
  const total = readNumber(totalCells[0], TOTAL);
  if (isScoreError(total)) return total;
  const unit = readNumberOr(unitCell, UNIT, 1);
  if (isScoreError(unit)) return unit;
  const weights: number[] = [];
  for (const cell of weightCells) {
    if (isBlank(cell)) continue;
    const w = readNumber(cell, WEIGHT);
    if (isScoreError(w)) return w;
    weights.push(w);
  }
  const parts = planSplit(total, weights, unit);
  if (isScoreError(parts)) return parts;
  let next = 0;
  return weightCells.map((cell) => (isBlank(cell) ? "" : (parts[next++] ?? "")));
}
