/**
 * The hourly time-driven trigger of the approval flow: for every request waiting on a step, the
 * engine says what is due now (timers.ts) — hand the place to the approver's delegate while a
 * People delegation is in force, remind the approver after Settings `APPROVAL_REMIND_HOURS` working
 * hours, escalate to their direct superior after `APPROVAL_ESCALATE_AFTER` reminders — and this
 * applies it under the script lock, with one batch of writes for all requests. Running it twice at
 * the same instant changes nothing the second time. A reminder is due per step slot; the reminders
 * one approver gets in a run go out as one digest email (effects.ts), and the mail is sent under
 * Settings `JOB_TIME_BUDGET_S`, continuing on a one-off trigger of this same function when the
 * budget ends first (outbox.ts). Last, requests closed for more than `REQUESTS_ARCHIVE_DAYS` move
 * to the yearly archive sheet (archive.ts), so every approval job keeps reading a Requests sheet
 * the size of the open work, not of the year. Overdue tasks are reminded to their owners (one email
 * each) every `TASK_REMIND_DAYS` working days and escalated like approvals (task-reminders.ts).
 * https://developers.google.com/apps-script/guides/triggers/events#time-driven-events
 */
import { decide } from "../../core/approvals/machine";
import { auditRecord } from "../../core/approvals/records";
import { dueTaskReminders } from "../../core/approvals/task-reminders";
import { dueTimerEvents } from "../../core/approvals/timers";
import { timeBudget } from "../../core/time-budget";
import { archiveClosedRequests } from "./archive";
import { EffectBatch } from "./effects";
import { withScriptLock } from "./submit";
import { readTable, updateRecords } from "../table";
import type { ApprovalWorkbook } from "./workbook";
import { loadApprovalWorkbook } from "./workbook";

export interface TimerReport {
  readonly reminded: number;
  readonly escalated: number;
  readonly delegated: number;
  readonly emails: number;
  /** Overdue tasks whose owner was reminded this run, and those escalated to the owner's manager. */
  readonly tasksReminded: number;
  readonly tasksEscalated: number;
  /** Closed requests moved to the yearly archive sheet this run. */
  readonly archived: number;
  /** Why nothing was archived, when a Settings value could not be read. */
  readonly archiveProblem?: string;
}

/**
 * Overdue tasks (issue 11 §2): one read of Tasks, the core says who is reminded or escalated now
 * (task-reminders.ts), the Tasks cells that remember it are written once, and the emails (one per
 * owner, one per manager) join this run's mail batch, sent under its time budget. A task of a
 * request still pending is left to that request's step timers. A workbook whose Tasks sheet lacks
 * the "Reminders sent" column (not yet upgraded) is left alone.
 */
function remindOverdueTasks(book: ApprovalWorkbook, batch: EffectBatch, now: number, actor: string): { reminded: number; escalated: number } {
  const table = readTable(book.spreadsheet, "tasks");
  if (!table.layout.columns.has("reminders") || !table.layout.columns.has("escalated_to")) return { reminded: 0, escalated: 0 };
  const pending = new Set([...book.byId.values()].filter((r) => r.values.status === "pending").map((r) => r.id.toUpperCase()));
  const run = dueTaskReminders(table.rows, now, book.calendar, { taskRemindDays: book.settings.taskRemindDays, escalateAfterReminders: book.settings.escalateAfterReminders, dayStart: book.settings.dayStart }, book.directory, pending);
  updateRecords(book.spreadsheet, "tasks", run.updates);
  for (const a of run.audit) {
    batch.addAudit({ ...auditRecord({ at: now, actor, action: a.action, requestId: a.taskId, before: null, after: null, comment: a.comment, channel: "trigger", timeZone: book.settings.timeZone }), object_type: "task" });
  }
  for (const mail of run.mails) batch.addMail(mail);
  const reminded = run.audit.filter((a) => a.action === "task.remind").length;
  return { reminded, escalated: run.audit.length - reminded };
}

/**
 * Time-driven trigger (hourly): reminders, escalations and delegations of open approval steps.
 * @param _e the time-driven event
 */
export function approvalTimers(_e?: GoogleAppsScript.Events.TimeDriven): TimerReport {
  const startedAt = Date.now();
  return withScriptLock(() => {
    const book = loadApprovalWorkbook(SpreadsheetApp.getActiveSpreadsheet());
    const now = Date.now();
    const actor = Session.getEffectiveUser().getEmail();
    // Emails go out under the job's time budget; the rest continues on a one-off trigger (outbox.ts).
    const batch = new EffectBatch(book, "trigger", startedAt);
    const counts = { remind: 0, escalate: 0, delegate: 0 };
    for (const row of [...book.byId.values()]) {
      // The status cell first: a closed request's state is never parsed.
      if (row.values.status !== "pending") continue;
      let state = row.state;
      if (!state || state.status !== "pending") continue;
      for (const event of dueTimerEvents(state, now, book.calendar, book.settings, { directory: book.directory, actor })) {
        const t = decide(state, event, now, book.context);
        if (t.outcome.kind !== "applied" || !t.state) continue;
        batch.add(t.effects);
        state = t.state;
        if (event.type === "remind" || event.type === "escalate" || event.type === "delegate") counts[event.type] += 1;
      }
    }
    const tasks = remindOverdueTasks(book, batch, now, actor);
    const emails = batch.flush();
    const archive = archiveClosedRequests(book, now, timeBudget(startedAt, book.jobTimeBudget));
    return { reminded: counts.remind, escalated: counts.escalate, delegated: counts.delegate, tasksReminded: tasks.reminded, tasksEscalated: tasks.escalated, emails, archived: archive.archived, ...(archive.problem ? { archiveProblem: archive.problem } : {}) };
  });
}
