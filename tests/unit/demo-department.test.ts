/**
 * The demo department (npm start, 载入演示数据): deterministic, every role of spec §1.1 that a person
 * or department contact holds, records that fit the templates, a plan whose decomposition adds up
 * exactly (WF-01, WF-22: annual = Σ quarters = Σ months; company = Σ regions; region = Σ people),
 * and a month of activity inside that month.
 */
import { describe, expect, it } from "vitest";
import { buildDemoDepartment, DEMO_SHEETS } from "../../src/core/demo/department";
import { seededRandom } from "../../src/core/demo/random";
import { sheetTemplate, templateCatalog } from "../../src/core/templates/catalog";
import type { TableRecord } from "../../src/core/templates/table";
import { CUSTOMER_CLASS } from "../../src/gas/customFunctions";

const demo = buildDemoDepartment({ year: 2026, month: 10 });
const records = (key: string): readonly TableRecord[] => demo.records[key] ?? [];
const plans = records("plans");

describe("the demo department", () => {
  it("is the same every time for the same year, month and seed", () => {
    expect(buildDemoDepartment({ year: 2026, month: 10 })).toEqual(demo);
    expect(buildDemoDepartment({ year: 2026, month: 10, seed: 7 })).not.toEqual(demo);
    expect(seededRandom(1).next()).toBe(seededRandom(1).next());
  });

  it("has five regions and about 25-30 people covering every role the People sheet offers", () => {
    expect(records("regions").map((r) => r.name_zh)).toEqual(["华东", "华南", "华北", "西南", "华中"]);
    const roleColumn = sheetTemplate("people").columns.find((c) => c.key === "role");
    const roles = roleColumn?.validation?.kind === "enum" ? roleColumn.validation.values.map((o) => o.value) : [];
    expect(roles.length).toBeGreaterThan(15);
    expect(new Set(records("people").map((p) => p.role))).toEqual(new Set(roles));
    expect(records("people").length).toBeGreaterThanOrEqual(25);
    expect(records("people").length).toBeLessThanOrEqual(32);
  });

  it("gives everyone but the president a direct superior who is in People, and two delegations in the month", () => {
    const emails = new Set(records("people").map((p) => p.email));
    for (const p of records("people")) {
      if (p.role !== "president") expect(emails.has(p.manager_email), String(p.email)).toBe(true);
    }
    const delegations = records("people").filter((p) => p.delegate_email !== null);
    expect(delegations.map((p) => p.role)).toEqual(["director", "mkt_manager"]);
    expect(delegations.every((p) => String(p.delegate_from).startsWith("2026-10"))).toBe(true);
  });

  it("has customers in all four classes and dealers in every status", () => {
    expect(new Set(records("customers").map((c) => c.class))).toEqual(new Set(["loyal", "close", "loose", "potential"]));
    expect(records("customers").filter((c) => c.class === "potential").every((c) => c.first_deal_on === null)).toBe(true);
    expect(new Set(records("dealers").map((d) => d.status))).toEqual(new Set(["candidate", "vetted", "target", "approved", "signed"]));
  });

  it("KPI-44 / AMB-58: the class rule, over the demo's orders, gives each region a customer of every class, the class each file records", () => {
    const customers = records("customers");
    const orders = records("orders");
    const cells = (rows: readonly TableRecord[], key: string): unknown[][] => rows.map((r) => [r[key] ?? ""]);
    const byRule = CUSTOMER_CLASS(cells(customers, "id"), cells(customers, "first_deal_on"), cells(customers, "market_share"), cells(orders, "customer_id"), cells(orders, "shipped_on"), "2026-11-05") as string[][];
    const labels: Readonly<Record<string, string>> = { loyal: "忠诚客户 Loyal", close: "紧密型客户 Close", loose: "松散型客户 Loose", potential: "潜在客户 Potential" };
    expect(byRule.map((r) => r[0])).toEqual(customers.map((c) => labels[String(c.class)]));
    for (const region of new Set(customers.map((c) => c.region))) {
      expect(new Set(byRule.filter((_r, i) => customers[i]?.region === region).map((r) => r[0])).size, String(region)).toBe(4);
    }
    // The year of history ships no order whose payment falls due in the demo month (SC-18 counts the month's own).
    expect(orders.filter((o) => String(o.id).startsWith("SO-H-")).every((o) => String(o.shipped_on) < "2026-09-01")).toBe(true);
  });

  it("writes only template columns, valid enum values and references that resolve", () => {
    const catalog = templateCatalog();
    const known = new Map<string, Set<unknown>>();
    const keysOf = (sheet: string, column: string): Set<unknown> => {
      const id = `${sheet}.${column}`;
      let keys = known.get(id);
      if (!keys) known.set(id, (keys = new Set(records(sheet).map((r) => r[column]))));
      return keys;
    };
    const problems: string[] = [];
    for (const sheetKey of DEMO_SHEETS) {
      const sheet = sheetTemplate(sheetKey, catalog);
      const columns = new Map(sheet.columns.map((c) => [c.key, c]));
      for (const record of records(sheetKey)) {
        for (const [key, value] of Object.entries(record)) {
          const column = columns.get(key);
          if (!column || column.type === "formula") problems.push(`${sheetKey}.${key}: not a writable template column`);
          const v = column?.validation;
          if (value === null || !v) continue;
          if (v.kind === "enum" && !v.values.some((o) => o.value === value)) problems.push(`${sheetKey}.${key} = ${String(value)}: not a choice`);
          if (v.kind === "ref" && (DEMO_SHEETS as readonly string[]).includes(v.sheet) && !keysOf(v.sheet, v.column).has(value)) problems.push(`${sheetKey}.${key} = ${String(value)}: no such ${v.sheet}`);
        }
        for (const c of sheet.columns) if (c.required && c.type !== "formula" && (record[c.key] ?? null) === null) problems.push(`${sheetKey}.${c.key}: required but blank`);
      }
    }
    expect(problems).toEqual([]);
  });
});

describe("the year's plan adds up exactly (WF-01, WF-22, splitByWeights)", () => {
  const amount = (filter: (p: TableRecord) => boolean): number => plans.filter(filter).reduce((a, p) => a + Number(p.amount), 0);
  const metrics = ["sales", "collections", "new_customers", "expense_budget"] as const;

  it("has company, region and person rows for the year, each quarter and each month of every metric", () => {
    for (const metric of metrics) {
      for (const level of ["company", "region", "person"]) {
        const rows = plans.filter((p) => p.metric === metric && p.level === level);
        const scopes = level === "company" ? 1 : level === "region" ? 5 : 11;
        expect(rows.length, `${metric} ${level}`).toBe(scopes * 17);
      }
    }
    expect(plans.find((p) => p.id === "2026-sales-CO-Y")?.amount).toBe(60_000_000);
  });

  it("annual = Σ quarters = Σ months for every scope", () => {
    const scopes = new Set(plans.map((p) => `${String(p.metric)}|${String(p.level)}|${String(p.region)}|${String(p.person_email)}`));
    for (const scope of scopes) {
      const inScope = (p: TableRecord): boolean => `${String(p.metric)}|${String(p.level)}|${String(p.region)}|${String(p.person_email)}` === scope;
      const annual = amount((p) => inScope(p) && p.period_type === "Y");
      expect(amount((p) => inScope(p) && p.period_type === "Q"), scope).toBe(annual);
      expect(amount((p) => inScope(p) && p.period_type === "M"), scope).toBe(annual);
      for (let q = 1; q <= 4; q += 1) {
        const quarter = amount((p) => inScope(p) && p.period === `2026-Q${q}`);
        const months = [1, 2, 3].map((m) => `2026-${String((q - 1) * 3 + m).padStart(2, "0")}`);
        expect(amount((p) => inScope(p) && months.includes(String(p.period))), `${scope} Q${q}`).toBe(quarter);
      }
    }
  });

  it("company = Σ regions and region = Σ people in every period", () => {
    const periods = new Set(plans.map((p) => String(p.period)));
    for (const metric of metrics) {
      for (const period of periods) {
        const at = (p: TableRecord): boolean => p.metric === metric && p.period === period;
        expect(amount((p) => at(p) && p.level === "region"), `${metric} ${period}`).toBe(amount((p) => at(p) && p.level === "company"));
        for (const region of ["EAST", "SOUTH", "NORTH", "SOUTHWEST", "CENTRAL"]) {
          expect(amount((p) => at(p) && p.level === "person" && p.region === region), `${metric} ${period} ${region}`).toBe(amount((p) => at(p) && p.level === "region" && p.region === region));
        }
      }
    }
  });

  it("links each part to the plan it was decomposed from", () => {
    const ids = new Set(plans.map((p) => p.id));
    for (const p of plans) if (p.level !== "company" || p.period_type !== "Y") expect(ids.has(p.source_plan_id), String(p.id)).toBe(true);
    expect(plans.find((p) => p.id === "2026-sales-EAST-Y")?.source_plan_id).toBe("2026-sales-CO-Y");
  });
});

describe("one month of activity", () => {
  it("keeps visits, reports, tasks and incidents inside the month", () => {
    // Visits and competitor reports fill October's ISO weeks (KPI-07, AMB-49): Monday 28 September to Sunday 1 November.
    for (const r of records("activities")) expect(String(r.date) >= "2026-09-28" && String(r.date) <= "2026-11-01").toBe(true);
    for (const r of records("activities").filter((a) => a.type === "file_update" || a.type === "daily_report")) expect(String(r.date)).toMatch(/^2026-10-/);
    for (const r of records("tasks")) expect(String(r.due_on)).toMatch(/^2026-10-/);
    for (const r of records("contract_incidents")) expect(String(r.date)).toMatch(/^2026-10-/);
    expect(new Set(records("activities").map((r) => r.type))).toEqual(new Set(["onsite", "phone", "return_visit", "competitor_report", "file_update", "daily_report"]));
  });

  it("reports the month's first deals as new customers (KPI-08)", () => {
    const firstDeals = records("customers").filter((c) => String(c.first_deal_on).startsWith("2026-10")).length;
    const reported = records("actuals").filter((a) => a.metric === "new_customers").reduce((s, a) => s + Number(a.amount), 0);
    expect(reported).toBe(firstDeals);
    expect(firstDeals).toBe(5);
  });

  it("includes late collections (SC-18), overdue tasks (WF-17) and one incident of each kind (SC-14..17)", () => {
    const late = records("orders").filter((o) => o.collected_on !== null && (Date.parse(String(o.collected_on)) - Date.parse(String(o.shipped_on))) / 86_400_000 > 30);
    expect(late.length).toBeGreaterThan(0);
    expect(records("tasks").some((t) => t.done_on === null)).toBe(true);
    expect(records("tasks").some((t) => t.done_on !== null && String(t.done_on) > String(t.due_on))).toBe(true);
    expect(records("contract_incidents").map((i) => i.type)).toEqual(["credit_check", "communication", "clause_error", "followup_failure"]);
  });

  it("rejects a month that does not exist", () => {
    expect(() => buildDemoDepartment({ year: 2026, month: 13 })).toThrow("month must be 1-12");
  });
});

describe("the month's appraisal inputs (spec §3, WF-24)", () => {
  const objective = records("scorecard_objective");
  const marketing = records("people").filter((p) => !["president", "gm", "finance", "hr", "admin", "cs", "warehouse", "quality"].includes(String(p.role)));

  it("gives every member of the marketing department an objective-appraisal row and an annual row (SC-25)", () => {
    expect(objective.map((r) => r.employee_email)).toEqual(marketing.map((p) => p.email));
    expect(objective.every((r) => r.month === "2026-10")).toBe(true);
    expect(records("annual_appraisal").map((r) => r.employee_email)).toEqual(marketing.map((p) => p.email));
    expect(records("annual_appraisal").every((r) => r.year === 2026 && Number(r.peer_score) >= 0 && Number(r.superior_score) <= 100)).toBe(true);
  });

  it("rates the six behaviour items 1-5 for everyone (SC-30, SC-33)", () => {
    const items = ["attendance", "office_discipline", "org_behaviour", "environment", "team_awareness", "professionalism"];
    for (const r of objective) for (const item of items) expect([1, 2, 3, 4, 5], `${String(r.employee_email)} ${item}`).toContain(r[item]);
  });

  it("gives a direct work score only to people with no task and no post scorecard that month (SC-29, AMB-21, AMB-69)", () => {
    const owners = new Set(records("tasks").map((t) => t.owner_email));
    const heads = new Set(["sales_head", "cust_head", "info_head", "mkt_manager"].map((role) => records("people").find((p) => p.role === role)?.email));
    for (const r of objective) {
      const needsDirect = !owners.has(r.employee_email) && !heads.has(r.employee_email);
      expect(r.work_direct !== null, String(r.employee_email)).toBe(needsDirect);
    }
  });

  it("fills one row of each head scorecard with the spec's own ratings (SC-06, SC-07, SC-19..SC-24)", () => {
    const one = (key: string): TableRecord | undefined => (records(key).length === 1 ? records(key)[0] : undefined);
    expect(one("scorecard_sales_head")).toMatchObject({ info_system_points: 12, attitude_points: 4 });
    expect(one("scorecard_cust_head")).toMatchObject({ research_deduction: 2, records_misses: 1, discipline_deduction: 3 });
    expect(one("scorecard_info_head")).toMatchObject({ accuracy: 90, digitization: 80, security: 100, cooperation: 70 });
    expect(one("scorecard_mkt_head")).toMatchObject({ operation: 90, publicity: 80, brand: 85, sales_support: 95, awareness: 80, cooperation: 90, ability: 85 });
  });

  it("marks one absence and one open sanction (SC-43) and keeps the branch staff on their own region's result (SC-31)", () => {
    expect(objective.filter((r) => r.absenteeism === true)).toHaveLength(1);
    expect(objective.filter((r) => r.open_sanction === true)).toHaveLength(1);
    for (const r of objective) expect(r.company_basis === "branch").toBe(r.region !== null);
  });

  it("has the month before's collections, so a shortfall rolls over (SC-11), and rates every task (SC-29)", () => {
    const september = records("actuals").filter((a) => a.period === "2026-09" && a.metric === "collections");
    expect(september.length).toBeGreaterThan(0);
    expect(records("tasks").every((t) => typeof t.rating === "number" && t.rating >= 0 && t.rating <= 1)).toBe(true);
  });
});
