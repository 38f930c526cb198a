/**
 * What the time-driven trigger does to a request waiting for decisions, as events for `decide`:
 * hand a place to the assignee's delegate when a People delegation (代理, with its dates) is in
 * force; remind an assignee after Settings `APPROVAL_REMIND_HOURS` working hours without a decision
 * (weekends and the Holidays sheet's days do not count; make-up working days do) — or, for a step
 * with a deadline of its own (HR's reply to an appeal, `APPEAL_HR_REPLY_DAYS`, WF-26), first at
 * that deadline; and after
 * `APPROVAL_ESCALATE_AFTER` reminders, escalate to the assignee's direct superior (直属上级).
 * Pure: the trigger passes `now`, the calendar and today's People; running it twice at the same
 * instant yields events that change nothing the second time.
 */
import { stepDueAt } from "./appeals";
import type { WorkCalendar } from "./calendar";
import { addWorkingHours, workingHoursBetween } from "./calendar";
import type { Directory } from "./directory";
import { activePerson, delegateWindow, delegationActive, personRef } from "./directory";
import type { ApprovalEvent } from "./machine";
import type { DelegateWindow, PersonRef, RequestState, Slot, StepState } from "./model";
import { currentStep } from "./records";
import type { ApprovalSettings } from "./settings";

function sameWindow(a: DelegateWindow | null, b: DelegateWindow | null): boolean {
  if (a === null || b === null) return a === b;
  return a.person.email === b.person.email && a.from === b.from && a.until === b.until;
}

/** The assignee's delegation as People says today (or as it was when the route was planned). */
function currentDelegation(slot: Slot, directory: Directory | undefined): DelegateWindow | null {
  if (!directory) return slot.assignee.delegate;
  const person = directory.people.get(slot.assignee.email);
  return person ? delegateWindow(directory, person) : null;
}

function managerOf(slot: Slot, directory: Directory | undefined): PersonRef | null {
  if (!directory) return slot.assignee.manager;
  const person = directory.people.get(slot.assignee.email);
  const manager = person ? activePerson(directory, person.managerEmail) : undefined;
  return manager && manager.email !== slot.assignee.email ? personRef(manager) : slot.assignee.manager;
}

function since(slot: Slot, step: StepState): number | null {
  return slot.notifiedAt ?? step.activatedAt;
}

/**
 * The events the trigger should apply to `state` at `now`.
 * @example a step opened Friday 17:00, remind after 8 working hours: none on Saturday; on Monday at
 *   16:00 a `remind` (#1); 8 working hours later #2; 8 more and, after 2 reminders, an `escalate`
 */
export function dueTimerEvents(
  state: RequestState,
  now: number,
  calendar: WorkCalendar,
  settings: Pick<ApprovalSettings, "remindAfterHours" | "escalateAfterReminders" | "appealHrReplyDays">,
  options: { readonly directory?: Directory; readonly actor: string },
): ApprovalEvent[] {
  const step = currentStep(state);
  if (state.status !== "pending" || !step) return [];
  const events: ApprovalEvent[] = [];
  const at = { requestId: state.id, revision: state.revision, step: step.step, round: step.round, channel: "trigger" as const };
  for (const slot of step.slots) {
    if (slot.decision !== null) continue;
    const delegation = currentDelegation(slot, options.directory);
    if (delegation && delegationActive(delegation, now) && !sameWindow(slot.delegatedTo, delegation)) {
      events.push({ type: "delegate", ...at, assignee: slot.assignee.email, to: delegation, actor: { email: options.actor, name: options.actor, language: slot.assignee.language } });
      continue;
    }
    if (slot.escalatedTo !== null) continue;
    const due = slot.reminders === 0 ? stepDueAt(state, step, settings) : null;
    const from = since(slot, step);
    if (due !== null ? now < due : from === null || workingHoursBetween(calendar, from, now) < settings.remindAfterHours) continue;
    const manager = managerOf(slot, options.directory);
    if (slot.reminders >= settings.escalateAfterReminders && manager) {
      events.push({ type: "escalate", ...at, assignee: slot.assignee.email, to: manager, actor: options.actor });
    } else {
      events.push({ type: "remind", ...at, assignee: slot.assignee.email, nth: slot.reminders + 1, actor: options.actor });
    }
  }
  return events;
}

/** When the next reminder or escalation of the current step falls due, or null (nothing pending). */
export function nextTimerAt(state: RequestState, calendar: WorkCalendar, settings: Pick<ApprovalSettings, "remindAfterHours" | "appealHrReplyDays">): number | null {
  const step = currentStep(state);
  if (state.status !== "pending" || !step) return null;
  let next: number | null = null;
  for (const slot of step.slots) {
    const from = since(slot, step);
    if (slot.decision !== null || slot.escalatedTo !== null || from === null) continue;
    const due = (slot.reminders === 0 ? stepDueAt(state, step, settings) : null) ?? addWorkingHours(calendar, from, settings.remindAfterHours);
    if (next === null || due < next) next = due;
  }
  return next;
}
