import { describe, expect, it } from "vitest";
import { PROBATION_OK } from "../../../src/gas/customFunctions";

describe("SC-55 probation of 1-6 months, longer with GM approval, extension ≤ 30 days (seed 004 L326-334, AMB-35)", () => {
  it("checks the length and the GM's approval", () => {
    expect(PROBATION_OK([[3], [6], [8], [8], [0]], [[""], [""], [""], [true], [""]])).toEqual([[true], [true], [false], [true], [false]]);
  });

  it("allows one extension of at most 30 days", () => {
    expect(PROBATION_OK([[3], [3]], "", [[30], [31]])).toEqual([[true], [false]]);
    expect(PROBATION_OK(2.5, "", "")).toBe("试用期月数须为整数 / probation months must be a whole number");
  });
});
