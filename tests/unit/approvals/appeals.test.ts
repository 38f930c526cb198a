/**
 * The appeal's two levels (WF-26, SC-54, AMB-34): the first appeal within APPEAL_DAYS of the
 * publication; the escalation to the GM office meeting names that first appeal (its request ID) and
 * has its own APPEAL_DAYS counted from HR's answer, so an answer that comes after the first week
 * still leaves the appellant a week to escalate.
 */
import { describe, expect, it } from "vitest";
import { appealRecords, stepDueAt } from "../../../src/core/approvals/appeals";
import { approvalSettings } from "../../../src/core/approvals/settings";
import { dueTimerEvents, nextTimerAt } from "../../../src/core/approvals/timers";
import { decide } from "../../../src/core/approvals/machine";
import type { RequestState, Transition } from "../../../src/core/approvals/model";
import type { AnswerInput } from "../../../src/core/approvals/questions";
import { submissionEvent } from "../../../src/core/approvals/submission";
import { ANSWERS, CONTEXT, E, ROUTES, SETTINGS, ZONE, at, decision, directory, effectsOf, must } from "./fixtures";

let responses = 0;

/** An appeal submitted through the form trigger's path, checked against the appeals already made. */
function appeal(requester: string, now: number, answers: Readonly<Record<string, AnswerInput>>, earlier: readonly RequestState[], id?: string): Transition {
  responses += 1;
  const event = submissionEvent({
    type: "appeal",
    answers: { ...ANSWERS.appeal, ...answers },
    respondent: requester,
    responseId: `appeal-${responses}`,
    existingIds: earlier.map((s) => s.id),
    routes: ROUTES,
    directory: directory(),
    settings: SETTINGS,
    now,
    appeals: appealRecords(earlier, ZONE),
  });
  return decide(null, id && event.type === "submitted" ? { ...event, requestId: id } : event, now, CONTEXT);
}

/** October's results published on 30 Oct; Kong appeals on 5 Nov (day 6); HR answers on 7 Nov (day 8). */
function answeredFirstAppeal(verdict: "approve" | "reject" = "reject"): RequestState {
  const first = must(appeal(E.salesEast, at("2026-11-05"), { published_on: "2026-10-30" }, [], "AP-2026-0001").state);
  expect(first.status).toBe("pending");
  return must(decision(first, verdict, E.hr, at("2026-11-07", "10:00"), "回款记录已核对,维持原评分").state);
}

const escalation = (first: string, extra: Record<string, string> = {}): Record<string, string> => ({ title: "10月考核申诉仲裁", published_on: "2026-10-30", escalated: "是", first_appeal: first, ...extra });

describe("WF-26 escalation window: counted from HR's answer, not from the publication (AMB-34)", () => {
  it("WF-26 / AMB-34: HR answers on day 8 after publication; the employee escalates on day 13 and it goes to the GM office", () => {
    const first = answeredFirstAppeal();
    expect(first.status).toBe("rejected");
    const t = appeal(E.salesEast, at("2026-11-12"), escalation("AP-2026-0001"), [first]);
    const state = must(t.state);
    expect(state.problems).toEqual([]);
    expect(state.status).toBe("pending");
    expect(state.steps.map((s) => s.role)).toEqual(["gm"]);
  });

  it("WF-26 / AMB-34: the escalation's last day is HR's answer day + APPEAL_DAYS (7 Nov + 7 = 14 Nov); on 15 Nov it is refused, saying until when", () => {
    const first = answeredFirstAppeal("approve");
    expect(must(appeal(E.salesEast, at("2026-11-14", "17:00"), escalation("AP-2026-0001"), [first]).state).status).toBe("pending");
    const late = must(appeal(E.salesEast, at("2026-11-15"), escalation("AP-2026-0001"), [first]).state);
    expect(late.status).toBe("needs_fixing");
    expect(late.problems.map((p) => p.code)).toEqual(["APPEAL_ESCALATION_LATE"]);
    expect(late.problems[0]?.text.en).toContain("HR answered AP-2026-0001 on 2026-11-07; an escalation is due within 7 days of that (until 2026-11-14); today is 2026-11-15");
    expect(late.problems[0]?.text.zh).toContain("人事部于 2026-11-07 答复了 AP-2026-0001,须在 7 天内(至 2026-11-14)提请仲裁");
  });

  it("SC-54: a first appeal (not escalated) is still bound to the week after publication", () => {
    const late = must(appeal(E.salesEast, at("2026-11-07"), { published_on: "2026-10-30" }, []).state);
    expect(late.problems.map((p) => p.code)).toEqual(["APPEAL_LATE"]);
  });
});

describe("WF-26 escalation linked to its first appeal", () => {
  it("WF-26: an escalation naming no first appeal is refused in both languages, at the first-appeal question", () => {
    const first = answeredFirstAppeal();
    const t = must(appeal(E.salesEast, at("2026-11-09"), { title: "仲裁", published_on: "2026-10-30", escalated: "是" }, [first]).state);
    expect(t.status).toBe("needs_fixing");
    expect(t.problems.map((p) => `${p.question}:${p.code}`)).toEqual(["first_appeal:APPEAL_FIRST_MISSING"]);
    expect(t.problems[0]?.text.zh).toContain("首次申诉编号");
    expect(t.problems[0]?.text.en).toContain("must give the request ID of the first appeal HR answered");
  });

  it("WF-26: refused when the named appeal is unknown, someone else's, for another month, or itself an escalation", () => {
    const first = answeredFirstAppeal();
    const code = (who: string, answers: Record<string, string>, earlier: RequestState[] = [first]): string[] => must(appeal(who, at("2026-11-09"), answers, earlier).state).problems.map((p) => p.code);
    expect(code(E.salesEast, escalation("AP-2026-0099"))).toEqual(["APPEAL_FIRST_UNKNOWN"]);
    expect(code(E.salesSouth, escalation("AP-2026-0001"))).toEqual(["APPEAL_FIRST_UNKNOWN"]);
    expect(code(E.salesEast, escalation("AP-2026-0001", { period: "2026-09" }))).toEqual(["APPEAL_FIRST_UNKNOWN"]);
    const other = must(appeal(E.salesEast, at("2026-11-09"), escalation("AP-2026-0099"), [first]).state);
    expect(other.problems[0]?.text.en).toContain("AP-2026-0099 is not your own first appeal for 2026-10, and you have no appeal for that month answered by HR");
    expect(other.problems[0]?.text.zh).toContain("AP-2026-0099 不是您本人 2026-10 的首次申诉");
    const escalated = must(appeal(E.salesEast, at("2026-11-09"), escalation("AP-2026-0001"), [first], "AP-2026-0002").state);
    expect(escalated.status).toBe("pending");
    expect(code(E.salesEast, escalation("AP-2026-0002"), [first, escalated])).toEqual(["APPEAL_FIRST_UNKNOWN"]);
  });

  it("WF-26.3: an escalation before HR has answered is refused: HR replies first", () => {
    const pending = must(appeal(E.salesEast, at("2026-11-05"), { published_on: "2026-10-30" }, [], "AP-2026-0001").state);
    const t = must(appeal(E.salesEast, at("2026-11-06"), escalation("AP-2026-0001"), [pending]).state);
    expect(t.problems.map((p) => p.code)).toEqual(["APPEAL_NOT_ANSWERED"]);
    expect(t.problems[0]?.text.en).toContain("HR has not answered AP-2026-0001 yet");
  });

  it("WF-26: the escalation's Requests row shows its first appeal, and its Audit row names it", () => {
    const first = answeredFirstAppeal();
    const t = appeal(E.salesEast, at("2026-11-10"), escalation("AP-2026-0001"), [first]);
    const row = effectsOf(t, "upsert-request")[0]?.record;
    expect(row?.first_appeal).toBe("AP-2026-0001");
    expect(row?.escalated).toBe(true);
    const audit = effectsOf(t, "append-audit").map((e) => e.record).find((r) => r.action === "request.submitted");
    expect(audit?.comment).toBe("提请总经理办公会仲裁,首次申诉 AP-2026-0001 / Escalation to the GM office meeting of the first appeal AP-2026-0001");
    const onFirst = effectsOf(t, "append-audit").map((e) => e.record).filter((r) => r.object_id === "AP-2026-0001");
    expect(onFirst.map((r) => [r.action, r.comment])).toEqual([["appeal.escalated", `已提请总经理办公会仲裁,仲裁申请 ${String(row?.id)} / Escalated to the GM office meeting as ${String(row?.id)}`]]);
  });

  it("WF-26: a refused escalation adds no Audit row under the first appeal", () => {
    const first = answeredFirstAppeal();
    const t = appeal(E.salesEast, at("2026-11-20"), escalation("AP-2026-0001"), [first]);
    expect(must(t.state).status).toBe("needs_fixing");
    expect(effectsOf(t, "append-audit").filter((e) => e.record.object_id === "AP-2026-0001")).toEqual([]);
  });
});

describe("WF-26.2 HR's reply to an appeal is due APPEAL_HR_REPLY_DAYS calendar days after submission (AMB-34)", () => {
  const cal = CONTEXT.calendar;
  const reminders = (state: RequestState, now: number, settings = SETTINGS): string[] =>
    dueTimerEvents(state, now, cal, settings, { directory: directory(), actor: "owner@example.com" }).map((e) => `${e.type}${e.type === "remind" ? ` #${e.nth}` : ""}`);

  it("WF-26 / AMB-34: with the default 7 days, HR is not reminded on day 3 (8 working hours have long passed) and is on day 7", () => {
    const state = must(appeal(E.salesEast, at("2026-11-05", "10:00"), { published_on: "2026-10-30" }, []).state);
    const step = state.steps[0];
    if (!step) throw new Error("no HR step");
    expect(stepDueAt(state, step, SETTINGS)).toBe(at("2026-11-12", "10:00"));
    expect(nextTimerAt(state, cal, SETTINGS)).toBe(at("2026-11-12", "10:00"));
    expect(reminders(state, at("2026-11-09", "10:00"))).toEqual([]);
    expect(reminders(state, at("2026-11-12", "09:59"))).toEqual([]);
    expect(reminders(state, at("2026-11-12", "10:00"))).toEqual(["remind #1"]);
  });

  it("WF-26 / AMB-34: APPEAL_HR_REPLY_DAYS = 3 moves HR's due date to day 3, and the reminder with it", () => {
    const three = approvalSettings({ TIME_ZONE: ZONE, LANGUAGE: "zh-CN", APPEAL_HR_REPLY_DAYS: "3" });
    expect(three.appealHrReplyDays).toBe(3);
    const state = must(appeal(E.salesEast, at("2026-11-05", "10:00"), { published_on: "2026-10-30" }, []).state);
    expect(nextTimerAt(state, cal, three)).toBe(at("2026-11-08", "10:00"));
    expect(reminders(state, at("2026-11-08", "09:00"), three)).toEqual([]);
    expect(reminders(state, at("2026-11-08", "10:00"), three)).toEqual(["remind #1"]);
  });

  it("WF-26: the GM office's arbitration step and other request types keep the working-hour reminders", () => {
    const first = answeredFirstAppeal();
    const escalated = must(appeal(E.salesEast, at("2026-11-09", "10:00"), escalation("AP-2026-0001"), [first]).state);
    const gmStep = escalated.steps[0];
    if (!gmStep) throw new Error("no GM step");
    expect(stepDueAt(escalated, gmStep, SETTINGS)).toBeNull();
    expect(reminders(escalated, at("2026-11-10", "10:00"))).toEqual(["remind #1"]);
  });
});
