/**
 * The queue of one approver (我的待办, issue 11 §3): what waits on a person is what the engine would
 * accept from them now (own place, delegate within the dates, escalation manager), oldest first;
 * their open tasks; and marking a task done (WF-17, WF-GEN.2).
 */
import { describe, expect, it } from "vitest";
import { approverQueue, ownTasks, taskDone } from "../../../src/core/approvals/queue";
import type { RequestState } from "../../../src/core/approvals/model";
import { CONTEXT, E, PEOPLE, SETTINGS, ZONE, at, decision, directory, must, submit } from "./fixtures";

const cal = CONTEXT.calendar;

function queueOf(states: RequestState[], email: string, now: number): string[] {
  return approverQueue(states, email, now, cal, SETTINGS).map((i) => i.requestId);
}

describe("approverQueue: the steps waiting on one person (issue 11 §3, WF-GEN.2)", () => {
  it("lists the steps waiting on me, oldest first, and not what waits on someone else or was decided", () => {
    const later = must(submit("stock_transfer", E.salesEast, at("2026-11-03", "10:00"), { existing: [] }).state);
    const earlier = must(submit("stock_transfer", E.salesEast, at("2026-11-02", "15:00"), { existing: [later.id] }).state);
    const states = [later, earlier];
    expect(queueOf(states, E.manager, at("2026-11-03", "11:00"))).toEqual([earlier.id, later.id]);
    expect(queueOf(states, E.director, at("2026-11-03", "11:00"))).toEqual([]);
    const moved = must(decision(earlier, "approve", E.manager, at("2026-11-03", "11:00")).state);
    expect(queueOf([later, moved], E.manager, at("2026-11-03", "12:00"))).toEqual([later.id]);
    expect(queueOf([later, moved], E.director, at("2026-11-03", "12:00"))).toEqual([moved.id]);
    const [item] = approverQueue([later], E.manager.toUpperCase(), at("2026-11-03", "11:00"), cal, SETTINGS);
    expect(item).toMatchObject({ revision: 1, step: 1, round: 1, onBehalfOf: null, canRefuse: true, waitingSince: at("2026-11-03", "10:00"), summary: { requester: { name: "孔令辉" } } });
    // Due: when the first reminder falls due, APPROVAL_REMIND_HOURS (8) working hours after the step opened.
    expect(item?.dueAt).toBe(at("2026-11-03", "18:00"));
    expect(approverQueue([later], E.manager, at("2026-11-03", "18:01"), cal, SETTINGS)[0]?.overdue).toBe(true);
  });

  it("includes a step I decide as delegate within the delegation's dates, for the assignee by name; not outside them", () => {
    const away = PEOPLE.map((p) => (p.email === E.director ? { ...p, delegate: E.deputy, from: "2026-11-09", to: "2026-11-13" } : p));
    const dir = directory(away);
    const inside = must(submit("expense_budget", E.salesEast, at("2026-11-10", "10:00"), { dir }).state);
    expect(approverQueue([inside], E.deputy, at("2026-11-10", "11:00"), cal, SETTINGS)).toMatchObject([{ requestId: inside.id, onBehalfOf: "孙立新" }]);
    expect(queueOf([inside], E.deputy, at("2026-11-16", "11:00"))).toEqual([]);
  });
});

describe("ownTasks and taskDone: my open tasks, marked done by their owner (WF-17, WF-GEN.2)", () => {
  const rows = [
    { row: 2, values: { id: "T-2", title: "整理台账", owner_email: E.manager, due_on: "2026-11-10", done_on: "", request_id: "" } },
    { row: 3, values: { id: "T-1", title: "回访客户", owner_email: E.manager, due_on: "2026-11-01", done_on: "", request_id: "ST-2026-0001" } },
    { row: 4, values: { id: "T-3", title: "已完成", owner_email: E.manager, due_on: "2026-11-01", done_on: "2026-11-01", request_id: "" } },
    { row: 5, values: { id: "T-4", title: "别人的", owner_email: E.director, due_on: "2026-11-01", done_on: "", request_id: "" } },
  ];

  it("lists my open tasks, earliest due first; a task of a request still pending is done by deciding its step", () => {
    const tasks = ownTasks(rows, E.manager, "2026-11-02", new Set(["ST-2026-0001"]));
    expect(tasks.map((t) => [t.id, t.overdue, t.canMarkDone])).toEqual([
      ["T-1", true, false],
      ["T-2", false, true],
    ]);
  });

  it("marks my task done today; refuses another's, a done one, and one a pending step completes, in both languages", () => {
    const now = at("2026-11-02", "09:00");
    expect(taskDone(rows, "t-2", E.manager, now, ZONE, new Set())).toMatchObject({ ok: true, row: 2, values: { done_on: "2026-11-02" } });
    const other = taskDone(rows, "T-4", E.manager, now, ZONE, new Set());
    expect(other).toMatchObject({ ok: false, code: "NOT_OWNER" });
    expect(other.text.zh).toContain("只有责任人可以标记完成");
    expect(other.text.en).toContain("only its owner may mark it done");
    expect(taskDone(rows, "T-3", E.manager, now, ZONE, new Set())).toMatchObject({ ok: false, code: "NO_TASK" });
    expect(taskDone(rows, "T-1", E.manager, now, ZONE, new Set(["ST-2026-0001"]))).toMatchObject({ ok: false, code: "BY_STEP" });
  });
});
