/**
 * A Settings cell the scorecards read is live (issue 11 §1, issue 8: no Settings key inert): after
 * 安装/升级 Install and 载入演示数据 Load demo data, editing the Value of a scoring key on the Settings
 * sheet, as a person would, changes the scorecard cell whose formula passes it, with the value the
 * core rule gives for the new setting. One host serves the file; each test puts its key back.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appraisalGrade } from "../../src/core/scoring/appraisal-grade";
import { readParameter } from "../../src/core/scoring/parameters";
import { salesPlanScore, salesPlanPointsDefault } from "../../src/core/scoring/sales-plan-score";
import { sheetTemplate } from "../../src/core/templates/catalog";
import { tableLayout } from "../../src/core/templates/table";
import type { LocalHost } from "../../src/local/host";
import { openHost } from "./helpers";

let host: LocalHost;

beforeAll(async () => {
  host = await openHost();
  await host.clickMenu("installOrUpgrade");
  await host.clickMenu("loadDemoData");
}, 120_000);

afterAll(() => host.close());

type Row = Readonly<Record<string, unknown>>;

function rowsOf(sheetKey: string): Row[] {
  const tab = sheetTemplate(sheetKey).tabName;
  const book = host.spreadsheet.workbook;
  const sheet = book.requireSheet(tab);
  const values = book.readValues(sheet, { row: 1, column: 1, numRows: Math.max(1, book.lastRow(sheet)), numColumns: Math.max(1, book.lastColumn(sheet)) });
  const layout = tableLayout(sheetTemplate(sheetKey), values[0] ?? []);
  return values.slice(1).map((cells) => Object.fromEntries([...layout.columns].map(([key, at]) => [key, cells[at]])));
}

/** Types `value` into the Value cell of Settings row `key`, as a person edits the sheet. */
async function setSetting(key: string, value: string): Promise<void> {
  const settings = sheetTemplate("settings");
  const keys = host.spreadsheet.read(settings.tabName, "A1:A300").map((r) => r[0]);
  const at = keys.indexOf(key);
  expect(at, `Settings row ${key}`).toBeGreaterThan(0);
  await host.editAsUser(settings.tabName, `B${at + 1}`, value);
}

/** The Settings value as the template seeds it, to put a key back. */
function seeded(key: string): string {
  const row = sheetTemplate("settings").seedRows?.find((r) => r.values.key === key);
  return String(row?.values.value ?? "");
}

const flagText = (v: unknown): string => (typeof v === "string" ? v : "");
const num = (v: unknown): number => (typeof v === "number" ? v : NaN);

describe("editing a scoring key on the Settings sheet changes the scorecard cell that passes it", () => {
  it("SALES_PLAN_FULL_POINTS (SC-03): 50 points at 100 % rescales every sales head's plan points, and the total with them", async () => {
    const before = rowsOf("scorecard_sales_head").filter((r) => typeof r.plan_points === "number");
    expect(before.length).toBeGreaterThan(0);
    await setSetting("SALES_PLAN_FULL_POINTS", "50");
    const after = rowsOf("scorecard_sales_head").filter((r) => typeof r.plan_points === "number");
    for (const [i, row] of after.entries()) {
      const was = before[i];
      const want = salesPlanScore(num(row.sales_actual), num(row.sales_target), "PROPORTIONAL_CAPPED", null, { ...salesPlanPointsDefault(), full: 50 });
      expect(row.plan_points).toBeCloseTo(num(want), 9);
      expect(num(row.total) - num(was?.total)).toBeCloseTo(num(row.plan_points) - num(was?.plan_points), 9);
    }
    expect(after.some((r, i) => r.plan_points !== before[i]?.plan_points)).toBe(true);
    await setSetting("SALES_PLAN_FULL_POINTS", seeded("SALES_PLAN_FULL_POINTS"));
    expect(rowsOf("scorecard_sales_head").filter((r) => typeof r.plan_points === "number").map((r) => r.plan_points)).toEqual(before.map((r) => r.plan_points));
  });

  it("SALES_PLAN_ZERO_BELOW (SC-03): 1 zeroes every plan below 100 %", async () => {
    await setSetting("SALES_PLAN_ZERO_BELOW", "1");
    const rows = rowsOf("scorecard_sales_head").filter((r) => typeof r.sales_target === "number" && num(r.sales_target) > 0);
    const below = rows.filter((r) => num(r.sales_actual) / num(r.sales_target) < 1);
    expect(below.length, "a sales head below plan in the demo month").toBeGreaterThan(0);
    for (const r of below) expect(r.plan_points).toBe(0);
    await setSetting("SALES_PLAN_ZERO_BELOW", seeded("SALES_PLAN_ZERO_BELOW"));
    const back = rowsOf("scorecard_sales_head").filter((r) => typeof r.sales_target === "number" && num(r.sales_target) > 0);
    for (const r of back) expect(r.plan_points).toBeCloseTo(num(salesPlanScore(num(r.sales_actual), num(r.sales_target))), 9);
  });

  it("GRADE_BANDS (SC-36): lowering A to a B's own score makes that person an A on the objective appraisal", async () => {
    const rows = rowsOf("scorecard_objective");
    const b = rows.find((r) => r.grade === "B" && r.leave_over_allowance !== true && r.absenteeism !== true && r.open_sanction !== true);
    expect(b, "a B without an exclusion in the demo month").toBeDefined();
    const score = num(b?.final_score);
    const bands = `A:${Math.floor(score)}; B:70; C:0`;
    await setSetting("GRADE_BANDS", bands);
    const after = rowsOf("scorecard_objective").find((r) => r.employee_email === b?.employee_email && r.month === b?.month);
    const parsed = readParameter(bands, "GRADE_BANDS");
    if (!Array.isArray(parsed)) throw new Error("bands unreadable");
    expect(after?.grade).toBe("A");
    expect(after?.grade).toBe(appraisalGrade(score, false, parsed));
    await setSetting("GRADE_BANDS", seeded("GRADE_BANDS"));
    expect(rowsOf("scorecard_objective").find((r) => r.employee_email === b?.employee_email && r.month === b?.month)?.grade).toBe("B");
  });

  it("CONTRACT_CREDIT_LOSS (SC-14): 4 points per 10,000 yuan doubles the 25,000-yuan credit incident and the head's contract deductions follow", async () => {
    const incident = (): Row | undefined => rowsOf("contract_incidents").find((r) => r.type === "credit_check" && r.loss_amount === 25_000);
    const headRow = (): Row | undefined => rowsOf("scorecard_cust_head").find((r) => typeof r.contract_deductions === "number" && num(r.contract_deductions) < 0);
    expect(incident()?.points).toBe(-5);
    const before = headRow();
    expect(before).toBeDefined();
    await setSetting("CONTRACT_CREDIT_LOSS", "4");
    expect(incident()?.points).toBe(-10);
    const after = rowsOf("scorecard_cust_head").find((r) => r.head_email === before?.head_email && r.month === before?.month);
    expect(num(after?.contract_deductions) - num(before?.contract_deductions)).toBeCloseTo(-5, 9);
    await setSetting("CONTRACT_CREDIT_LOSS", seeded("CONTRACT_CREDIT_LOSS"));
    expect(incident()?.points).toBe(-5);
  });

  it("CONTRACT_CLAUSE_LOSS (SC-16): 8 points per 10,000 yuan makes the 10,000-yuan clause error cost 8", async () => {
    const incident = (): Row | undefined => rowsOf("contract_incidents").find((r) => r.type === "clause_error" && r.loss_amount === 10_000);
    expect(incident()?.points).toBe(-5);
    await setSetting("CONTRACT_CLAUSE_LOSS", "8");
    expect(incident()?.points).toBe(-8);
    await setSetting("CONTRACT_CLAUSE_LOSS", seeded("CONTRACT_CLAUSE_LOSS"));
  });

  it("CONTRACT_FOLLOWUP_NO_LOSS (SC-17): 3 points per order makes the late order without loss cost 3", async () => {
    const incident = (): Row | undefined => rowsOf("contract_incidents").find((r) => r.type === "followup_failure" && r.order_count === 1);
    expect(incident()?.points).toBe(-2);
    await setSetting("CONTRACT_FOLLOWUP_NO_LOSS", "3");
    expect(incident()?.points).toBe(-3);
    await setSetting("CONTRACT_FOLLOWUP_NO_LOSS", seeded("CONTRACT_FOLLOWUP_NO_LOSS"));
  });

  it("BEST_EMPLOYEE_REWARD (SC-48): the month's best-employee candidate cell shows the reward once Settings give one", async () => {
    // A South regional manager (company points 40) rated 5 on everything with the full 40 direct work points: an A at every component.
    const objective = sheetTemplate("scorecard_objective");
    const rows = rowsOf("scorecard_objective");
    const row = rows.findIndex((r) => r.employee_email === "he.jun@example.com") + 2;
    const letter = (key: string): string => String.fromCharCode(65 + objective.columns.findIndex((c) => c.key === key));
    for (const [key, value] of [["work_direct", 40], ["attendance", 5], ["office_discipline", 5], ["org_behaviour", 5], ["environment", 5], ["team_awareness", 5], ["professionalism", 5]] as const) {
      await host.editAsUser(objective.tabName, `${letter(key)}${row}`, value);
    }
    const candidate = (): Row | undefined => rowsOf("scorecard_objective").find((r) => flagText(r.best_employee).startsWith("SC-48"));
    const month = rowsOf("scorecard_objective")[row - 2]?.month;
    expect(rowsOf("scorecard_objective").filter((r) => r.month === month && flagText(r.best_employee) !== "").length).toBe(1);
    expect(flagText(candidate()?.best_employee)).not.toContain("2000");
    await setSetting("BEST_EMPLOYEE_REWARD", "2000");
    expect(flagText(candidate()?.best_employee)).toContain("one-time raise reward 2000 yuan");
    await setSetting("BEST_EMPLOYEE_REWARD", seeded("BEST_EMPLOYEE_REWARD"));
  });

  it("PROBATION_CO_DECIDER_ROLE (SC-55, AMB-35): hr makes the probationer's flag name HR beside the direct leader", async () => {
    const probation = (): string => flagText(rowsOf("scorecard_objective").find((r) => flagText(r.flags).includes("SC-55"))?.flags);
    expect(probation()).toContain("decided by the direct department leader with Administration");
    await setSetting("PROBATION_CO_DECIDER_ROLE", "hr");
    expect(probation()).toContain("由直属部门领导与人事部共同决定");
    expect(probation()).toContain("decided by the direct department leader with HR");
    await setSetting("PROBATION_CO_DECIDER_ROLE", seeded("PROBATION_CO_DECIDER_ROLE"));
    expect(probation()).toContain("with Administration");
  });

  it("PROBATION_DEFAULT_MONTHS (SC-55, AMB-35): a probationer without a Probation ends date on People is on probation until the hire date plus the Settings months", async () => {
    const people = sheetTemplate("people");
    const person = rowsOf("people").findIndex((r) => r.status === "probation");
    const hire = rowsOf("people")[person]?.hire_date;
    expect(hire, "the demo's probationer").toBeTruthy();
    const letter = String.fromCharCode(65 + people.columns.findIndex((c) => c.key === "probation_end"));
    const was = host.spreadsheet.read(people.tabName, `${letter}${person + 2}`)[0]?.[0];
    await host.editAsUser(people.tabName, `${letter}${person + 2}`, "");
    // The hire date's wall-clock day in the workbook's zone (Asia/Shanghai, UTC+8).
    const hired = new Date((hire instanceof Date ? hire : new Date(String(hire))).getTime() + 8 * 3_600_000);
    const plus = (months: number): string => {
      const d = new Date(Date.UTC(hired.getUTCFullYear(), hired.getUTCMonth() + months, 1));
      return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`;
    };
    const until = (): string => /on probation until (\d{4}-\d{2})-\d{2}/.exec(flagText(rowsOf("scorecard_objective").find((r) => flagText(r.flags).includes("SC-55"))?.flags))?.[1] ?? "";
    expect(until()).toBe(plus(3));
    await setSetting("PROBATION_DEFAULT_MONTHS", "5");
    expect(until()).toBe(plus(5));
    await setSetting("PROBATION_DEFAULT_MONTHS", seeded("PROBATION_DEFAULT_MONTHS"));
    await host.editAsUser(people.tabName, `${letter}${person + 2}`, was instanceof Date ? new Date(was.getTime() + 8 * 3_600_000).toISOString().slice(0, 10) : typeof was === "string" ? was : "");
  });

  it("a Settings value a rule cannot read shows what to fix in the cell, naming the Settings row", async () => {
    await setSetting("GRADE_BANDS", "A=90 B=70");
    const grades = rowsOf("scorecard_objective").filter((r) => r.employee_email !== "" && r.employee_email !== undefined).map((r) => String(r.grade));
    expect(grades.length).toBeGreaterThan(0);
    for (const g of grades) expect(g).toContain("GRADE_BANDS");
    await setSetting("GRADE_BANDS", seeded("GRADE_BANDS"));
  });
});
