/**
 * The data of the approval emails, built from a request's state: the request summary (type, title,
 * requester, every answer with its bilingual label, the amount), the history so far, the step
 * asked about and the next one, the decision announced, and the decision link to sign. Rendering
 * (subject, HTML, plain text) is src/render/approvals' job; keeping the data here lets tests check
 * who is told what without parsing HTML.
 */
import type { Bilingual, Language } from "../i18n";
import { both } from "../i18n";
import type {
  DecisionLink,
  EmailKind,
  EmailMessage,
  HistoryLine,
  HistoryWhat,
  PersonRef,
  Problem,
  RequestState,
  RequestSummary,
  StepState,
  StepSummary,
  SummaryField,
  TaskSummary,
} from "./model";
import { delegationActive } from "./directory";
import { formQuestions, requestTypeSpec } from "./request-types";

/** Questions not repeated in the summary: the title is the heading, the revision link is internal. */
const NOT_IN_SUMMARY = new Set(["title", "revises"]);

/**
 * Money as an email shows it, in yuan with thousands separators and cents.
 * @example moneyText(1234567.5) → "1,234,567.50"
 */
export function moneyText(amount: number): string {
  const negative = amount < 0;
  const cents = Math.round(Math.abs(amount) * 100);
  const whole = Math.floor(cents / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${negative ? "-" : ""}${whole}.${String(cents % 100).padStart(2, "0")}`;
}

function fieldText(state: RequestState, key: string, kind: string): string {
  const value = state.fields[key] ?? null;
  const typed = state.typed[key] ?? "";
  if (value === null) return typed;
  if (kind === "money" && typeof value === "number") return moneyText(value);
  if (kind === "percent" && typeof value === "number") return `${Math.round(value * 10000) / 100}%`;
  if (kind === "yesno") return value === true ? both({ zh: "是", en: "Yes" }) : both({ zh: "否", en: "No" });
  if (kind === "choice" || kind === "source") return typed || String(value);
  return typeof value === "string" ? value : typed || String(value);
}

export function requestSummary(state: RequestState, timeZone: string): RequestSummary {
  const fields: SummaryField[] = [];
  for (const q of formQuestions(state.type)) {
    if (NOT_IN_SUMMARY.has(q.key)) continue;
    const value = fieldText(state, q.key, q.kind);
    if (value === "") continue;
    fields.push({ key: q.key, label: q.title, value, money: q.kind === "money" });
  }
  return {
    id: state.id,
    revision: state.revision,
    type: state.type,
    typeLabel: requestTypeSpec(state.type).label,
    title: state.title,
    requester: state.requester,
    submittedAt: state.submittedAt,
    status: state.status,
    amount: state.amount,
    fields,
    timeZone,
  };
}

export function historyLines(state: RequestState): HistoryLine[] {
  return state.history.map((h) => ({
    at: h.at,
    actor: h.actor.name,
    onBehalfOf: h.onBehalfOf ? h.onBehalfOf.name : null,
    step: h.step,
    stepName: h.stepName,
    what: h.what,
    comment: h.comment,
  }));
}

export function stepSummary(state: RequestState, step: StepState): StepSummary {
  return {
    step: step.step,
    of: state.steps.length,
    name: step.name,
    roleLabel: step.roleLabel,
    action: step.action,
    people: step.assignees.map((a) => a.name),
  };
}

/** Everything optional an email may carry; the rest comes from the state. */
export interface NoticeParts {
  readonly step?: StepState | null;
  readonly nextStep?: StepState | null;
  readonly decision?: { readonly what: HistoryWhat; readonly by: string; readonly comment: string } | null;
  readonly link?: DecisionLink | null;
  readonly onBehalfOf?: string | null;
  readonly reminderNumber?: number | null;
  readonly problems?: readonly Problem[];
  readonly tasks?: readonly TaskSummary[];
  readonly cc?: readonly string[];
  /**
   * Where replies go (the send options' `replyTo`): someone who can act on a reply. Omitted: the requester,
   * for mail to anyone else (an approver asks the requester); null: nobody but the sender.
   */
  readonly replyTo?: string | null;
}

/**
 * Every kind of request email the engine sends (a record, so a new kind cannot be left out),
 * for tests that check each kind's subject and content.
 */
const KINDS: Readonly<Record<EmailKind, true>> = {
  "approval-request": true,
  "decision-notice": true,
  reminder: true,
  escalation: true,
  "final-approved": true,
  "final-rejected": true,
  "needs-fixing": true,
  "cc-notice": true,
  "task-assigned": true,
};
export const EMAIL_KINDS: readonly EmailKind[] = Object.keys(KINDS) as EmailKind[];

/** Reply-To of a notice: the given person, else the requester for mail to others; never the recipient. */
function replyToOf(to: PersonRef, state: RequestState, parts: NoticeParts): string | null {
  const wanted = parts.replyTo !== undefined ? parts.replyTo : to.email === state.requester.email ? null : state.requester.email;
  return wanted && wanted !== to.email ? wanted : null;
}

/** One email to one person about a request. */
export function notice(kind: EmailKind, to: PersonRef, state: RequestState, timeZone: string, parts: NoticeParts = {}): EmailMessage {
  const language: Language = to.language;
  return {
    kind,
    to: [to.email],
    cc: parts.cc ?? [],
    language,
    recipientName: to.name,
    request: requestSummary(state, timeZone),
    history: historyLines(state),
    step: parts.step ? stepSummary(state, parts.step) : null,
    nextStep: parts.nextStep ? stepSummary(state, parts.nextStep) : null,
    decision: parts.decision ?? null,
    link: parts.link ?? null,
    onBehalfOf: parts.onBehalfOf ?? null,
    reminderNumber: parts.reminderNumber ?? null,
    problems: parts.problems ?? [],
    tasks: parts.tasks ?? [],
    canResubmit: state.canResubmit,
    replyTo: replyToOf(to, state, parts),
  };
}

/** The people an open slot's decision waits on now: the escalation manager, the delegate, or the assignee. */
function waitingOn(step: StepState, now: number): string[] {
  const names: string[] = [];
  for (const slot of step.slots) {
    if (slot.decision !== null) continue;
    const window = slot.delegatedTo ?? slot.assignee.delegate;
    names.push(slot.escalatedTo ? slot.escalatedTo.name : window && delegationActive(window, now) ? `${window.person.name}(${slot.assignee.name})` : slot.assignee.name);
  }
  return names;
}

/**
 * What happens next to a request, for the page shown after a decision (issue 11 §2): who decides
 * now (name and step), or that the outcome is final — approved (and who has the follow-up tasks),
 * rejected, returned to the requester, withdrawn.
 * @example whatHappensNext(a stock transfer the Manager just approved) →
 *   { zh: "接下来:由 孙立新 在第 2/2 步「营销总部(总监)审批调货申请单」决定。", en: "Next: 孙立新 decides at step 2 of 2 …" }
 */
export function whatHappensNext(state: RequestState, now: number): Bilingual {
  const requester = state.requester.name;
  switch (state.status) {
    case "pending": {
      const step = state.current === null ? undefined : state.steps[state.current];
      if (!step) return { zh: "申请仍在审批中。", en: "The request is still being decided." };
      const who = waitingOn(step, now).join("、") || step.assignees.map((a) => a.name).join("、");
      return {
        zh: `接下来:由 ${who}(${step.roleLabel.zh})在第 ${step.step}/${state.steps.length} 步「${step.name.zh}」决定。`,
        en: `Next: ${who} (${step.roleLabel.en}) decides at step ${step.step} of ${state.steps.length} "${step.name.en}".`,
      };
    }
    case "approved": {
      const tasks = state.followUps.map((f) => f.owner.name);
      const owners = [...new Set(tasks)].join("、");
      return {
        zh: `这是最终结果:申请已批准,已通知申请人 ${requester}。${owners ? `后续任务已交给 ${owners},其会收到任务邮件。` : ""}`,
        en: `This is final: the request is approved and the requester ${requester} is told.${owners ? ` The follow-up tasks go to ${owners}, who get a task email.` : ""}`,
      };
    }
    case "rejected":
      return state.canResubmit
        ? { zh: `这是最终结果:申请已驳回,退回申请人 ${requester};其可修改后用申请编号 ${state.id} 重新提交。`, en: `This is final: the request is rejected and goes back to the requester ${requester}, who may revise it and resubmit with ${state.id}.` }
        : { zh: `这是最终结果:申请已驳回并关闭,已通知申请人 ${requester}。`, en: `This is final: the request is rejected and closed; the requester ${requester} is told.` };
    case "returned":
      return { zh: `申请已退回申请人 ${requester} 修改;重新提交后从第一步开始审批。`, en: `The request goes back to the requester ${requester} to revise; once resubmitted, approval starts again from the first step.` };
    case "withdrawn":
      return { zh: "申请人已撤回此申请,无需再处理。", en: "The requester withdrew this request; nothing more is needed." };
    case "needs_fixing":
      return { zh: `申请人 ${requester} 需先更正答案。`, en: `The requester ${requester} must first fix the answers.` };
    case "failed":
      return { zh: "此申请无法路由,需管理员修正后重新运行。", en: "This request could not be routed; an administrator must fix the workbook and run it again." };
  }
}
