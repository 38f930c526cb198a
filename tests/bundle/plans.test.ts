/**
 * 分解年度计划 Decompose the plan under the local host (WF-01.6, WF-22.3, RP-09): the menu shows a
 * preview dialog, its button writes once, every parent in Plans then equals the sum of its children,
 * a second run writes nothing (the workbook is unchanged), a stale preview is refused, and a row set
 * by hand keeps its amount while its siblings are re-spread with a note.
 */
import { afterEach, describe, expect, it } from "vitest";
import { sheetTemplate } from "../../src/core/templates/catalog";
import type { LocalHost } from "../../src/local/host";
import { AUDIT, decideByLink, formAnswers, formTitle, linkIn, mailsTo, newestRequest, request, rowsOf } from "./approvals-helpers";
import { openHost, workbookSnapshot, writeTemplateRecords } from "./helpers";

const PLANS = sheetTemplate("plans").tabName;
const SETTINGS = sheetTemplate("settings").tabName;

let host: LocalHost | undefined;
afterEach(() => {
  host?.close();
  host = undefined;
});

/** Plans rows keyed by the English part of each header (all rows, not only the first 400). */
function plans(h: LocalHost): Record<string, unknown>[] {
  const values = h.spreadsheet.read(PLANS, "A1:T5000");
  const headers = (values[0] ?? []).map((x) => String(x).split(" / ").pop() ?? "");
  return values.slice(1).filter((r) => r.some((v) => v !== "" && v !== false)).map((r) => Object.fromEntries(headers.map((x, i) => [x, r[i]])));
}

function setSetting(h: LocalHost, key: string, value: string): void {
  const values = h.spreadsheet.read(SETTINGS, "A1:A400");
  const row = values.findIndex((r) => r[0] === key);
  if (row < 0) throw new Error(`no setting ${key}`);
  const book = h.spreadsheet.workbook;
  book.writeValues(book.requireSheet(SETTINGS), { row: row + 1, column: 2, numRows: 1, numColumns: 1 }, [[value]]);
  book.flush();
}

const ROOTS = [
  { id: "2026-sales-CO-Y", year: 2026, period_type: "Y", period: "2026", level: "company", metric: "sales", amount: 60_000_000, version: 1, state: "approved", approved_by: "qian.zhengming@example.com" },
  { id: "2026-collections-CO-Y", year: 2026, period_type: "Y", period: "2026", level: "company", metric: "collections", amount: 54_000_000, version: 1, state: "approved", approved_by: "qian.zhengming@example.com" },
  { id: "2026-new_customers-CO-Y", year: 2026, period_type: "Y", period: "2026", level: "company", metric: "new_customers", amount: 120, version: 1, state: "approved", approved_by: "qian.zhengming@example.com" },
  { id: "2026-expense_budget-CO-Y", year: 2026, period_type: "Y", period: "2026", level: "company", metric: "expense_budget", amount: 3_600_000, version: 1, state: "approved", approved_by: "qian.zhengming@example.com" },
];

async function planHost(): Promise<LocalHost> {
  const h = await openHost();
  await h.clickMenu("installOrUpgrade");
  await h.clickMenu("loadDemoData");
  writeTemplateRecords(h, "plans", ROOTS, true);
  setSetting(h, "PLAN_REGION_WEIGHTS", "EAST:30; SOUTH:25; NORTH:20; SOUTHWEST:12; CENTRAL:13");
  setSetting(h, "PLAN_PERSON_WEIGHTS", "regional:40; sales:30");
  setSetting(h, "PLAN_SEASONAL_WEIGHTS", "1:7; 2:6; 3:9; 4:8; 5:8; 6:9; 7:8; 8:8; 9:9; 10:9; 11:9; 12:10");
  return h;
}

async function decompose(h: LocalHost): Promise<{ added: number; changed: number; message: string }> {
  const preview = (await h.run("planDecompositionPreview")).value as { fingerprint: string };
  return (await h.run("applyPlanDecomposition", [preview.fingerprint])).value as { added: number; changed: number; message: string };
}

/** Every row that others are decomposed from equals the sum of each set of its children. */
function expectExact(rows: readonly Record<string, unknown>[]): void {
  const sums = new Map<string, number>();
  for (const r of rows) {
    const from = typeof r["Decomposed from"] === "string" ? r["Decomposed from"] : "";
    if (from !== "") sums.set(`${from}|${String(r["Period type"])}`, (sums.get(`${from}|${String(r["Period type"])}`) ?? 0) + Number(r.Amount));
  }
  let parents = 0;
  for (const r of rows) {
    expect(Number(r.Amount), String(r["Plan ID"])).toBeGreaterThanOrEqual(0);
    for (const type of ["Y", "Q", "M"]) {
      const s = sums.get(`${String(r["Plan ID"])}|${type}`);
      if (s === undefined) continue;
      parents += 1;
      expect(s, `${type} parts of ${String(r["Plan ID"])}`).toBe(Number(r.Amount));
    }
  }
  expect(parents).toBeGreaterThan(100);
}

describe("Decompose the plan (WF-01.6, WF-22.3, RP-09)", { timeout: 180_000 }, () => {
  it("WF-01/WF-22/RP-09: the menu previews what will be written; one write on confirm; every parent equals the sum of its children; a second run changes nothing", async () => {
    host = await planHost();
    await host.clickMenu("decomposeAnnualPlan");
    const dialog = host.spreadsheet.dialogs.at(-1);
    expect(dialog?.html).toContain(".applyPlanDecomposition(");
    // 4 metrics × (company Q/M 16 + 5 regions × 17 + 11 people × 17)
    const expected = 4 * (16 + 5 * 17 + 11 * 17);
    expect(dialog?.html).toContain(`<b id="add-count">${expected}</b>`);
    expect(dialog?.html).toContain("60,000,000");
    expect(plans(host)).toHaveLength(4);

    const first = await decompose(host);
    expect(first).toMatchObject({ added: expected, changed: 0 });
    const rows = plans(host);
    expect(rows).toHaveLength(4 + expected);
    expectExact(rows);
    const east = rows.find((r) => r["Plan ID"] === "2026-sales-EAST-Y");
    expect(east).toMatchObject({ Amount: 18_000_000, "Decomposed from": "2026-sales-CO-Y", Version: 1, State: "approved", "Approved by": "qian.zhengming@example.com" });
    expect(rowsOf(host, AUDIT).filter((r) => r.Action === "plans.decomposed")).toHaveLength(1);

    // again, on the unchanged plan: nothing to write, and nothing in the workbook moves
    const before = JSON.stringify(workbookSnapshot(host));
    await host.clickMenu("decomposeAnnualPlan");
    expect(host.spreadsheet.dialogs.at(-1)?.html).toContain('id="nothing"');
    const again = await decompose(host);
    expect(again).toMatchObject({ added: 0, changed: 0 });
    expect(JSON.stringify(workbookSnapshot(host))).toBe(before);
  });

  it("WF-01.6: a stale preview is refused; a row set by hand keeps its amount, its siblings are re-spread with a note, and Settings weights change the outcome", async () => {
    host = await planHost();
    const preview = (await host.run("planDecompositionPreview")).value as { fingerprint: string };
    setSetting(host, "PLAN_REGION_WEIGHTS", "");
    await expect(host.run("applyPlanDecomposition", [preview.fingerprint])).rejects.toThrow(/open Decompose the plan again/);
    expect(plans(host)).toHaveLength(4);
    // blank region weights: even regions
    await decompose(host);
    expect(plans(host).find((r) => r["Plan ID"] === "2026-sales-EAST-Y")?.Amount).toBe(12_000_000);

    // the director sets EAST by hand to 20 000 000
    const values = host.spreadsheet.read(PLANS, "A1:T5000");
    const headers = (values[0] ?? []).map((x) => String(x).split(" / ").pop() ?? "");
    const row = values.findIndex((r) => r[0] === "2026-sales-EAST-Y") + 1;
    const book = host.spreadsheet.workbook;
    const sheet = book.requireSheet(PLANS);
    book.writeValues(sheet, { row, column: headers.indexOf("Amount") + 1, numRows: 1, numColumns: 1 }, [[20_000_000]]);
    book.writeValues(sheet, { row, column: headers.indexOf("Set by hand") + 1, numRows: 1, numColumns: 1 }, [[true]]);
    book.flush();
    const result = await decompose(host);
    expect(result.added).toBe(0);
    expect(result.changed).toBeGreaterThan(0);
    const rows = plans(host);
    expect(rows.find((r) => r["Plan ID"] === "2026-sales-EAST-Y")).toMatchObject({ Amount: 20_000_000, "Set by hand": true });
    expect(String(rows.find((r) => r["Plan ID"] === "2026-sales-EAST-Y")?.Note)).toContain("Set by hand to 20000000");
    expect(rows.find((r) => r["Plan ID"] === "2026-sales-SOUTH-Y")?.Amount).toBe(10_000_000);
    expect(String(rows.find((r) => r["Plan ID"] === "2026-sales-SOUTH-Y")?.Note)).toContain("重新分摊");
    expectExact(rows);
    expect(await decompose(host)).toMatchObject({ added: 0, changed: 0 });
  });
});

describe("the annual business plan, from its form to the decomposition (WF-22, RP-09, AMB-57)", { timeout: 240_000 }, () => {
  it("WF-22/RP-09: a plan submitted after ANNUAL_PLAN_DUE is flagged late on Requests; ANNUAL_PLAN_APPROVER's role approves it; the approved targets land in Plans and decompose exactly", async () => {
    const h = await openHost();
    host = h;
    const server = await h.serve(0);
    try {
      await h.clickMenu("installOrUpgrade");
      await h.run("buildForms");
      await h.clickMenu("loadDemoData");
      await h.run("buildForms");
      const MANAGER = "zhou.haitao@example.com";
      const GM = "qian.zhengming@example.com";
      const DIRECTOR = "sun.lixin@example.com";
      const answers = { title: "2027 年度经营计划", year: "2027", version: "1", amount: "72000000", collections: "65000000", new_customers: "150", expense_budget: "4000000", plan: "依据五年规划与上年完成情况" };
      const submitAs = async (over: Record<string, string>): Promise<Record<string, unknown>> => {
        await h.submitForm(formTitle("annual_plan"), formAnswers(h, "annual_plan", { ...answers, ...over }), { as: MANAGER });
        return newestRequest(h, MANAGER);
      };
      // today is 2026-11-02: the 2026 plan was due by 2026-01-05, so it is late; 2027's is on time
      const late = await submitAs({ year: "2026", title: "2026 年度经营计划(补交)" });
      expect(String(late["Status reason"])).toContain("Late: the 2026 annual business plan was due by 2026-01-05");
      expect(String(late["Status reason"])).toContain("逾期提交");
      expect(late["Current approver"]).toContain(GM);
      // the company's approver is a setting: the director this time
      setSetting(h, "ANNUAL_PLAN_APPROVER", "director");
      const plan = await submitAs({});
      expect(plan.Status).toBe("pending");
      expect(plan["Status reason"]).toBe("");
      expect(plan["Current approver"]).toContain(DIRECTOR);
      const id = String(plan["Request ID"]);
      const mail = mailsTo(h, DIRECTOR).filter((m) => m.html.includes(id) && /exec\?t=/.test(m.html)).at(-1);
      if (!mail) throw new Error("no decision link");
      expect(await decideByLink(server.url, linkIn(mail), "approve", "同意")).toContain("result-done");
      expect(request(h, id).Status).toBe("approved");
      const roots = plans(h).filter((r) => r.Year === 2027);
      expect(roots.map((r) => [r["Plan ID"], r.Amount, r.Level, r["Approved by"], r.State, r.Version])).toEqual([
        ["2027-sales-CO-Y", 72_000_000, "company", DIRECTOR, "approved", 1],
        ["2027-collections-CO-Y", 65_000_000, "company", DIRECTOR, "approved", 1],
        ["2027-new_customers-CO-Y", 150, "company", DIRECTOR, "approved", 1],
        ["2027-expense_budget-CO-Y", 4_000_000, "company", DIRECTOR, "approved", 1],
      ]);
      // the demo's own 2026 rows are keyed as the decomposition keys them: nothing is added for 2026
      const result = await decompose(h);
      expect(result.added).toBe(4 * (16 + 5 * 17 + 11 * 17));
      const after = plans(h);
      expectExact(after.filter((r) => r.Year === 2027));
      expect(after.filter((r) => r.Year === 2027 && r["Approved by"] === DIRECTOR)).toHaveLength(4 * (17 + 5 * 17 + 11 * 17));
      expect(await decompose(h)).toMatchObject({ added: 0, changed: 0 });
    } finally {
      await server.close();
    }
  });
});

describe("the regional plan chain (WF-01.5-7, AMB-44)", { timeout: 240_000 }, () => {
  it("WF-01.7: the regional manager's own plan: the assistant comments, the Director decomposes, and the region (not the Director) accepts the tasks", async () => {
    const h = await openHost();
    host = h;
    const server = await h.serve(0);
    try {
      await h.clickMenu("installOrUpgrade");
      await h.run("buildForms");
      await h.clickMenu("loadDemoData");
      await h.run("buildForms");
      const REGIONAL = "xu.wenhua@example.com";
      const ASSISTANT = "zheng.yuting@example.com";
      const DIRECTOR = "sun.lixin@example.com";
      await h.submitForm(formTitle("regional_plan"), formAnswers(h, "regional_plan", { title: "华东 2027 年营销计划", region: "EAST", period_type: "年度 / Annual", period: "2027", amount: "20000000", plan: "重点开拓杭州、苏州商超渠道" }), { as: REGIONAL });
      const id = String(newestRequest(h, REGIONAL)["Request ID"]);
      const decide = async (who: string): Promise<void> => {
        expect(String(request(h, id)["Current approver"]), `step ${String(request(h, id)["Current step"])}`).toContain(who);
        const mail = mailsTo(h, who).filter((m) => m.html.includes(id) && /exec\?t=/.test(m.html)).at(-1);
        if (!mail) throw new Error(`no decision link for ${who}`);
        expect(await decideByLink(server.url, linkIn(mail), "approve", "同意")).toContain("result-done");
      };
      await decide(ASSISTANT);
      await decide(DIRECTOR);
      // step 3 "Regional manager accepts the tasks": the requester's own region, not their superior
      expect(request(h, id)["Current step"]).toBe(3);
      expect(String(request(h, id)["Current approver"])).not.toContain(DIRECTOR);
      await decide(REGIONAL);
      expect(request(h, id).Status).toBe("approved");
    } finally {
      await server.close();
    }
  });
});
