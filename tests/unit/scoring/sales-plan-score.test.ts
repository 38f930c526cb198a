import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { salesPlanScore } from "../../../src/core/scoring/sales-plan-score";
import { SALES_PLAN_SCORE } from "../../../src/gas/customFunctions";

const column = (values: readonly unknown[]): unknown[][] => values.map((v) => [v]);

describe("SC-02/SC-03 sales plan completion points (seed 004 L138-142)", () => {
  it("follows the spec's worked examples under PROPORTIONAL_CAPPED (AMB-01 [REC])", () => {
    const actual = [59_000, 60_000, 80_000, 100_000, 120_000, 150_000, 180_000];
    expect(SALES_PLAN_SCORE(column(actual), 100_000)).toEqual(column([0, 24, 32, 40, 48, 60, 60]));
  });

  it("follows the LITERAL_STEPS reading: 120 % → 40, 151 % → 60, 80 % → 32", () => {
    expect(SALES_PLAN_SCORE(column([120_000, 151_000, 80_000, 59_000]), 100_000, "LITERAL_STEPS")).toEqual(column([40, 60, 32, 0]));
    expect(SALES_PLAN_SCORE(80_000, 100_000, "LITERAL_STEPS", 30)).toBe(30);
  });

  it("scores a column of people, leaving blank rows blank and naming the bad row's fix", () => {
    expect(SALES_PLAN_SCORE(column([120_000, "", 50_000, "abc"]), column([100_000, "", 0, 100_000]))).toEqual(
      column([48, "", "目标须大于0 / target must be > 0", '实际销售额须为数字(现为「abc」) / actual sales must be a number (got "abc")']),
    );
    expect(SALES_PLAN_SCORE(-1, 100)).toBe("实际销售额不能为负数 / actual sales must not be negative");
    expect(SALES_PLAN_SCORE(1, 100, "HALF")).toBe(
      '「HALF」不是 SALES_PLAN_MODE 的可选值;可选:PROPORTIONAL_CAPPED, LITERAL_STEPS / "HALF" is not a reading of SALES_PLAN_MODE; allowed: PROPORTIONAL_CAPPED, LITERAL_STEPS',
    );
  });

  const amounts = fc.tuple(fc.double({ min: 0, max: 1e8, noNaN: true }), fc.double({ min: 1, max: 1e8, noNaN: true }));
  const mode = fc.constantFrom("PROPORTIONAL_CAPPED" as const, "LITERAL_STEPS" as const);

  it("property: points stay within [0, 60] under every reading", () => {
    fc.assert(
      fc.property(amounts, mode, ([actual, target], m) => {
        const points = salesPlanScore(actual, target, m) as number;
        expect(points).toBeGreaterThanOrEqual(0);
        expect(points).toBeLessThanOrEqual(60);
      }),
    );
  });

  it("property: more actual sales never lower the points", () => {
    fc.assert(
      fc.property(amounts, fc.double({ min: 0, max: 1e7, noNaN: true }), mode, ([actual, target], more, m) => {
        expect(salesPlanScore(actual + more, target, m) as number).toBeGreaterThanOrEqual(salesPlanScore(actual, target, m) as number);
      }),
    );
  });
});
