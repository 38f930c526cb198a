import { describe, expect, it } from "vitest";
import { COMPANY_POINTS } from "../../../src/gas/customFunctions";

describe("SC-31 company performance: actual ÷ plan × 40 (seed 004 L280-282, AMB-20)", () => {
  it("follows the spec's example: 9,000,000 of 10,000,000 → 36", () => {
    expect(COMPANY_POINTS(9_000_000, 10_000_000)).toBe(36);
  });

  it("caps the ratio at 100 % by default, and leaves it uncapped with NONE", () => {
    expect(COMPANY_POINTS(12_000_000, 10_000_000)).toBe(40);
    expect(COMPANY_POINTS(12_000_000, 10_000_000, "NONE")).toBe(48);
    expect(COMPANY_POINTS(1, 0)).toBe("当月计划销售任务须大于0 / planned sales must be > 0");
  });
});
