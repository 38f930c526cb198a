import { describe, expect, it } from "vitest";
import { ANNUAL_REVIEW_FLAGS } from "../../../src/gas/customFunctions";

describe("SC-42 annual C and SC-51 annual score below 50: every triggered flag shown (seed 004 L354, L384, AMB-65)", () => {
  it("lists each flag with its rule ID, and nothing when none applies", () => {
    expect(ANNUAL_REVIEW_FLAGS([["B"], ["C"], ["B"], [""]], [[72], [45], [49.9], [""]])).toEqual([
      [""],
      ["SC-42 年度较差:调整岗位和薪酬或解聘 / SC-42 annual C: change post and pay, or dismiss; SC-51 年度总分低于50分:解雇 / SC-51 annual score below 50: dismiss"],
      ["SC-51 年度总分低于50分:解雇 / SC-51 annual score below 50: dismiss"],
    ]);
  });

  it("takes the floor from Settings", () => {
    expect(ANNUAL_REVIEW_FLAGS("B", 55, 60)).toBe("SC-51 年度总分低于60分:解雇 / SC-51 annual score below 60: dismiss");
  });
});
