import { describe, expect, it } from "vitest";
import { decide } from "../../../src/core/approvals/machine";
import type { RequestState } from "../../../src/core/approvals/model";
import { approvalSettings } from "../../../src/core/approvals/settings";
import { submissionEvent } from "../../../src/core/approvals/submission";
import { annualPlanDueDay, annualPlanLateNotice } from "../../../src/core/plans/annual-plan";
import { ANSWERS, CONTEXT, E, ROUTES, ZONE, at, decision, directory, effectsOf, must } from "../approvals/fixtures";

function submitPlan(now: number, settings: Record<string, string> = {}): ReturnType<typeof decide> {
  const event = submissionEvent({
    type: "annual_plan",
    answers: ANSWERS.annual_plan,
    respondent: E.manager,
    responseId: `plan-${now}`,
    existingIds: [],
    routes: ROUTES,
    directory: directory(),
    settings: approvalSettings({ TIME_ZONE: ZONE, ...settings }),
    now,
  });
  return decide(null, event, now, CONTEXT);
}

const approverOf = (state: RequestState | null): string[] => must(state).steps.map((s) => s.assignees.map((a) => a.email).join("+"));

describe("WF-22 / RP-09 / AMB-57: the annual business plan request", () => {
  it("WF-22/RP-09: approved by the GM by default (ANNUAL_PLAN_APPROVER = gm, AMB-57)", () => {
    const t = submitPlan(at("2027-01-04"));
    expect(approverOf(t.state)).toEqual([E.gm]);
    expect(must(t.state).steps[0]?.rule).toBe("WF-22");
  });

  it("WF-22/RP-09: changing ANNUAL_PLAN_APPROVER changes who approves it", () => {
    expect(approverOf(submitPlan(at("2027-01-04"), { ANNUAL_PLAN_APPROVER: "director" }).state)).toEqual([E.director]);
    expect(approverOf(submitPlan(at("2027-01-04"), { ANNUAL_PLAN_APPROVER: "president" }).state)).toEqual([E.president]);
  });

  it("WF-22/RP-09/KPI-40: submitted on or before ANNUAL_PLAN_DUE (01-05) is on time; after it the request and the approver's step say it is late, in both languages", () => {
    const onTime = must(submitPlan(at("2027-01-05", "17:00")).state);
    expect(onTime.problems).toEqual([]);
    expect(onTime.steps[0]?.note).toBeNull();
    const late = must(submitPlan(at("2027-01-08")).state);
    expect(late.status).toBe("pending");
    expect(late.problems.map((p) => p.code)).toEqual(["ANNUAL_PLAN_LATE"]);
    expect(late.problems[0]?.text.zh).toContain("逾期提交:2027 年度经营计划应于 2027-01-05 前提交");
    expect(late.problems[0]?.text.en).toContain("was due by 2027-01-05 (Settings ANNUAL_PLAN_DUE); it was submitted on 2027-01-08, 3 days late");
    expect(late.steps[0]?.note?.en).toContain("3 days late");
  });

  it("WF-22/RP-09/KPI-40: changing ANNUAL_PLAN_DUE changes whether the same submission is late", () => {
    expect(must(submitPlan(at("2027-01-08"), { ANNUAL_PLAN_DUE: "01-10" }).state).problems).toEqual([]);
    expect(must(submitPlan(at("2027-01-04"), { ANNUAL_PLAN_DUE: "01-03" }).state).problems[0]?.text.en).toContain("1 days late");
  });

  it("WF-22.3: once approved, the year's company targets are written to Plans, with version, state and approver", () => {
    const submitted = must(submitPlan(at("2027-01-04")).state);
    const approved = decision(submitted, "approve", E.gm, at("2027-01-05"));
    const writes = effectsOf(approved, "update-record").filter((e) => e.sheet === "plans");
    expect(writes.map((w) => [w.key, w.values.amount])).toEqual([
      ["2027-sales-CO-Y", 60_000_000],
      ["2027-collections-CO-Y", 54_000_000],
      ["2027-new_customers-CO-Y", 120],
      ["2027-expense_budget-CO-Y", 3_600_000],
    ]);
    expect(writes[0]?.values).toMatchObject({ level: "company", period_type: "Y", period: "2027", version: 1, state: "approved", approved_by: E.gm });
  });

  it("KPI-40: the due day follows ANNUAL_PLAN_DUE; an unreadable value keeps 01-05", () => {
    expect(annualPlanDueDay(2027, "01-05")).toBe("2027-01-05");
    expect(annualPlanDueDay(2027, "1-9")).toBe("2027-01-09");
    expect(annualPlanDueDay(2027, "13-40")).toBe("2027-01-05");
    expect(annualPlanLateNotice(2027, "2027-01-05", "01-05")).toBeNull();
    expect(annualPlanLateNotice(2027, "2027-01-06", "01-05")?.zh).toContain("晚了 1 天");
  });
});
