import { describe, expect, it } from "vitest";
import { BEST_EMPLOYEE_ELIGIBLE } from "../../../src/gas/customFunctions";

describe("SC-48 monthly best employee needs an A in every indicator (seed 004 L376, AMB-30)", () => {
  it("needs grade A, no exclusion and 90 % of each component's maximum", () => {
    expect(
      BEST_EMPLOYEE_ELIGIBLE([[38], [38], [38], [38]], [[28], [26], [28], [28]], [[36], [36], [36], [36]], [["A"], ["A"], ["B"], ["A"]], [[""], [""], [""], [true]]),
    ).toEqual([[true], [false], [false], [false]]);
  });

  it("asks for the grade when it is missing", () => {
    expect(BEST_EMPLOYEE_ELIGIBLE(38, 28, 36, "")).toBe("请填写月度等级 / enter the monthly grade");
  });
});
