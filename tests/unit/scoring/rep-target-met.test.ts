import { describe, expect, it } from "vitest";
import { REP_TARGET_MET } from "../../../src/gas/customFunctions";

describe("SC-04 whether one salesperson met target (AMB-03 REP_ATTAIN_THRESHOLD)", () => {
  it("needs 100 % of the personal target by default", () => {
    expect(REP_TARGET_MET([[100_000], [99_999], [""], [""]], [[100_000], [100_000], [100_000], [""]])).toEqual([
      [true],
      [false],
      ["请填写个人实际销售额 / enter the personal actual sales"],
    ]);
  });

  it("takes another threshold from Settings", () => {
    expect(REP_TARGET_MET(90_000, 100_000, 0.9)).toBe(true);
    expect(REP_TARGET_MET(90_000, 100_000, "90%")).toBe(true);
    expect(REP_TARGET_MET(90_000, 0)).toBe("个人目标须大于0 / personal target must be > 0");
  });
});
