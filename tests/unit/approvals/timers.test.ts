/**
 * Time in approvals: the working calendar (weekends, the Holidays sheet's holidays and make-up
 * working days, working hours on the workbook's wall clock whatever the machine's zone), reminders
 * after N working hours, escalation to the approver's manager after M reminders, and delegation
 * to a People delegate only within the delegation dates. Everything runs on a simulated clock:
 * the instants are arguments.
 */
import { describe, expect, it } from "vitest";
import { addWorkingDays, addWorkingHours, isWorkingDay, workCalendar, workingHoursBetween } from "../../../src/core/approvals/calendar";
import type { ApprovalEvent } from "../../../src/core/approvals/machine";
import { decide } from "../../../src/core/approvals/machine";
import type { RequestState } from "../../../src/core/approvals/model";
import { dueTimerEvents, nextTimerAt } from "../../../src/core/approvals/timers";
import { fromWallClock } from "../../../src/core/time";
import { CONTEXT, E, PEOPLE, SETTINGS, at, decision, directory, effectsOf, emails, must, submit } from "./fixtures";

const cal = CONTEXT.calendar;
const SYSTEM = "owner@example.com";

describe("the working calendar (SC-27, AMB-37)", () => {
  it("knows weekends, public holidays and make-up working days", () => {
    expect(isWorkingDay(cal, "2026-11-06")).toBe(true); // Friday
    expect(isWorkingDay(cal, "2026-11-07")).toBe(false); // Saturday
    expect(isWorkingDay(cal, "2026-10-01")).toBe(false); // National Day, a Thursday
    expect(isWorkingDay(cal, "2026-10-10")).toBe(true); // make-up Saturday
    expect(isWorkingDay(cal, "2026-11-16")).toBe(false); // company holiday, a Monday
  });

  it("counts working hours across a weekend: Friday 17:00 → Monday 10:00 is 2 hours", () => {
    expect(workingHoursBetween(cal, at("2026-11-06", "17:00"), at("2026-11-09", "10:00"))).toBe(2);
    expect(addWorkingHours(cal, at("2026-11-06", "17:00"), 8)).toBe(at("2026-11-09", "16:00"));
  });

  it("skips a holiday: 8 working hours from Friday 13 Nov 17:00 end on Tuesday 16:00", () => {
    expect(addWorkingHours(cal, at("2026-11-13", "17:00"), 8)).toBe(at("2026-11-17", "16:00"));
    expect(workingHoursBetween(cal, at("2026-11-13", "17:00"), at("2026-11-16", "17:00"))).toBe(1);
  });

  it("adds working days over the National Day holidays and their make-up Saturday", () => {
    expect(addWorkingDays(cal, "2026-09-30", 1)).toBe("2026-10-08");
    expect(addWorkingDays(cal, "2026-10-08", 2)).toBe("2026-10-10");
    expect(addWorkingDays(cal, "2026-11-07", 0)).toBe("2026-11-09");
  });

  it("keeps a 9-hour working day on the wall clock across a daylight-saving change", () => {
    const la = workCalendar("America/Los_Angeles");
    const friday = fromWallClock({ year: 2026, month: 10, day: 30, hour: 9 }, "America/Los_Angeles");
    const monday = fromWallClock({ year: 2026, month: 11, day: 2, hour: 18 }, "America/Los_Angeles");
    expect(workingHoursBetween(la, friday, monday)).toBe(18);
  });
});

function run(state: RequestState, now: number, dir = directory()): { state: RequestState; events: ApprovalEvent[]; mails: string[] } {
  const events = dueTimerEvents(state, now, cal, SETTINGS, { directory: dir, actor: SYSTEM });
  let s = state;
  const mails: string[] = [];
  for (const event of events) {
    const t = decide(s, event, now, CONTEXT);
    s = must(t.state);
    mails.push(...emails(t).map((m) => `${m.kind} ${m.to[0] ?? ""}`));
  }
  return { state: s, events, mails };
}

describe("reminders after working hours, then escalation to the manager", () => {
  it("reminds twice, a working day apart, then escalates to the approver's manager; the weekend does not count", () => {
    let s = must(submit("stock_transfer", E.salesEast, at("2026-11-06", "17:00")).state);
    expect(nextTimerAt(s, cal, SETTINGS)).toBe(at("2026-11-09", "16:00"));
    expect(run(s, at("2026-11-07", "12:00")).events).toEqual([]);
    expect(run(s, at("2026-11-09", "15:59")).events).toEqual([]);

    const first = run(s, at("2026-11-09", "16:00"));
    expect(first.events).toEqual([{ type: "remind", requestId: s.id, revision: 1, step: 1, round: 1, assignee: E.manager, nth: 1, actor: SYSTEM, channel: "trigger" }]);
    expect(first.mails).toEqual([`reminder ${E.manager}`]);
    s = first.state;
    expect(run(s, at("2026-11-09", "16:30")).events).toEqual([]);

    const second = run(s, at("2026-11-10", "15:00"));
    expect(second.events.map((e) => e.type)).toEqual(["remind"]);
    s = second.state;

    const third = run(s, at("2026-11-11", "15:00"));
    expect(third.events).toMatchObject([{ type: "escalate", assignee: E.manager, to: { email: E.director } }]);
    expect(third.mails).toEqual([`escalation ${E.director}`]);
    s = third.state;
    expect(run(s, at("2026-11-20", "15:00")).events).toEqual([]);

    // The manager's manager decides for them.
    const t = decision(s, "approve", E.director, at("2026-11-11", "16:00"), "代为审批");
    expect(effectsOf(t, "upsert-approvals")[0]?.records[0]).toMatchObject({ step: 1, approver_email: E.director, on_behalf_of: E.manager, decision: "approve" });
  });

  it("sends the reminder with a fresh link, and audits it as the trigger", () => {
    const s = must(submit("stock_transfer", E.salesEast, at("2026-11-06", "17:00")).state);
    const [event] = dueTimerEvents(s, at("2026-11-09", "16:00"), cal, SETTINGS, { actor: SYSTEM });
    if (!event) throw new Error("no event");
    const t = decide(s, event, at("2026-11-09", "16:00"), CONTEXT);
    expect(emails(t)[0]).toMatchObject({ kind: "reminder", reminderNumber: 1, link: { step: 1, round: 1, approver: E.manager, expiresAt: at("2026-11-16", "16:00") } });
    expect(effectsOf(t, "append-audit")[0]?.record).toMatchObject({ actor_email: SYSTEM, action: "step.remind", channel: "trigger" });
    // The same reminder applied twice changes nothing.
    expect(decide(must(t.state), event, at("2026-11-09", "16:01"), CONTEXT)).toMatchObject({ effects: [], outcome: { kind: "unchanged" } });
  });

  it("does not count a holiday: submitted Friday 13 Nov 17:00, the first reminder is Tuesday 16:00", () => {
    const s = must(submit("stock_transfer", E.salesEast, at("2026-11-13", "17:00")).state);
    expect(run(s, at("2026-11-16", "17:00")).events).toEqual([]);
    expect(run(s, at("2026-11-17", "16:00")).events.map((e) => e.type)).toEqual(["remind"]);
  });

  it("with no manager to escalate to, keeps reminding", () => {
    const people = PEOPLE.map((p) => (p.email === E.manager ? { email: p.email, name: p.name, role: p.role } : p));
    const dir = directory(people);
    let s = must(submit("stock_transfer", E.salesEast, at("2026-11-09", "09:00"), { dir }).state);
    for (const day of ["2026-11-09", "2026-11-10", "2026-11-11"]) s = run(s, at(day, "18:00"), dir).state;
    expect(run(s, at("2026-11-12", "18:00"), dir).events).toMatchObject([{ type: "remind", nth: 4 }]);
  });
});

describe("delegation (代理人) within its dates", () => {
  const away = PEOPLE.map((p) => (p.email === E.director ? { ...p, delegate: E.deputy, from: "2026-11-09", to: "2026-11-13" } : p));
  const dir = directory(away);

  it("inside the dates, the step goes to the delegate, who decides on the approver's behalf", () => {
    const t = submit("expense_budget", E.salesEast, at("2026-11-10", "10:00"), { dir });
    expect(emails(t)).toMatchObject([{ kind: "approval-request", to: [E.deputy], cc: [E.director], onBehalfOf: "孙立新", link: { approver: E.deputy } }]);
    const done = decision(must(t.state), "approve", E.deputy, at("2026-11-13", "17:59"), "同意");
    expect(effectsOf(done, "upsert-approvals")[0]?.records[0]).toMatchObject({ approver_email: E.deputy, on_behalf_of: E.director });
    expect(must(done.state).status).toBe("approved");
  });

  it("outside the dates, the delegate's decision is refused and the approver decides", () => {
    const t = submit("expense_budget", E.salesEast, at("2026-11-17", "10:00"), { dir });
    expect(emails(t)).toMatchObject([{ kind: "approval-request", to: [E.director] }]);
    expect(decision(must(t.state), "approve", E.deputy, at("2026-11-17", "11:00")).outcome).toMatchObject({ kind: "refused", code: "NOT_APPROVER" });
    expect(decision(must(t.state), "approve", E.director, at("2026-11-17", "11:00")).outcome).toEqual({ kind: "applied" });
  });

  it("a delegation that starts while the request waits hands it over when the trigger runs, and ends with its last day", () => {
    let s = must(submit("expense_budget", E.salesEast, at("2026-11-06", "10:00"), { dir }).state);
    expect(decision(s, "approve", E.deputy, at("2026-11-06", "11:00")).outcome).toMatchObject({ kind: "refused", code: "NOT_APPROVER" });
    const handed = run(s, at("2026-11-09", "08:00"), dir);
    expect(handed.events).toMatchObject([{ type: "delegate", assignee: E.director, to: { person: { email: E.deputy } } }]);
    expect(handed.mails).toEqual([`approval-request ${E.deputy}`]);
    s = handed.state;
    expect(run(s, at("2026-11-09", "08:30"), dir).events).toEqual([]);
    expect(decision(s, "approve", E.deputy, at("2026-11-14", "00:00")).outcome).toMatchObject({ kind: "refused", code: "NOT_APPROVER" });
    expect(decision(s, "approve", E.deputy, at("2026-11-13", "23:59")).outcome).toEqual({ kind: "applied" });
  });

  it("only the approver may hand their step to a delegate by hand", () => {
    const s = must(submit("expense_budget", E.salesEast, at("2026-11-17", "10:00"), { dir }).state);
    const deputy = { email: E.deputy, name: "李文静", language: "zh-CN" as const };
    const event: ApprovalEvent = { type: "delegate", requestId: s.id, revision: 1, step: 1, round: 1, assignee: E.director, to: { person: deputy, from: null, until: null }, actor: { email: E.clerk, name: "卫小红", language: "zh-CN" }, channel: "menu" };
    expect(decide(s, event, at("2026-11-17", "11:00"), CONTEXT).outcome).toMatchObject({ kind: "refused", code: "NOT_ASSIGNEE" });
    const byDirector = decide(s, { ...event, actor: { email: E.director, name: "孙立新", language: "zh-CN" } }, at("2026-11-17", "11:00"), CONTEXT);
    expect(emails(byDirector)).toMatchObject([{ kind: "approval-request", to: [E.deputy] }]);
  });
});
