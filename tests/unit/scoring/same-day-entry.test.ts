import { describe, expect, it } from "vitest";
import { SAME_DAY_ENTRY } from "../../../src/gas/customFunctions";

describe("KPI-11 new agreements and KPI-12 new member data entered the same day (seed 003 L127-128)", () => {
  it("is TRUE for the same calendar day only", () => {
    expect(SAME_DAY_ENTRY([["2026-03-02"], ["2026-03-02"]], [["2026-03-02"], ["2026-03-03"]])).toEqual([[true], [false]]);
  });

  it("uses the workbook's time zone: 23:30 and 00:30 in Shanghai are two days", () => {
    const signed = new Date(Date.UTC(2026, 2, 2, 15, 30));
    const entered = new Date(Date.UTC(2026, 2, 2, 16, 30));
    expect(SAME_DAY_ENTRY(signed, entered)).toBe(false);
    expect(SAME_DAY_ENTRY(signed, entered, "UTC")).toBe(true);
  });

  it("says what to fix when the entry is dated before the event", () => {
    expect(SAME_DAY_ENTRY("2026-03-02", "2026-03-01")).toBe("录入日期早于签订/入会日期 / the entry date is before the signing or joining date");
  });
});
