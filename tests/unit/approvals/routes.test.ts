/**
 * Routing from the Routes sheet's rows: every request type's default route (the Routes template's
 * seed rows, as data), conditions that add a step, "any of" and "all of" steps, copies, where a
 * rejection goes, nobody approving their own request, and the bilingual errors that name the role
 * and region to fill in People.
 */
import { describe, expect, it } from "vitest";
import type { SheetRow } from "../../../src/core/approvals/directory";
import type { PlannedStep, RequestTypeKey, RouteResult } from "../../../src/core/approvals/model";
import { conditionHolds, parseCondition, routeFor, routeRowsFrom } from "../../../src/core/approvals/routes";
import { ANSWERS, E, PEOPLE, ROUTES, SETTINGS, at, defaultRouteRows, directory, submit, must } from "./fixtures";
import { parseSubmission } from "../../../src/core/approvals/submission";

function planned(type: RequestTypeKey, requester: string = E.salesEast, routes = ROUTES, dir = directory()): RouteResult {
  const { draft } = parseSubmission(type, ANSWERS[type], { now: at("2026-11-02"), timeZone: SETTINGS.timeZone, appealDays: 7 });
  return routeFor({ type, requester, region: draft.region, amount: draft.amount, fields: draft.fields }, routes.rows, dir, SETTINGS);
}

function steps(result: RouteResult): PlannedStep[] {
  if (!result.ok) throw new Error(result.problems.map((p) => p.text.en).join("; "));
  return [...result.steps];
}

function shape(result: RouteResult): string[] {
  return steps(result).map((s) => `${s.step} ${s.role} ${s.assignees.map((a) => a.email.split("@")[0]).join("+")}`);
}

describe("default routes, straight from the Routes template", () => {
  it("reads every seed row of the Routes template without a problem", () => {
    const table = routeRowsFrom(defaultRouteRows());
    expect(table.problems).toEqual([]);
    expect(table.rows.length).toBe(defaultRouteRows().length);
  });

  it("WF-01 regional marketing plan: the Assistant comments, the Director decomposes, the region's manager accepts (AMB-44)", () => {
    const route = steps(planned("regional_plan"));
    expect(shape(planned("regional_plan"))).toEqual(["1 mkt_assistant zheng.yuting", "2 director sun.lixin", "3 region_manager xu.wenhua"]);
    expect(route.map((s) => s.action)).toEqual(["advise", "approve", "accept"]);
    expect(route[2]).toMatchObject({ onReject: "back_to_step", rejectToStep: 2 });
  });

  it("WF-02 promotion plan: Director then President, the Marketing Manager copied (AMB-45)", () => {
    const route = steps(planned("promotion_plan"));
    expect(shape(planned("promotion_plan"))).toEqual(["1 director sun.lixin", "2 president zhao.guohua"]);
    expect(route[1]?.cc.map((c) => c.email)).toEqual([E.manager]);
    expect(route.every((s) => s.onReject === "return_to_initiator")).toBe(true);
  });

  it("WF-04 promotion summary report: Director then President (AMB-45)", () => {
    expect(shape(planned("promotion_summary"))).toEqual(["1 director sun.lixin", "2 president zhao.guohua"]);
  });

  it("WF-05 stock transfer: manager then director (AMB-38), the Warehouse copied on approval", () => {
    const result = planned("stock_transfer");
    expect(shape(result)).toEqual(["1 mkt_manager zhou.haitao", "2 director sun.lixin"]);
    expect(steps(result)[1]?.cc.map((c) => c.email)).toEqual([E.warehouse]);
    expect(result.ok && result.followUps.map((f) => [f.rule, f.owner.email])).toEqual([["WF-05.7", E.warehouse]]);
  });

  it("WF-06 exchange: manager (Quality copied) then the Director for the written application; a rejection closes it (AMB-39)", () => {
    const route = steps(planned("exchange"));
    expect(shape(planned("exchange"))).toEqual(["1 mkt_manager zhou.haitao", "2 director sun.lixin"]);
    expect(route[0]?.cc.map((c) => c.email)).toEqual([E.quality]);
    expect(route[1]?.cc.map((c) => c.email)).toEqual([E.regionalEast]);
    expect(route.map((s) => s.onReject)).toEqual(["close", "close"]);
  });

  it("WF-07 return and refund: manager, the company (Director), Finance refunds, sales confirms (AMB-40)", () => {
    const route = steps(planned("return"));
    expect(shape(planned("return"))).toEqual(["1 mkt_manager zhou.haitao", "2 director sun.lixin", "3 finance shen.qiuyue", "4 requester kong.linghui"]);
    expect(route.slice(2).map((s) => s.action)).toEqual(["confirm", "confirm"]);
  });

  it("WF-08 rebate policy: the Director approves (AMB-41)", () => {
    expect(shape(planned("rebate_policy"))).toEqual(["1 director sun.lixin"]);
  });

  it("WF-08 rebate settlement: Director, Finance verifies, President, Finance reconciles and pays; the President's rejection goes back to Finance (AMB-41)", () => {
    const route = steps(planned("rebate_calc"));
    expect(shape(planned("rebate_calc"))).toEqual(["1 director sun.lixin", "2 finance shen.qiuyue", "3 president zhao.guohua", "4 finance shen.qiuyue"]);
    expect(route[2]).toMatchObject({ onReject: "back_to_step", rejectToStep: 2 });
  });

  it("WF-09 expense budget: the Director signs an opinion (AMB-42)", () => {
    expect(shape(planned("expense_budget"))).toEqual(["1 director sun.lixin"]);
  });

  it("WF-10 dealer development: the Director approves the target dealer and the distribution agreement (AMB-43)", () => {
    expect(shape(planned("dealer_target"))).toEqual(["1 director sun.lixin"]);
    expect(shape(planned("distribution_agreement"))).toEqual(["1 director sun.lixin"]);
  });

  it("WF-19 process change: the Marketing Manager, and the Director when cross-department (AMB-55)", () => {
    expect(shape(planned("process_change"))).toEqual(["1 mkt_manager zhou.haitao", "2 director sun.lixin"]);
    const local = parseSubmission("process_change", { ...ANSWERS.process_change, cross_department: "否 / No" }, { now: at("2026-11-02"), timeZone: SETTINGS.timeZone, appealDays: 7 });
    const route = routeFor({ type: "process_change", requester: E.salesEast, region: null, amount: null, fields: local.draft.fields }, ROUTES.rows, directory(), SETTINGS);
    expect(shape(route)).toEqual(["1 mkt_manager zhou.haitao"]);
  });

  it("WF-26 appraisal appeal: HR replies; an escalated appeal (HR has replied) goes to the GM office alone (AMB-34)", () => {
    expect(shape(planned("appeal"))).toEqual(["1 hr han.dongmei"]);
    const escalated = parseSubmission("appeal", { ...ANSWERS.appeal, escalated: "是" }, { now: at("2026-11-02"), timeZone: SETTINGS.timeZone, appealDays: 7 });
    const route = routeFor({ type: "appeal", requester: E.salesEast, region: null, amount: null, fields: escalated.draft.fields }, ROUTES.rows, directory(), SETTINGS);
    // The HR row's condition `escalated = FALSE`: HR does not answer the same appeal twice.
    expect(shape(route)).toEqual(["2 gm qian.zhengming"]);
  });
});

function withRows(extra: readonly Record<string, string | number | boolean>[]): ReturnType<typeof routeRowsFrom> {
  const rows: SheetRow[] = [...defaultRouteRows(), ...extra.map((values, i) => ({ row: 100 + i, values }))];
  return routeRowsFrom(rows);
}

describe("conditions, any-of and all-of steps, copies", () => {
  it("an amount above a threshold adds the President to the expense budget", () => {
    const routes = withRows([{ request_type: "expense_budget", step: 2, name_zh: "超5万元总裁审批", name_en: "President approves over 50,000", role: "president", action: "approve", mode: "any", condition: "amount > 50000", active: true }]);
    expect(shape(planned("expense_budget", E.salesEast, routes))).toEqual(["1 director sun.lixin", "2 president zhao.guohua"]);
    const small = routeFor({ type: "expense_budget", requester: E.salesEast, region: "EAST", amount: 30_000, fields: {} }, routes.rows, directory(), SETTINGS);
    expect(shape(small)).toEqual(["1 director sun.lixin"]);
  });

  it("reads conditions with several clauses, booleans and numbers", () => {
    const clauses = parseCondition("amount >= 10,000; region = EAST AND cross_department = TRUE");
    expect(clauses).toEqual([
      { key: "amount", op: ">=", value: 10000 },
      { key: "region", op: "=", value: "EAST" },
      { key: "cross_department", op: "=", value: true },
    ]);
    const request = { type: "process_change" as const, requester: E.salesEast, region: "EAST", amount: 12000, fields: { cross_department: true } };
    expect(conditionHolds(clauses ?? [], request)).toBe(true);
    expect(conditionHolds(clauses ?? [], { ...request, region: "SOUTH" })).toBe(false);
    expect(parseCondition("amount is big")).toBeNull();
    expect(parseCondition("region > EAST")).toBeNull();
  });

  it("an all-of step lists every holder of the role; an any-of step too, and any one decides", () => {
    const people = [...PEOPLE, { email: "finance2@example.com", name: "财务二", role: "finance", manager: E.gm }];
    const routes = withRows([{ request_type: "rebate_policy", step: 2, name_zh: "财务会签", name_en: "Finance co-signs", role: "finance", action: "verify", mode: "all", active: true }]);
    const route = steps(planned("rebate_policy", E.salesEast, routes, directory(people)));
    expect(route[1]).toMatchObject({ mode: "all" });
    expect(route[1]?.assignees.map((a) => a.email)).toEqual([E.finance, "finance2@example.com"]);
  });

  it("prefers holders of a role in the request's region, else those at headquarters", () => {
    const routes = withRows([{ request_type: "expense_budget", step: 2, name_zh: "区域经理会签", name_en: "Regional manager co-signs", role: "regional", action: "approve", mode: "any", active: true }]);
    const south = routeFor({ type: "expense_budget", requester: E.salesSouth, region: "SOUTH", amount: 100, fields: {} }, routes.rows, directory(), SETTINGS);
    expect(steps(south)[1]?.assignees.map((a) => a.email)).toEqual([E.regionalSouth]);
  });

  it("a blank on_reject takes Settings DEFAULT_REJECT_ACTION (WF-GEN.1)", () => {
    const routes = withRows([{ request_type: "expense_budget", step: 2, name_zh: "总经理", name_en: "GM", role: "gm", action: "approve", mode: "any", active: true }]);
    const close = routeFor({ type: "expense_budget", requester: E.salesEast, region: "EAST", amount: 100, fields: {} }, routes.rows, directory(), { defaultRejectAction: "close" });
    expect(steps(close)[1]?.onReject).toBe("close");
  });

  it("an inactive row is skipped", () => {
    const rows = defaultRouteRows().map((r) => (r.values.request_type === "promotion_plan" && r.values.step === 2 ? { ...r, values: { ...r.values, active: false } } : r));
    expect(shape(planned("promotion_plan", E.salesEast, routeRowsFrom(rows)))).toEqual(["1 director sun.lixin"]);
  });
});

describe("nobody approves their own request", () => {
  it("the Director's own expense budget goes to the Director's superior, with a note", () => {
    const route = steps(planned("expense_budget", E.director));
    expect(route[0]?.assignees.map((a) => a.email)).toEqual([E.gm]);
    expect(route[0]?.note?.en).toContain("direct superior");
  });

  it("WF-01.7: when the regional manager wrote the regional plan, the region still accepts it (not the Director who decomposed it)", () => {
    const route = steps(planned("regional_plan", E.regionalEast));
    expect(route.map((s) => `${s.step} ${s.action} ${s.assignees.map((a) => a.email).join("+")}`)).toEqual([
      `1 advise ${E.assistant}`,
      `2 approve ${E.director}`,
      `3 accept ${E.regionalEast}`,
    ]);
    expect(route[2]?.note).toBeNull();
  });

  it("AMB-42 BUDGET_FINAL_APPROVER: the expense budget's final approval follows the setting (default the director)", () => {
    const { draft } = parseSubmission("expense_budget", ANSWERS.expense_budget, { now: at("2026-11-02"), timeZone: SETTINGS.timeZone, appealDays: 7 });
    const request = { type: "expense_budget" as const, requester: E.manager, region: draft.region, amount: draft.amount, fields: draft.fields };
    const byDefault = steps(routeFor(request, ROUTES.rows, directory(), SETTINGS));
    expect(byDefault[byDefault.length - 1]?.assignees.map((a) => a.email)).toEqual([E.director]);
    const byGm = steps(routeFor(request, ROUTES.rows, directory(), { ...SETTINGS, budgetFinalApprover: "gm" }));
    expect(byGm[byGm.length - 1]?.assignees.map((a) => a.email)).toEqual([E.gm]);
  });

  it("AMB-39 EXCHANGE_COMPANY_APPROVER: the director merges the company's approval (two steps); the GM gets a step of its own before the director's", () => {
    const { draft } = parseSubmission("exchange", ANSWERS.exchange, { now: at("2026-11-02"), timeZone: SETTINGS.timeZone, appealDays: 7 });
    const request = { type: "exchange" as const, requester: E.salesEast, region: draft.region, amount: draft.amount, fields: draft.fields };
    const merged = steps(routeFor(request, ROUTES.rows, directory(), SETTINGS));
    expect(merged.map((s) => `${s.step} ${s.role}`)).toEqual(["1 mkt_manager", "2 director"]);
    const own = steps(routeFor(request, ROUTES.rows, directory(), { ...SETTINGS, exchangeCompanyApprover: "gm" }));
    expect(own.map((s) => `${s.step} ${s.role} ${s.assignees.map((a) => a.email).join("+")}`)).toEqual([`1 mkt_manager ${E.manager}`, `2 gm ${E.gm}`, `3 director ${E.director}`]);
    expect(own[1]?.name.en).toBe("The company approves the exchange");
  });

  it("the requester still confirms a step that is theirs by role (WF-07.6c)", () => {
    expect(steps(planned("return", E.salesEast))[3]?.assignees.map((a) => a.email)).toEqual([E.salesEast]);
  });
});

describe("problems that stop a route name what to fill in", () => {
  it("a role nobody holds: the role and region to add in People", () => {
    const noHr = PEOPLE.filter((p) => p.role !== "hr");
    const result = planned("appeal", E.salesEast, ROUTES, directory(noHr));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems[0]?.code).toBe("APPROVER_MISSING");
    expect(result.problems[0]?.text.zh).toContain("人事部");
    expect(result.problems[0]?.text.zh).toContain("人员 People");
    expect(result.problems[0]?.text.en).toContain('nobody holds the role "HR" in region EAST');
  });

  it("a region without a manager names the region", () => {
    const regionless = PEOPLE.filter((p) => p.email !== E.regionalEast);
    const dir = directory(regionless);
    const result = planned("regional_plan", E.salesEast, ROUTES, { ...dir, regionManagers: new Map() });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.map((p) => p.text.en).join()).toContain("Regional Manager\" in region EAST");
  });

  it("a requester who is not in People", () => {
    const result = planned("stock_transfer", "stranger@elsewhere.com");
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]).toMatchObject({ code: "REQUESTER_MISSING" });
  });

  it("a follow-up task without an owner role holder (WF-GEN.2)", () => {
    const result = planned("stock_transfer", E.salesEast, ROUTES, directory(PEOPLE.filter((p) => p.role !== "warehouse")));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]?.text.en).toContain('"Warehouse"');
  });

  it("a broken Routes row is reported at its row and column, and that type's requests fail instead of taking a wrong route", () => {
    const routes = withRows([{ request_type: "expense_budget", step: 2, name_zh: "x", name_en: "x", role: "pope", action: "approve", mode: "any", condition: "amount ≈ 5", active: true }]);
    expect(routes.problems.map((p) => [p.code, p.at?.row, p.at?.column])).toEqual([
      ["ROUTE_BAD_VALUE", 100, "role"],
      ["ROUTE_BAD_CONDITION", 100, "condition"],
    ]);
    const t = submit("expense_budget", E.salesEast, at("2026-11-02"), { routes });
    expect(must(t.state).status).toBe("failed");
    expect(must(t.state).problems[0]?.at).toMatchObject({ sheet: "审批路线 Routes", row: 100 });
  });
});
