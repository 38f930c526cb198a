/**
 * A request's state as the rows of the workbook: the Requests row (status, current step and
 * approver, the in-sheet Decision cleared for the next decision, the reason a request waits on its
 * requester or an administrator), an Approvals row per decision (WF-GEN.1: who, when, on whose
 * behalf, decision, comment, channel), an Audit row per transition (who, when, request, step,
 * before → after, comment, channel) and a Tasks row per follow-up. Records are keyed by the
 * templates' column keys, with date-times as wall-clock text in the workbook's zone, so the table
 * adapter writes them as they are; keys a sheet's template lacks are left out (`templateRecord`).
 */
import { both } from "../i18n";
import type { Bilingual } from "../i18n";
import { sheetTemplate } from "../templates/catalog";
import { dateTimeText } from "../templates/table";
import type { RecordValue } from "../templates/table";
import type { Channel, HistoryWhat, RequestState, RequestStatus, SheetRecord, Slot, StepState } from "./model";

/** The Requests `status` value of each engine status (the sheet's dropdown). */
export const REQUEST_STATUS_CELL: Readonly<Record<RequestStatus, string>> = {
  pending: "pending",
  needs_fixing: "needs_fixing",
  failed: "error",
  returned: "returned",
  rejected: "rejected",
  approved: "approved",
  withdrawn: "withdrawn",
};

const STATUS_TEXT: Readonly<Record<RequestStatus, Bilingual>> = {
  pending: { zh: "审批中", en: "pending" },
  needs_fixing: { zh: "待更正", en: "needs fixing" },
  failed: { zh: "处理失败", en: "failed" },
  returned: { zh: "已退回修改", en: "returned for revision" },
  rejected: { zh: "已驳回", en: "rejected" },
  approved: { zh: "已批准", en: "approved" },
  withdrawn: { zh: "已撤回", en: "withdrawn" },
};

export function statusText(status: RequestStatus): Bilingual {
  return STATUS_TEXT[status];
}

/** Only the keys the sheet's template has (a template may gain columns such as `revision` later). */
export function templateRecord(sheetKey: string, record: Readonly<Record<string, RecordValue>>): SheetRecord {
  const keys = new Set(sheetTemplate(sheetKey).columns.map((c) => c.key));
  const out: Record<string, RecordValue> = {};
  for (const [key, value] of Object.entries(record)) if (keys.has(key)) out[key] = value;
  return out;
}

/** The step waiting for a decision, if any. */
export function currentStep(state: RequestState): StepState | null {
  return state.current === null ? null : (state.steps[state.current] ?? null);
}

/**
 * A one-line description of where a request stands, for Audit's before / after.
 * @example "修订2 审批中 第1/2步「市场部经理审批需求」 / rev 2 pending, step 1 of 2 "Marketing Manager approves the need""
 */
export function describeState(state: RequestState | null): string {
  if (state === null) return "";
  const status = STATUS_TEXT[state.status];
  const step = currentStep(state);
  const zh = `修订${state.revision} ${status.zh}${step ? ` 第${step.step}/${state.steps.length}步「${step.name.zh}」` : ""}`;
  const en = `rev ${state.revision} ${status.en}${step ? `, step ${step.step} of ${state.steps.length} "${step.name.en}"` : ""}`;
  return `${zh} / ${en}`;
}

/** Text of the problems a requester or an administrator must fix, one per line. */
export function problemsText(state: RequestState): string {
  return state.problems.map((p) => both(p.text)).join("\n");
}

function lastComment(state: RequestState, what: HistoryWhat): string {
  for (let i = state.history.length - 1; i >= 0; i -= 1) {
    const h = state.history[i];
    if (h && h.what === what) return h.comment;
  }
  return "";
}

function statusReason(state: RequestState): string {
  switch (state.status) {
    case "needs_fixing":
      return `${both({ zh: "请更正后重新提交", en: "Please fix and resubmit" })}:\n${problemsText(state)}`;
    case "failed":
      return problemsText(state);
    case "rejected":
      return lastComment(state, "reject");
    case "returned":
      return lastComment(state, "return");
    case "withdrawn":
      return lastComment(state, "withdraw");
    case "pending": {
      const step = currentStep(state);
      return step?.note ? both(step.note) : "";
    }
    case "approved":
      return "";
  }
}

/** Emails of the people whose decision the current step still waits for. */
export function waitingFor(state: RequestState): string[] {
  const step = currentStep(state);
  if (!step || state.status !== "pending") return [];
  return step.slots.filter((s) => s.decision === null).map((s) => s.assignee.email);
}

const REQUEST_FIELD_COLUMNS = ["customer_id", "dealer_id", "product_sku", "quantity", "amount", "from_location", "to_location", "period", "cross_department", "escalated", "first_appeal"] as const;

/** The Requests row of a request (all but the Decision cells, which belong to the person deciding). */
export function requestRecord(state: RequestState, timeZone: string): SheetRecord {
  const step = currentStep(state);
  const record: Record<string, RecordValue> = {
    id: state.id,
    type: state.type,
    title: state.title,
    requester_email: state.requester.email,
    submitted_at: dateTimeText(state.submittedAt, timeZone),
    region: state.region,
    details: typeof state.fields.details === "string" ? state.fields.details : (state.typed.details ?? null),
    status: REQUEST_STATUS_CELL[state.status],
    current_step: state.status === "pending" && step ? step.step : null,
    current_approver_email: waitingFor(state).join("; ") || null,
    // Decision and Decision comment are not the state's: a person may be picking there while this
    // row is written (a timer's reminder), and the sheet handler clears them once it has read them.
    status_reason: statusReason(state) || null,
    updated_at: dateTimeText(state.updatedAt, timeZone),
    revision: state.revision,
  };
  for (const key of REQUEST_FIELD_COLUMNS) {
    const value = state.fields[key];
    record[key] = value === undefined ? null : value;
  }
  if (state.amount !== null) record.amount = state.amount;
  return templateRecord("requests", record);
}

/** The Approvals row id of a slot's decision: request, revision, step, round, slot. */
export function approvalId(requestId: string, revision: number, step: number, round: number, slotIndex: number): string {
  return `${requestId}-${revision}-${step}-${round}-${slotIndex + 1}`;
}

/** The Approvals row of a decided slot. */
export function approvalRecord(state: RequestState, step: StepState, slotIndex: number, timeZone: string): SheetRecord {
  const slot: Slot | undefined = step.slots[slotIndex];
  const d = slot?.decision;
  if (!slot || !d) throw new Error(`slot ${slotIndex} of step ${step.step} has no decision`);
  return templateRecord("approvals", {
    id: approvalId(state.id, state.revision, step.step, step.round, slotIndex),
    request_id: state.id,
    revision: state.revision,
    step: step.step,
    role: step.role,
    approver_email: d.by.email,
    on_behalf_of: d.onBehalfOf ? d.onBehalfOf.email : null,
    decision: d.decision,
    comment: d.comment || null,
    decided_at: dateTimeText(d.at, timeZone),
    channel: d.channel,
  });
}

/** An Audit row: who did what to which request, the state before and after. */
export function auditRecord(input: {
  readonly at: number;
  readonly actor: string;
  readonly action: string;
  readonly requestId: string;
  readonly before: RequestState | null;
  readonly after: RequestState | null;
  readonly comment: string;
  readonly channel: Channel;
  readonly timeZone: string;
}): SheetRecord {
  return templateRecord("audit", {
    at: dateTimeText(input.at, input.timeZone),
    actor_email: input.actor,
    action: input.action,
    object_type: "request",
    object_id: input.requestId,
    before: describeState(input.before) || null,
    after: describeState(input.after) || null,
    comment: input.comment || null,
    channel: input.channel,
  });
}

/** A Tasks row (WF-17, WF-GEN.2: an owner and a deadline). */
export function taskRecord(input: {
  readonly id: string;
  readonly title: Bilingual;
  readonly assigner: string;
  readonly owner: string;
  readonly assignedOn: string;
  readonly dueOn: string;
  readonly requestId: string;
  readonly rule: string;
}): SheetRecord {
  return templateRecord("tasks", {
    id: input.id,
    title: both(input.title),
    source: "workflow",
    assigner_email: input.assigner,
    owner_email: input.owner,
    assigned_on: input.assignedOn,
    due_on: input.dueOn,
    request_id: input.requestId,
    notes: input.rule,
  });
}

const STATE_VERSION = 1;

/** The newest history entries a stored state keeps (older ones are in Approvals and Audit rows). */
export const STATE_HISTORY_KEEP = 12;
/** A kept entry's comment is cut to this many characters, except the newest entry's. */
export const STATE_COMMENT_KEEP = 300;
/** The form responses a stored state remembers (a response delivered twice comes soon after). */
export const STATE_RESPONSES_KEEP = 20;

const DECISIONS: readonly HistoryWhat[] = ["approve", "comment", "reject", "return"];

function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}…`;
}

/**
 * The state as stored: bounded however long the request lives (issue 10.5). The full history is
 * in the Approvals rows (one per decision, with its whole comment) and the Audit rows (one per
 * transition); the stored state keeps what the engine still decides by — every decision of the
 * open revision in each step's current round (a replayed link or sheet decision is recognised,
 * token.ts `usedTokenIds`, machine.ts `priorDecision`) — and the newest `STATE_HISTORY_KEEP`
 * entries for emails and the link page, their comments cut to `STATE_COMMENT_KEEP` characters
 * except the newest (at most `COMMENT_MAX_CHARS`, model.ts). So the cell holds the request's
 * answers and route, a dozen short entries and at most one full comment per open slot: well under
 * 20,000 characters for answers within the forms' limits, against a cell's 50,000.
 */
export function compactState(state: RequestState): RequestState {
  const rounds = new Map<number, number>();
  for (const step of state.steps) rounds.set(step.step, step.round);
  const last = state.history.length - 1;
  const history = state.history.filter((h, i) => {
    if (i > last - STATE_HISTORY_KEEP) return true;
    return DECISIONS.includes(h.what) && h.revision === state.revision && h.step !== null && rounds.get(h.step) === h.round;
  });
  const kept = history.map((h) => (h === state.history[last] ? h : { ...h, comment: cut(h.comment, STATE_COMMENT_KEEP) }));
  return { ...state, history: kept, responseIds: state.responseIds.slice(-STATE_RESPONSES_KEEP) };
}

/**
 * A request's state as text for a cell (Requests `state`, or wherever the host keeps it),
 * bounded by `compactState`.
 */
export function stateToJson(state: RequestState): string {
  return JSON.stringify({ v: STATE_VERSION, state: compactState(state) });
}

const STATUSES: readonly string[] = ["pending", "needs_fixing", "failed", "returned", "rejected", "approved", "withdrawn"];

/** The state stored by `stateToJson`, or null when the text is not one (edited by hand, cut short). */
export function stateFromJson(text: string): RequestState | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof parsed !== "object" || parsed === null) return null;
  const { v, state } = parsed as { v?: unknown; state?: unknown };
  if (v !== STATE_VERSION || typeof state !== "object" || state === null) return null;
  const s = state as Record<string, unknown>;
  const ok =
    typeof s.id === "string" &&
    typeof s.type === "string" &&
    typeof s.revision === "number" &&
    typeof s.status === "string" &&
    STATUSES.includes(s.status) &&
    Array.isArray(s.steps) &&
    Array.isArray(s.history) &&
    Array.isArray(s.responseIds) &&
    (s.current === null || typeof s.current === "number");
  return ok ? (state as RequestState) : null;
}
