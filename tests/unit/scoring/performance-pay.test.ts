import { describe, expect, it } from "vitest";
import { PERFORMANCE_PAY } from "../../../src/gas/customFunctions";

describe("SC-37 performance pay = MIN(score, 100) ÷ 100 × base (seed 004 L342, AMB-25)", () => {
  it("follows the spec's example: score 85.5, base 2,000 → 1,710", () => {
    expect(PERFORMANCE_PAY(85.5, 2_000)).toBe(1_710);
  });

  it("never pays more than the base, and rounds to the cent", () => {
    expect(PERFORMANCE_PAY([[104], [33.333]], [[2_000], [1_000]])).toEqual([[2_000], [333.33]]);
  });
});

describe("SC-39 no appraisal, no performance pay (seed 004 L340)", () => {
  it("pays 0 when the score is blank next to a base", () => {
    expect(PERFORMANCE_PAY([[""], [90]], [[2_000], [2_000]])).toEqual([[0], [1_800]]);
  });
});
