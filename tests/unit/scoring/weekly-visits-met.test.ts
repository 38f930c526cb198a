import { describe, expect, it } from "vitest";
import { WEEKLY_VISITS_MET } from "../../../src/gas/customFunctions";

describe("KPI-07 8 on-site and 30 phone customer visits a week (seed 003 L123, AMB-49)", () => {
  it("needs both numbers", () => {
    expect(WEEKLY_VISITS_MET([[8], [7], [12], [""]], [[30], [40], [29], [""]])).toEqual([[true], [false], [false]]);
  });

  it("takes other minimums from Settings", () => {
    expect(WEEKLY_VISITS_MET(7, 29, 6, 25)).toBe(true);
    expect(WEEKLY_VISITS_MET(7, "")).toBe("请填写本周电话访问客户数 / enter the phone visits this week");
  });
});
