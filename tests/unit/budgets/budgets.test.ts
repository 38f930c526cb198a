/** Expense budget tracking (WF-09, RP-18, SC-05, AMB-74). */
import { describe, expect, it } from "vitest";
import { alertLevel, monthShare, parseShares, trackBudgets } from "../../../src/core/budgets/budgets";
import type { BudgetTrackingInput } from "../../../src/core/budgets/budgets";

const base: BudgetTrackingInput = {
  month: "2026-10",
  requests: [],
  plans: [],
  actuals: [],
  regionOwners: new Map([["EAST", "east@x.example"], ["SOUTH", "south@x.example"]]),
  departmentOwner: "mkt@x.example",
  tracked: [],
  alertRate: 0.9,
  alertOverBudget: true,
};

describe("budgets (WF-09, RP-18)", () => {
  it("WF-09.5: a quarter's budget is spread over its months to the cent and adds up exactly", () => {
    const parts = ["2026-10", "2026-11", "2026-12"].map((m) => monthShare({ period: "2026-Q4", amount: 100 }, m));
    expect(parts).toEqual([33.34, 33.33, 33.33]);
    expect(monthShare({ period: "2026", amount: 1200 }, "2026-10")).toBe(100);
    expect(monthShare({ period: "2026-11", amount: 1200 }, "2026-10")).toBe(0);
  });

  it("WF-09.3: approved regional requests roll up into the department line; a region without one keeps its plan budget", () => {
    const t = trackBudgets({
      ...base,
      requests: [
        { id: "EB-2026-0001", region: "EAST", period: "2026-10", amount: 60_000, requester: "east@x.example" },
        { id: "EB-2026-0002", region: "east", period: "2026-Q4", amount: 30_000, requester: "east@x.example" },
      ],
      plans: [{ period: "2026-10", region: "EAST", amount: 1 }, { period: "2026-10", region: "SOUTH", amount: 50_000 }],
      actuals: [{ period: "2026-10", region: "EAST", amount: 35_000 }, { period: "2026-10", region: "EAST", amount: 20_000 }, { period: "2026-09", region: "SOUTH", amount: 9 }],
    });
    expect(t.lines.map((l) => [l.region, l.budget, l.spent, l.source, l.requestIds])).toEqual([
      ["EAST", 70_000, 55_000, "requests", "EB-2026-0001: 60000; EB-2026-0002: 10000"],
      ["SOUTH", 50_000, 0, "plans", ""],
      ["", 120_000, 55_000, "requests", ""],
    ]);
    expect(t.lines[0]?.usage).toBeCloseTo(55 / 70);
  });

  it("WF-09.3: a request the yearly archive moved out of Requests keeps its share of the month's budget, read back from the line", () => {
    const requests = [
      { id: "EB-2026-0001", region: "EAST", period: "2026-Q4", amount: 100, requester: "east@x.example" },
      { id: "EB-2026-0002", region: "EAST", period: "2026-10", amount: 50, requester: "east@x.example" },
    ];
    const first = trackBudgets({ ...base, requests });
    const east = first.lines.find((l) => l.region === "EAST");
    expect(east?.requestIds).toBe("EB-2026-0001: 33.34; EB-2026-0002: 50");
    const tracked = first.lines.map((l) => ({ period: l.period, region: l.region, alerted: l.alerted, shares: parseShares(l.requestIds) }));
    // EB-2026-0001 has been archived: only EB-2026-0002 is still read from Requests.
    const later = trackBudgets({ ...base, requests: requests.slice(1), tracked });
    expect(later.lines.map((l) => [l.region, l.budget, l.source, l.requestIds])).toEqual([
      ["EAST", 83.34, "requests", "EB-2026-0002: 50; EB-2026-0001: 33.34"],
      ["", 83.34, "requests", ""],
    ]);
    expect(parseShares("EB-1: 10; typed by hand; EB-2 : 2.5")).toEqual([{ id: "EB-1", amount: 10 }, { id: "EB-2", amount: 2.5 }]);
  });

  it("SC-05 / RP-18: passing BUDGET_ALERT_RATE tells the owner once; a rerun at the same level tells nobody", () => {
    const input = { ...base, plans: [{ period: "2026-10", region: "SOUTH", amount: 100_000 }], actuals: [{ period: "2026-10", region: "SOUTH", amount: 92_000 }] };
    const first = trackBudgets(input);
    expect(first.alerts.map((a) => [a.line.region, a.line.ownerEmail, a.level])).toEqual([["SOUTH", "south@x.example", "rate"], ["", "mkt@x.example", "rate"]]);
    const again = trackBudgets({ ...input, tracked: first.lines.map((l) => ({ period: l.period, region: l.region, alerted: l.alerted })) });
    expect(again.alerts).toEqual([]);
    expect(again.lines.map((l) => l.alerted)).toEqual(["rate", "rate"]);
  });

  it("AMB-74: going over budget tells the owner once more when EXPENSE_ALERT_OVER_BUDGET is on, never when it is off", () => {
    const tracked = [{ period: "2026-10", region: "SOUTH", alerted: "rate" as const }];
    const input = { ...base, tracked, plans: [{ period: "2026-10", region: "SOUTH", amount: 100_000 }], actuals: [{ period: "2026-10", region: "SOUTH", amount: 100_000.01 }] };
    expect(trackBudgets(input).alerts.filter((a) => a.line.region === "SOUTH").map((a) => a.level)).toEqual(["over"]);
    expect(trackBudgets({ ...input, alertOverBudget: false }).alerts.filter((a) => a.line.region === "SOUTH")).toEqual([]);
    expect(alertLevel(0.89, 0.9, true)).toBe("");
    expect(alertLevel(0.9, 0.9, true)).toBe("rate");
    expect(alertLevel(2, null, false)).toBe("");
  });
});
