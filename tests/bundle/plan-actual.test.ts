/**
 * The 计划完成 Plan vs actual sheet (issue 9 §2; SC-02, SC-09..11, KPI-08) on a small workbook: one
 * row per sales plan of Plans (month, quarter and year; company, region and person), each with plan,
 * actual and completion rate of sales, collections and new customers, computed by formulas over
 * open-ended ranges of Plans and Actuals; a month's unmet collections roll into the next month's
 * plan (NEXT_COLLECTION_PLAN), December into January of the next year; and the Dashboard reads its
 * collections plan (with the roll-over) from here, in January too.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sheetTemplate } from "../../src/core/templates/catalog";
import type { LocalHost } from "../../src/local/host";
import { openHost, writeTemplateRecords } from "./helpers";

const SHEET = sheetTemplate("plan_actual").tabName;
const DASHBOARD = sheetTemplate("dashboard").tabName;
const KONG = "kong.linghui@example.com";
const CAO = "cao.xue@example.com";

let host: LocalHost;

function plan(period: string | number, type: "Y" | "Q" | "M", level: "region" | "person", metric: string, amount: number, person = ""): Record<string, unknown> {
  return { id: `P-${period}-${level}-${person || "EAST"}-${metric}`, year: Number(String(period).slice(0, 4)), period_type: type, period, level, region: "EAST", person_email: person, metric, amount };
}

function actual(period: string, person: string, metric: string, amount: number, refunds: number | "" = ""): Record<string, unknown> {
  return { period, region: "EAST", person_email: person, metric, amount, refunds, source: "manual" };
}

beforeAll(async () => {
  // Mid-January 2027: the Dashboard's current month is the January the December shortfall rolls into.
  host = await openHost({ now: Date.parse("2027-01-15T09:00:00+08:00") });
  await host.clickMenu("installOrUpgrade");
  writeTemplateRecords(host, "people", [
    { name: "孔令辉", email: KONG, role: "sales", region: "EAST", org_unit: "branch", post_level: "staff", status: "regular", language: "zh-CN", active: true },
    { name: "曹雪", email: CAO, role: "sales", region: "EAST", org_unit: "branch", post_level: "staff", status: "regular", language: "zh-CN", active: true },
  ]);
  writeTemplateRecords(host, "regions", [{ code: "EAST", name_zh: "华东", name_en: "East", manager_email: KONG, active: true }]);
  writeTemplateRecords(host, "plans", [
    plan(2026, "Y", "region", "sales", 1_000_000),
    plan(2026, "Y", "region", "collections", 800_000),
    plan(2026, "Y", "region", "new_customers", 20),
    plan("2026-Q4", "Q", "region", "sales", 300_000),
    plan("2026-Q4", "Q", "region", "collections", 240_000),
    plan("2026-12", "M", "region", "sales", 100_000),
    plan("2026-12", "M", "region", "collections", 80_000),
    plan("2027-01", "M", "region", "sales", 120_000),
    plan("2027-01", "M", "region", "collections", 90_000),
    plan("2026-12", "M", "person", "sales", 60_000, KONG),
    plan("2026-12", "M", "person", "collections", 50_000, KONG),
    plan("2026-12", "M", "person", "new_customers", 1, KONG),
    plan("2027-01", "M", "person", "sales", 70_000, KONG),
    plan("2027-01", "M", "person", "collections", 55_000, KONG),
  ]);
  writeTemplateRecords(host, "actuals", [
    actual("2026-10", KONG, "sales", 90_000),
    actual("2026-11", KONG, "sales", 80_000),
    actual("2026-12", KONG, "sales", 50_000),
    actual("2026-12", KONG, "collections", 45_000, 2_000),
    actual("2026-12", CAO, "collections", 10_000),
    actual("2026-12", KONG, "new_customers", 1),
    actual("2027-01", KONG, "sales", 75_000),
    actual("2027-01", KONG, "collections", 60_000),
  ]);
}, 180_000);

afterAll(() => {
  host.close();
});

/** The sheet's rows by the English part of each header, hidden columns included. */
function rows(): Record<string, unknown>[] {
  const values = host.spreadsheet.read(SHEET, "A1:Z60");
  const headers = (values[0] ?? []).map((h) => String(h).split(" / ").pop() ?? "");
  return values
    .slice(1)
    .filter((r) => r[0] !== "" && r[0] !== null)
    .map((r) => Object.fromEntries(headers.map((h, i) => [h, r[i]])));
}

function row(period: string | number, person = ""): Record<string, unknown> {
  const found = rows().find((r) => String(r.Period) === String(period) && r.Person === person);
  if (!found) throw new Error(`no Plan vs actual row ${period} ${person}: ${JSON.stringify(rows().map((r) => [r.Period, r.Person]))}`);
  return found;
}

describe("计划完成 Plan vs actual: one row per sales plan, by formulas", () => {
  it("lists every sales plan row of Plans with bilingual headers, the level in words and the person's name beside the email", () => {
    expect(rows().map((r) => [String(r.Period), r.Level, r.Person])).toEqual([
      ["2026", "区域 Region", ""],
      ["2026-Q4", "区域 Region", ""],
      ["2026-12", "区域 Region", ""],
      ["2027-01", "区域 Region", ""],
      ["2026-12", "个人 Person", KONG],
      ["2027-01", "个人 Person", KONG],
    ]);
    const header = host.spreadsheet.read(SHEET, "A1:F1")[0] ?? [];
    expect(header).toEqual(["期间 / Period", "层级 / Level", "区域 / Region", "人员 / Person", "姓名 / Name", "销售计划 / Sales plan"]);
    expect(row("2026-12", KONG).Name).toBe("孔令辉");
  });

  it("SC-02: a month's sales plan, actual and completion rate, for the region (all its people) and for a person", () => {
    expect(row("2026-12")).toMatchObject({ "Sales plan": 100_000, Sales: 50_000, "Sales completion": 0.5 });
    expect(row("2026-12", KONG)).toMatchObject({ "Sales plan": 60_000, Sales: 50_000 });
    expect(row("2026-12", KONG)["Sales completion"]).toBeCloseTo(50_000 / 60_000, 9);
  });

  it("RP-01: a quarter adds up its three months, a year its twelve", () => {
    expect(row("2026-Q4")).toMatchObject({ "Sales plan": 300_000, Sales: 220_000, "Collections plan": 240_000, "Collections booked": 55_000, Refunds: 2_000 });
    expect(row("2026-Q4")["Sales completion"]).toBeCloseTo(220_000 / 300_000, 9);
    expect(row(2026)).toMatchObject({ "Sales plan": 1_000_000, Sales: 220_000, "Sales completion": 0.22, "New customers plan": 20, "New customers": 1, "New customers completion": 0.05 });
    // A quarter or a year does not roll: its months' roll-overs are inside it.
    expect(row("2026-Q4")["Rolled over"]).toBe("");
    expect(row("2026-Q4")["Collections due"]).toBe(240_000);
  });

  it("SC-09, SC-10: December's collection rate is (booked − refunds) ÷ the plan; KPI-08 new customers against plan", () => {
    expect(row("2026-12")).toMatchObject({ "Collections plan": 80_000, "Rolled over": 0, "Collections due": 80_000, "Collections booked": 55_000, Refunds: 2_000 });
    expect(row("2026-12")["Collection rate"]).toBeCloseTo(53_000 / 80_000, 9);
    expect(row("2026-12", KONG)).toMatchObject({ "New customers plan": 1, "New customers": 1, "New customers completion": 1 });
  });

  it("SC-11: December's unmet collections roll into January of the next year, for the region and for the person", () => {
    // Region: 80,000 planned − (55,000 − 2,000) collected = 27,000 unmet.
    expect(row("2027-01")).toMatchObject({ "Collections plan": 90_000, "Rolled over": 27_000, "Collections due": 117_000, "Collections booked": 60_000 });
    expect(row("2027-01")["Collection rate"]).toBeCloseTo(60_000 / 117_000, 9);
    // Kong: 50,000 − (45,000 − 2,000) = 7,000.
    expect(row("2027-01", KONG)).toMatchObject({ "Collections plan": 55_000, "Rolled over": 7_000, "Collections due": 62_000 });
  });

  it("SC-11 on the Dashboard: January's regional collections plan carries December's shortfall, and the rate is against it", () => {
    const current = host.spreadsheet.read(DASHBOARD, "A3:B3")[0] ?? [];
    expect(current[1]).toBe("2027-01");
    const east = host.spreadsheet.read(DASHBOARD, "A8:I8")[0] ?? [];
    expect(east[0]).toBe("EAST");
    expect(east[5]).toBe(117_000);
    expect(east[8]).toBeCloseTo(60_000 / 117_000, 9);
  });

  it("rows added to Plans and Actuals later count too (open-ended ranges)", () => {
    writeTemplateRecords(host, "plans", [plan("2027-01", "M", "person", "sales", 40_000, CAO)]);
    writeTemplateRecords(host, "actuals", [actual("2027-01", CAO, "sales", 30_000)]);
    expect(row("2027-01", CAO)).toMatchObject({ "Sales plan": 40_000, Sales: 30_000, "Sales completion": 0.75, Name: "曹雪" });
    expect(row("2027-01")).toMatchObject({ Sales: 105_000 });
  });
});
