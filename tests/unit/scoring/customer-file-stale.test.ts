import vm from "node:vm";
import { describe, expect, it } from "vitest";
import { addCalendarMonths } from "../../../src/core/scoring/customer-file-stale";
import { serialDayOf } from "../../../src/core/scoring/cells";
import { fromWallClock } from "../../../src/core/time";
import { CUSTOMER_FILE_STALE } from "../../../src/gas/customFunctions";

function dateCell(year: number, month: number, day: number): unknown {
  return vm.runInNewContext(`new Date(${fromWallClock({ year, month, day }, "Asia/Shanghai")})`);
}

describe("KPI-10 customer files updated at least once a month (seed 003 L126)", () => {
  it("flags a file not updated for more than a calendar month", () => {
    const updated = [[dateCell(2026, 1, 31)], [dateCell(2026, 1, 31)], [dateCell(2026, 2, 15)], [""]];
    const asOf = [[dateCell(2026, 2, 28)], [dateCell(2026, 3, 1)], [dateCell(2026, 3, 15)], [dateCell(2026, 3, 15)]];
    expect(CUSTOMER_FILE_STALE(updated, asOf)).toEqual([[false], [true], [false], ["请填写档案最后更新日期 / enter the last update date"]]);
  });

  it("adds calendar months, clamping to the month's end", () => {
    expect(addCalendarMonths(serialDayOf(2026, 1, 31), 1)).toBe(serialDayOf(2026, 2, 28));
    expect(addCalendarMonths(serialDayOf(2026, 12, 15), 2)).toBe(serialDayOf(2027, 2, 15));
  });

  it("takes the months from Settings", () => {
    expect(CUSTOMER_FILE_STALE("2026-01-10", "2026-03-01", 2)).toBe(false);
  });
});
