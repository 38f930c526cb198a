import { describe, expect, it } from "vitest";
import { APPEAL_IN_TIME } from "../../../src/gas/customFunctions";

describe("SC-54 appeals within one week of publication (seed 004 L392-394, AMB-34)", () => {
  it("accepts 7 calendar days after publication, not 8", () => {
    expect(APPEAL_IN_TIME("2026-04-07", [["2026-04-14"], ["2026-04-15"], ["2026-04-07"], [""]])).toEqual([[true], [false], [true]]);
  });

  it("says what to fix when the appeal is dated before publication", () => {
    expect(APPEAL_IN_TIME("2026-04-07", "2026-04-06")).toBe("申诉日期早于结果公布日期 / the appeal date is before the publication date");
  });
});
