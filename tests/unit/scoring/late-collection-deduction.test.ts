import vm from "node:vm";
import { describe, expect, it } from "vitest";
import { fromWallClock } from "../../../src/core/time";
import { LATE_COLLECTION_DEDUCTION } from "../../../src/gas/customFunctions";

/** A date cell as Sheets hands it to the bundle: a Date of the bundle's realm at midnight in Shanghai. */
function dateCell(year: number, month: number, day: number): unknown {
  return vm.runInNewContext(`new Date(${fromWallClock({ year, month, day }, "Asia/Shanghai")})`);
}

describe("SC-18 payment collection within 30 days of shipment, −1 per day late (seed 004 L192-194, AMB-12)", () => {
  it("follows the spec's example: shipped 1 March, collected 5 April → 35 days → −5", () => {
    expect(LATE_COLLECTION_DEDUCTION(dateCell(2026, 3, 1), dateCell(2026, 4, 5), "")).toBe(-5);
  });

  it("counts an unpaid order to the as-of date and gives 0 within 30 days", () => {
    const shipped = [[dateCell(2026, 3, 1)], [dateCell(2026, 3, 1)], [""]];
    const collected = [[""], [dateCell(2026, 3, 31)], [""]];
    expect(LATE_COLLECTION_DEDUCTION(shipped, collected, dateCell(2026, 4, 10))).toEqual([[-10], [0]]);
  });

  it("takes the days, points per day and a cap from Settings", () => {
    expect(LATE_COLLECTION_DEDUCTION("2026-03-01", "2026-04-05", "", 20, 2, 15)).toBe(-15);
  });

  it("says what to fix", () => {
    expect(LATE_COLLECTION_DEDUCTION("2026-03-01", "", "")).toBe("请填写回款日期;未回款的订单请填写统计日期 / enter the collection date, or an as-of date for an order not yet paid");
    expect(LATE_COLLECTION_DEDUCTION("2026-03-01", "2026-02-01", "")).toBe("回款日期早于发货日期 / the collection date is before the shipment date");
  });
});
