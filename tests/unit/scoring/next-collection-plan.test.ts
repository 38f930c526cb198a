import { describe, expect, it } from "vitest";
import { NEXT_COLLECTION_PLAN } from "../../../src/gas/customFunctions";

describe("SC-11 roll-over of uncollected plan into next month (seed 004 L176, AMB-10)", () => {
  it("adds this month's 50,000 shortfall to next month's base plan (spec SC-12 worked example)", () => {
    expect(NEXT_COLLECTION_PLAN(400_000, 500_000, 470_000, 20_000)).toBe(450_000);
  });

  it("does not credit over-collection unless ROLLOVER_CREDIT_SURPLUS is TRUE", () => {
    expect(NEXT_COLLECTION_PLAN(400_000, 500_000, 560_000, "")).toBe(400_000);
    expect(NEXT_COLLECTION_PLAN(400_000, 500_000, 560_000, "", true)).toBe(340_000);
    expect(NEXT_COLLECTION_PLAN(400_000, 500_000, 1_000_000, "", true)).toBe(0);
  });
});
