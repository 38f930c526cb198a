/**
 * From a form response to the event `decide` takes: the answers read question by question
 * (questions.ts) and checked across questions (request-types.ts), into a draft that keeps every
 * answer as typed; the request ID (a new one, or the one being revised); the requester from People;
 * and the planned route (routes.ts), unless the answers need fixing first. This is all the
 * form-submit trigger has to call between reading the sheets and carrying out the effects.
 */
import type { CellLocation } from "../i18n";
import { wallClock, dayKey } from "../time";
import type { Directory } from "./directory";
import { refFor } from "./directory";
import type { ResubmitEvent, SubmittedEvent } from "./machine";
import type { Channel, FieldValue, Problem, RequestDraft, RequestTypeKey, RouteResult } from "./model";
import type { AnswerInput, Lookups } from "./questions";
import { answerProblem, questionKeyOf, readAnswer } from "./questions";
import { formQuestions, requestTypeSpec } from "./request-types";
import type { RouteTable } from "./routes";
import { routeFor } from "./routes";
import type { ApprovalSettings } from "./settings";
import { annualPlanLateNotice } from "../plans/annual-plan";
import type { AppealRecord } from "./appeals";
import type { DealerStages } from "./dealer-stages";

export interface ParseContext {
  readonly now: number;
  readonly timeZone: string;
  readonly appealDays: number;
  readonly lookups?: Lookups;
  /** The responses sheet and row of the submission, to point problems at its cells. */
  readonly at?: CellLocation;
  /** The submitter's email and the appeals already made: what an escalated appeal is checked against (WF-26, appeals.ts). */
  readonly requester?: string;
  readonly appeals?: readonly AppealRecord[];
  /** The Dealers rows' stages: a dealer request is checked against its dealer's stage (WF-10). */
  readonly dealers?: DealerStages;
}

/**
 * Answers by question key → a draft keeping every answer, and the problems to fix.
 * @example parseSubmission("stock_transfer", { title: "补货", quantity: "abc", … }, ctx)
 *   → problems: "「申请调货数量」须为数字,收到「abc」 / "Quantity to transfer" must be a number, got "abc""
 */
export function parseSubmission(type: RequestTypeKey, answers: Readonly<Record<string, AnswerInput>>, context: ParseContext): { readonly draft: RequestDraft; readonly problems: readonly Problem[] } {
  const questions = formQuestions(type);
  const fields: Record<string, FieldValue> = {};
  const typed: Record<string, string> = {};
  const problems: Problem[] = [];
  for (const q of questions) {
    const read = readAnswer(q, answers[q.key], context.lookups ?? {}, context.at);
    fields[q.key] = read.value;
    if (read.typed !== "") typed[q.key] = read.typed;
    if (read.problem) problems.push(read.problem);
  }
  const today = dayKey(context.now, context.timeZone);
  const spec = requestTypeSpec(type);
  const check = {
    today,
    appealDays: context.appealDays,
    ...(context.requester !== undefined ? { requester: context.requester.toLowerCase() } : {}),
    ...(context.appeals ? { appeals: context.appeals } : {}),
    ...(context.dealers ? { dealers: context.dealers } : {}),
  };
  for (const cross of spec.check(fields, check)) {
    const q = questions.find((x) => x.key === cross.question);
    if (!q || problems.some((p) => p.question === cross.question)) continue;
    problems.push(answerProblem(q, cross.code, cross.text, cross.values ?? {}, context.at));
  }
  const text = (key: string): string | null => {
    const v = fields[key];
    return typeof v === "string" && v !== "" ? v : null;
  };
  const amount = fields.amount;
  return {
    draft: {
      type,
      title: text("title") ?? typed.title ?? "",
      region: text("region"),
      fields,
      typed,
      amount: typeof amount === "number" ? amount : null,
      revises: text("revises"),
    },
    problems,
  };
}

/**
 * A form response's answers (by question title, as `e.namedValues` gives them, or by key) → by key.
 * https://developers.google.com/apps-script/guides/triggers/events#form-submit
 */
export function answersFromForm(type: RequestTypeKey, byTitle: Readonly<Record<string, AnswerInput>>): Record<string, AnswerInput> {
  const questions = formQuestions(type);
  const out: Record<string, AnswerInput> = {};
  for (const [title, value] of Object.entries(byTitle)) {
    const key = questionKeyOf(questions, title);
    if (key === undefined) continue;
    // namedValues holds a list per title; a single answer is its one element.
    out[key] = Array.isArray(value) && value.length === 1 ? (value[0] as string) : value;
  }
  return out;
}

/**
 * The next request ID of a type: prefix, the year on the workbook's calendar, a sequence.
 * @example nextRequestId("stock_transfer", ["ST-2026-0006", "ST-2026-0007"], now in 2026) → "ST-2026-0008"
 */
export function nextRequestId(type: RequestTypeKey, existing: Iterable<string>, now: number, timeZone: string): string {
  const prefix = `${requestTypeSpec(type).prefix}-${wallClock(now, timeZone).year}-`;
  let max = 0;
  for (const id of existing) {
    if (!id.startsWith(prefix)) continue;
    const n = Number(id.slice(prefix.length));
    if (Number.isInteger(n) && n > max) max = n;
  }
  return `${prefix}${String(max + 1).padStart(4, "0")}`;
}

export interface SubmissionInput {
  readonly type: RequestTypeKey;
  readonly answers: Readonly<Record<string, AnswerInput>>;
  /** The respondent's email (the form collects it). */
  readonly respondent: string;
  readonly responseId: string;
  /** IDs already in the Requests sheet. */
  readonly existingIds: readonly string[];
  readonly routes: RouteTable;
  readonly directory: Directory;
  readonly settings: ApprovalSettings;
  readonly lookups?: Lookups;
  readonly at?: CellLocation;
  readonly channel?: Channel;
  readonly now: number;
  /** The appeals in the Requests sheet (needed for an appeal: an escalation names its first appeal, WF-26). */
  readonly appeals?: readonly AppealRecord[];
  /** The Dealers rows' stages (needed for a dealer request: a stage cannot be skipped, WF-10). */
  readonly dealers?: DealerStages;
}

const UNKNOWN_REVISES = { zh: "「{q}」:没有编号为 {v} 的申请;新申请请留空", en: "\"{q}\": there is no request {v}; leave it blank for a new request" } as const;

/**
 * WF-22.1 / KPI-40: an annual business plan submitted after Settings ANNUAL_PLAN_DUE of its year is
 * flagged late: a warning on the request and a note on its approval step, in both languages. It
 * still goes to its approver (a late plan is still the year's plan).
 */
function withLateNotice(route: Extract<RouteResult, { ok: true }>, fields: Readonly<Record<string, FieldValue>>, today: string, due: string): RouteResult {
  const year = fields.year;
  const notice = typeof year === "number" ? annualPlanLateNotice(year, today, due) : null;
  if (!notice) return route;
  const steps = route.steps.map((s, i) => (i === 0 ? { ...s, note: s.note ? { zh: `${s.note.zh};${notice.zh}`, en: `${s.note.en}; ${notice.en}` } : notice } : s));
  return { ...route, steps, warnings: [...route.warnings, { code: "ANNUAL_PLAN_LATE", text: notice, question: "year" }] };
}

/** The `submitted` (or `resubmit`) event of a form response. */
export function submissionEvent(input: SubmissionInput): SubmittedEvent | ResubmitEvent {
  const parsed = parseSubmission(input.type, input.answers, {
    now: input.now,
    timeZone: input.settings.timeZone,
    appealDays: input.settings.appealDays,
    requester: input.respondent,
    ...(input.appeals ? { appeals: input.appeals } : {}),
    ...(input.dealers ? { dealers: input.dealers } : {}),
    ...(input.lookups ? { lookups: input.lookups } : {}),
    ...(input.at ? { at: input.at } : {}),
  });
  const problems = [...parsed.problems];
  const revises = parsed.draft.revises;
  const known = revises === null ? undefined : input.existingIds.find((id) => id.toUpperCase() === revises.toUpperCase());
  if (revises !== null && known === undefined) {
    const q = formQuestions(input.type).find((x) => x.key === "revises");
    if (q) problems.push(answerProblem(q, "REVISES_UNKNOWN", UNKNOWN_REVISES, { v: revises }, input.at));
  }
  const requester = refFor(input.directory, input.respondent);
  let route: RouteResult | null = null;
  if (problems.length === 0) {
    const broken = input.routes.problems.filter((p) => p.requestType === input.type);
    route = broken.length
      ? { ok: false, problems: broken }
      : routeFor({ type: input.type, requester: requester.email, region: parsed.draft.region, amount: parsed.draft.amount, fields: parsed.draft.fields }, input.routes.rows, input.directory, input.settings);
  }
  if (input.type === "annual_plan" && route?.ok) route = withLateNotice(route, parsed.draft.fields, dayKey(input.now, input.settings.timeZone), input.settings.annualPlanDue);
  const common = { responseId: input.responseId, requester, draft: parsed.draft, problems, route, channel: input.channel ?? "form" };
  return known !== undefined
    ? { type: "resubmit", requestId: known, ...common }
    : { type: "submitted", requestId: nextRequestId(input.type, input.existingIds, input.now, input.settings.timeZone), ...common };
}
