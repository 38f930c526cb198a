/**
 * The approval state machine: `decide(state, event, now, context)` returns the request's next
 * state and the effects a host must carry out (rows to write, tasks to create, emails to send),
 * without doing any of it (effects as data, xstate-style). A request is submitted, then waits on
 * step 1 … step n and ends approved; or it is rejected (back to the requester, who may revise and
 * resubmit a new revision, back to an earlier step, or closed, as its Routes row says), returned for
 * revision, withdrawn by the requester, or needs fixing when its answers break a rule. Every
 * transition appends one Audit row (WF-GEN.1). The same event twice changes nothing the second
 * time; a decision by someone who is neither the step's approver, nor their delegate within the
 * delegation dates, nor the manager it escalated to, is refused with a bilingual reason.
 */
import type { Bilingual } from "../i18n";
import { both, format } from "../i18n";
import { dayKey } from "../time";
import { addWorkingDays, shiftMonths } from "./calendar";
import type { WorkCalendar } from "./calendar";
import { delegationActive } from "./directory";
import type {
  Channel,
  Decision,
  DecisionLink,
  DelegateWindow,
  Effect,
  EmailMessage,
  FollowUpPlan,
  HistoryEntry,
  HistoryWhat,
  Outcome,
  PersonRef,
  Problem,
  RequestDraft,
  RequestState,
  RouteResult,
  SheetRecord,
  Slot,
  StepState,
  TaskSummary,
  Transition,
} from "./model";
import { notice } from "./notices";
import { COMMENT_MAX_CHARS } from "./model";
import { approvalRecord, auditRecord, currentStep, requestRecord, taskRecord } from "./records";
import { requestTypeSpec } from "./request-types";
import type { ApprovalSettings } from "./settings";

/** What `decide` needs besides the state and the event: the working calendar and the settings. */
export interface ApprovalContext {
  readonly calendar: WorkCalendar;
  readonly settings: ApprovalSettings;
}

/** A form response (or a re-run from the menu) for a new request: its answers parsed and its route planned. */
export interface SubmittedEvent {
  readonly type: "submitted";
  readonly requestId: string;
  /** The form response's id: the same response delivered twice is applied once. */
  readonly responseId: string;
  readonly requester: PersonRef;
  readonly draft: RequestDraft;
  /** The answers' problems; any problem means the request needs fixing. */
  readonly problems: readonly Problem[];
  /** The planned route; null when the answers have problems (no route is planned for them). */
  readonly route: RouteResult | null;
  readonly channel: Channel;
}

/** A revised submission of a returned, rejected or needs-fixing request: a new revision. */
export interface ResubmitEvent extends Omit<SubmittedEvent, "type"> {
  readonly type: "resubmit";
}

/** A failed request run again from the menu once People or Routes are fixed. */
export interface RetryEvent {
  readonly type: "retry";
  readonly requestId: string;
  readonly actor: PersonRef;
  readonly route: RouteResult;
  readonly channel: Channel;
}

/** An approver's decision, by emailed link or in the sheet. */
export interface DecisionEvent {
  readonly type: "approve" | "reject" | "return";
  readonly requestId: string;
  readonly revision: number;
  readonly step: number;
  /** The step's round from the link; omitted (in the sheet): the step's current round. */
  readonly round?: number;
  readonly actor: PersonRef;
  readonly comment: string;
  readonly channel: Channel;
}

export interface WithdrawEvent {
  readonly type: "withdraw";
  readonly requestId: string;
  readonly actor: PersonRef;
  readonly comment: string;
  readonly channel: Channel;
}

/** The time-driven trigger reminds an assignee for the `nth` time (timers.ts). */
export interface RemindEvent {
  readonly type: "remind";
  readonly requestId: string;
  readonly revision: number;
  readonly step: number;
  readonly round: number;
  readonly assignee: string;
  readonly nth: number;
  /** Who runs the trigger (the script's effective user), for the Audit row. */
  readonly actor: string;
  readonly channel: Channel;
}

/** The step escalates to the assignee's manager after too many reminders (timers.ts). */
export interface EscalateEvent {
  readonly type: "escalate";
  readonly requestId: string;
  readonly revision: number;
  readonly step: number;
  readonly round: number;
  readonly assignee: string;
  readonly to: PersonRef;
  /** Who runs the trigger (the script's effective user), for the Audit row. */
  readonly actor: string;
  readonly channel: Channel;
}

/** An assignee's place goes to their delegate for the delegation's dates (People, or the assignee). */
export interface DelegateEvent {
  readonly type: "delegate";
  readonly requestId: string;
  readonly revision: number;
  readonly step: number;
  readonly round: number;
  readonly assignee: string;
  readonly to: DelegateWindow;
  readonly actor: PersonRef;
  readonly channel: Channel;
}

export type ApprovalEvent = SubmittedEvent | ResubmitEvent | RetryEvent | DecisionEvent | WithdrawEvent | RemindEvent | EscalateEvent | DelegateEvent;

/** Working days a `confirm` step's owner has to confirm (the step becomes a task, WF-GEN.2). */
export const CONFIRM_TASK_DAYS = 3;

const M = {
  duplicate: { zh: "此操作已记录,无需重复", en: "this was already recorded; nothing changed" },
  unknownRequest: { zh: "找不到申请 {id}", en: "there is no request {id}" },
  idTaken: { zh: "申请编号 {id} 已被另一份申请使用", en: "the request ID {id} is already used by another request" },
  notPending: { zh: "申请 {id} 已不在审批中(当前状态:{status})", en: "request {id} is no longer waiting for decisions (status: {statusEn})" },
  staleRevision: { zh: "申请 {id} 已修改为第 {current} 版,此决定针对第 {revision} 版,未生效", en: "request {id} was revised to revision {current}; this decision was for revision {revision} and was not applied" },
  wrongStep: {
    zh: "申请 {id} 当前在第 {current} 步「{current_name}」,此决定针对第 {step} 步,未生效",
    en: "request {id} is now at step {current} \"{current_nameEn}\"; this decision was for step {step} and was not applied",
  },
  notApprover: {
    zh: "{who} 不是申请 {id} 第 {step} 步「{step_name}」的审批人(审批人:{approvers}),决定未生效",
    en: "{who} is not the approver of request {id} step {step} \"{step_nameEn}\" (approver: {approvers}); the decision was not applied",
  },
  alreadyDecided: { zh: "您已对此步骤作出决定({decision}),不能更改", en: "you already decided this step ({decision}); it cannot be changed" },
  adviseOnly: { zh: "此步骤只能提意见,不能驳回或退回(WF-01.5)", en: "this step can only comment; it cannot reject or return (WF-01.5)" },
  reasonRequired: { zh: "驳回或退回须写明理由", en: "a rejection or a return needs a reason" },
  commentTooLong: { zh: "意见过长:最多 {max} 个字符,现有 {length} 个,请缩短后重试", en: "the comment is too long: at most {max} characters, this one has {length}; shorten it and try again" },
  notRequester: { zh: "只有申请人 {requester} 本人可以{what}", en: "only the requester {requester} may {whatEn}" },
  cannotResubmit: { zh: "申请 {id} 当前状态为「{status}」,不能重新提交", en: "request {id} is {statusEn}; it cannot be resubmitted" },
  typeMismatch: { zh: "申请 {id} 是「{type}」,不能用其他类型的表单修改", en: "request {id} is a \"{typeEn}\"; revise it with the same form" },
  cannotWithdraw: { zh: "申请 {id} 已{status},不能撤回", en: "request {id} is already {statusEn}; it cannot be withdrawn" },
  notFailed: { zh: "申请 {id} 没有处理失败,无需重新运行", en: "request {id} did not fail; there is nothing to re-run" },
  notWaiting: { zh: "此步骤不再等待 {who} 的决定", en: "this step no longer waits for {who}" },
  delegateNotAssignee: { zh: "只有 {assignee} 本人可以把此步骤交给代理人", en: "only {assignee} may hand this step to a delegate" },
} as const;

const STATUS: Readonly<Record<RequestState["status"], Bilingual>> = {
  pending: { zh: "审批中", en: "pending" },
  needs_fixing: { zh: "待更正", en: "needs fixing" },
  failed: { zh: "处理失败", en: "failed" },
  returned: { zh: "已退回修改", en: "returned for revision" },
  rejected: { zh: "已驳回", en: "rejected" },
  approved: { zh: "已批准", en: "approved" },
  withdrawn: { zh: "已撤回", en: "withdrawn" },
};

const DECISION_TEXT: Readonly<Record<Decision, Bilingual>> = {
  approve: { zh: "同意", en: "approved" },
  comment: { zh: "已提意见", en: "commented" },
  reject: { zh: "驳回", en: "rejected" },
  return: { zh: "退回修改", en: "returned for revision" },
};

/** The work of one transition: the state as it evolves and the effects gathered on the way. */
interface Work {
  state: RequestState;
  readonly approvals: SheetRecord[];
  readonly records: Effect[];
  readonly emails: EmailMessage[];
  readonly context: ApprovalContext;
  readonly now: number;
}

function zoneOf(work: Work): string {
  return work.context.calendar.timeZone;
}

function unchanged(state: RequestState | null, code: string, text: Bilingual): Transition {
  return { state, effects: [], outcome: { kind: "unchanged", code, text } };
}

/**
 * A refusal: nothing changes but the Audit row that records the attempt; a refused decision made in
 * the sheet also rewrites the request's row, which clears the Decision cell the person picked.
 */
function refused(state: RequestState | null, code: string, text: Bilingual, attempt: { actor: string; action: string; channel: Channel; now: number; context: ApprovalContext; requestId: string }): Transition {
  const effects: Effect[] = [];
  const zone = attempt.context.calendar.timeZone;
  if (state && attempt.channel === "sheet") effects.push({ kind: "upsert-request", id: state.id, record: requestRecord(state, zone), state });
  effects.push({
    kind: "append-audit",
    record: auditRecord({ at: attempt.now, actor: attempt.actor, action: `${attempt.action}.refused`, requestId: attempt.requestId, before: state, after: state, comment: both(text), channel: attempt.channel, timeZone: zone }),
  });
  return { state, effects, outcome: { kind: "refused", code, text } };
}

function finish(before: RequestState | null, work: Work, audit: { actor: string; action: string; comment: string; channel: Channel }, outcome: Outcome = { kind: "applied" }): Transition {
  const state = { ...work.state, updatedAt: work.now };
  const zone = zoneOf(work);
  const effects: Effect[] = [{ kind: "upsert-request", id: state.id, record: requestRecord(state, zone), state }];
  if (work.approvals.length) effects.push({ kind: "upsert-approvals", records: work.approvals });
  effects.push(...work.records);
  effects.push({
    kind: "append-audit",
    record: auditRecord({ at: work.now, actor: audit.actor, action: audit.action, requestId: state.id, before, after: state, comment: audit.comment, channel: audit.channel, timeZone: zone }),
  });
  for (const message of work.emails) effects.push({ kind: "send-email", message });
  return { state, effects, outcome };
}

function history(work: Work, entry: Omit<HistoryEntry, "at" | "revision"> & { revision?: number }): void {
  work.state = { ...work.state, history: [...work.state.history, { revision: work.state.revision, ...entry, at: work.now }] };
}

function replaceStep(work: Work, index: number, step: StepState): void {
  work.state = { ...work.state, steps: work.state.steps.map((s, i) => (i === index ? step : s)) };
}

/** Who an assignee's emails go to now: the delegate while the delegation runs, else the assignee. */
function recipientOf(slot: Slot, now: number): { to: PersonRef; onBehalfOf: PersonRef | null } {
  const window = slot.delegatedTo ?? slot.assignee.delegate;
  if (delegationActive(window, now) && window) return { to: window.person, onBehalfOf: slot.assignee };
  return { to: slot.assignee, onBehalfOf: null };
}

function linkFor(work: Work, step: StepState, approver: string): DecisionLink {
  return {
    requestId: work.state.id,
    revision: work.state.revision,
    step: step.step,
    round: step.round,
    approver,
    expiresAt: work.now + work.context.settings.linkDays * 86_400_000,
  };
}

/** Opens step `index`: a new round, a place per assignee, a request (with a link) to each. */
function activate(work: Work, index: number): void {
  const step = work.state.steps[index];
  if (!step) throw new Error(`no step at ${index}`);
  const round = step.round + 1;
  const slots: Slot[] = step.assignees.map((assignee) => ({
    assignee,
    delegatedTo: delegationActive(assignee.delegate, work.now) ? assignee.delegate : null,
    escalatedTo: null,
    reminders: 0,
    notifiedAt: work.now,
    decision: null,
  }));
  let taskId: string | null = null;
  if (step.action === "confirm" && slots[0]) {
    taskId = `${work.state.id}-${work.state.revision}-${step.step}-${round}`;
    const today = dayKey(work.now, zoneOf(work));
    work.records.push({
      kind: "create-task",
      record: taskRecord({
        id: taskId,
        title: { zh: `${step.name.zh}:${work.state.id}「${work.state.title}」`, en: `${step.name.en}: ${work.state.id} "${work.state.title}"` },
        assigner: work.state.requester.email,
        owner: slots[0].assignee.email,
        assignedOn: today,
        dueOn: addWorkingDays(work.context.calendar, today, CONFIRM_TASK_DAYS),
        requestId: work.state.id,
        rule: step.rule,
      }),
    });
  }
  const opened: StepState = { ...step, round, status: "active", activatedAt: work.now, slots, taskId };
  replaceStep(work, index, opened);
  work.state = { ...work.state, current: index, status: "pending" };
  for (const slot of slots) {
    const { to, onBehalfOf } = recipientOf(slot, work.now);
    work.emails.push(
      notice("approval-request", to, work.state, zoneOf(work), {
        step: opened,
        link: linkFor(work, opened, to.email),
        onBehalfOf: onBehalfOf ? onBehalfOf.name : null,
        cc: onBehalfOf ? [onBehalfOf.email] : [],
      }),
    );
  }
}

function followUpDue(work: Work, plan: FollowUpPlan): string {
  const from = plan.fromField === null ? null : work.state.fields[plan.fromField];
  const base = typeof from === "string" && /^\d{4}-\d{2}-\d{2}$/.test(from) ? from : dayKey(work.now, zoneOf(work));
  return addWorkingDays(work.context.calendar, plan.months ? shiftMonths(base, plan.months) : base, plan.workingDays);
}

/** The last step is approved: the request is approved, its follow-ups become tasks, its rows update. */
function approveRequest(work: Work, by: PersonRef, channel: Channel): void {
  const zone = zoneOf(work);
  const today = dayKey(work.now, zone);
  const tasks: TaskSummary[] = [];
  work.state.followUps.forEach((plan, i) => {
    const dueOn = followUpDue(work, plan);
    const id = `${work.state.id}-F${i + 1}`;
    tasks.push({ id, title: plan.title, owner: plan.owner.name, assigner: by.name, dueOn, rule: plan.rule });
    work.records.push({
      kind: "create-task",
      record: taskRecord({ id, title: plan.title, assigner: by.email, owner: plan.owner.email, assignedOn: today, dueOn, requestId: work.state.id, rule: plan.rule }),
    });
  });
  const spec = requestTypeSpec(work.state.type);
  for (const update of spec.onApproved({ id: work.state.id, title: work.state.title, requester: work.state.requester.email, fields: work.state.fields, approvedOn: today, approvedBy: by.email })) {
    work.records.push({ kind: "update-record", ...update });
  }
  work.state = { ...work.state, status: "approved", current: null, canResubmit: false };
  history(work, { actor: by, onBehalfOf: null, step: null, round: null, stepName: null, what: "approved", comment: "", channel });
  work.emails.push(notice("final-approved", work.state.requester, work.state, zone, { tasks, replyTo: by.email }));
  // Each follow-up owner gets a task email (who assigned what, due when, how to mark it done), replies to the assigner (issue 11 §2).
  const owners = new Map<string, PersonRef>();
  for (const plan of work.state.followUps) if (plan.owner.email !== work.state.requester.email) owners.set(plan.owner.email, plan.owner);
  for (const owner of owners.values()) {
    const theirs = tasks.filter((_task, i) => work.state.followUps[i]?.owner.email === owner.email);
    work.emails.push(notice("task-assigned", owner, work.state, zone, { tasks: theirs, decision: { what: "approved", by: by.name, comment: "" }, replyTo: by.email }));
  }
}

/** Opens the first step of a freshly routed request (or approves it when its route has no step). */
function startRoute(work: Work, route: Extract<RouteResult, { ok: true }>, by: PersonRef, channel: Channel): void {
  const steps: StepState[] = route.steps.map((s) => ({ ...s, round: 0, status: "waiting", activatedAt: null, slots: [], taskId: null }));
  work.state = { ...work.state, steps, followUps: route.followUps, problems: route.warnings, current: null, status: "pending", canResubmit: false };
  if (steps.length === 0) approveRequest(work, by, channel);
  else {
    activate(work, 0);
    recordHook(work, "onStarted");
  }
}

/** The rows a type's `onStarted` / `onClosed` hook writes (a dealer's stage and request link, WF-10). */
function recordHook(work: Work, hook: "onStarted" | "onClosed"): void {
  const run = requestTypeSpec(work.state.type)[hook];
  if (!run) return;
  for (const update of run({ id: work.state.id, fields: work.state.fields })) work.records.push({ kind: "update-record", ...update });
}

/** Applies a submission's answers and route to the work's state (new request or new revision). */
function applySubmission(work: Work, event: SubmittedEvent | ResubmitEvent): string {
  const { draft } = event;
  work.state = {
    ...work.state,
    title: draft.title || work.state.title,
    region: draft.region,
    fields: draft.fields,
    typed: draft.typed,
    amount: draft.amount,
    steps: [],
    current: null,
    followUps: [],
  };
  if (event.problems.length) {
    work.state = { ...work.state, status: "needs_fixing", canResubmit: true, problems: event.problems };
    history(work, { actor: event.requester, onBehalfOf: null, step: null, round: null, stepName: null, what: "needs_fixing", comment: event.problems.map((p) => both(p.text)).join("\n"), channel: event.channel });
    work.emails.push(notice("needs-fixing", event.requester, work.state, zoneOf(work), { problems: event.problems }));
    return "request.needs_fixing";
  }
  if (event.route === null || !event.route.ok) {
    const problems = event.route === null ? [] : event.route.problems;
    work.state = { ...work.state, status: "failed", canResubmit: false, problems };
    history(work, { actor: event.requester, onBehalfOf: null, step: null, round: null, stepName: null, what: "failed", comment: problems.map((p) => both(p.text)).join("\n"), channel: event.channel });
    return "request.failed";
  }
  startRoute(work, event.route, event.requester, event.channel);
  return event.type === "submitted" ? "request.submitted" : "request.resubmitted";
}

function submit(state: RequestState | null, event: SubmittedEvent, now: number, context: ApprovalContext): Transition {
  if (state) {
    if (state.responseIds.includes(event.responseId)) return unchanged(state, "DUPLICATE", M.duplicate);
    return refused(state, "ID_TAKEN", format(M.idTaken, { id: event.requestId }), { actor: event.requester.email, action: "request.submitted", channel: event.channel, now, context, requestId: event.requestId });
  }
  const fresh: RequestState = {
    id: event.requestId,
    type: event.draft.type,
    title: event.draft.title,
    requester: event.requester,
    revision: 1,
    status: "pending",
    canResubmit: false,
    submittedAt: now,
    updatedAt: now,
    region: event.draft.region,
    fields: event.draft.fields,
    typed: event.draft.typed,
    amount: event.draft.amount,
    problems: [],
    responseIds: [event.responseId],
    steps: [],
    current: null,
    followUps: [],
    history: [],
  };
  const work: Work = { state: fresh, approvals: [], records: [], emails: [], context, now };
  history(work, { actor: event.requester, onBehalfOf: null, step: null, round: null, stepName: null, what: "submitted", comment: "", channel: event.channel });
  const action = applySubmission(work, event);
  linkAudit(work, action, event.requester.email, event.channel);
  return finish(null, work, { actor: event.requester.email, action, comment: action === "request.submitted" ? submittedNote(work.state) : work.state.problems.map((p) => both(p.text)).join("\n"), channel: event.channel });
}

/** The Audit comment of an accepted submission: what its type links it to (an escalation's first appeal, WF-26), else "". */
function submittedNote(state: RequestState): string {
  const note = requestTypeSpec(state.type).submittedNote?.(state.fields) ?? null;
  return note ? both(note) : "";
}

/** An accepted submission linked to an earlier request (an escalation's first appeal) also gets an Audit row under that request's ID. */
function linkAudit(work: Work, action: string, actor: string, channel: Channel): void {
  if (action !== "request.submitted" && action !== "request.resubmitted") return;
  const link = requestTypeSpec(work.state.type).submittedLink?.(work.state.fields, work.state.id) ?? null;
  if (!link) return;
  work.records.push({
    kind: "append-audit",
    record: auditRecord({ at: work.now, actor, action: link.action, requestId: link.requestId, before: null, after: null, comment: both(link.comment), channel, timeZone: zoneOf(work) }),
  });
}

function resubmit(state: RequestState | null, event: ResubmitEvent, now: number, context: ApprovalContext): Transition {
  const attempt = { actor: event.requester.email, action: "request.resubmitted", channel: event.channel, now, context, requestId: event.requestId };
  if (!state) return refused(null, "UNKNOWN_REQUEST", format(M.unknownRequest, { id: event.requestId }), attempt);
  if (state.responseIds.includes(event.responseId)) return unchanged(state, "DUPLICATE", M.duplicate);
  if (event.requester.email !== state.requester.email) {
    return refused(state, "NOT_REQUESTER", format(M.notRequester, { requester: state.requester.name, what: "修改并重新提交此申请", whatEn: "revise and resubmit this request" }), attempt);
  }
  if (event.draft.type !== state.type) {
    const label = requestTypeSpec(state.type).label;
    return refused(state, "TYPE_MISMATCH", format(M.typeMismatch, { id: state.id, type: label.zh, typeEn: label.en }), attempt);
  }
  if (!state.canResubmit) {
    return refused(state, "CANNOT_RESUBMIT", format(M.cannotResubmit, { id: state.id, status: STATUS[state.status].zh, statusEn: STATUS[state.status].en }), attempt);
  }
  const work: Work = { state: { ...state, revision: state.revision + 1, responseIds: [...state.responseIds, event.responseId], problems: [] }, approvals: [], records: [], emails: [], context, now };
  history(work, { actor: event.requester, onBehalfOf: null, step: null, round: null, stepName: null, what: "resubmitted", comment: "", channel: event.channel });
  const action = applySubmission(work, event);
  linkAudit(work, action, event.requester.email, event.channel);
  return finish(state, work, { actor: event.requester.email, action, comment: action === "request.resubmitted" ? submittedNote(work.state) : work.state.problems.map((p) => both(p.text)).join("\n"), channel: event.channel });
}

function retry(state: RequestState | null, event: RetryEvent, now: number, context: ApprovalContext): Transition {
  const attempt = { actor: event.actor.email, action: "request.retried", channel: event.channel, now, context, requestId: event.requestId };
  if (!state) return refused(null, "UNKNOWN_REQUEST", format(M.unknownRequest, { id: event.requestId }), attempt);
  if (state.status !== "failed") return unchanged(state, "NOT_FAILED", format(M.notFailed, { id: state.id }));
  const work: Work = { state, approvals: [], records: [], emails: [], context, now };
  if (!event.route.ok) {
    work.state = { ...work.state, problems: event.route.problems };
    return finish(state, work, { actor: event.actor.email, action: "request.retried", comment: event.route.problems.map((p) => both(p.text)).join("\n"), channel: event.channel });
  }
  history(work, { actor: event.actor, onBehalfOf: null, step: null, round: null, stepName: null, what: "retried", comment: "", channel: event.channel });
  startRoute(work, event.route, event.actor, event.channel);
  return finish(state, work, { actor: event.actor.email, action: "request.retried", comment: "", channel: event.channel });
}

/**
 * The index of the slot `actor` may decide at `now`: own place first, then as delegate, then as
 * manager; -1 when none. The one rule of who decides a step, shared by `decide` and the queue
 * page's list of what waits on a person (queue.ts).
 */
export function slotFor(step: StepState, actor: string, now: number): number {
  const open = step.slots.map((s, i) => ({ s, i })).filter(({ s }) => s.decision === null);
  const own = open.find(({ s }) => s.assignee.email === actor);
  if (own) return own.i;
  const delegated = open.find(({ s }) => {
    const window = s.delegatedTo ?? s.assignee.delegate;
    return window !== null && window.person.email === actor && delegationActive(window, now);
  });
  if (delegated) return delegated.i;
  const escalated = open.find(({ s }) => s.escalatedTo?.email === actor);
  return escalated ? escalated.i : -1;
}

/** A decision this actor already took on (revision, step, round), from the history. */
function priorDecision(state: RequestState, revision: number, step: number, round: number | undefined, actor: string): HistoryEntry | undefined {
  const decisions: readonly HistoryWhat[] = ["approve", "comment", "reject", "return"];
  const current = state.steps.find((s) => s.step === step);
  const wanted = round ?? (revision === state.revision ? current?.round : undefined);
  return state.history.find(
    (h) => h.revision === revision && h.step === step && (wanted === undefined || h.round === wanted) && decisions.includes(h.what) && (h.actor.email === actor || h.onBehalfOf?.email === actor),
  );
}

function decideStep(state: RequestState | null, event: DecisionEvent, now: number, context: ApprovalContext): Transition {
  const actor = event.actor.email;
  const attempt = { actor, action: `step.${event.type}`, channel: event.channel, now, context, requestId: event.requestId };
  if (!state) return refused(null, "UNKNOWN_REQUEST", format(M.unknownRequest, { id: event.requestId }), attempt);
  const prior = priorDecision(state, event.revision, event.step, event.round, actor);
  if (prior) {
    const same = prior.what === event.type || (prior.what === "comment" && event.type === "approve");
    if (same) return unchanged(state, "DUPLICATE", M.duplicate);
    const text = DECISION_TEXT[prior.what as Decision];
    return refused(state, "ALREADY_DECIDED", format(M.alreadyDecided, { decision: both(text) }), attempt);
  }
  if (state.status !== "pending") {
    return refused(state, "NOT_PENDING", format(M.notPending, { id: state.id, status: STATUS[state.status].zh, statusEn: STATUS[state.status].en }), attempt);
  }
  if (event.revision !== state.revision) {
    return refused(state, "STALE_REVISION", format(M.staleRevision, { id: state.id, current: state.revision, revision: event.revision }), attempt);
  }
  const index = state.current;
  const step = currentStep(state);
  if (index === null || !step) throw new Error(`pending request ${state.id} has no current step`);
  if (step.step !== event.step || (event.round !== undefined && event.round !== step.round)) {
    return refused(state, "WRONG_STEP", format(M.wrongStep, { id: state.id, current: step.step, current_name: step.name.zh, current_nameEn: step.name.en, step: event.step }), attempt);
  }
  const slotIndex = slotFor(step, actor, now);
  if (slotIndex < 0) {
    const approvers = step.slots.filter((s) => s.decision === null).map((s) => `${s.assignee.name} <${s.assignee.email}>`).join(", ");
    return refused(state, "NOT_APPROVER", format(M.notApprover, { who: actor, id: state.id, step: step.step, step_name: step.name.zh, step_nameEn: step.name.en, approvers }), attempt);
  }
  if (step.action === "advise" && event.type !== "approve") return refused(state, "ADVISE_ONLY", M.adviseOnly, attempt);
  const comment = event.comment.trim();
  if (event.type !== "approve" && comment === "") return refused(state, "REASON_REQUIRED", M.reasonRequired, attempt);
  if (comment.length > COMMENT_MAX_CHARS) return refused(state, "COMMENT_TOO_LONG", format(M.commentTooLong, { max: COMMENT_MAX_CHARS, length: comment.length }), attempt);

  const slot = step.slots[slotIndex];
  if (!slot) throw new Error(`no slot ${slotIndex}`);
  const decision: Decision = event.type === "approve" ? (step.action === "advise" ? "comment" : "approve") : event.type;
  const onBehalfOf = slot.assignee.email === actor ? null : slot.assignee;
  const decidedSlot: Slot = { ...slot, decision: { decision, by: event.actor, onBehalfOf, at: now, comment, channel: event.channel } };
  const work: Work = { state, approvals: [], records: [], emails: [], context, now };
  let decided: StepState = { ...step, slots: step.slots.map((s, i) => (i === slotIndex ? decidedSlot : s)) };
  replaceStep(work, index, decided);
  work.approvals.push(approvalRecord(work.state, decided, slotIndex, zoneOf(work)));
  history(work, { actor: event.actor, onBehalfOf, step: step.step, round: step.round, stepName: step.name, what: decision, comment, channel: event.channel });
  const zone = zoneOf(work);
  const announced = { what: decision as HistoryWhat, by: event.actor.name, comment };

  if (decision === "approve" || decision === "comment") {
    const complete = step.mode === "any" || decided.slots.every((s) => s.decision !== null && s.decision.decision !== "reject");
    if (!complete) return finish(state, work, { actor, action: `step.${decision}`, comment, channel: event.channel });
    decided = { ...decided, status: "approved" };
    replaceStep(work, index, decided);
    if (decided.taskId) work.records.push({ kind: "complete-task", id: decided.taskId, doneOn: dayKey(now, zone), outcome: "done" });
    const last = index + 1 >= work.state.steps.length;
    // On the last step, follow-up owners hear about their tasks instead of a plain copy.
    const owners = new Set(last ? work.state.followUps.map((f) => f.owner.email) : []);
    for (const person of decided.cc) if (!owners.has(person.email)) work.emails.push(notice("cc-notice", person, work.state, zone, { step: decided, decision: announced, replyTo: actor }));
    if (!last) {
      activate(work, index + 1);
      const next = work.state.steps[index + 1] ?? null;
      // The requester asked to confirm the next step has that request; no separate progress notice.
      if (!next?.assignees.some((a) => a.email === work.state.requester.email)) {
        work.emails.push(notice("decision-notice", work.state.requester, work.state, zone, { step: decided, nextStep: next, decision: announced, replyTo: actor }));
      }
    } else {
      approveRequest(work, event.actor, event.channel);
    }
    return finish(state, work, { actor, action: `step.${decision}`, comment, channel: event.channel });
  }

  if (decided.taskId) work.records.push({ kind: "complete-task", id: decided.taskId, doneOn: dayKey(now, zone), outcome: "cancelled" });
  if (decision === "return") {
    replaceStep(work, index, { ...decided, status: "returned" });
    work.state = { ...work.state, status: "returned", current: null, canResubmit: true };
    work.emails.push(notice("decision-notice", work.state.requester, work.state, zone, { step: decided, decision: announced, replyTo: actor }));
    return finish(state, work, { actor, action: "step.return", comment, channel: event.channel });
  }

  // A rejection goes where the step's Routes row says (WF-GEN.1).
  replaceStep(work, index, { ...decided, status: "rejected" });
  if (step.onReject === "back_to_step" && step.rejectToStep !== null) {
    const target = work.state.steps.findIndex((s) => s.step === step.rejectToStep);
    if (target >= 0 && target < index) {
      work.state = { ...work.state, steps: work.state.steps.map((s, i) => (i > target ? { ...s, status: i === index ? "rejected" : "waiting", slots: i === index ? s.slots : [] } : s)) };
      activate(work, target);
      const reopened = work.state.steps[target] ?? null;
      work.emails.push(notice("decision-notice", work.state.requester, work.state, zone, { step: decided, nextStep: reopened, decision: announced, replyTo: actor }));
      return finish(state, work, { actor, action: "step.reject", comment, channel: event.channel });
    }
  }
  const canResubmit = step.onReject !== "close";
  work.state = { ...work.state, status: "rejected", current: null, canResubmit };
  recordHook(work, "onClosed");
  work.emails.push(notice("final-rejected", work.state.requester, work.state, zone, { step: decided, decision: announced, replyTo: actor }));
  return finish(state, work, { actor, action: "step.reject", comment, channel: event.channel });
}

function withdraw(state: RequestState | null, event: WithdrawEvent, now: number, context: ApprovalContext): Transition {
  const attempt = { actor: event.actor.email, action: "request.withdraw", channel: event.channel, now, context, requestId: event.requestId };
  if (!state) return refused(null, "UNKNOWN_REQUEST", format(M.unknownRequest, { id: event.requestId }), attempt);
  if (event.actor.email !== state.requester.email) {
    return refused(state, "NOT_REQUESTER", format(M.notRequester, { requester: state.requester.name, what: "撤回此申请", whatEn: "withdraw this request" }), attempt);
  }
  if (state.status === "withdrawn") return unchanged(state, "DUPLICATE", M.duplicate);
  const length = event.comment.trim().length;
  if (length > COMMENT_MAX_CHARS) return refused(state, "COMMENT_TOO_LONG", format(M.commentTooLong, { max: COMMENT_MAX_CHARS, length }), attempt);
  if (state.status === "approved" || (state.status === "rejected" && !state.canResubmit)) {
    return refused(state, "CANNOT_WITHDRAW", format(M.cannotWithdraw, { id: state.id, status: STATUS[state.status].zh, statusEn: STATUS[state.status].en }), attempt);
  }
  const work: Work = { state, approvals: [], records: [], emails: [], context, now };
  const zone = zoneOf(work);
  const step = currentStep(state);
  if (state.status === "pending" && step && state.current !== null) {
    replaceStep(work, state.current, { ...step, status: "cancelled" });
    if (step.taskId) work.records.push({ kind: "complete-task", id: step.taskId, doneOn: dayKey(now, zone), outcome: "cancelled" });
  }
  work.state = { ...work.state, status: "withdrawn", current: null, canResubmit: false };
  recordHook(work, "onClosed");
  history(work, { actor: event.actor, onBehalfOf: null, step: null, round: null, stepName: null, what: "withdraw", comment: event.comment.trim(), channel: event.channel });
  if (state.status === "pending" && step) {
    for (const slot of step.slots) {
      if (slot.decision !== null) continue;
      const { to } = recipientOf(slot, now);
      work.emails.push(notice("decision-notice", to, work.state, zone, { step, decision: { what: "withdraw", by: event.actor.name, comment: event.comment.trim() } }));
    }
  }
  return finish(state, work, { actor: event.actor.email, action: "request.withdraw", comment: event.comment.trim(), channel: event.channel });
}

/** The open slot of `assignee` on the step a timer event names, or why there is none. */
function timerSlot(state: RequestState | null, event: RemindEvent | EscalateEvent | DelegateEvent): { index: number; step: StepState; slotIndex: number } | null {
  if (!state || state.status !== "pending" || state.revision !== event.revision) return null;
  const step = currentStep(state);
  if (state.current === null || !step || step.step !== event.step || step.round !== event.round) return null;
  const slotIndex = step.slots.findIndex((s) => s.assignee.email === event.assignee && s.decision === null);
  return slotIndex < 0 ? null : { index: state.current, step, slotIndex };
}

function updateSlot(work: Work, index: number, step: StepState, slotIndex: number, slot: Slot): StepState {
  const updated = { ...step, slots: step.slots.map((s, i) => (i === slotIndex ? slot : s)) };
  replaceStep(work, index, updated);
  return updated;
}

function remind(state: RequestState | null, event: RemindEvent, now: number, context: ApprovalContext): Transition {
  const found = timerSlot(state, event);
  if (!state || !found) return unchanged(state, "NOT_WAITING", format(M.notWaiting, { who: event.assignee }));
  const slot = found.step.slots[found.slotIndex];
  if (!slot || slot.reminders + 1 !== event.nth) return unchanged(state, "DUPLICATE", M.duplicate);
  const work: Work = { state, approvals: [], records: [], emails: [], context, now };
  const step = updateSlot(work, found.index, found.step, found.slotIndex, { ...slot, reminders: event.nth, notifiedAt: now });
  const { to, onBehalfOf } = recipientOf(slot, now);
  history(work, { actor: to, onBehalfOf, step: step.step, round: step.round, stepName: step.name, what: "remind", comment: `#${event.nth}`, channel: event.channel });
  work.emails.push(notice("reminder", to, work.state, zoneOf(work), { step, link: linkFor(work, step, to.email), onBehalfOf: onBehalfOf ? onBehalfOf.name : null, reminderNumber: event.nth }));
  return finish(state, work, { actor: event.actor, action: "step.remind", comment: `#${event.nth} → ${to.email}`, channel: event.channel });
}

function escalate(state: RequestState | null, event: EscalateEvent, now: number, context: ApprovalContext): Transition {
  const found = timerSlot(state, event);
  if (!state || !found) return unchanged(state, "NOT_WAITING", format(M.notWaiting, { who: event.assignee }));
  const slot = found.step.slots[found.slotIndex];
  if (!slot || slot.escalatedTo !== null) return unchanged(state, "DUPLICATE", M.duplicate);
  const work: Work = { state, approvals: [], records: [], emails: [], context, now };
  const step = updateSlot(work, found.index, found.step, found.slotIndex, { ...slot, escalatedTo: event.to, notifiedAt: now });
  history(work, { actor: event.to, onBehalfOf: slot.assignee, step: step.step, round: step.round, stepName: step.name, what: "escalate", comment: "", channel: event.channel });
  work.emails.push(
    notice("escalation", event.to, work.state, zoneOf(work), {
      step,
      link: linkFor(work, step, event.to.email),
      onBehalfOf: slot.assignee.name,
      reminderNumber: slot.reminders,
      cc: [slot.assignee.email],
    }),
  );
  return finish(state, work, { actor: event.actor, action: "step.escalate", comment: `${slot.assignee.email} → ${event.to.email}`, channel: event.channel });
}

function delegate(state: RequestState | null, event: DelegateEvent, now: number, context: ApprovalContext): Transition {
  const attempt = { actor: event.actor.email, action: "step.delegate", channel: event.channel, now, context, requestId: event.requestId };
  const found = timerSlot(state, event);
  if (!state || !found) return unchanged(state, "NOT_WAITING", format(M.notWaiting, { who: event.assignee }));
  const slot = found.step.slots[found.slotIndex];
  if (!slot) return unchanged(state, "NOT_WAITING", format(M.notWaiting, { who: event.assignee }));
  if (event.channel !== "trigger" && event.actor.email !== slot.assignee.email) {
    return refused(state, "NOT_ASSIGNEE", format(M.delegateNotAssignee, { assignee: slot.assignee.name }), attempt);
  }
  const same = slot.delegatedTo !== null && slot.delegatedTo.person.email === event.to.person.email && slot.delegatedTo.from === event.to.from && slot.delegatedTo.until === event.to.until;
  if (same) return unchanged(state, "DUPLICATE", M.duplicate);
  const work: Work = { state, approvals: [], records: [], emails: [], context, now };
  const active = delegationActive(event.to, now);
  const step = updateSlot(work, found.index, found.step, found.slotIndex, { ...slot, delegatedTo: event.to, notifiedAt: active ? now : slot.notifiedAt });
  history(work, { actor: event.to.person, onBehalfOf: slot.assignee, step: step.step, round: step.round, stepName: step.name, what: "delegate", comment: "", channel: event.channel });
  if (active) {
    work.emails.push(
      notice("approval-request", event.to.person, work.state, zoneOf(work), {
        step,
        link: linkFor(work, step, event.to.person.email),
        onBehalfOf: slot.assignee.name,
        cc: [slot.assignee.email],
      }),
    );
  }
  return finish(state, work, { actor: event.actor.email, action: "step.delegate", comment: `${slot.assignee.email} → ${event.to.person.email}`, channel: event.channel });
}

/**
 * The next state of a request and what to do about it.
 * @example decide(null, submitted stock transfer, now, context) → pending at step 1; effects: the
 *   Requests row, an Audit row, an approval-request email (with a link) to the Marketing Manager
 */
export function decide(state: RequestState | null, event: ApprovalEvent, now: number, context: ApprovalContext): Transition {
  switch (event.type) {
    case "submitted":
      return submit(state, event, now, context);
    case "resubmit":
      return resubmit(state, event, now, context);
    case "retry":
      return retry(state, event, now, context);
    case "approve":
    case "reject":
    case "return":
      return decideStep(state, event, now, context);
    case "withdraw":
      return withdraw(state, event, now, context);
    case "remind":
      return remind(state, event, now, context);
    case "escalate":
      return escalate(state, event, now, context);
    case "delegate":
      return delegate(state, event, now, context);
  }
}
