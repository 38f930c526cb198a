import { describe, expect, it } from "vitest";
import { annualReviewFlags } from "../../../src/core/scoring/annual-review-flags";
import { ANNUAL_REVIEW_FLAGS } from "../../../src/gas/customFunctions";

const FLOOR_50 = "SC-51 年度总分50分以下(含50分):解雇 / SC-51 annual score of 50 or less: dismiss";

describe("SC-42 annual C and SC-51 annual score of 50 or less: every triggered flag shown (seed 004 L354, L384, AMB-65)", () => {
  it("lists each flag with its rule ID, and nothing when none applies", () => {
    expect(ANNUAL_REVIEW_FLAGS([["B"], ["C"], ["B"], [""]], [[72], [45], [49.9], [""]])).toEqual([
      [""],
      [`SC-42 年度较差:调整岗位和薪酬或解聘 / SC-42 annual C: change post and pay, or dismiss; ${FLOOR_50}`],
      [FLOOR_50],
    ]);
  });

  it("SC-51: 50分以下 is inclusive (spec §0.3): exactly 50 is flagged, 50.1 is not", () => {
    expect(ANNUAL_REVIEW_FLAGS([["B"], ["B"]], [[50.1], [50]])).toEqual([[""], [FLOOR_50]]);
    expect(annualReviewFlags("B", 50).map((f) => f.en)).toEqual(["SC-51 annual score of 50 or less: dismiss"]);
    expect(annualReviewFlags("B", 50.1)).toEqual([]);
  });

  it("takes the floor from Settings (ANNUAL_DISMISS_BELOW, inclusive)", () => {
    expect(ANNUAL_REVIEW_FLAGS("B", 60, 60)).toBe("SC-51 年度总分60分以下(含60分):解雇 / SC-51 annual score of 60 or less: dismiss");
    expect(ANNUAL_REVIEW_FLAGS("B", 60.5, 60)).toBe("");
  });
});
