/**
 * A queue for each approver (我的待办 My pending approvals, issue 11 §3): every open step that waits
 * on one person — as the step's approver, as their delegate within the delegation's dates, or as
 * the manager it escalated to — oldest first, with what the page shows of the request; and the
 * open follow-up tasks (任务) the person owns. Who may decide is the engine's rule (`slotFor` in
 * machine.ts), not repeated here: the queue lists what `decide` would accept from that person now,
 * and a decision made from the queue goes through `decide` with the step and round the page showed,
 * so a page left open while the request moved on is refused as a link would be.
 * Marking a task done fills its "Done on" date (the task email's instruction, WF-17); a task of a
 * request still waiting for decisions is a `confirm` step's and is done by deciding that step.
 * Pure: the host passes the open requests (Requests holds only open and recently closed ones, the
 * archive keeps the rest: archive.ts), the Tasks rows and `now`.
 */
import type { Bilingual } from "../i18n";
import { format } from "../i18n";
import { dayKey } from "../time";
import { addWorkingHours } from "./calendar";
import type { WorkCalendar } from "./calendar";
import { stepDueAt } from "./appeals";
import { slotFor } from "./machine";
import type { RequestState, RequestSummary, SheetRecord, StepSummary } from "./model";
import { requestSummary, stepSummary } from "./notices";
import { currentStep } from "./records";
import type { ApprovalSettings } from "./settings";

/** One step waiting on the person, as the queue page lists it. */
export interface QueueItem {
  readonly requestId: string;
  /** What a decision from the page names, so `decide` refuses it once the request has moved on. */
  readonly revision: number;
  readonly step: number;
  readonly round: number;
  readonly summary: RequestSummary;
  readonly stepSummary: StepSummary;
  /** The assignee the person decides for (as delegate or escalation manager), by name. */
  readonly onBehalfOf: string | null;
  /** When the step opened (epoch ms). */
  readonly waitingSince: number;
  /** The step's own deadline (an appeal's HR reply, WF-26), else when the first reminder falls due (Settings `APPROVAL_REMIND_HOURS`). */
  readonly dueAt: number;
  readonly overdue: boolean;
  /** An `advise` step only comments (WF-01.5): no Reject, no Return. */
  readonly canRefuse: boolean;
}

/**
 * The steps waiting on `email` at `now`, oldest first (by when the step opened, then by ID).
 * @example a Manager with two stock transfers open since 09:00 and 10:00 → [the 09:00 one, the 10:00 one]
 */
export function approverQueue(
  states: Iterable<RequestState>,
  email: string,
  now: number,
  calendar: WorkCalendar,
  settings: Pick<ApprovalSettings, "remindAfterHours" | "appealHrReplyDays">,
): QueueItem[] {
  const me = email.trim().toLowerCase();
  const items: QueueItem[] = [];
  if (me === "") return items;
  for (const state of states) {
    if (state.status !== "pending") continue;
    const step = currentStep(state);
    if (!step) continue;
    const index = slotFor(step, me, now);
    const slot = step.slots[index];
    if (!slot) continue;
    const since = step.activatedAt ?? state.updatedAt;
    const dueAt = stepDueAt(state, step, settings) ?? addWorkingHours(calendar, since, settings.remindAfterHours);
    items.push({
      requestId: state.id,
      revision: state.revision,
      step: step.step,
      round: step.round,
      summary: requestSummary(state, calendar.timeZone),
      stepSummary: stepSummary(state, step),
      onBehalfOf: slot.assignee.email === me ? null : slot.assignee.name,
      waitingSince: since,
      dueAt,
      overdue: now > dueAt,
      canRefuse: step.action !== "advise",
    });
  }
  return items.sort((a, b) => a.waitingSince - b.waitingSince || a.requestId.localeCompare(b.requestId));
}

/** One open task of the person's, as the queue page lists it. */
export interface QueueTask {
  readonly row: number;
  readonly id: string;
  readonly title: string;
  readonly dueOn: string;
  readonly overdue: boolean;
  readonly requestId: string | null;
  readonly assigner: string;
  /** False for a task done by deciding a step (its request still waits for decisions). */
  readonly canMarkDone: boolean;
}

/** One Tasks row (cells by template key). */
export interface TaskSheetRow {
  readonly row: number;
  readonly values: SheetRecord;
}

function text(v: unknown): string {
  return typeof v === "string" ? v.trim() : typeof v === "number" ? String(v) : "";
}

const DAY = /^\d{4}-\d{2}-\d{2}/;

/**
 * The open tasks `email` owns (no "Done on" date), earliest due first.
 * `pendingRequests`: IDs (upper case) of requests still waiting for decisions.
 */
export function ownTasks(rows: readonly TaskSheetRow[], email: string, today: string, pendingRequests: ReadonlySet<string>): QueueTask[] {
  const me = email.trim().toLowerCase();
  const out: QueueTask[] = [];
  if (me === "") return out;
  for (const { row, values } of rows) {
    if (text(values.owner_email).toLowerCase() !== me || text(values.done_on) !== "") continue;
    const id = text(values.id);
    if (id === "") continue;
    const due = text(values.due_on);
    const dueOn = DAY.test(due) ? due.slice(0, 10) : "";
    const requestId = text(values.request_id) || null;
    out.push({
      row,
      id,
      title: text(values.title),
      dueOn,
      overdue: dueOn !== "" && dueOn < today,
      requestId,
      assigner: text(values.assigner_email),
      canMarkDone: requestId === null || !pendingRequests.has(requestId.toUpperCase()),
    });
  }
  return out.sort((a, b) => (a.dueOn || "9999").localeCompare(b.dueOn || "9999") || a.id.localeCompare(b.id));
}

const M = {
  noTask: { zh: "找不到任务 {id},或它已完成", en: "There is no open task {id}; it may already be done" },
  notOwner: { zh: "任务 {id} 的责任人是 {owner},只有责任人可以标记完成", en: "Task {id} belongs to {owner}; only its owner may mark it done" },
  byStep: { zh: "任务 {id} 随申请 {request} 的审批步骤完成:请在上方审批该步骤", en: "Task {id} is done by deciding request {request}'s step: decide it above" },
  done: { zh: "任务 {id} 已标记为 {day} 完成", en: "Task {id} is marked done on {day}" },
} as const;

/** The outcome of marking a task done: the Tasks cells to write, or why not. */
export type TaskDone = { readonly ok: true; readonly row: number; readonly values: SheetRecord; readonly text: Bilingual } | { readonly ok: false; readonly code: string; readonly text: Bilingual };

/**
 * Marks task `id` done today for `email`: only its owner, only while it is open, and not a task a
 * pending request's step completes (WF-17, WF-GEN.2).
 * @example taskDone(rows, "T-1", owner, 2026-11-02 09:00, zone, none pending) → { ok, values: { done_on: "2026-11-02" } }
 */
export function taskDone(rows: readonly TaskSheetRow[], id: string, email: string, now: number, timeZone: string, pendingRequests: ReadonlySet<string>): TaskDone {
  const me = email.trim().toLowerCase();
  const wanted = id.trim().toUpperCase();
  const found = rows.find((r) => text(r.values.id).toUpperCase() === wanted && wanted !== "");
  if (!found || text(found.values.done_on) !== "") return { ok: false, code: "NO_TASK", text: format(M.noTask, { id: id.trim() }) };
  const owner = text(found.values.owner_email).toLowerCase();
  if (owner !== me || me === "") return { ok: false, code: "NOT_OWNER", text: format(M.notOwner, { id: text(found.values.id), owner }) };
  const request = text(found.values.request_id);
  if (request !== "" && pendingRequests.has(request.toUpperCase())) return { ok: false, code: "BY_STEP", text: format(M.byStep, { id: text(found.values.id), request }) };
  const day = dayKey(now, timeZone);
  return { ok: true, row: found.row, values: { done_on: day }, text: format(M.done, { id: text(found.values.id), day }) };
}
