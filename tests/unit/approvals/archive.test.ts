import { describe, expect, it } from "vitest";
import { archiveDays, archivePlan, floorIds, raiseFloors } from "../../../src/core/approvals/archive";
import { nextRequestId } from "../../../src/core/approvals/submission";

const DAY = 86_400_000;
const NOW = Date.parse("2026-11-30T09:00:00+08:00");
const row = (n: number, status: string, daysAgo: number, id = `ST-2026-${String(n).padStart(4, "0")}`) => ({ row: n, id, status, updatedAt: NOW - daysAgo * DAY });

describe("the Requests archive (issue 10 §3)", () => {
  it("moves final requests unchanged for more than the days, oldest rows first, deleting contiguous runs bottom first", () => {
    const plan = archivePlan([row(2, "approved", 40), row(3, "rejected", 31), row(4, "pending", 90), row(5, "withdrawn", 35), row(6, "approved", 29), row(7, "returned", 60), row(8, "cancelled", 50)], NOW, 30);
    expect(plan.rows.map((r) => r.row)).toEqual([2, 3, 5, 8]);
    expect(plan.deletions).toEqual([{ start: 8, count: 1 }, { start: 5, count: 1 }, { start: 2, count: 2 }]);
  });

  it("takes at most the batch, and never a row without a readable time or a numbered ID", () => {
    const many = Array.from({ length: 20 }, (_, i) => row(i + 2, "approved", 40));
    expect(archivePlan(many, NOW, 30, 5).rows).toHaveLength(5);
    expect(archivePlan([{ row: 2, id: "ST-2026-0001", status: "approved", updatedAt: null }, row(3, "approved", 40, "hand-typed")], NOW, 30).rows).toEqual([]);
  });

  it("REQUESTS_ARCHIVE_DAYS: blank is 30, NONE never archives, anything else but whole days is refused in both languages", () => {
    expect(archiveDays("")).toBe(30);
    expect(archiveDays(7)).toBe(7);
    expect(archiveDays("NONE")).toBeNull();
    expect(archiveDays("无")).toBeNull();
    const bad = archiveDays("0.5");
    if (bad === null || typeof bad === "number") throw new Error("0.5 days was accepted");
    expect(bad.error.zh).toContain("REQUESTS_ARCHIVE_DAYS");
    expect(bad.error.en).toContain("whole number of days");
  });

  it("the ID floors keep an archived number taken: the next ID counts on from the highest of each prefix and year", () => {
    const floors = raiseFloors(raiseFloors({}, ["ST-2026-0041", "ST-2026-0007", "EX-2026-0003"]), ["ST-2026-0012"]);
    expect(floors).toEqual({ "ST-2026": 41, "EX-2026": 3 });
    expect(nextRequestId("stock_transfer", ["ST-2026-0002", ...floorIds(floors)], NOW, "Asia/Shanghai")).toBe("ST-2026-0042");
  });
});
