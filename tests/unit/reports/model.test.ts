/**
 * The report model (src/core/reports) on the demo department of October 2026: figures against the
 * rows they come from, to the cent; the roll-over, expense, standards and grade rules by the
 * scoring functions they reuse; the pending state of unsigned months; the action list's order; the
 * reader's language; and who receives what.
 */
import { describe, expect, it } from "vitest";
import { monthlyDeliveries, personalScorecardsFor, widestScope, regionManagers } from "../../../src/core/reports/audience";
import type { ReportDelivery } from "../../../src/core/reports/audience";
import { buildReport, reportBase } from "../../../src/core/reports/model";
import type { ReportInputs } from "../../../src/core/reports/inputs";
import { quarterToDate } from "../../../src/core/reports/months";
import { isoWeeksOf } from "../../../src/core/scoring/work-standards";
import { monthSpan } from "../../../src/core/scoring/working-days";
import { latestResults } from "../../../src/core/reports/results";
import { expenseUsageScore } from "../../../src/core/scoring/expense-usage-score";
import { nextCollectionPlan } from "../../../src/core/scoring/next-collection-plan";
import type { TableRecord } from "../../../src/core/templates/table";
import { MONTH, demoInputs, demoResults, resultRow } from "./fixtures";

function deliveries(inputs: ReportInputs): ReportDelivery[] {
  const base = reportBase(inputs, MONTH);
  return monthlyDeliveries(base.people, inputs.regions, base.results.map((r) => r.email));
}

function reportFor(inputs: ReportInputs, email: string, kind: ReportDelivery["kind"] = "monthly_pack") {
  const d = deliveries(inputs).find((x) => x.recipient.email === email && x.kind === kind);
  if (!d) throw new Error(`no ${kind} for ${email}`);
  return buildReport(reportBase(inputs, MONTH), d.kind, d.recipient, d.scope);
}

const sum = (rows: readonly TableRecord[], pick: (r: TableRecord) => unknown): number => rows.reduce((s, r) => s + (typeof pick(r) === "number" ? (pick(r) as number) : 0), 0);
const GM = "qian.zhengming@example.com";
const EAST_MANAGER = "xu.wenhua@example.com";

describe("report model: plan vs actual (RP-01, RP-02)", () => {
  it("RP-01: a region's sales actual is the sum of its Actuals rows and its plan the region's Plans row, to the cent", () => {
    const inputs = demoInputs();
    const east = reportFor(inputs, GM).lines.find((l) => l.level === "region" && l.id === "EAST");
    const actual = sum(inputs.actuals.filter((r) => r.period === MONTH && r.region === "EAST" && r.metric === "sales"), (r) => r.amount);
    const plan = sum(inputs.plans.filter((r) => r.period === MONTH && r.level === "region" && r.region === "EAST" && r.metric === "sales"), (r) => r.amount);
    expect(east?.sales.month.actual).toBe(Math.round(actual * 100) / 100);
    expect(east?.sales.month.plan).toBe(plan);
    expect(east?.sales.month.rate).toBeCloseTo(actual / plan, 12);
  });

  it("RP-02: quarter and year to date add the months of the quarter and of the year", () => {
    const inputs = demoInputs();
    const dept = reportFor(inputs, GM).lines.find((l) => l.level === "department");
    const months = (list: readonly string[]): number => sum(inputs.plans.filter((r) => list.includes(String(r.period)) && r.level === "company" && r.metric === "sales"), (r) => r.amount);
    expect(quarterToDate(MONTH)).toEqual(["2026-10"]);
    expect(dept?.sales.quarter.plan).toBe(months(["2026-10"]));
    expect(dept?.sales.year.plan).toBe(months(Array.from({ length: 10 }, (_, i) => `2026-${String(i + 1).padStart(2, "0")}`)));
    expect(dept?.sales.year.actual).toBe(sum(inputs.actuals.filter((r) => String(r.period) <= MONTH && r.metric === "sales"), (r) => r.amount));
  });
});

describe("report model: collections and expenses (SC-09..11, SC-05)", () => {
  it("SC-11: a person's collections plan carries September's shortfall, by nextCollectionPlan", () => {
    const inputs = demoInputs();
    const model = reportFor(inputs, GM);
    for (const line of model.lines.filter((l) => l.level === "person")) {
      const mine = (period: string, metric: string): TableRecord[] => inputs.actuals.filter((r) => r.period === period && r.person_email === line.id && r.metric === metric);
      const planOf = (period: string): number => sum(inputs.plans.filter((r) => r.period === period && r.level === "person" && r.person_email === line.id && r.metric === "collections"), (r) => r.amount);
      const sep = mine("2026-09", "collections");
      const expected = nextCollectionPlan(0, planOf("2026-09"), sum(sep, (r) => r.amount), sum(sep, (r) => r.refunds), false);
      expect(line.collections.rolledOver).toBe(expected);
      const oct = mine(MONTH, "collections");
      const net = sum(oct, (r) => r.amount) - sum(oct, (r) => r.refunds);
      expect(line.collections.net).toBe(Math.round(net * 100) / 100);
      expect(line.collections.rate).toBeCloseTo(net / (planOf(MONTH) + (expected as number)), 12);
    }
  });

  it("RP-18 / SC-05: expenses against the budget carry the expense-usage score", () => {
    const model = reportFor(demoInputs(), GM);
    const lines = model.lines.filter((l) => l.expenses !== null);
    expect(lines.length).toBeGreaterThan(0);
    for (const l of lines) {
      const e = l.expenses;
      if (!e) continue;
      expect(e.score).toBe(expenseUsageScore(e.spent, e.budget));
      expect(e.overBudget).toBe(e.spent > e.budget);
    }
  });
});

describe("report model: results (SC-36, SC-57, WF-24, AMB-65)", () => {
  it("SC-57: an unsigned month shows grade and pay as pending, and the signer's first action is to sign", () => {
    const inputs = demoInputs({ results: demoResults("closed") });
    const model = reportFor(inputs, GM);
    expect(model.pending).toBe(true);
    expect(model.results.every((r) => r.grade === null && r.perfPay === null)).toBe(true);
    expect(model.grades).toEqual([{ grade: null, count: model.results.length }]);
    expect(model.actions[0]?.kind).toBe("sign");
    expect(model.actions[0]?.rule).toBe("SC-57");
    expect(reportFor(inputs, "sun.lixin@example.com").actions.some((a) => a.kind === "sign")).toBe(false);
  });

  it("WF-24: only the latest revision of a person's month counts; superseded rows never do", () => {
    const rows = [
      resultRow(MONTH, "a@x.com", "A", "EAST", 95, "superseded", 3),
      resultRow(MONTH, "a@x.com", "A", "EAST", 60, "published", 1),
      resultRow(MONTH, "a@x.com", "A", "EAST", 80, "signed", 2),
    ];
    const latest = latestResults(rows).get(`${MONTH}#a@x.com`);
    expect(latest?.revision).toBe(2);
    expect(latest?.grade).toBe("B");
  });

  it("SC-36: the grade distribution counts the month's grades and lists who moved since September", () => {
    const model = reportFor(demoInputs(), GM);
    const total = model.grades.reduce((s, g) => s + g.count, 0);
    expect(total).toBe(model.results.length);
    const latest = latestResults(demoResults());
    for (const m of model.moves) expect(latest.get(`2026-09#${m.email}`)?.grade).toBe(m.from);
    expect(model.moves.length).toBeGreaterThan(0);
  });

  it("AMB-65: every flag shows with its rule and reason, and each is an action for the deciders", () => {
    const model = reportFor(demoInputs(), "han.dongmei@example.com");
    const wei = model.results.find((r) => r.email === "wei.qiang@example.com");
    expect(wei?.flags.map((f) => f.rule)).toEqual(["SC-47", "SC-53"]);
    expect(wei?.flags[0]?.reason).toContain("6 consecutive C months");
    expect(model.actions.filter((a) => a.kind === "flag").map((a) => a.rule)).toEqual(["SC-47", "SC-53"]);
  });
});

describe("report model: standards and open work (KPI-07..10, RP-28)", () => {
  it("KPI-07: a week with no activity logged is a missing log and an action for the rep and the region manager", () => {
    const inputs = demoInputs();
    // Serial days (since 1899-12-30) of the ISO weeks whose Thursday is in October.
    const week = (isoWeeksOf(monthSpan(2026, 10))[1] ?? 0) - 25_569;
    const monday = new Date(week * 86_400_000).toISOString().slice(0, 10);
    const sunday = new Date((week + 6) * 86_400_000).toISOString().slice(0, 10);
    const activities = inputs.activities.filter((a) => !(a.person_email === "kong.linghui@example.com" && String(a.date) >= monday && String(a.date) <= sunday));
    const changed = demoInputs({ activities });
    const rep = reportFor(changed, "kong.linghui@example.com", "appraisal_results");
    expect(rep.standards[0]?.missingLogWeeks).toEqual([monday]);
    expect(rep.actions.some((a) => a.kind === "log" && a.rule === "KPI-07")).toBe(true);
    expect(reportFor(changed, EAST_MANAGER).actions.some((a) => a.kind === "log" && a.text.zh.includes("孔令辉"))).toBe(true);
  });

  it("KPI-07, KPI-09, RP-14: the report counts what the Work standards sheet counts, from the same tally (diligent reps meet every week, others do not)", () => {
    const model = reportFor(demoInputs(), GM);
    const line = (email: string): (typeof model.standards)[number] | undefined => model.standards.find((s) => s.email === email);
    const cao = line("cao.xue@example.com");
    expect([cao?.visitWeeksMet, cao?.competitorWeeksMet, cao?.weeks]).toEqual([5, 5, 5]);
    // October 2026 up to the report day: 18 working days on the Holidays calendar, a report each day by 23:59.
    expect([cao?.dailyReportsOnTime, cao?.workingDays]).toEqual([18, 18]);
    const kong = line("kong.linghui@example.com");
    expect(kong?.visitWeeksMet).toBeLessThan(5);
    expect(kong?.dailyReportsOnTime).toBeLessThan(18);
    // RP-14 / AMB-75: an earlier DAILY_REPORT_DUE makes the evening reports late.
    const strict = reportFor(demoInputs({ settings: { DAILY_REPORT_DUE: "17:00" } }), GM).standards.find((s) => s.email === "cao.xue@example.com");
    expect(strict?.dailyReportsOnTime).toBe(0);
  });

  it("KPI-10: a customer-file update activity makes a file current in the report too", () => {
    const inputs = demoInputs();
    const stale = reportFor(inputs, GM).staleFiles.map((f) => f.customerId);
    expect(stale).not.toContain("C-SOUTH-05");
    const without = demoInputs({ activities: inputs.activities.filter((a) => a.type !== "file_update") });
    expect(reportFor(without, GM).staleFiles.map((f) => f.customerId)).toContain("C-SOUTH-05");
  });

  it("KPI-08: new customers are judged against KPI_MONTHLY_NEW_CUSTOMERS", () => {
    const strict = reportFor(demoInputs({ settings: { KPI_MONTHLY_NEW_CUSTOMERS: 5 } }), "cao.xue@example.com", "appraisal_results");
    const lenient = reportFor(demoInputs({ settings: { KPI_MONTHLY_NEW_CUSTOMERS: 0 } }), "cao.xue@example.com", "appraisal_results");
    expect(strict.standards[0]?.newCustomersMet).toBe(false);
    expect(strict.actions.some((a) => a.kind === "standard")).toBe(true);
    expect(lenient.standards[0]?.newCustomersMet).toBe(true);
  });

  it("RP-28: pending approvals carry their holder and age, oldest first, and the holder is asked to decide", () => {
    const requests: TableRecord[] = [
      { id: "R-1", type: "stock_transfer", title: "调货 A", requester_email: "kong.linghui@example.com", submitted_at: "2026-11-01T09:00:00", region: "EAST", status: "pending", current_approver_email: GM },
      { id: "R-2", type: "exchange", title: "换货 B", requester_email: "yan.feng@example.com", submitted_at: "2026-10-20T09:00:00", region: "SOUTH", status: "pending", current_approver_email: GM },
      { id: "R-3", type: "return", title: "退货 C", requester_email: "yan.feng@example.com", submitted_at: "2026-10-20T09:00:00", region: "SOUTH", status: "approved", current_approver_email: null },
    ];
    const approvals: TableRecord[] = [{ id: "A-1", request_id: "R-2", step: 1, decided_at: "2026-11-03T10:00:00", decision: "approve" }];
    const model = reportFor(demoInputs({ requests, approvals }), GM);
    expect(model.approvals.map((a) => [a.requestId, a.ageDays, a.holder?.name])).toEqual([
      ["R-1", 6, "钱正明"],
      ["R-2", 4, "钱正明"],
    ]);
    expect(model.actions.filter((a) => a.kind === "decide").map((a) => a.text.en)).toEqual(['Decide R-1 "调货 A" (waiting 6 days)', 'Decide R-2 "换货 B" (waiting 4 days)']);
    const east = reportFor(demoInputs({ requests, approvals }), EAST_MANAGER);
    expect(east.approvals.map((a) => a.requestId)).toEqual(["R-1"]);
  });

  it("RP-28: the action list comes in order: sign, decide, flags, tasks, logs, files, standards", () => {
    const requests: TableRecord[] = [{ id: "R-9", type: "exchange", title: "x", requester_email: "yan.feng@example.com", submitted_at: "2026-11-01T09:00:00", region: "SOUTH", status: "pending", current_approver_email: GM }];
    const tasks: TableRecord[] = [{ id: "T-9", title: "季度总结", owner_email: GM, assigner_email: "zhao.guohua@example.com", due_on: "2026-11-01", done_on: null }];
    const model = reportFor(demoInputs({ results: demoResults("closed"), requests, tasks }), GM);
    const order = ["sign", "decide", "flag", "task", "follow_up", "log", "file", "standard"];
    const kinds = model.actions.map((a) => a.kind);
    expect(kinds.slice(0, 2)).toEqual(["sign", "decide"]);
    expect([...kinds].sort((a, b) => order.indexOf(a) - order.indexOf(b))).toEqual(kinds);
  });
});

describe("report model: readers (RP-28)", () => {
  it("RP-05 / RP-28: the department pack goes to president, GM, director, marketing manager and HR; each region's to its manager; each appraised person gets a scorecard", () => {
    const inputs = demoInputs();
    const list = deliveries(inputs);
    const packs = list.filter((d) => d.kind === "monthly_pack");
    expect(packs.filter((d) => d.scope.kind === "department").map((d) => d.recipient.role).sort()).toEqual(["director", "gm", "hr", "mkt_manager", "president"]);
    expect(packs.filter((d) => d.scope.kind === "region").map((d) => `${d.scope.kind === "region" ? d.scope.region : ""}:${d.recipient.email}`)).toContain(`EAST:${EAST_MANAGER}`);
    expect(list.filter((d) => d.kind === "appraisal_results")).toHaveLength(reportBase(inputs, MONTH).results.length);
  });

  it("RP-12 / RP-28: one email per person per month: with PUBLISH_EMAIL_PERSONAL on (the default) publication's result email is it and the job owes no scorecard; off, the job sends each one", () => {
    const inputs = demoInputs();
    const appraised = reportBase(inputs, MONTH).results.map((r) => r.email);
    expect(appraised.length).toBeGreaterThan(0);
    expect(personalScorecardsFor(appraised, {})).toEqual([]);
    expect(personalScorecardsFor(appraised, { PUBLISH_EMAIL_PERSONAL: "TRUE" })).toEqual([]);
    expect(personalScorecardsFor(appraised, { PUBLISH_EMAIL_PERSONAL: "FALSE" })).toEqual(appraised);
    const withDefault = monthlyDeliveries(reportBase(inputs, MONTH).people, inputs.regions, personalScorecardsFor(appraised, {}));
    expect(withDefault.filter((d) => d.kind === "appraisal_results")).toEqual([]);
    expect(withDefault.filter((d) => d.kind === "monthly_pack").length).toBeGreaterThan(0);
  });

  it("RP-28: a region pack holds only its region and its people; a scorecard only its person", () => {
    const inputs = demoInputs();
    const east = reportFor(inputs, EAST_MANAGER);
    const people = reportBase(inputs, MONTH).people;
    expect(east.lines.every((l) => l.level === "region" ? l.id === "EAST" : l.level === "person" && people.get(l.id)?.region === "EAST")).toBe(true);
    expect(east.results.every((r) => r.region === "EAST")).toBe(true);
    const own = reportFor(inputs, "kong.linghui@example.com", "appraisal_results");
    expect(own.results.map((r) => r.email)).toEqual(["kong.linghui@example.com"]);
    expect(own.lines.map((l) => l.id)).toEqual(["kong.linghui@example.com"]);
    expect(widestScope(people.get(EAST_MANAGER) ?? own.reader, regionManagers(inputs.regions, people))).toEqual({ kind: "region", region: "EAST" });
  });

  it("LANGUAGE: People.language wins; a blank one takes Settings LANGUAGE", () => {
    const inputs = demoInputs();
    expect(reportFor(inputs, "chen.zhiqiang@example.com", "appraisal_results").language).toBe("en");
    expect(reportFor(inputs, GM).language).toBe("zh-CN");
    const blank = demoInputs({ people: inputs.people.map((p) => ({ ...p, language: null })), settings: { LANGUAGE: "en" } });
    expect(reportFor(blank, GM).language).toBe("en");
  });
});
