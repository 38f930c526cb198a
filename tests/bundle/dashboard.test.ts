/**
 * The installed Dashboard (看板) on the demo department: every figure equals what the test adds up
 * from the sheets' own rows, to the cent, for the current month (November 2026 on the demo clock)
 * and the last closed month (October, from fixture Monthly results rows while the monthly close is
 * not on main); its formulas read other sheets through open-ended ranges, so rows added past a
 * sheet's old last row still count; and its native charts are recorded with their ranges and
 * added once, however often the installer runs.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { templateCatalog } from "../../src/core/templates/catalog";
import type { LocalHost } from "../../src/local/host";
import { toA1 } from "../../src/local/spreadsheet/a1";
import { listReferences } from "../../src/local/spreadsheet/formulaText";
import type { SheetModel } from "../../src/local/spreadsheet/sheetModel";
import { openHost, scratchDir } from "./helpers";

const catalog = templateCatalog();
const tab = (key: string): string => catalog.byKey.get(key)?.tabName ?? key;
const DASHBOARD = tab("dashboard");
/** Layout of sheets-templates/sheets/dashboard.json: 12 region rows per month, then the totals. */
const CURRENT_FIRST = 8;
const CLOSED_FIRST = 24;
const SLOTS = 12;
const GRADES_FIRST = 48;
const PEOPLE_FIRST = 55;

type Row = Record<string, unknown>;

function sheetOf(host: LocalHost, key: string): SheetModel {
  return host.spreadsheet.workbook.requireSheet(tab(key));
}

/** A template sheet's rows by column key (a fresh install keeps the template's column order). */
function records(host: LocalHost, key: string): Row[] {
  const book = host.spreadsheet.workbook;
  const sheet = sheetOf(host, key);
  const columns = catalog.byKey.get(key)?.columns ?? [];
  const last = book.lastRow(sheet);
  if (last < 2) return [];
  return book.readValues(sheet, { row: 2, column: 1, numRows: last - 1, numColumns: columns.length }).map((values) => Object.fromEntries(columns.map((c, i) => [c.key, values[i]])));
}

function dashboard(host: LocalHost, row: number, column: number, numRows = 1, numColumns = 1): unknown[][] {
  const book = host.spreadsheet.workbook;
  return book.readValues(book.requireSheet(DASHBOARD), { row, column, numRows, numColumns });
}

const num = (v: unknown): number => (typeof v === "number" ? v : 0);
const sum = (rows: readonly Row[], field: string): number => rows.reduce((s, r) => s + num(r[field]), 0);
const monthOf = (d: unknown): string => (d instanceof Date ? new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 7) : "");

interface RegionFigures {
  readonly code: string;
  readonly salesPlan: number;
  readonly sales: number;
  readonly collectionsPlan: number;
  readonly collections: number;
  readonly refunds: number;
  readonly visits: number;
  readonly newCustomers: number;
}

/** What each region's row must show for `month`, added up from Regions, Plans, Actuals, People and Activities. */
function expectedRegions(host: LocalHost, month: string): RegionFigures[] {
  const plans = records(host, "plans").filter((p) => p.period === month && p.level === "region");
  const actuals = records(host, "actuals").filter((a) => a.period === month);
  const people = records(host, "people");
  const visits = records(host, "activities").filter((a) => monthOf(a.date) === month && (a.type === "onsite" || a.type === "phone"));
  return records(host, "regions")
    .filter((r) => typeof r.code === "string" && r.code !== "")
    .map((r) => {
      const code = String(r.code);
      const mine = actuals.filter((a) => a.region === code);
      const emails = new Set(people.filter((p) => p.region === code).map((p) => p.email));
      return {
        code,
        salesPlan: sum(plans.filter((p) => p.region === code && p.metric === "sales"), "amount"),
        sales: sum(mine.filter((a) => a.metric === "sales"), "amount"),
        collectionsPlan: sum(plans.filter((p) => p.region === code && p.metric === "collections"), "amount"),
        collections: sum(mine.filter((a) => a.metric === "collections"), "amount"),
        refunds: sum(mine.filter((a) => a.metric === "collections"), "refunds"),
        visits: visits.filter((v) => emails.has(v.person_email)).length,
        newCustomers: sum(mine.filter((a) => a.metric === "new_customers"), "amount"),
      };
    });
}

function expectRegionRows(host: LocalHost, first: number, month: string): RegionFigures[] {
  const want = expectedRegions(host, month);
  const rows = dashboard(host, first, 1, SLOTS, 11);
  want.forEach((w, i) => {
    const row = rows[i] ?? [];
    expect(row[0]).toBe(w.code);
    expect(row[2]).toBeCloseTo(w.salesPlan, 2);
    expect(row[3]).toBeCloseTo(w.sales, 2);
    if (w.salesPlan > 0) expect(row[4]).toBeCloseTo(w.sales / w.salesPlan, 6);
    expect(row[5]).toBeCloseTo(w.collectionsPlan, 2);
    expect(row[6]).toBeCloseTo(w.collections, 2);
    expect(row[7]).toBeCloseTo(w.refunds, 2);
    // SC-09 / SC-10: the collection rate counts collections net of refunds against the plan.
    if (w.collectionsPlan > 0) expect(row[8]).toBeCloseTo((w.collections - w.refunds) / w.collectionsPlan, 6);
    expect(row[9]).toBe(w.visits);
    expect(row[10]).toBeCloseTo(w.newCustomers, 2);
  });
  for (const row of rows.slice(want.length)) expect(row.every((v) => v === "")).toBe(true);
  const total = dashboard(host, first + SLOTS, 1, 1, 11)[0] ?? [];
  expect(total[2]).toBeCloseTo(want.reduce((s, w) => s + w.salesPlan, 0), 2);
  expect(total[3]).toBeCloseTo(want.reduce((s, w) => s + w.sales, 0), 2);
  expect(total[6]).toBeCloseTo(want.reduce((s, w) => s + w.collections, 0), 2);
  expect(total[9]).toBe(want.reduce((s, w) => s + w.visits, 0));
  return want;
}

/** Monthly results rows as the close writes them (the monthly close builds the real ones). */
function addMonthlyResults(host: LocalHost): Row[] {
  const people = records(host, "people").filter((p) => typeof p.region === "string" && p.region !== "").slice(0, 4);
  const states = ["signed", "closed", "published", "superseded"];
  const grades = ["A", "B", "C", "A"];
  const rows: Row[] = people.map((p, i) => ({
    id: `2026-10#${String(p.email)}#1`,
    month: "2026-10",
    employee_email: p.email,
    employee_name: p.name,
    region: p.region,
    post: p.role,
    revision: 1,
    final_score: 95 - i * 12.5,
    grade: grades[i],
    flags: i === 0 ? "SC-43: fixture flag" : "",
    state: states[i],
  }));
  const book = host.spreadsheet.workbook;
  const sheet = sheetOf(host, "monthly_results");
  const columns = catalog.byKey.get("monthly_results")?.columns ?? [];
  for (const r of rows) book.appendRow(sheet, columns.map((c) => r[c.key] ?? ""));
  return rows;
}

describe("the Dashboard (看板) of the demo department", () => {
  let host: LocalHost;
  let fixture: Row[];

  beforeAll(async () => {
    host = await openHost();
    await host.openSpreadsheet();
    await host.clickMenu("installOrUpgrade");
    await host.clickMenu("loadDemoData");
    fixture = addMonthlyResults(host);
  }, 180_000);

  it("names the current month and the last closed month (the latest on Monthly results)", () => {
    expect(dashboard(host, 3, 2)[0]?.[0]).toBe("2026-11");
    expect(dashboard(host, 4, 2, 1, 2)[0]).toEqual(["2026-10", ""]);
  });

  it("SC-02: shows each region's November plan against its actuals, to the cent", () => {
    const want = expectRegionRows(host, CURRENT_FIRST, "2026-11");
    expect(want.map((w) => w.code)).toEqual(["EAST", "SOUTH", "NORTH", "SOUTHWEST", "CENTRAL"]);
    expect(want.every((w) => w.salesPlan > 0)).toBe(true);
  });

  it("SC-09, SC-10: shows October's sales, collections net of refunds, visits and new customers per region, to the cent", () => {
    const want = expectRegionRows(host, CLOSED_FIRST, "2026-10");
    expect(want.reduce((s, w) => s + w.sales, 0)).toBeGreaterThan(0);
    expect(want.reduce((s, w) => s + w.visits, 0)).toBeGreaterThan(0);
  });

  it("SC-57: lists the last closed month's people, a grade only once signed or published, and counts the grades", () => {
    const shown = fixture.filter((r) => r.state !== "superseded");
    const rows = dashboard(host, PEOPLE_FIRST, 1, shown.length + 1, 7);
    shown.forEach((r, i) => {
      const row = rows[i] ?? [];
      expect(row[0]).toBe(r.employee_name);
      expect(row[3]).toBeCloseTo(num(r.final_score), 6);
      expect(row[4]).toBe(r.state === "closed" ? "待签字 / pending signature" : r.grade);
      expect(row[5]).toBe(r.state);
    });
    expect(rows[shown.length]?.every((v) => v === "")).toBe(true);
    expect(dashboard(host, GRADES_FIRST, 1, 4, 2)).toEqual([
      ["A", 1],
      ["B", 0],
      ["C", 1],
      ["待签字 / pending signature", 1],
    ]);
  });

  it("lists pending approvals by holder and overdue tasks by owner, as the rows say", () => {
    const today = Date.parse("2026-11-02T00:00:00+08:00");
    const overdue = records(host, "tasks").filter((t) => t.due_on instanceof Date && t.due_on.getTime() < today && t.done_on === "");
    const owners = [...new Set(overdue.map((t) => String(t.owner_email)))].sort();
    const band = dashboard(host, 8, 17, owners.length + 1, 2);
    expect(band.slice(0, owners.length).map((r) => r[0])).toEqual(owners);
    owners.forEach((o, i) => expect(band[i]?.[1]).toBe(overdue.filter((t) => t.owner_email === o).length));
    expect(dashboard(host, 41, 2)[0]?.[0]).toBe(overdue.length);
    const pending = records(host, "requests").filter((r) => r.status === "pending");
    expect(dashboard(host, 39, 2)[0]?.[0]).toBe(pending.length);
  });

  it("reads every other sheet through open-ended ranges (B2:B), never a range closed at a row", () => {
    const book = host.spreadsheet.workbook;
    const sheet = book.requireSheet(DASHBOARD);
    const formulas = book.readFormulas(sheet, { row: 1, column: 1, numRows: book.lastRow(sheet), numColumns: 19 }).flat().filter((f) => f !== "");
    const outside = formulas.flatMap((f) => listReferences(f)).filter((r) => r.sheetName !== undefined && r.sheetName !== DASHBOARD);
    expect(outside.length).toBeGreaterThan(100);
    expect(outside.filter((r) => r.end === undefined || r.end.row !== undefined)).toEqual([]);
  });

  it("counts Actuals rows added past the sheet's old last row", () => {
    const book = host.spreadsheet.workbook;
    const actuals = sheetOf(host, "actuals");
    const before = num(dashboard(host, CLOSED_FIRST, 4)[0]?.[0]);
    const oldBound = actuals.maxRows;
    book.insertRows(actuals, oldBound, 10);
    book.writeValues(actuals, { row: oldBound + 5, column: 1, numRows: 1, numColumns: 5 }, [["2026-10", "EAST", "late.entry@example.com", "sales", 12345.67]]);
    expect(dashboard(host, CLOSED_FIRST, 1)[0]?.[0]).toBe("EAST");
    expect(num(dashboard(host, CLOSED_FIRST, 4)[0]?.[0])).toBeCloseTo(before + 12345.67, 2);
    expectRegionRows(host, CLOSED_FIRST, "2026-10");
  });

  it("records its native charts with their ranges, and a second install adds no chart", async () => {
    const sheet = host.spreadsheet.workbook.requireSheet(DASHBOARD);
    const specs = (): unknown => sheet.charts.map((c) => ({ id: c.chartId, type: c.type, ranges: c.ranges.map((r) => `${r.sheetName}!${toA1(r.rect)}`), title: c.options.title, anchor: [c.position.anchorRow, c.position.anchorColumn], headers: c.numHeaders }));
    expect(specs()).toEqual([
      { id: 1, type: "COLUMN", ranges: [`${DASHBOARD}!B7:D19`], title: "销售计划与实绩(本月) / Sales plan vs actual (current month)", anchor: [6, 21], headers: 1 },
      { id: 2, type: "COLUMN", ranges: [`${DASHBOARD}!B23:D35`], title: "销售计划与实绩(最近关账月份) / Sales plan vs actual (last closed month)", anchor: [22, 21], headers: 1 },
      { id: 3, type: "PIE", ranges: [`${DASHBOARD}!A47:B51`], title: "等级分布(最近关账月份) / Grade distribution (last closed month)", anchor: [38, 21], headers: 1 },
    ]);
    const first = specs();
    await host.clickMenu("installOrUpgrade");
    expect(specs()).toEqual(first);
    // A chart a person deleted comes back on the next run; the others stay as they are.
    sheet.charts = sheet.charts.filter((c) => c.type !== "PIE");
    await host.clickMenu("installOrUpgrade");
    expect(sheet.charts.map((c) => [c.type, c.options.title])).toEqual((first as { type: string; title: string }[]).map((c) => [c.type, c.title]));
  }, 120_000);

  it("keeps its charts in the sidecar and open ranges in the .xlsx (to the file's last row, not the sheet's)", async () => {
    const dir = scratchDir();
    const saved = await host.save(join(dir, "workbook.xlsx"));
    const side = JSON.parse(readFileSync(saved.sidecar, "utf8")) as { spreadsheet: { sheets: { name: string; charts?: { type: string }[]; formulas: Record<string, string> }[] } };
    const dash = side.spreadsheet.sheets.find((s) => s.name === DASHBOARD);
    expect(dash?.charts?.map((c) => c.type)).toEqual(["COLUMN", "COLUMN", "PIE"]);
    expect(dash?.formulas.B39).toBe("=COUNTIF('申请 Requests'!$R$2:$R,\"pending\")");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(saved.workbook);
    const cell = wb.worksheets.find((w) => w.name === DASHBOARD)?.getCell("B39").value as { formula: string } | undefined;
    expect(cell?.formula).toBe("COUNTIF('申请 Requests'!$R$2:$R1048576,\"pending\")");
  }, 120_000);
});
