/**
 * The scorecards as a department sees them after 安装/升级 Install and 载入演示数据 Load demo data
 * (the month of October 2026): the built dist/Code.js runs under the local host, the formula engine
 * evaluates each scorecard's array formulas, which call the bundle's scoring functions, and every
 * computed cell is checked against the core rule called directly here, with the inputs the same row
 * shows and with the figures summed independently from the demo department's records. One host
 * serves the whole file (installing and loading take most of its time); the last test edits the
 * workbook.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildDemoDepartment } from "../../src/core/demo/department";
import { appraisalFlags, probationEnd } from "../../src/core/scoring/appraisal-flags";
import { annualEligible } from "../../src/core/scoring/annual-eligible";
import { annualGrade } from "../../src/core/scoring/annual-grade";
import { annualReviewFlags } from "../../src/core/scoring/annual-review-flags";
import { annualScore } from "../../src/core/scoring/annual-score";
import { appraisalGrade } from "../../src/core/scoring/appraisal-grade";
import { assignedWorkDeduction } from "../../src/core/scoring/assigned-work-deduction";
import { behaviourScore } from "../../src/core/scoring/behaviour-score";
import { collectionRate } from "../../src/core/scoring/collection-rate";
import { collectionScore } from "../../src/core/scoring/collection-score";
import { companyPoints } from "../../src/core/scoring/company-points";
import { contractDeduction } from "../../src/core/scoring/contract-deduction";
import type { ContractIncident } from "../../src/core/scoring/contract-deduction";
import { customerHeadScore } from "../../src/core/scoring/customer-head-score";
import { expenseUsageScore } from "../../src/core/scoring/expense-usage-score";
import { lateCollectionDeduction } from "../../src/core/scoring/late-collection-deduction";
import { newCustomerDeduction } from "../../src/core/scoring/new-customer-deduction";
import { nextCollectionPlan } from "../../src/core/scoring/next-collection-plan";
import { objectiveScore } from "../../src/core/scoring/objective-score";
import { performancePay } from "../../src/core/scoring/performance-pay";
import { recordsDeduction } from "../../src/core/scoring/records-deduction";
import { repTargetMet } from "../../src/core/scoring/rep-target-met";
import { researchDeduction } from "../../src/core/scoring/research-deduction";
import { salesHeadScore } from "../../src/core/scoring/sales-head-score";
import { salesPlanScore } from "../../src/core/scoring/sales-plan-score";
import { isScoreError } from "../../src/core/scoring/score-error";
import { teamAttainmentScore } from "../../src/core/scoring/team-attainment-score";
import { WEIGHT_PRESETS, weightedScore } from "../../src/core/scoring/weighted-score";
import { workIndicatorPoints } from "../../src/core/scoring/work-indicator";
import { both } from "../../src/core/i18n";
import { sheetTemplate } from "../../src/core/templates/catalog";
import { tableLayout } from "../../src/core/templates/table";
import type { TableRecord } from "../../src/core/templates/table";
import { toSerial } from "../../src/core/time";
import type { LocalHost } from "../../src/local/host";
import { openHost, writeTemplateRecords } from "./helpers";

const MONTH = "2026-10";
const ZONE = "Asia/Shanghai";
const demo = buildDemoDepartment({ year: 2026, month: 10 });
const records = (key: string): readonly TableRecord[] => demo.records[key] ?? [];
const SCORECARDS = ["scorecard_objective", "scorecard_sales_head", "scorecard_cust_head", "scorecard_info_head", "scorecard_mkt_head", "annual_appraisal"] as const;

let host: LocalHost;

beforeAll(async () => {
  host = await openHost();
  await host.clickMenu("installOrUpgrade");
  await host.clickMenu("loadDemoData");
}, 120_000);

afterAll(() => host.close());

type Row = Readonly<Record<string, unknown>>;

/** A template sheet's data rows as the formula engine computed them, keyed by column key. */
function rowsOf(sheetKey: string): Row[] {
  const tab = sheetTemplate(sheetKey).tabName;
  const sheet = host.spreadsheet.workbook.sheet(tab);
  if (!sheet) throw new Error(`no tab ${tab}`);
  const book = host.spreadsheet.workbook;
  const values = book.readValues(sheet, { row: 1, column: 1, numRows: Math.max(1, book.lastRow(sheet)), numColumns: Math.max(1, book.lastColumn(sheet)) });
  const layout = tableLayout(sheetTemplate(sheetKey), values[0] ?? []);
  return values.slice(1).map((cells) => Object.fromEntries([...layout.columns].map(([key, at]) => [key, cells[at]])));
}

/** The core's value as the cell shows it: a number (to float noise), or the bilingual message of a ScoreError. */
function shown(value: unknown): unknown {
  return isScoreError(value) ? both(value.text) : value;
}

function expectCell(cell: unknown, core: unknown, what: string): void {
  const want = shown(core);
  if (typeof want === "number") {
    expect(typeof cell, `${what}: ${String(cell)}`).toBe("number");
    expect(cell as number, what).toBeCloseTo(want, 6);
  } else expect(cell, what).toEqual(want);
}

const num = (v: unknown): number => (typeof v === "number" ? v : 0);
const sum = (rows: readonly TableRecord[], pick: (r: TableRecord) => unknown): number => rows.reduce((s, r) => s + num(pick(r)), 0);
const serialDay = (iso: unknown): number => Math.floor(toSerial(Date.parse(`${String(iso)}T00:00:00+08:00`), ZONE));

describe("every demo staff member has a computed score and grade (npm start)", () => {
  it("shows a number score, an A/B/C grade and the pay for each member of the marketing department", () => {
    const rows = rowsOf("scorecard_objective");
    expect(rows.map((r) => r.employee_email)).toEqual(records("scorecard_objective").map((r) => r.employee_email));
    expect(rows).toHaveLength(24);
    for (const r of rows) {
      expect(typeof r.final_score, String(r.employee_email)).toBe("number");
      expect(["A", "B", "C"], String(r.employee_email)).toContain(r.grade);
      expect(typeof r.perf_pay, String(r.employee_email)).toBe("number");
    }
    expect(new Set(rows.map((r) => r.grade))).toEqual(new Set(["A", "B", "C"]));
  });

  it("has no #ERROR!, #NAME?, #VALUE!, #REF! or other error, and no what-to-fix message, anywhere in the scorecards", () => {
    const problems: string[] = [];
    for (const key of SCORECARDS) {
      const template = sheetTemplate(key);
      rowsOf(key).forEach((row, i) => {
        for (const column of template.columns) {
          const v = row[column.key];
          if (typeof v !== "string") continue;
          if (/^#(ERROR!|NAME\?|VALUE!|REF!|N\/A|DIV\/0!|NUM!|NULL!)/.test(v)) problems.push(`${key} row ${i + 2} ${column.key}: ${v}`);
          // A rule's message for what to fix is bilingual ("请填写… / enter …"); only the flag columns hold bilingual text on purpose.
          if (column.type === "formula" && !["flags", "eligibility"].includes(column.key) && v.includes(" / ")) problems.push(`${key} row ${i + 2} ${column.key}: ${v}`);
        }
      });
    }
    expect(problems).toEqual([]);
  });

  it("ends each scorecard's formula columns at the last person: the spill stops, so getLastRow stays on the data", () => {
    const book = host.spreadsheet.workbook;
    for (const key of SCORECARDS) {
      const sheet = book.sheet(sheetTemplate(key).tabName);
      if (!sheet) throw new Error(key);
      expect(book.lastRow(sheet), key).toBe(records(key).length + 1);
    }
  });
});

describe("SC-01..SC-07 the sales head's scorecard, from Plans and Actuals", () => {
  it("adds up the month's target, actuals, team and expenses as the demo records hold them, and scores them as the core does", () => {
    const [row] = rowsOf("scorecard_sales_head");
    const plans = records("plans").filter((p) => p.period === MONTH);
    const actuals = records("actuals").filter((a) => a.period === MONTH);
    const target = sum(plans.filter((p) => p.level === "company" && p.metric === "sales"), (p) => p.amount);
    const actual = sum(actuals.filter((a) => a.metric === "sales"), (a) => a.amount);
    const people = plans.filter((p) => p.level === "person" && p.metric === "sales");
    const met = people.filter((p) => repTargetMet(sum(actuals.filter((a) => a.metric === "sales" && a.person_email === p.person_email), (a) => a.amount), num(p.amount)) === true).length;
    const budget = sum(plans.filter((p) => p.level === "company" && p.metric === "expense_budget"), (p) => p.amount);
    const spent = sum(actuals.filter((a) => a.metric === "expenses"), (a) => a.amount);
    expect(row).toMatchObject({ sales_target: target, sales_actual: actual, reps_headcount: people.length, reps_met: met, expense_budget: budget, expense_actual: spent });

    const plan = salesPlanScore(actual, target);
    const team = teamAttainmentScore(met, people.length);
    const expense = expenseUsageScore(spent, budget);
    expectCell(row?.plan_points, plan, "SC-03 plan points");
    expectCell(row?.team_points, team, "SC-04 team points");
    expectCell(row?.expense_points, expense, "SC-05 expense points");
    expectCell(row?.total, salesHeadScore(num(plan), num(team), num(expense), 12, 4), "SC-01 total");
    expect(row?.reading).toBe("PROPORTIONAL_CAPPED");
  });
});

describe("SC-08..SC-22 the customer head's scorecard, from Plans, Actuals, Orders, Tasks and Contract incidents", () => {
  it("rolls last month's shortfall in, rates the collections and takes every deduction as the core does", () => {
    const [row] = rowsOf("scorecard_cust_head");
    const companyPlan = (period: string, metric: string): number => sum(records("plans").filter((p) => p.period === period && p.level === "company" && p.metric === metric), (p) => p.amount);
    const collections = (period: string): TableRecord[] => records("actuals").filter((a) => a.period === period && a.metric === "collections");
    const rolled = nextCollectionPlan(0, companyPlan("2026-09", "collections"), sum(collections("2026-09"), (a) => a.amount), sum(collections("2026-09"), (a) => a.refunds));
    const planned = companyPlan(MONTH, "collections");
    const booked = sum(collections(MONTH), (a) => a.amount);
    const refunds = sum(collections(MONTH), (a) => a.refunds);
    expect(row).toMatchObject({ collections_plan: planned, collections_booked: booked, return_refunds: refunds });
    expectCell(row?.collections_rolled, rolled, "SC-11 rolled over");

    const rate = collectionRate(booked, refunds, planned + num(rolled));
    expectCell(row?.collection_rate, rate, "SC-09 rate");
    expectCell(row?.collection_points, collectionScore(num(rate)), "SC-12 collection points");

    const newPlanned = companyPlan(MONTH, "new_customers");
    const developed = sum(records("actuals").filter((a) => a.period === MONTH && a.metric === "new_customers"), (a) => a.amount);
    expectCell(row?.new_customer_points, newCustomerDeduction(newPlanned, developed), "SC-13 new customers");

    const kinds: Readonly<Record<string, ContractIncident>> = { credit_check: "CREDIT", communication: "COMMUNICATION", clause_error: "CLAUSE", followup_failure: "FOLLOW_UP" };
    const contract = records("contract_incidents").reduce(
      (s, i) => s + num(contractDeduction(kinds[String(i.type)] ?? "CREDIT", num(i.loss_amount), i.customer_lost === true ? 1 : 0, num(i.order_count), typeof i.deduction === "number" ? i.deduction : null)),
      0,
    );
    expectCell(row?.contract_deductions, contract, "SC-14..17 contract deductions");

    // SC-18: orders whose payment fell due in the month; one still unpaid counts to that month's end.
    const due = records("orders").filter((o) => new Date((serialDay(o.shipped_on) + 30 - 25_569) * 86_400_000).toISOString().startsWith(MONTH));
    const late = due.reduce((s, o) => s + num(lateCollectionDeduction(serialDay(o.shipped_on), o.collected_on === null ? null : serialDay(o.collected_on), serialDay("2026-10-31"))), 0);
    expect(due.length).toBeGreaterThan(0);
    expectCell(row?.late_collection_points, late, "SC-18 late collections");

    const tasks = records("tasks").filter((t) => t.owner_email === row?.head_email);
    const misses = tasks.filter((t) => t.done_on === null || String(t.done_on) > String(t.due_on) || t.meets_requirement === false).length;
    expect(row?.task_misses).toBe(misses);
    expectCell(row?.research_points, researchDeduction(2), "SC-19 research");
    expectCell(row?.records_points, recordsDeduction(1), "SC-20 records");
    expectCell(row?.task_points, assignedWorkDeduction(misses), "SC-21 assigned work");

    const parts = [row?.collection_points, row?.new_customer_points, row?.contract_deductions, row?.late_collection_points, row?.research_points, row?.records_points, row?.task_points, -3].map(num);
    expectCell(row?.total, customerHeadScore(parts), "SC-08 total with the SC-22 discipline deduction");
  });
});

describe("SC-23 and SC-24 the information and marketing heads, with the spec's own ratings", () => {
  it("weighs 90, 80, 100, 70 to 88 and the marketing head's two blocks to 86.4", () => {
    const [info] = rowsOf("scorecard_info_head");
    const [mkt] = rowsOf("scorecard_mkt_head");
    expectCell(info?.score, weightedScore([90, 80, 100, 70], WEIGHT_PRESETS.INFO_HEAD ?? []), "SC-23");
    expectCell(mkt?.score, weightedScore([90, 80, 85, 95, 80, 90, 85], WEIGHT_PRESETS.MARKETING_HEAD ?? []), "SC-24");
    expect([info?.score, mkt?.score]).toEqual([88, 86.4]);
  });
});

describe("SC-29..SC-39 and SC-43 the objective appraisal of every staff member", () => {
  const plans = records("plans").filter((p) => p.period === MONTH && p.metric === "sales");
  const actuals = records("actuals").filter((a) => a.period === MONTH && a.metric === "sales");
  const postScores = (): Map<unknown, unknown> =>
    new Map([
      ...rowsOf("scorecard_sales_head").map((r) => [r.head_email, r.total] as const),
      ...rowsOf("scorecard_cust_head").map((r) => [r.head_email, r.total] as const),
      ...rowsOf("scorecard_info_head").map((r) => [r.head_email, r.score] as const),
      ...rowsOf("scorecard_mkt_head").map((r) => [r.head_email, r.score] as const),
    ]);

  it("takes the work points from the post scorecard, the month's tasks or the direct score (SC-29, AMB-21, AMB-69)", () => {
    const posts = postScores();
    for (const row of rowsOf("scorecard_objective")) {
      const tasks = records("tasks").filter((t) => t.owner_email === row.employee_email && String(t.due_on).startsWith(MONTH));
      const post = posts.get(row.employee_email);
      const sources = { postScore: typeof post === "number" ? post : null, ratingSum: sum(tasks, (t) => t.rating), tasks: tasks.length, direct: typeof row.work_direct === "number" ? row.work_direct : null };
      expectCell(row.work_points, workIndicatorPoints(sources), `work points of ${String(row.employee_email)}`);
    }
  });

  it("scores behaviour, company performance, the total, the grade and the pay as the core does (SC-30..SC-37, SC-43)", () => {
    for (const row of rowsOf("scorecard_objective")) {
      const who = String(row.employee_email);
      const ratings = ["attendance", "office_discipline", "org_behaviour", "environment", "team_awareness", "professionalism"].map((k) => num(row[k]));
      expectCell(row.behaviour_points, behaviourScore(ratings), `SC-30 ${who}`);
      const branch = row.company_basis === "branch";
      const actual = sum(actuals.filter((a) => !branch || a.region === row.region), (a) => a.amount);
      const plan = sum(plans.filter((p) => (branch ? p.level === "region" && p.region === row.region : p.level === "company")), (p) => p.amount);
      expectCell(row.company_points, companyPoints(actual, plan), `SC-31 ${who}`);
      const final = objectiveScore(num(row.work_points), num(row.behaviour_points), num(row.company_points));
      expectCell(row.final_score, final, `SC-32 ${who}`);
      const excluded = row.leave_over_allowance === true || row.absenteeism === true || row.open_sanction === true;
      expectCell(row.grade, appraisalGrade(num(final), excluded), `SC-36 ${who}`);
      const base = records("people").find((p) => p.email === who)?.perf_pay_base;
      expectCell(row.perf_pay, performancePay(num(final), num(base)), `SC-37 ${who}`);
    }
  });

  it("shows who may not be rated A, who is on probation and who misses the annual appraisal, with the reason (SC-43, SC-55, SC-44)", () => {
    for (const row of rowsOf("scorecard_objective")) {
      const person = records("people").find((p) => p.email === row.employee_email);
      const flags = appraisalFlags({
        leaveOverAllowance: row.leave_over_allowance === true,
        absenteeism: row.absenteeism === true,
        openSanction: row.open_sanction === true,
        probationer: person?.status === "probation",
        unpaidLeave: person?.status === "unpaid_leave",
        reinstatedDay: person?.reinstated_on ? serialDay(person.reinstated_on) : null,
        demeritThisYear: false,
        year: 2026,
        // SC-55: People's extension, else its end date, else the hire date + PROBATION_DEFAULT_MONTHS (3).
        probationEndDay: probationEnd(
          person?.probation_extended_to ? serialDay(person.probation_extended_to) : null,
          person?.probation_end ? serialDay(person.probation_end) : null,
          person?.hire_date ? serialDay(person.hire_date) : null,
          3,
        ),
      });
      expect(row.flags, String(row.employee_email)).toBe(flags.map(both).join("; "));
    }
    const flagged = rowsOf("scorecard_objective").filter((r) => r.flags !== "");
    expect(flagged.map((r) => String(r.flags).slice(0, 5)).sort()).toEqual(["SC-43", "SC-43", "SC-55"]);
    // The absence caps an A at B (SC-43): the score alone would be an A.
    const absent = rowsOf("scorecard_objective").find((r) => r.absenteeism === true);
    expect(appraisalGrade(num(absent?.final_score))).toBe("A");
    expect(absent?.grade).toBe("B");
  });
});

describe("SC-40..SC-53 the annual appraisal of the year so far", () => {
  // The annual appraisal reads the signed monthly snapshots (Monthly results), not the live scorecard:
  // October's, as the monthly close freezes and the GM signs them (SC-57).
  beforeAll(() => {
    const october = rowsOf("scorecard_objective").map((r) => ({
      id: `${MONTH}#${String(r.employee_email)}#1`,
      month: MONTH,
      employee_email: r.employee_email,
      revision: 1,
      final_score: r.final_score,
      grade: r.grade,
      state: "signed",
      flags: r.leave_over_allowance === true || r.absenteeism === true || r.open_sanction === true ? "SC-43 不得评为优秀(A) / SC-43 may not be rated A" : "",
    }));
    writeTemplateRecords(host, "monthly_results", october, true);
  });

  it("grades the monthly record, scores history, peers and superior, and leaves probationers out (SC-41, SC-44, SC-45)", () => {
    const monthly = new Map(rowsOf("scorecard_objective").map((r) => [r.employee_email, r]));
    for (const row of rowsOf("annual_appraisal")) {
      const who = String(row.employee_email);
      const m = monthly.get(who);
      const person = records("people").find((p) => p.email === who);
      const eligible = annualEligible({
        probationer: person?.status === "probation",
        reinstatedDay: person?.reinstated_on ? serialDay(person.reinstated_on) : null,
        unpaidLeave: false,
        demeritThisYear: false,
        year: 2026,
      });
      expect(row.eligible, who).toBe(eligible);
      expect(row.m10, who).toBe(m?.grade);
      expect(row.months_appraised, who).toBe(1);
      if (!eligible) {
        expect([row.annual_grade, row.annual_score, row.rank_company], who).toEqual(["", "", ""]);
        expect(String(row.eligibility)).toContain("SC-44");
        continue;
      }
      const excluded = m?.absenteeism === true || m?.open_sanction === true;
      const grade = annualGrade([m?.grade as "A" | "B" | "C"], excluded);
      expectCell(row.annual_grade, grade, `SC-41 ${who}`);
      const score = annualScore([num(m?.final_score)], [num(row.peer_score)], num(row.superior_score));
      expectCell(row.annual_score, score, `SC-45 ${who}`);
      expect(row.flags, who).toBe(annualReviewFlags(grade as "A" | "B" | "C", num(score)).map(both).join("; "));
    }
  });

  it("ranks the eligible company-wide and within each post level (SC-50, SC-53, AMB-66)", () => {
    const rows = rowsOf("annual_appraisal").filter((r) => typeof r.annual_score === "number");
    for (const r of rows) {
      expect(r.rank_company).toBe(1 + rows.filter((o) => num(o.annual_score) > num(r.annual_score)).length);
      expect(r.rank_level).toBe(1 + rows.filter((o) => o.post_level === r.post_level && num(o.annual_score) > num(r.annual_score)).length);
      expect(r.top_in_level).toBe(r.rank_level === 1);
    }
  });
});

describe("a Settings reading switches the formulas without editing them (spec §0.4, SC-32 / AMB-19)", () => {
  it("turns the spec's raw 94 from 85.5 (B) under NORMALIZE into 94 (A) under CAP_100", async () => {
    // A South branch regional manager (company points 40) with the spec's 25 behaviour points and 29 direct work points: raw 94.
    const row = rowsOf("scorecard_objective").findIndex((r) => r.employee_email === "he.jun@example.com") + 2;
    const objective = sheetTemplate("scorecard_objective");
    const letter = (key: string): string => String.fromCharCode(65 + objective.columns.findIndex((c) => c.key === key));
    const typed: [string, number][] = [["work_direct", 29], ["attendance", 5], ["office_discipline", 4], ["org_behaviour", 4], ["environment", 5], ["team_awareness", 3], ["professionalism", 4]];
    for (const [key, value] of typed) await host.editAsUser(objective.tabName, `${letter(key)}${row}`, value);
    const reading = (): unknown => rowsOf("scorecard_objective")[0]?.reading;
    const before = rowsOf("scorecard_objective")[row - 2];
    expect([before?.work_points, before?.behaviour_points, before?.company_points]).toEqual([29, 25, 40]);
    expect([before?.final_score, before?.grade, reading()]).toEqual([objectiveScore(29, 25, 40, "NORMALIZE"), "B", "NORMALIZE"]);
    expect(before?.final_score).toBe(85.5);

    const settings = sheetTemplate("settings");
    const keys = host.spreadsheet.read(settings.tabName, "A1:A200").map((r) => r[0]);
    await host.editAsUser(settings.tabName, `B${keys.indexOf("OBJ_WEIGHT_MODE") + 1}`, "CAP_100");
    const after = rowsOf("scorecard_objective")[row - 2];
    expect([after?.final_score, after?.grade, reading()]).toEqual([objectiveScore(29, 25, 40, "CAP_100"), "A", "CAP_100"]);
    expect(after?.final_score).toBe(94);
  });
});
