import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { expenseUsageScore } from "../../../src/core/scoring/expense-usage-score";
import { EXPENSE_USAGE_SCORE } from "../../../src/gas/customFunctions";

describe("SC-05 sales expense usage points (seed 004 L154-156, AMB-04)", () => {
  it("follows the spec's examples: budget 100,000, spent 95,000 → 20, 108,000 → 12, 125,000 → 0", () => {
    expect(EXPENSE_USAGE_SCORE([[95_000], [108_000], [125_000], [100_000]], 100_000)).toEqual([[20], [12], [0], [20]]);
  });

  it("takes the penalty per percentage point from Settings (EXPENSE_PENALTY_PER_PP)", () => {
    expect(EXPENSE_USAGE_SCORE(108_000, 100_000, 2)).toBe(4);
    expect(EXPENSE_USAGE_SCORE(108_000, 0)).toBe("费用预算须大于0 / budget must be > 0");
  });

  it("property: points stay within [0, 20] and more overspending never raises them", () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e7, noNaN: true }), fc.double({ min: 1, max: 1e7, noNaN: true }), fc.double({ min: 0, max: 1e6, noNaN: true }), (spent, budget, more) => {
        const points = expenseUsageScore(spent, budget) as number;
        expect(points).toBeGreaterThanOrEqual(0);
        expect(points).toBeLessThanOrEqual(20);
        expect(expenseUsageScore(spent + more, budget) as number).toBeLessThanOrEqual(points);
      }),
    );
  });
});
