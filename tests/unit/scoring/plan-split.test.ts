import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { planSplit } from "../../../src/core/scoring/plan-split";
import { PLAN_SPLIT } from "../../../src/gas/customFunctions";

describe("PLAN_SPLIT: plan decomposition with exact sums (WF-01, WF-22, largest remainder)", () => {
  it("splits each row's total by a shared weights row in whole units", () => {
    expect(PLAN_SPLIT([[1_200_000], [1_000_000], [""]], [[3, 3, 2, 2]], 10_000)).toEqual([
      [360_000, 360_000, 240_000, 240_000],
      [300_000, 300_000, 200_000, 200_000],
    ]);
    expect(PLAN_SPLIT(1_000_000, [[1, 1, 1]])).toEqual([[333_334, 333_333, 333_333]]);
  });

  it("leaves a blank weight's cell blank, and says what to fix", () => {
    expect(PLAN_SPLIT(100, [[1, "", 1]])).toEqual([[50, "", 50]]);
    expect(PLAN_SPLIT([[100], [-5]], [[1, 1, 1]], 10)).toEqual([
      [40, 30, 30],
      ["计划总额 -5 不是取整单位 10 的整数倍 / the plan total -5 is not a multiple of the unit 10", "", ""],
    ]);
    expect(PLAN_SPLIT(1_000_050, [[1, 1]], 100)).toEqual([["计划总额 1000050 不是取整单位 100 的整数倍 / the plan total 1000050 is not a multiple of the unit 100"]]);
    expect(PLAN_SPLIT(100, [[0, 0]])).toEqual([["分解权重不能全为0 / the weights must not all be 0"]]);
  });

  it("property: the parts are multiples of the unit and add up exactly to the total", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.constantFrom(1, 10, 100, 10_000),
        fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 12 }).filter((w) => w.some((x) => x > 0)),
        (units, unit, weights) => {
          const parts = planSplit(units * unit, weights, unit) as number[];
          expect(parts.reduce((a, b) => a + b, 0)).toBe(units * unit);
          for (const p of parts) expect(Number.isInteger(p / unit)).toBe(true);
        },
      ),
    );
  });
});
