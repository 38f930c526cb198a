import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { teamAttainmentScore } from "../../../src/core/scoring/team-attainment-score";
import { TEAM_ATTAINMENT_SCORE } from "../../../src/gas/customFunctions";

const column = (values: readonly unknown[]): unknown[][] => values.map((v) => [v]);

describe("SC-04 team attainment points (seed 004 L150-152)", () => {
  it("follows the spec's worked examples with 10 reps: 9 → 20, 8 → 18, 7 → 15, 6 → 10, 5 → 0", () => {
    expect(TEAM_ATTAINMENT_SCORE(column([9, 8, 7, 6, 5, 10, 0]), 10)).toEqual(column([20, 18, 15, 10, 0, 20, 0]));
  });

  it("gives 18 for 6 of 7 reps (85.7 %)", () => {
    expect(TEAM_ATTAINMENT_SCORE(6, 7)).toBe(18);
  });

  it("reads 以上 as inclusive by default (AMB-02), strict when TIER_INCLUSIVE is FALSE", () => {
    expect(TEAM_ATTAINMENT_SCORE(9, 10, false)).toBe(18);
    expect(TEAM_ATTAINMENT_SCORE(6, 10, "FALSE")).toBe(0);
  });

  it("says what to fix for an impossible team", () => {
    expect(TEAM_ATTAINMENT_SCORE(3, 0)).toBe("销售人员总数须大于0 / headcount must be > 0");
    expect(TEAM_ATTAINMENT_SCORE(11, 10)).toBe("达标人数不能大于10 / salespeople who met target must not exceed 10");
    expect(TEAM_ATTAINMENT_SCORE(2.5, 10)).toBe("达标人数须为整数 / salespeople who met target must be a whole number");
  });

  it("property: the points are always one of 0, 10, 15, 18, 20, and more reps meeting target never lowers them", () => {
    const team = fc.integer({ min: 1, max: 500 }).chain((headcount) => fc.tuple(fc.integer({ min: 0, max: headcount }), fc.constant(headcount)));
    fc.assert(
      fc.property(team, ([met, headcount]) => {
        const points = teamAttainmentScore(met, headcount) as number;
        expect([0, 10, 15, 18, 20]).toContain(points);
        if (met < headcount) expect(teamAttainmentScore(met + 1, headcount) as number).toBeGreaterThanOrEqual(points);
      }),
    );
  });
});
