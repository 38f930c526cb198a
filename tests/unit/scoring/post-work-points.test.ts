import { describe, expect, it } from "vitest";
import { POST_WORK_POINTS } from "../../../src/gas/customFunctions";

describe("SC-29 post scorecard as work-indicator points (AMB-69 WORK_INDICATOR, AMB-06 cap 100)", () => {
  it("caps the sales head's 102 at 100 → 40 points, and scales 67 → 26.8", () => {
    expect(POST_WORK_POINTS([[102], [67], [""]])).toEqual([[40], [26.8]]);
  });

  it("takes another cap from Settings", () => {
    expect(POST_WORK_POINTS(102, 120)).toBe(34);
  });
});
