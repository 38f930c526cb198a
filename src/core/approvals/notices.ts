/**
 * The data of the approval emails, built from a request's state: the request summary (type, title,
 * requester, every answer with its bilingual label, the amount), the history so far, the step
 * asked about and the next one, the decision announced, and the decision link to sign. Rendering
 * (subject, HTML, plain text) is src/render/approvals' job; keeping the data here lets tests check
 * who is told what without parsing HTML.
 */
import type { Language } from "../i18n";
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
  };
}
