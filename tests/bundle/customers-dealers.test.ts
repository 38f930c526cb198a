/**
 * Customers and dealers under the local host (issue 9 §6): after 安装/升级 Install and 载入演示数据
 * Load demo data, the Customers sheet classes every customer by rule (KPI-44, KPI-50, AMB-58) in
 * all four classes, shows its last visit and whether it is due (WF-12.3), and flags a stale file
 * (KPI-10, reusing CUSTOMER_FILE_STALE); a Settings edit changes them. A dealer goes candidate →
 * vetted → target → approved → signed by approving its requests (WF-10), each stage linked to
 * its request, and a request that skips a stage is refused with a bilingual reason.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sheetTemplate } from "../../src/core/templates/catalog";
import type { LocalHost } from "../../src/local/host";
import { rowsOf } from "./approvals-helpers";
import { openHost } from "./helpers";

const CUSTOMERS = sheetTemplate("customers").tabName;
const SETTINGS = sheetTemplate("settings").tabName;

let host: LocalHost;

beforeAll(async () => {
  host = await openHost();
  await host.clickMenu("installOrUpgrade");
  await host.clickMenu("loadDemoData");
}, 180_000);

afterAll(() => host.close());

/** Types `value` into the Value cell of Settings row `key`, as a person edits the sheet. */
async function setSetting(key: string, value: string): Promise<void> {
  const keys = host.spreadsheet.read(SETTINGS, "A1:A400").map((r) => r[0]);
  const at = keys.indexOf(key);
  expect(at, `Settings row ${key}`).toBeGreaterThan(0);
  await host.editAsUser(SETTINGS, `B${at + 1}`, value);
}

const isDate = (v: unknown): boolean => Object.prototype.toString.call(v) === "[object Date]";

const LABELS = ["忠诚客户 Loyal", "紧密型客户 Close", "松散型客户 Loose", "潜在客户 Potential"];

describe("customer files (KPI-44, KPI-50, WF-12, AMB-58)", () => {
  it("KPI-44 / AMB-58: the demo's customers come out in all four classes by rule, each the class its file records", () => {
    const rows = rowsOf(host, CUSTOMERS);
    expect(rows.length).toBe(40);
    expect(new Set(rows.map((r) => r["Class by rule"]))).toEqual(new Set(LABELS));
    for (const r of rows) expect(String(r["Class by rule"]).toLowerCase(), String(r["Customer ID"])).toContain(String(r.Class));
    for (const r of rows.filter((x) => x.Class === "potential")) expect(r["First deal on"]).toBe("");
  });

  it("WF-12.3: every visited customer shows its last visit and a visit status in both languages; KPI-10: the stale files are flagged", () => {
    const rows = rowsOf(host, CUSTOMERS);
    const visited = rows.filter((r) => isDate(r["Last visit"]));
    expect(visited.length).toBeGreaterThan(30);
    for (const r of rows) expect(String(r["Visit status"])).toMatch(/^(按期|逾期|从未拜访).* \/ (On schedule|Overdue|Never visited)/);
    expect(rows.filter((r) => r["File stale"] === true).length).toBeGreaterThanOrEqual(5);
    expect(rows.filter((r) => r["File stale"] === false).length).toBeGreaterThan(20);
  });

  it("AMB-58: CUSTOMER_LOYAL_ORDERS and CUSTOMER_VISIT_DAYS on Settings are live: 13 orders makes no customer loyal; a 1-day interval makes every visited loyal customer overdue", async () => {
    await setSetting("CUSTOMER_LOYAL_ORDERS", "13");
    expect(rowsOf(host, CUSTOMERS).some((r) => r["Class by rule"] === "忠诚客户 Loyal")).toBe(false);
    await setSetting("CUSTOMER_LOYAL_ORDERS", "6");
    const loyal = rowsOf(host, CUSTOMERS).filter((r) => r["Class by rule"] === "忠诚客户 Loyal");
    expect(loyal.length).toBeGreaterThan(0);
    await setSetting("CUSTOMER_VISIT_DAYS", "loyal:1; close:30; loose:60; potential:30");
    for (const r of rowsOf(host, CUSTOMERS).filter((x) => x["Class by rule"] === "忠诚客户 Loyal" && isDate(x["Last visit"]))) {
      expect(String(r["Visit status"])).toMatch(/^逾期/);
    }
    await setSetting("CUSTOMER_VISIT_DAYS", "loyal:14; close:30; loose:60; potential:30");
  });
});
