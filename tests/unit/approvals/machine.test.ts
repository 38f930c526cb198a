/**
 * The approval state machine through the eyes of its users: the Requests row and Audit rows it
 * writes, the emails it sends and to whom, the tasks it creates with owners and deadlines, and what
 * it refuses. Submissions go through the same path as the form trigger (submissionEvent).
 */
import { describe, expect, it } from "vitest";
import type { ApprovalEvent } from "../../../src/core/approvals/machine";
import { decide } from "../../../src/core/approvals/machine";
import type { RequestState } from "../../../src/core/approvals/model";
import { stateFromJson, stateToJson } from "../../../src/core/approvals/records";
import { routeFor, routeRowsFrom } from "../../../src/core/approvals/routes";
import { ANSWERS, CONTEXT, E, PEOPLE, ROUTES, SETTINGS, approveAll, at, decision, defaultRouteRows, directory, effectsOf, emails, must, person, submit } from "./fixtures";
import { approvalSettings } from "../../../src/core/approvals/settings";

const MON = "2026-11-02";

function stockTransfer(): RequestState {
  return must(submit("stock_transfer", E.salesEast, at(MON)).state);
}

describe("submission (WF-05 stock transfer)", () => {
  it("writes the Requests row and one Audit row, and asks the first approver with a signed link", () => {
    const t = submit("stock_transfer", E.salesEast, at(MON));
    const state = must(t.state);
    expect(t.outcome).toEqual({ kind: "applied" });
    expect(t.effects.map((e) => e.kind)).toEqual(["upsert-request", "append-audit", "send-email"]);
    expect(effectsOf(t, "upsert-request")[0]?.record).toMatchObject({
      id: "ST-2026-0001",
      type: "stock_transfer",
      title: "华东补货",
      requester_email: E.salesEast,
      submitted_at: "2026-11-02T09:00:00",
      region: "EAST",
      product_sku: "SKU-001",
      quantity: 900,
      from_location: "武汉仓",
      status: "pending",
      current_step: 1,
      current_approver_email: E.manager,
    });
    // The Decision cells belong to the person picking there; the engine never writes them.
    expect(effectsOf(t, "upsert-request")[0]?.record).not.toHaveProperty("decision");
    expect(effectsOf(t, "append-audit")[0]?.record).toMatchObject({ actor_email: E.salesEast, action: "request.submitted", object_type: "request", object_id: "ST-2026-0001", before: null, channel: "form" });
    expect(String(effectsOf(t, "append-audit")[0]?.record.after)).toContain("rev 1 pending, step 1 of 2 \"Marketing Manager approves the need\"");
    const [mail] = emails(t);
    expect(mail).toMatchObject({ kind: "approval-request", to: [E.manager], recipientName: "周海涛" });
    expect(mail?.link).toEqual({ requestId: "ST-2026-0001", revision: 1, step: 1, round: 1, approver: E.manager, expiresAt: at(MON) + 7 * 86_400_000 });
    expect(state.status).toBe("pending");
  });

  it("moves step by step: the requester hears of each approval, the Warehouse gets its task when the Director approves (WF-05.7)", () => {
    const t1 = decision(stockTransfer(), "approve", E.manager, at(MON, "15:00"), "库存确实不足");
    expect(emails(t1).map((m) => [m.kind, m.to[0]])).toEqual([
      ["approval-request", E.director],
      ["decision-notice", E.salesEast],
    ]);
    expect(effectsOf(t1, "upsert-approvals")[0]?.records).toEqual([
      { id: "ST-2026-0001-1-1-1-1", request_id: "ST-2026-0001", revision: 1, step: 1, role: "mkt_manager", approver_email: E.manager, on_behalf_of: null, decision: "approve", comment: "库存确实不足", decided_at: "2026-11-02T15:00:00", channel: "link" },
    ]);
    const t2 = decision(must(t1.state), "approve", E.director, at("2026-11-03", "10:00"));
    const state = must(t2.state);
    expect(state.status).toBe("approved");
    expect(effectsOf(t2, "upsert-request")[0]?.record).toMatchObject({ status: "approved", current_step: null, current_approver_email: null });
    expect(effectsOf(t2, "create-task").map((e) => e.record)).toEqual([
      { id: "ST-2026-0001-F1", title: "仓储部按调货申请单安排调货(WF-05.7) / Warehouse arranges the transfer per the approved request (WF-05.7)", source: "workflow", assigner_email: E.director, owner_email: E.warehouse, assigned_on: "2026-11-03", due_on: "2026-11-05", request_id: "ST-2026-0001", notes: "WF-05.7" },
    ]);
    // The Warehouse is copied on the Director's step and owns the task: one email, a task email
    // (issue 11 §2: who assigned what, due when, how to mark it done), no longer an FYI copy.
    expect(emails(t2).map((m) => [m.kind, m.to[0], m.tasks.length])).toEqual([
      ["final-approved", E.salesEast, 1],
      ["task-assigned", E.warehouse, 1],
    ]);
  });

  it("keeps the whole state as text for a cell, and reads it back", () => {
    const { state } = approveAll(must(submit("rebate_calc", E.salesEast, at(MON)).state), at(MON, "11:00"));
    const text = stateToJson(state);
    expect(text.length).toBeLessThan(50_000);
    expect(stateFromJson(text)).toEqual(state);
    expect(stateFromJson(text.slice(0, -10))).toBeNull();
    expect(stateFromJson('{"v":1,"state":{"id":"x"}}')).toBeNull();
  });

  it("appends exactly one Audit row per transition", () => {
    const { transitions } = approveAll(stockTransfer(), at(MON, "11:00"));
    expect(transitions.map((t) => effectsOf(t, "append-audit").map((a) => a.record.action))).toEqual([["step.approve"], ["step.approve"]]);
  });
});

describe("rejection and resubmission (WF-GEN.1)", () => {
  it("a rejection needs a reason", () => {
    const t = decision(stockTransfer(), "reject", E.manager, at(MON, "10:00"), "  ");
    expect(t.outcome).toMatchObject({ kind: "refused", code: "REASON_REQUIRED" });
  });

  it("returns the request to the requester, who revises and resubmits it as a new revision from step 1", () => {
    const approved1 = must(decision(stockTransfer(), "approve", E.manager, at(MON, "10:00")).state);
    const rejected = decision(approved1, "reject", E.director, at(MON, "11:00"), "请核实武汉仓库存");
    const r = must(rejected.state);
    expect(r).toMatchObject({ status: "rejected", canResubmit: true, current: null });
    expect(effectsOf(rejected, "upsert-request")[0]?.record).toMatchObject({ status: "rejected", status_reason: "请核实武汉仓库存" });
    const [mail] = emails(rejected);
    expect(mail).toMatchObject({ kind: "final-rejected", to: [E.salesEast], canResubmit: true, decision: { what: "reject", by: "孙立新", comment: "请核实武汉仓库存" } });

    const again = submit("stock_transfer", E.salesEast, at("2026-11-03"), { state: r, existing: [r.id], answers: { ...ANSWERS.stock_transfer, quantity: "700", revises: r.id } });
    const s2 = must(again.state);
    expect(s2).toMatchObject({ id: "ST-2026-0001", revision: 2, status: "pending", current: 0 });
    expect(s2.fields.quantity).toBe(700);
    expect(s2.history.map((h) => h.what)).toEqual(["submitted", "approve", "reject", "resubmitted"]);
    expect(effectsOf(again, "append-audit")[0]?.record).toMatchObject({ action: "request.resubmitted" });
    expect(emails(again)[0]?.link).toMatchObject({ revision: 2, step: 1, round: 1, approver: E.manager });

    // A decision meant for revision 1 is not applied to revision 2.
    const stale: ApprovalEvent = { type: "approve", requestId: r.id, revision: 1, step: 2, actor: person(E.manager), comment: "", channel: "link" };
    expect(decide(s2, stale, at("2026-11-03", "10:00"), CONTEXT).outcome).toMatchObject({ kind: "refused", code: "STALE_REVISION" });
    // Nor can the Director turn the revision-1 rejection into an approval.
    const flip: ApprovalEvent = { ...stale, actor: person(E.director) };
    expect(decide(s2, flip, at("2026-11-03", "10:00"), CONTEXT).outcome).toMatchObject({ kind: "refused", code: "ALREADY_DECIDED" });
  });

  it("WF-06 exchange: a rejection closes the request and tells the requester (AMB-39); it cannot be resubmitted", () => {
    const s = must(submit("exchange", E.salesEast, at(MON)).state);
    const t = decision(s, "reject", E.manager, at(MON, "10:00"), "非质量问题,不符合换货要求");
    const r = must(t.state);
    expect(r).toMatchObject({ status: "rejected", canResubmit: false });
    expect(emails(t)[0]).toMatchObject({ kind: "final-rejected", canResubmit: false });
    const again = submit("exchange", E.salesEast, at("2026-11-03"), { state: r, existing: [r.id], answers: { ...ANSWERS.exchange, revises: r.id } });
    expect(again.outcome).toMatchObject({ kind: "refused", code: "CANNOT_RESUBMIT" });
  });

  it("WF-08 the President's rejection sends the rebate calculation back to Finance (AMB-41), with a new round and a new link", () => {
    let s = must(submit("rebate_calc", E.salesEast, at(MON)).state);
    s = must(decision(s, "approve", E.director, at(MON, "10:00")).state);
    s = must(decision(s, "approve", E.finance, at(MON, "11:00")).state);
    const back = decision(s, "reject", E.president, at(MON, "14:00"), "D-003 第7笔进货金额有误,请重算");
    s = must(back.state);
    expect(s.status).toBe("pending");
    expect(s.steps[s.current ?? -1]).toMatchObject({ step: 2, round: 2, status: "active" });
    expect(s.steps[2]).toMatchObject({ step: 3, status: "rejected" });
    expect(emails(back).map((m) => [m.kind, m.to[0], m.link?.round ?? null])).toEqual([
      ["approval-request", E.finance, 2],
      ["decision-notice", E.salesEast, null],
    ]);
    s = must(decision(s, "approve", E.finance, at("2026-11-03", "09:30"), "已重算").state);
    s = must(decision(s, "approve", E.president, at("2026-11-03", "11:00")).state);
    expect(s.steps[s.current ?? -1]).toMatchObject({ step: 4, round: 1, action: "confirm" });
    const paid = decision(s, "approve", E.finance, at("2026-11-04", "16:00"), "已对账并付款");
    expect(must(paid.state).status).toBe("approved");
  });

  it("return for revision: back to the requester with the approver's comment", () => {
    const t = decision(stockTransfer(), "return", E.manager, at(MON, "10:00"), "请补充安全库存依据");
    expect(must(t.state)).toMatchObject({ status: "returned", canResubmit: true });
    expect(effectsOf(t, "upsert-request")[0]?.record).toMatchObject({ status: "returned", status_reason: "请补充安全库存依据" });
    expect(emails(t)[0]).toMatchObject({ kind: "decision-notice", to: [E.salesEast], decision: { what: "return" } });
  });
});

describe("withdrawal", () => {
  it("the requester withdraws a pending request; the waiting approver is told; later decisions are refused", () => {
    const s = stockTransfer();
    const withdraw: ApprovalEvent = { type: "withdraw", requestId: s.id, actor: person(E.salesEast), comment: "客户取消订单", channel: "menu" };
    const t = decide(s, withdraw, at(MON, "10:00"), CONTEXT);
    expect(must(t.state).status).toBe("withdrawn");
    expect(effectsOf(t, "upsert-request")[0]?.record).toMatchObject({ status: "withdrawn", status_reason: "客户取消订单", current_approver_email: null });
    expect(emails(t)).toMatchObject([{ kind: "decision-notice", to: [E.manager], decision: { what: "withdraw" } }]);
    expect(decision(must(t.state), "approve", E.manager, at(MON, "11:00")).outcome).toMatchObject({ kind: "refused", code: "NOT_PENDING" });
    expect(decide(must(t.state), withdraw, at(MON, "12:00"), CONTEXT)).toMatchObject({ outcome: { kind: "unchanged" }, effects: [] });
  });

  it("only the requester may withdraw, and not once approved", () => {
    const s = stockTransfer();
    const byOther: ApprovalEvent = { type: "withdraw", requestId: s.id, actor: person(E.manager), comment: "", channel: "menu" };
    expect(decide(s, byOther, at(MON, "10:00"), CONTEXT).outcome).toMatchObject({ kind: "refused", code: "NOT_REQUESTER" });
    const approved = approveAll(s, at(MON, "11:00")).state;
    const late: ApprovalEvent = { type: "withdraw", requestId: s.id, actor: person(E.salesEast), comment: "", channel: "menu" };
    expect(decide(approved, late, at(MON, "12:00"), CONTEXT).outcome).toMatchObject({ kind: "refused", code: "CANNOT_WITHDRAW" });
  });
});

describe("bad answers and failures keep the response and say what to fix", () => {
  it("needs fixing: the requester is told each answer to fix, then resubmits the same request", () => {
    const t = submit("stock_transfer", E.salesEast, at(MON), { answers: { ...ANSWERS.stock_transfer, quantity: "abc", reason: "" } });
    const s = must(t.state);
    expect(s).toMatchObject({ status: "needs_fixing", canResubmit: true, steps: [] });
    expect(s.typed.quantity).toBe("abc");
    const row = effectsOf(t, "upsert-request")[0]?.record;
    expect(row).toMatchObject({ status: "needs_fixing", current_step: null });
    expect(String(row?.status_reason)).toContain("\"Quantity to transfer\" must be a number, got \"abc\"");
    expect(emails(t)).toMatchObject([{ kind: "needs-fixing", to: [E.salesEast] }]);
    expect(emails(t)[0]?.problems.map((p) => p.question)).toEqual(["quantity", "reason"]);
    expect(effectsOf(t, "append-audit")[0]?.record).toMatchObject({ action: "request.needs_fixing" });

    const fixed = submit("stock_transfer", E.salesEast, at(MON, "10:00"), { state: s, existing: [s.id], answers: { ...ANSWERS.stock_transfer, revises: s.id } });
    expect(must(fixed.state)).toMatchObject({ status: "pending", revision: 2, problems: [] });
  });

  it("an unknown request ID to revise is an answer to fix", () => {
    const t = submit("stock_transfer", E.salesEast, at(MON), { answers: { ...ANSWERS.stock_transfer, revises: "ST-2026-0999" } });
    expect(must(t.state).problems.map((p) => p.code)).toEqual(["REVISES_UNKNOWN"]);
  });

  it("a route that cannot be planned fails with the reason for an administrator, and re-runs from the menu once People is fixed", () => {
    const noHr = directory(PEOPLE.filter((p) => p.role !== "hr"));
    const t = submit("appeal", E.salesEast, at(MON), { dir: noHr });
    const s = must(t.state);
    expect(s.status).toBe("failed");
    expect(effectsOf(t, "upsert-request")[0]?.record).toMatchObject({ status: "error" });
    expect(String(effectsOf(t, "upsert-request")[0]?.record.status_reason)).toContain("人员 People");
    expect(emails(t)).toEqual([]);
    const route = routeFor({ type: "appeal", requester: E.salesEast, region: s.region, amount: s.amount, fields: s.fields }, ROUTES.rows, directory(), SETTINGS);
    const retry = decide(s, { type: "retry", requestId: s.id, actor: person(E.director), route, channel: "menu" }, at(MON, "11:00"), CONTEXT);
    expect(must(retry.state)).toMatchObject({ status: "pending", revision: 1 });
    expect(emails(retry)).toMatchObject([{ kind: "approval-request", to: [E.hr] }]);
  });
});

describe("idempotence: the same event twice changes nothing the second time", () => {
  it("a form response delivered twice", () => {
    const first = submit("stock_transfer", E.salesEast, at(MON), { responseId: "resp-dup" });
    const again = submit("stock_transfer", E.salesEast, at(MON), { responseId: "resp-dup", state: must(first.state), existing: ["ST-2026-0001"] });
    expect(again.effects).toEqual([]);
    expect(again.outcome).toMatchObject({ kind: "unchanged", code: "DUPLICATE" });
  });

  it("the same decision posted twice (a double click, or by link and then in the sheet)", () => {
    const approve: ApprovalEvent = { type: "approve", requestId: "ST-2026-0001", revision: 1, step: 1, actor: person(E.manager), comment: "同意", channel: "link" };
    const t1 = decide(stockTransfer(), approve, at(MON, "10:00"), CONTEXT);
    expect(t1.outcome.kind).toBe("applied");
    const t2 = decide(must(t1.state), { ...approve, channel: "sheet" }, at(MON, "10:05"), CONTEXT);
    expect(t2.outcome).toMatchObject({ kind: "unchanged", code: "DUPLICATE" });
    expect(t2.effects).toEqual([]);
    expect(t2.state).toBe(t1.state);
  });
});

describe("who may decide", () => {
  it("a decision in the sheet by someone who is not the approver is refused and audited (the sheet handler clears the cell)", () => {
    const s = stockTransfer();
    const t = decision(s, "approve", E.clerk, at(MON, "10:00"), "", "sheet");
    expect(t.state).toBe(s);
    expect(t.outcome).toMatchObject({ kind: "refused", code: "NOT_APPROVER" });
    if (t.outcome.kind === "refused") {
      expect(t.outcome.text.zh).toBe(`${E.clerk} 不是申请 ST-2026-0001 第 1 步「市场部经理审批需求」的审批人(审批人:周海涛 <${E.manager}>),决定未生效`);
      expect(t.outcome.text.en).toContain("is not the approver of request ST-2026-0001 step 1");
    }
    expect(t.effects.map((e) => e.kind)).toEqual(["upsert-request", "append-audit"]);
    expect(effectsOf(t, "upsert-request")[0]?.record).toMatchObject({ status: "pending" });
    expect(effectsOf(t, "append-audit")[0]?.record).toMatchObject({ actor_email: E.clerk, action: "step.approve.refused", channel: "sheet" });
  });

  it("a decision for a step the request is not at is refused", () => {
    const t = decision(stockTransfer(), "approve", E.director, at(MON, "10:00"));
    expect(t.outcome).toMatchObject({ kind: "refused", code: "NOT_APPROVER" });
    const wrongStep: ApprovalEvent = { type: "approve", requestId: "ST-2026-0001", revision: 1, step: 2, actor: person(E.director), comment: "", channel: "link" };
    expect(decide(stockTransfer(), wrongStep, at(MON, "10:00"), CONTEXT).outcome).toMatchObject({ kind: "refused", code: "WRONG_STEP" });
  });

  it("WF-01.5 the Marketing Assistant only comments: no rejection; approving records a comment and moves on", () => {
    const s = must(submit("regional_plan", E.regionalEast, at(MON)).state);
    expect(decision(s, "reject", E.assistant, at(MON, "10:00"), "目标偏高").outcome).toMatchObject({ kind: "refused", code: "ADVISE_ONLY" });
    const t = decision(s, "approve", E.assistant, at(MON, "10:00"), "目标偏高,建议分解到月");
    expect(effectsOf(t, "upsert-approvals")[0]?.records[0]).toMatchObject({ decision: "comment", comment: "目标偏高,建议分解到月" });
    expect(must(t.state).steps[must(t.state).current ?? -1]?.step).toBe(2);
  });
});

describe("any-of and all-of steps", () => {
  const people = [...PEOPLE, { email: "finance2@example.com", name: "财务二", role: "finance", manager: E.gm }];
  const dir = directory(people);
  function withFinanceStep(mode: "any" | "all"): RequestState {
    const routes = routeRowsFrom([...defaultRouteRows(), { row: 99, values: { request_type: "rebate_policy", step: 2, name_zh: "财务会签", name_en: "Finance co-signs", role: "finance", action: "verify", mode, active: true } }]);
    const s = must(submit("rebate_policy", E.salesEast, at(MON), { dir, routes }).state);
    return must(decision(s, "approve", E.director, at(MON, "10:00")).state);
  }

  it("all of: the step waits for every holder of the role", () => {
    const s = withFinanceStep("all");
    const first = decision(s, "approve", E.finance, at(MON, "11:00"));
    expect(must(first.state)).toMatchObject({ status: "pending", current: 1 });
    expect(emails(first)).toEqual([]);
    const second = decision(must(first.state), "approve", "finance2@example.com", at(MON, "12:00"));
    expect(must(second.state).status).toBe("approved");
  });

  it("any of: the first decides; the other's later decision is refused", () => {
    const s = withFinanceStep("any");
    const t = decision(s, "approve", "finance2@example.com", at(MON, "11:00"));
    expect(must(t.state).status).toBe("approved");
    expect(decision(must(t.state), "approve", E.finance, at(MON, "11:05")).outcome).toMatchObject({ kind: "refused", code: "NOT_PENDING" });
  });
});

describe("follow-ups after approval: tasks with owners and deadlines, rows of other sheets", () => {
  it("WF-07.6b-c a confirm step becomes a task for its owner, done when confirmed", () => {
    let s = must(submit("return", E.salesEast, at(MON)).state);
    s = must(decision(s, "approve", E.manager, at(MON, "10:00")).state);
    const toFinance = decision(s, "approve", E.director, at(MON, "11:00"));
    expect(effectsOf(toFinance, "create-task").map((e) => [e.record.id, e.record.owner_email, e.record.due_on])).toEqual([["RT-2026-0001-1-3-1", E.finance, "2026-11-05"]]);
    const refunded = decision(must(toFinance.state), "approve", E.finance, at("2026-11-03", "15:00"), "已退款2800元");
    expect(effectsOf(refunded, "complete-task")).toEqual([{ kind: "complete-task", id: "RT-2026-0001-1-3-1", doneOn: "2026-11-03", outcome: "done" }]);
    // The next confirmation is the requester's: they get the request, not a separate progress notice.
    expect(emails(refunded).map((m) => [m.kind, m.to[0]])).toEqual([["approval-request", E.salesEast]]);
  });

  it("WF-02 promotion plan: staffing within 3 working days, the participants' reports 3 and the summary report 7 working days after the promotion ends (WF-04, AMB-46); the plan becomes a promotion", () => {
    const { state, transitions } = approveAll(must(submit("promotion_plan", E.manager, at(MON)).state), at("2026-11-06", "16:00"));
    expect(state.status).toBe("approved");
    const last = transitions[transitions.length - 1];
    if (!last) throw new Error("no transition");
    expect(effectsOf(last, "create-task").map((e) => [e.record.owner_email, e.record.due_on, e.record.notes])).toEqual([
      [E.manager, "2026-11-11", "WF-02.4"],
      [E.manager, "2026-12-17", "WF-04.2"],
      [E.manager, "2026-12-23", "WF-04.3"],
    ]);
    expect(effectsOf(last, "update-record")).toEqual([
      {
        kind: "update-record",
        sheet: "promotions",
        keyColumn: "plan_request_id",
        key: "PP-2026-0001",
        createIfMissing: true,
        values: { id: "PP-2026-0001", name: "双十二杭州商超促销", objective: "提升礼盒销量", start_on: "2026-12-10", end_on: "2026-12-14", locations: "杭州银泰、苏州万达", products: "白酒礼盒", budget: 80000, owner_email: E.manager, status: "approved", plan_request_id: "PP-2026-0001" },
      },
    ]);
  });

  it("PROMO_REPORT_DAYS (WF-04, AMB-46): participants:1; owner:10 moves the report tasks to 1 and 10 working days after the promotion ends", () => {
    const settings = approvalSettings({ TIME_ZONE: SETTINGS.timeZone, LANGUAGE: "zh-CN", PROMO_REPORT_DAYS: "participants:1；owner：10" });
    const { transitions } = approveAll(must(submit("promotion_plan", E.manager, at(MON), { settings }).state), at("2026-11-06", "16:00"));
    const last = transitions[transitions.length - 1];
    if (!last) throw new Error("no transition");
    const due = (rule: string): unknown => effectsOf(last, "create-task").find((e) => e.record.notes === rule)?.record.due_on;
    expect([due("WF-04.2"), due("WF-04.3")]).toEqual(["2026-12-15", "2026-12-28"]);
    // An entry that does not read keeps its default; the staffing task never depended on it.
    const half = approvalSettings({ TIME_ZONE: SETTINGS.timeZone, PROMO_REPORT_DAYS: "participants:two; owner:10" });
    const t = approveAll(must(submit("promotion_plan", E.manager, at(MON), { settings: half }).state), at("2026-11-06", "16:00")).transitions.at(-1);
    expect(t && effectsOf(t, "create-task").map((e) => [e.record.notes, e.record.due_on])).toEqual([["WF-02.4", "2026-11-11"], ["WF-04.2", "2026-12-17"], ["WF-04.3", "2026-12-28"]]);
  });

  it("WF-10 the target dealer becomes approved and the signed agreement marks the dealer signed", () => {
    const target = approveAll(must(submit("dealer_target", E.salesEast, at(MON)).state), at(MON, "10:00"));
    const t = target.transitions[0];
    expect(t && effectsOf(t, "update-record")[0]).toMatchObject({ sheet: "dealers", key: "D-007", values: { status: "approved", credit_score: 90, vetted_on: MON } });
    const agreement = approveAll(must(submit("distribution_agreement", E.salesEast, at(MON)).state), at(MON, "10:00"));
    const a = agreement.transitions[0];
    expect(a && effectsOf(a, "update-record")[0]).toMatchObject({ sheet: "dealers", key: "D-007", values: { status: "signed", agreement_version: "2026-v2", agreement_signed_on: "2026-10-30" } });
  });
});
