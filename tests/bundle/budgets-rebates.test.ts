/**
 * 跟踪费用预算 Track budgets and 计算返利 Compute rebates under the local host (WF-08, WF-09, SC-05,
 * RP-18, RP-19): the demo month's budgets tracked against its spending, an owner told once when the
 * usage passes BUDGET_ALERT_RATE, the sales head's SC-05 budget read from the Budgets sheet; last
 * year's rebate settlement written with lines that add up to each dealer's total, a rebate request
 * per dealer started on its chain, and a second run changing nothing.
 */
import { afterEach, describe, expect, it } from "vitest";
import { sheetTemplate } from "../../src/core/templates/catalog";
import type { LocalHost } from "../../src/local/host";
import { AUDIT, REQUESTS, mailsTo, outbox, rowsOf } from "./approvals-helpers";
import { openHost, writeTemplateRecords } from "./helpers";

const BUDGETS = sheetTemplate("budgets").tabName;
const SETTLEMENT = sheetTemplate("rebate_settlement").tabName;
const HEAD_SCORECARD = sheetTemplate("scorecard_sales_head").tabName;
const SETTINGS = sheetTemplate("settings").tabName;

let host: LocalHost | undefined;
afterEach(() => {
  host?.close();
  host = undefined;
});

async function demoHost(): Promise<LocalHost> {
  const h = await openHost();
  await h.clickMenu("installOrUpgrade");
  await h.clickMenu("loadDemoData");
  return h;
}

const cents = (x: unknown): number => Math.round(Number(x) * 100);

function setSetting(h: LocalHost, key: string, value: string): void {
  const values = h.spreadsheet.read(SETTINGS, "A1:A400");
  const row = values.findIndex((r) => r[0] === key);
  if (row < 0) throw new Error(`no setting ${key}`);
  const book = h.spreadsheet.workbook;
  book.writeValues(book.requireSheet(SETTINGS), { row: row + 1, column: 2, numRows: 1, numColumns: 1 }, [[value]]);
  book.flush();
}

describe("budgets (WF-09, RP-18, SC-05)", () => {
  it("RP-18 / AMB-74: a budget's owner is told once when its usage passes BUDGET_ALERT_RATE; a rerun tells nobody; with EXPENSE_ALERT_OVER_BUDGET on, an overspent budget tells them once more", async () => {
    host = await demoHost();
    setSetting(host, "EXPENSE_ALERT_OVER_BUDGET", "FALSE");
    const first = (await host.run("trackBudgets", ["2026-10"])).value as { lines: number; alerts: number };
    const lines = rowsOf(host, BUDGETS);
    expect(lines.length).toBe(first.lines);
    const department = lines.find((l) => l.Region === "");
    const regional = lines.filter((l) => l.Region !== "");
    expect(cents(department?.Budget)).toBe(regional.reduce((a, l) => a + cents(l.Budget), 0));
    expect(cents(department?.Spent)).toBe(regional.reduce((a, l) => a + cents(l.Spent), 0));
    const alerted = lines.filter((l) => l["Alert sent"] !== "");
    expect(alerted.length).toBe(first.alerts);
    expect(first.alerts).toBeGreaterThan(0);
    for (const l of lines) {
      const due = Number(l["Usage rate"]) >= 0.9;
      expect(l["Alert sent"]).toBe(due ? "rate" : "");
      expect(mailsTo(host, String(l["Budget owner"]), "budget-alert")).toHaveLength(due ? 1 : 0);
    }

    const mails = outbox(host).length;
    const again = (await host.run("trackBudgets", ["2026-10"])).value as { alerts: number };
    expect(again.alerts).toBe(0);
    expect(outbox(host)).toHaveLength(mails);
    expect(rowsOf(host, BUDGETS)).toHaveLength(lines.length);

    // AMB-74 on: each budget already over 100 % tells its owner once more, and only once.
    setSetting(host, "EXPENSE_ALERT_OVER_BUDGET", "TRUE");
    const third = (await host.run("trackBudgets", ["2026-10"])).value as { alerts: number };
    const overspent = lines.filter((l) => Number(l["Usage rate"]) > 1);
    expect(third.alerts).toBe(overspent.length);
    for (const l of overspent) {
      const over = mailsTo(host, String(l["Budget owner"]), "budget-alert", mails);
      expect(over).toHaveLength(1);
      expect(over[0]?.html).toContain("over budget");
    }
    expect(rowsOf(host, BUDGETS).filter((l) => l["Alert sent"] === "over")).toHaveLength(overspent.length);
    const fourth = (await host.run("trackBudgets", ["2026-10"])).value as { alerts: number };
    expect(fourth.alerts).toBe(0);
    expect(rowsOf(host, AUDIT).filter((a) => a.Action === "budgets.tracked")).toHaveLength(4);
  }, 180_000);

  it("WF-09.6: the daily monthly job tracks the current month's budgets, so the owner hears of a passed threshold that day, once", async () => {
    host = await demoHost();
    // November 2026 (the host's today): EAST has already spent far beyond its budget.
    writeTemplateRecords(host, "actuals", [{ period: "2026-11", region: "EAST", metric: "expenses", amount: 10_000_000 }]);
    const before = outbox(host).length;
    const report = (await host.run("monthlyJob")).value as { budgets: { month: string; alerts: number } };
    expect(report.budgets.month).toBe("2026-11");
    const east = rowsOf(host, BUDGETS).find((l) => l.Month === "2026-11" && l.Region === "EAST");
    expect(Number(east?.Budget)).toBeGreaterThan(0);
    expect([Number(east?.Spent), east?.["Alert sent"]]).toEqual([10_000_000, "over"]);
    const owner = String(east?.["Budget owner"]);
    expect(mailsTo(host, owner, "budget-alert", before)).toHaveLength(1);
    await host.run("monthlyJob");
    expect(mailsTo(host, owner, "budget-alert", before)).toHaveLength(1);
  });

  it("SC-05: the sales head's expense budget is the Budgets line of the month and region once tracked", async () => {
    host = await demoHost();
    await host.run("trackBudgets", ["2026-10"]);
    // The demo's sales head covers the whole department: the department line (region blank).
    const line = rowsOf(host, BUDGETS).find((l) => l.Region === "");
    const card = (): Record<string, unknown> | undefined => rowsOf(host as LocalHost, HEAD_SCORECARD).find((r) => r.Month === "2026-10" && r.Region === "");
    expect(cents(card()?.["Expense budget"])).toBe(cents(line?.Budget));
    // A changed Budgets line (a larger approved budget) is what SC-05 then scores against.
    const book = host.spreadsheet.workbook;
    const sheet = book.requireSheet(BUDGETS);
    const header = book.readValues(sheet, { row: 1, column: 1, numRows: 1, numColumns: book.lastColumn(sheet) })[0] ?? [];
    const budgetColumn = header.findIndex((h) => String(h).endsWith("Budget")) + 1;
    const row = rowsOf(host, BUDGETS).findIndex((l) => l.Region === "") + 2;
    book.writeValues(sheet, { row, column: budgetColumn, numRows: 1, numColumns: 1 }, [[777_000]]);
    book.flush();
    expect(card()?.["Expense budget"]).toBe(777_000);
  }, 120_000);
});

describe("rebates (WF-08, RP-19)", () => {
  it("WF-08.3-4 / RP-19: Compute rebates settles last year per purchase, each dealer's total is the sum of its lines, and each dealer's request goes to the Director", async () => {
    host = await demoHost();
    const report = (await host.clickMenu("computeRebates")).value as { year: number; status: string; total: number; requestIds: string[] };
    expect(report).toMatchObject({ year: 2025, status: "computed" });
    const rows = rowsOf(host, SETTLEMENT);
    const totals = rows.filter((r) => r.Line === "dealer_total" || r.Line === "Dealer total" || String(r.Line).includes("合计"));
    const lines = rows.filter((r) => !totals.includes(r));
    expect(totals.length).toBeGreaterThan(0);
    for (const t of totals) {
      const mine = lines.filter((l) => l.Dealer === t.Dealer);
      expect(cents(t.Rebate)).toBe(mine.reduce((a, l) => a + cents(l.Rebate), 0));
      expect(cents(t.Purchases)).toBe(mine.reduce((a, l) => a + cents(l.Purchases), 0));
      expect(t["Purchases counted"]).toBe(mine.length);
    }
    expect(cents(report.total)).toBe(totals.reduce((a, t) => a + cents(t.Rebate), 0));
    // D-07 bought exactly 1,000,000: the 3 % tier (inclusive). D-10 stayed under 500,000: no rebate, no request.
    expect(totals.find((t) => t.Dealer === "D-07")).toMatchObject({ Purchases: 1_000_000, "Rebate rate": 0.03, Rebate: 30_000 });
    expect(totals.find((t) => t.Dealer === "D-10")).toMatchObject({ Rebate: 0, "Rebate request": "" });

    const requests = rowsOf(host, REQUESTS).filter((r) => report.requestIds.includes(String(r["Request ID"])));
    expect(requests).toHaveLength(3);
    for (const t of totals.filter((x) => Number(x.Rebate) > 0)) expect(report.requestIds).toContain(t["Rebate request"]);
    expect(mailsTo(host, "sun.lixin@example.com", "approval-request")).toHaveLength(3);

    const again = (await host.clickMenu("computeRebates")).value as { status: string };
    expect(again.status).toBe("unchanged");
    expect(rowsOf(host, SETTLEMENT)).toHaveLength(rows.length);
    expect(rowsOf(host, REQUESTS).filter((r) => String(r["Request ID"]).startsWith("RC-"))).toHaveLength(3);
  }, 120_000);
});
