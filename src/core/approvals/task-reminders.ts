/**
 * Reminders of overdue tasks (逾期任务催办, issue 11 §2; WF-17, WF-GEN.2: every task has an owner
 * and a deadline): the hourly trigger reminds a Tasks row's owner once its due date has passed and
 * "Done on" is still blank — the first working day after the due date, then every Settings
 * `TASK_REMIND_DAYS` working days — and after `APPROVAL_ESCALATE_AFTER` reminders (the same count
 * as approvals) tells the owner's direct superior (直属上级) once. An owner's tasks due in one run
 * go out as one email listing them; so do a manager's escalations. Reminders go out from the start
 * of the working day (Settings `WORKDAY_HOURS`). A task of a request still waiting for decisions is
 * left to the approval timers (its confirm step reminds and escalates already).
 * Pure: the trigger passes the rows, `now`, the calendar and People; the Tasks row's "Reminders
 * sent" and "Escalated to" cells are the memory, so running twice at the same instant sends nothing
 * the second time.
 */
import type { Language } from "../i18n";
import { dayKey, wallClock } from "../time";
import type { WorkCalendar } from "./calendar";
import { addWorkingDays } from "./calendar";
import type { Directory } from "./directory";
import { activePerson, refFor } from "./directory";
import type { SheetRecord } from "./model";

/** Working days between two reminders of an overdue task, when Settings leaves `TASK_REMIND_DAYS` blank. */
export const TASK_REMIND_DAYS_DEFAULT = 3;

/** One Tasks row as the timer reads it (cells by template key). */
export interface TaskRow {
  readonly row: number;
  readonly values: SheetRecord;
}

/** An overdue task as a reminder lists it. */
export interface TaskReminderItem {
  readonly id: string;
  readonly title: string;
  readonly dueOn: string;
  /** Working days past the due date. */
  readonly daysLate: number;
  readonly requestId: string | null;
  /** Who assigned it (name), "" when the row names nobody. */
  readonly assigner: string;
  /** The reminder this is for the task (1, 2, …); 0 in an escalation. */
  readonly reminderNumber: number;
}

/** One email about overdue tasks: to the owner (a reminder), or to the owner's manager (an escalation). */
export interface TaskReminderMail {
  readonly kind: "task-reminder" | "task-escalation";
  readonly to: readonly string[];
  readonly cc: readonly string[];
  readonly language: Language;
  readonly recipientName: string;
  /** The tasks' owner (in an escalation, the person the manager is told about). */
  readonly ownerName: string;
  readonly timeZone: string;
  readonly items: readonly TaskReminderItem[];
  /** Replies go to the assigner (a reminder, when one person assigned every task) or the owner (an escalation). */
  readonly replyTo: string | null;
}

export interface TaskReminderRun {
  readonly mails: TaskReminderMail[];
  /** Tasks cells to write back: the reminder count, and whom it escalated to. */
  readonly updates: { readonly row: number; readonly values: SheetRecord }[];
  /** One line per task reminded or escalated, for Audit. */
  readonly audit: { readonly taskId: string; readonly action: "task.remind" | "task.escalate"; readonly comment: string }[];
}

export interface TaskReminderSettings {
  /** `TASK_REMIND_DAYS`. */
  readonly taskRemindDays: number;
  /** `APPROVAL_ESCALATE_AFTER`. */
  readonly escalateAfterReminders: number;
  /** Start of the working day, minutes after midnight (`WORKDAY_HOURS`). */
  readonly dayStart: number;
}

function text(v: unknown): string {
  return typeof v === "string" ? v.trim() : typeof v === "number" ? String(v) : "";
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The day reminder `n` (1, 2, …) of a task due on `dueOn` falls due. */
export function taskReminderDay(calendar: WorkCalendar, dueOn: string, n: number, remindDays: number): string {
  return addWorkingDays(calendar, dueOn, 1 + (n - 1) * remindDays);
}

function workingDaysLate(calendar: WorkCalendar, dueOn: string, today: string): number {
  let n = 0;
  while (n < 400 && addWorkingDays(calendar, dueOn, n + 1) <= today) n += 1;
  return n;
}

/**
 * What the hourly trigger sends about overdue tasks at `now`, and the Tasks cells it writes back.
 * @example a task due Thu 5 Nov, TASK_REMIND_DAYS 3, APPROVAL_ESCALATE_AFTER 2: reminder #1 on
 *   Fri 6 Nov from 09:00, #2 on Wed 11 Nov, then on Mon 16 Nov the owner's manager is told
 */
export function dueTaskReminders(rows: readonly TaskRow[], now: number, calendar: WorkCalendar, settings: TaskReminderSettings, directory: Directory, skipRequests: ReadonlySet<string> = new Set()): TaskReminderRun {
  const zone = calendar.timeZone;
  const today = dayKey(now, zone);
  const clock = wallClock(now, zone);
  const run: TaskReminderRun = { mails: [], updates: [], audit: [] };
  if (clock.hour * 60 + clock.minute < settings.dayStart) return run;
  const remindDays = Math.max(1, Math.floor(settings.taskRemindDays));
  const reminders = new Map<string, { items: TaskReminderItem[]; assigners: Set<string> }>();
  const escalations = new Map<string, { manager: string; owner: string; items: TaskReminderItem[] }>();
  for (const { row, values } of rows) {
    const id = text(values.id);
    const owner = text(values.owner_email).toLowerCase();
    const dueOn = text(values.due_on);
    if (id === "" || owner === "" || !DAY.test(dueOn) || text(values.done_on) !== "") continue;
    const requestId = text(values.request_id) || null;
    if (requestId !== null && skipRequests.has(requestId.toUpperCase())) continue;
    const sent = Math.max(0, Math.floor(Number(text(values.reminders)) || 0));
    if (text(values.escalated_to) !== "") continue;
    const next = taskReminderDay(calendar, dueOn, sent + 1, remindDays);
    if (today < next) continue;
    const assignerEmail = text(values.assigner_email).toLowerCase();
    const item: TaskReminderItem = {
      id,
      title: text(values.title),
      dueOn,
      daysLate: workingDaysLate(calendar, dueOn, today),
      requestId,
      assigner: assignerEmail ? refFor(directory, assignerEmail).name : "",
      reminderNumber: sent + 1,
    };
    const person = directory.people.get(owner);
    const manager = person ? activePerson(directory, person.managerEmail) : undefined;
    if (sent >= settings.escalateAfterReminders && manager && manager.email !== owner) {
      const key = `${manager.email}|${owner}`;
      const group = escalations.get(key) ?? { manager: manager.email, owner, items: [] };
      group.items.push({ ...item, reminderNumber: 0 });
      escalations.set(key, group);
      run.updates.push({ row, values: { escalated_to: manager.email } });
      run.audit.push({ taskId: id, action: "task.escalate", comment: `${owner} → ${manager.email} (${sent} reminders, due ${dueOn})` });
      continue;
    }
    const group = reminders.get(owner) ?? { items: [], assigners: new Set<string>() };
    group.items.push(item);
    group.assigners.add(assignerEmail);
    reminders.set(owner, group);
    run.updates.push({ row, values: { reminders: sent + 1 } });
    run.audit.push({ taskId: id, action: "task.remind", comment: `#${sent + 1} → ${owner} (due ${dueOn})` });
  }
  for (const [owner, group] of reminders) {
    const to = refFor(directory, owner);
    const [only] = [...group.assigners];
    const replyTo = group.assigners.size === 1 && only && only !== owner ? only : null;
    run.mails.push({ kind: "task-reminder", to: [to.email], cc: [], language: to.language, recipientName: to.name, ownerName: to.name, timeZone: zone, items: group.items, replyTo });
  }
  for (const group of escalations.values()) {
    const to = refFor(directory, group.manager);
    const owner = refFor(directory, group.owner);
    run.mails.push({ kind: "task-escalation", to: [to.email], cc: [owner.email], language: to.language, recipientName: to.name, ownerName: owner.name, timeZone: zone, items: group.items, replyTo: owner.email });
  }
  return run;
}
