import { describe, expect, it } from "vitest";
import { RESEARCH_DEDUCTION } from "../../../src/gas/customFunctions";

describe("SC-19 market research deduction of 0-5 at discretion (seed 004 L196-198, AMB-60)", () => {
  it("returns the deduction as negative points, whichever sign was typed", () => {
    expect(RESEARCH_DEDUCTION([[2], [-3], [0], [""]])).toEqual([[-2], [-3], [0]]);
  });

  it("keeps the deduction within 0-5", () => {
    expect(RESEARCH_DEDUCTION(6)).toBe("调研扣分须在0到5之间 / research deduction must be between 0 and 5");
  });
});
