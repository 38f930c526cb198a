/**
 * Mail and pages that say what to do (issue 11 §2): every subject names the kind in both languages
 * without a dangling label, a follow-up task arrives as a task email (who assigned what, due when,
 * how to mark it done), replies go to someone who can act, the page after a decision says what
 * happens next, and overdue tasks are reminded, then escalated (WF-17, WF-GEN.2, WF-05.7).
 */
import { describe, expect, it } from "vitest";
import type { EmailMessage } from "../../../src/core/approvals/model";
import { digestReminders } from "../../../src/core/approvals/mail-queue";
import { EMAIL_KINDS, whatHappensNext } from "../../../src/core/approvals/notices";
import { approvalSettings } from "../../../src/core/approvals/settings";
import type { TaskRow } from "../../../src/core/approvals/task-reminders";
import { dueTaskReminders } from "../../../src/core/approvals/task-reminders";
import { renderReminderDigest } from "../../../src/render/approvals/digest";
import { renderApprovalEmail } from "../../../src/render/approvals/email";
import { renderResultPage } from "../../../src/render/approvals/pages";
import { renderTaskReminder } from "../../../src/render/approvals/task-reminder";
import { CONTEXT, E, SETTINGS, at, decision, directory, emails, must, submit } from "./fixtures";

function flows() {
  const submitted = submit("stock_transfer", E.salesEast, at("2026-11-02"));
  const approved1 = decision(must(submitted.state), "approve", E.manager, at("2026-11-02", "15:00"), "库存确实不足");
  const approved2 = decision(must(approved1.state), "approve", E.director, at("2026-11-03", "10:00"));
  const rejected = decision(must(approved1.state), "reject", E.director, at("2026-11-03", "10:00"), "请核实库存");
  const returned = decision(must(submitted.state), "return", E.manager, at("2026-11-02", "15:00"), "请补充库存数据");
  return { submitted, approved1, approved2, rejected, returned };
}

function only(list: readonly EmailMessage[], kind: EmailMessage["kind"], to?: string): EmailMessage {
  const m = list.find((e) => e.kind === kind && (to === undefined || e.to[0] === to));
  if (!m) throw new Error(`no ${kind}`);
  return m;
}

describe("issue 11 §2: subjects without dangling labels", () => {
  const { submitted, approved1, approved2, rejected, returned } = flows();
  const all = [submitted, approved1, approved2, rejected, returned].flatMap((t) => emails(t));
  const base = only(all, "approval-request");

  it("every email kind the engine sends has a subject naming its kind in both languages, the request ID, and no trailing ':'", () => {
    expect(EMAIL_KINDS.length).toBeGreaterThanOrEqual(9);
    for (const kind of EMAIL_KINDS) {
      const sent = all.find((m) => m.kind === kind) ?? { ...base, kind, reminderNumber: 2, onBehalfOf: "周海涛" };
      for (const language of ["zh-CN", "en"] as const) {
        const subject = renderApprovalEmail({ ...sent, language }).subject;
        expect(subject, `${kind} ${language}`).toContain("ST-2026-0001");
        expect(subject, `${kind} ${language}`).not.toMatch(/[:：]\s*$/);
        expect(subject, `${kind} ${language}`).toMatch(language === "en" ? /^\[[^\]]+\] Stock transfer ST-2026-0001 .+ · \S/ : /^【[^】]+】调货申请单 ST-2026-0001 .+ · [A-Z]/);
      }
    }
  });

  it("reads 【kind】type ID title · English kind, and a progress notice names a return or a withdrawal", () => {
    expect(renderApprovalEmail(base).subject).toBe("【待审批】调货申请单 ST-2026-0001 华东补货 · Approval needed");
    expect(renderApprovalEmail({ ...base, kind: "reminder", reminderNumber: 2 }).subject).toBe("【催办 #2】调货申请单 ST-2026-0001 华东补货 · Reminder #2");
    expect(renderApprovalEmail(only(emails(returned), "decision-notice")).subject).toBe("【已退回修改】调货申请单 ST-2026-0001 华东补货 · Returned for revision");
    expect(renderApprovalEmail(only(emails(approved2), "task-assigned")).subject).toBe("【新任务】调货申请单 ST-2026-0001 华东补货 · Task for you");
  });

  it("the reminder digest and the overdue-task emails do not end in ':' either", () => {
    const reminder = { ...base, kind: "reminder" as const, reminderNumber: 1 };
    const [digest] = digestReminders([reminder, { ...reminder, request: { ...reminder.request, id: "ST-2026-0002" } }]);
    if (!digest || digest.kind !== "reminder-digest") throw new Error("no digest");
    expect(renderReminderDigest(digest, new Map()).subject).toBe("【催办汇总】2 份申请等待您的决定 · Reminder: 2 requests wait for your decision");
    const run = overdue([task({})], at("2026-11-06", "09:00"));
    for (const m of run.mails) expect(renderTaskReminder(m).subject).not.toMatch(/[:：]\s*$/);
  });
});

describe("issue 11 §2: a follow-up task arrives as a task email (WF-05.7)", () => {
  const { approved2 } = flows();
  const mail = only(emails(approved2), "task-assigned", E.warehouse);
  const r = renderApprovalEmail(mail);

  it("WF-05.7: the Warehouse gets a task email, not an FYI copy: who assigned it, what, due when, its task ID", () => {
    expect(emails(approved2).some((m) => m.kind === "cc-notice" && m.to[0] === E.warehouse)).toBe(false);
    expect(mail.tasks).toEqual([{ id: "ST-2026-0001-F1", title: mail.tasks[0]?.title, owner: "秦海波", assigner: "孙立新", dueOn: "2026-11-05", rule: "WF-05.7" }]);
    expect(r.htmlBody).toContain('content="task-assigned"');
    expect(r.textBody).toContain("孙立新 批准了申请 ST-2026-0001,并把以下任务交给您负责。");
    expect(r.textBody).toContain("仓储部按调货申请单安排调货(WF-05.7)");
    expect(r.textBody).toContain("任务编号 / Task ID: ST-2026-0001-F1; 交办人 / Assigned by: 孙立新; 截止日期 / Due: 2026-11-05");
  });

  it("says how to mark it done: the Done on cell of its Tasks row, in both languages", () => {
    expect(r.textBody).toContain("「任务 Tasks」表中任务编号为 ST-2026-0001-F1 的一行填写「完成日期 Done on」列");
    expect(r.textBody).toContain('fill in the "Done on" column of the row with task ID ST-2026-0001-F1 in the Tasks sheet');
  });
});

describe("issue 11 §2: replies go to someone who can act (MailApp replyTo)", () => {
  const { submitted, approved1, approved2, rejected } = flows();

  it("an approval request replies to the requester; a progress or final notice to the approver who decided; a task email to its assigner", () => {
    expect(only(emails(submitted), "approval-request").replyTo).toBe(E.salesEast);
    expect(renderApprovalEmail(only(emails(submitted), "approval-request")).replyTo).toBe(E.salesEast);
    expect(only(emails(approved1), "approval-request", E.director).replyTo).toBe(E.salesEast);
    expect(only(emails(approved1), "decision-notice", E.salesEast).replyTo).toBe(E.manager);
    expect(only(emails(approved2), "final-approved", E.salesEast).replyTo).toBe(E.director);
    expect(only(emails(approved2), "task-assigned", E.warehouse).replyTo).toBe(E.director);
    expect(only(emails(rejected), "final-rejected", E.salesEast).replyTo).toBe(E.director);
  });

  it("answers to fix reply to nobody else (only the requester can fix them); a digest of one requester's requests replies to them", () => {
    const t = submit("stock_transfer", E.salesEast, at("2026-11-02"), { answers: { quantity: "x" } });
    expect(only(emails(t), "needs-fixing").replyTo).toBeNull();
    const reminder = { ...only(emails(submitted), "approval-request"), kind: "reminder" as const };
    const [digest] = digestReminders([reminder, { ...reminder, request: { ...reminder.request, id: "ST-2026-0002" } }]);
    expect(digest && "replyTo" in digest ? digest.replyTo : undefined).toBe(E.salesEast);
  });
});

describe("issue 11 §2: the page after a decision says what happens next", () => {
  const { approved1, approved2, rejected, returned } = flows();

  it("after step 1: who decides now, by name and step, in both languages", () => {
    const next = whatHappensNext(must(approved1.state), at("2026-11-02", "15:00"));
    expect(next.zh).toBe("接下来:由 孙立新(营销总监)在第 2/2 步「营销总部(总监)审批调货申请单」决定。");
    expect(next.en).toContain('Next: 孙立新 (Marketing Director) decides at step 2 of 2');
  });

  it("after the last step: final, approved, and who has the follow-up task; a rejection and a return say where the request went", () => {
    expect(whatHappensNext(must(approved2.state), 0).zh).toBe("这是最终结果:申请已批准,已通知申请人 孔令辉。后续任务已交给 秦海波,其会收到任务邮件。");
    expect(whatHappensNext(must(approved2.state), 0).en).toContain("This is final: the request is approved");
    expect(whatHappensNext(must(rejected.state), 0).en).toBe("This is final: the request is rejected and goes back to the requester 孔令辉, who may revise it and resubmit with ST-2026-0001.");
    expect(whatHappensNext(must(returned.state), 0).zh).toContain("申请已退回申请人 孔令辉 修改");
  });

  it("the result page shows it under 接下来 What happens next", () => {
    const html = renderResultPage({ kind: "done", language: "zh-CN", message: { zh: "已更新", en: "Updated" }, decision: { what: "approve", comment: "" }, next: whatHappensNext(must(approved1.state), 0) });
    expect(html).toContain('id="next-step"');
    expect(html).toContain("接下来");
    expect(html).toContain("What happens next");
    expect(html).toContain("由 孙立新(营销总监)在第 2/2 步");
    expect(html).toContain("孙立新 (Marketing Director) decides at step 2 of 2");
  });
});

function task(values: Record<string, string | number | null>, row = 2): TaskRow {
  return { row, values: { id: "ST-2026-0001-F1", title: "仓储部安排调货 / Warehouse arranges the transfer", owner_email: E.warehouse, assigner_email: E.director, due_on: "2026-11-05", done_on: null, request_id: "ST-2026-0001", reminders: null, escalated_to: null, ...values } };
}

function overdue(rows: readonly TaskRow[], now: number, settings = SETTINGS, skip: ReadonlySet<string> = new Set()) {
  return dueTaskReminders(rows, now, CONTEXT.calendar, { taskRemindDays: settings.taskRemindDays, escalateAfterReminders: settings.escalateAfterReminders, dayStart: settings.dayStart }, directory(), skip);
}

describe("WF-17 / WF-GEN.2: overdue tasks are reminded by the hourly timer, then escalated (issue 11 §2)", () => {
  it("WF-17: nothing on or before the due date; the first working day after it, from 09:00, one reminder to the owner naming the task and how late", () => {
    expect(overdue([task({})], at("2026-11-05", "17:00")).mails).toEqual([]);
    expect(overdue([task({})], at("2026-11-06", "08:00")).mails).toEqual([]);
    const run = overdue([task({})], at("2026-11-06", "09:00"));
    expect(run.mails.map((m) => [m.kind, m.to[0], m.items.map((i) => [i.id, i.reminderNumber, i.daysLate])])).toEqual([["task-reminder", E.warehouse, [["ST-2026-0001-F1", 1, 1]]]]);
    expect(run.mails[0]?.replyTo).toBe(E.director);
    expect(run.updates).toEqual([{ row: 2, values: { reminders: 1 } }]);
    expect(run.audit).toEqual([{ taskId: "ST-2026-0001-F1", action: "task.remind", comment: `#1 → ${E.warehouse} (due 2026-11-05)` }]);
  });

  it("WF-17: once reminded, the row's count holds it: the same day nothing more; again after TASK_REMIND_DAYS working days", () => {
    expect(overdue([task({ reminders: 1 })], at("2026-11-06", "15:00")).mails).toEqual([]);
    // Fri 6 + 3 working days = Wed 11 Nov.
    expect(overdue([task({ reminders: 1 })], at("2026-11-10", "15:00")).mails).toEqual([]);
    expect(overdue([task({ reminders: 1 })], at("2026-11-11", "09:00")).updates).toEqual([{ row: 2, values: { reminders: 2 } }]);
  });

  it("TASK_REMIND_DAYS: a company setting 1 is reminded the next working day instead", () => {
    const daily = approvalSettings({ TIME_ZONE: "Asia/Shanghai", TASK_REMIND_DAYS: "1" });
    expect(daily.taskRemindDays).toBe(1);
    expect(overdue([task({ reminders: 1 })], at("2026-11-09", "09:00"), daily).updates).toEqual([{ row: 2, values: { reminders: 2 } }]);
    expect(overdue([task({ reminders: 1 })], at("2026-11-09", "09:00"), SETTINGS).updates).toEqual([]);
  });

  it("WF-GEN.2: after APPROVAL_ESCALATE_AFTER reminders the owner's manager is told once, the owner copied, replies to the owner", () => {
    // Two reminders (the default), next due Mon 16 Nov — a company holiday in the fixture — so Tue 17.
    const run = overdue([task({ reminders: 2 })], at("2026-11-17", "10:00"));
    expect(run.mails.map((m) => [m.kind, m.to[0], m.cc[0], m.ownerName, m.replyTo])).toEqual([["task-escalation", E.gm, E.warehouse, "秦海波", E.warehouse]]);
    expect(run.updates).toEqual([{ row: 2, values: { escalated_to: E.gm } }]);
    expect(overdue([task({ reminders: 2, escalated_to: E.gm })], at("2026-11-30", "10:00")).mails).toEqual([]);
  });

  it("APPROVAL_ESCALATE_AFTER: a company setting 1 tells the manager after the first reminder instead of sending a second", () => {
    const quick = approvalSettings({ TIME_ZONE: "Asia/Shanghai", APPROVAL_ESCALATE_AFTER: "1" });
    expect(overdue([task({ reminders: 1 })], at("2026-11-11", "09:00"), quick).mails.map((m) => [m.kind, m.to[0]])).toEqual([["task-escalation", E.gm]]);
    expect(overdue([task({ reminders: 1 })], at("2026-11-11", "09:00"), SETTINGS).mails.map((m) => [m.kind, m.to[0]])).toEqual([["task-reminder", E.warehouse]]);
  });

  it("one email per owner listing every overdue task; a done task, or one of a request still pending, is not reminded", () => {
    const rows = [task({}, 2), task({ id: "T-2", request_id: null, assigner_email: E.manager }, 3), task({ id: "T-3", done_on: "2026-11-05" }, 4), task({ id: "T-4", request_id: "ST-2026-0009" }, 5)];
    const run = overdue(rows, at("2026-11-06", "09:00"), SETTINGS, new Set(["ST-2026-0009"]));
    expect(run.mails).toHaveLength(1);
    expect(run.mails[0]?.items.map((i) => i.id)).toEqual(["ST-2026-0001-F1", "T-2"]);
    // Two assigners: no single person to reply to.
    expect(run.mails[0]?.replyTo).toBeNull();
    const r = renderTaskReminder(must2(run.mails[0]));
    expect(r.subject).toBe("【任务逾期】2 项任务已过截止日期 · Overdue task");
    expect(r.textBody).toContain("任务编号 / Task ID: T-2; 交办人 / Assigned by: 周海涛; 截止日期 / Due: 2026-11-05");
    expect(r.textBody).toContain("「完成日期 Done on」列填写完成日期");
  });
});

function must2<T>(v: T | undefined): T {
  if (v === undefined) throw new Error("missing");
  return v;
}
