import { describe, expect, it } from "vitest";
import { APPRAISAL_GRADE, BEHAVIOUR_SCORE, COMPANY_POINTS, OBJECTIVE_SCORE, WORK_POINTS } from "../../../src/gas/customFunctions";

describe("SC-32 objective appraisal total, weights summing to 110 % (seed 004 L276-282, AMB-19)", () => {
  it("follows the spec's example: 33 + 25 + 36 = 94 → 85.5 (B) normalised, 94 (A) under CAP_100 and LITERAL", () => {
    const work = (WORK_POINTS([[1, 1, 0.8, 0.5]]) as number[][])[0]?.[0];
    const behaviour = BEHAVIOUR_SCORE(5, 4, 4, 5, 3, 4);
    const company = COMPANY_POINTS(9_000_000, 10_000_000);
    expect([work, behaviour, company]).toEqual([33, 25, 36]);
    const normalised = OBJECTIVE_SCORE(work, behaviour, company);
    expect(normalised).toBe(85.5);
    expect(APPRAISAL_GRADE(normalised)).toBe("B");
    expect(OBJECTIVE_SCORE(work, behaviour, company, "CAP_100")).toBe(94);
    expect(OBJECTIVE_SCORE(work, behaviour, company, "LITERAL")).toBe(94);
    expect(APPRAISAL_GRADE(94)).toBe("A");
  });

  it("caps at 100 under CAP_100, not under LITERAL", () => {
    expect(OBJECTIVE_SCORE(40, 30, 40, "CAP_100")).toBe(100);
    expect(OBJECTIVE_SCORE(40, 30, 40, "LITERAL")).toBe(110);
    expect(OBJECTIVE_SCORE(40, 30, 40)).toBe(100);
  });

  it("rescales each component to custom weights under CUSTOM (e.g. 40/30/30)", () => {
    expect(OBJECTIVE_SCORE(33, 25, 36, "CUSTOM")).toBe(85);
    expect(OBJECTIVE_SCORE(40, 30, 40, "CUSTOM", 50, 20, 30)).toBe(100);
  });

  it("scores a column, and keeps each component within its range", () => {
    expect(OBJECTIVE_SCORE([[33], [""], [41]], [[25], [""], [25]], [[36], [""], [36]])).toEqual([
      [85.5],
      [""],
      ["工作指标得分须在0到40之间 / work points must be between 0 and 40"],
    ]);
    expect(OBJECTIVE_SCORE(33, 5, 36)).toBe("行为指标得分须在6到30之间 / behaviour points must be between 6 and 30");
  });
});
