/**
 * The appraisal appeal's two levels (考核申诉, spec WF-26, SC-54, AMB-34; seed 004 §十三 L392-394):
 * 1. the employee's written appeal to HR "within one week" of the results' publication (一周内):
 *    per AMB-34, `APPEAL_DAYS` (7) calendar days from the publication day;
 * 2. if the dispute persists after HR's reply, the escalation to the GM office meeting (总经理办公会,
 *    the arbitration body). The seed gives the escalation no deadline of its own. Reading chosen
 *    (WF-26.3 with AMB-34's [REC] one-week limit): the escalation has the same number of days,
 *    `APPEAL_DAYS` calendar days, counted from the day HR answered the first appeal — never from
 *    the publication, so an employee who gets HR's answer on day 8 may still escalate.
 * An escalation names its first appeal (its request ID): the first appeal must be the same
 * person's, for the same month, not itself an escalation, and answered by HR (approved or
 * rejected). Pure: the appeals come in as records built from the Requests states.
 */
import type { Bilingual } from "../i18n";
import { dayKey } from "../time";
import { shiftDay } from "./calendar";
import type { FieldValue, RequestState, RequestStatus, StepState } from "./model";

/** An appeal in the Requests sheet, as an escalation's check needs it. */
export interface AppealRecord {
  readonly id: string;
  /** The appellant's email, lower case. */
  readonly requester: string;
  /** The appraisal month appealed, `YYYY-MM`. */
  readonly period: string;
  /** Whether the appeal is itself an escalation to the GM office. */
  readonly escalated: boolean;
  readonly status: RequestStatus;
  /** The day (workbook zone) HR answered, or null while unanswered. */
  readonly answeredOn: string | null;
}

/** The CheckContext part an escalation needs (request-types.ts). */
export interface EscalationContext {
  readonly today: string;
  readonly appealDays: number;
  /** The submitter's email, lower case. */
  readonly requester?: string;
  readonly appeals?: readonly AppealRecord[];
}

/** A problem with one answer (request-types.ts `CrossProblem`). */
export interface EscalationProblem {
  readonly question: string;
  readonly code: string;
  readonly text: Bilingual;
  readonly values?: Readonly<Record<string, string | number>>;
}

const M = {
  firstMissing: {
    zh: "「{q}」:提请总经理办公会仲裁时,须填写人事部已答复的首次申诉的申请编号(如 AP-2026-0001)(WF-26.3)",
    en: "\"{q}\": an escalation to the GM office meeting must give the request ID of the first appeal HR answered (e.g. AP-2026-0001) (WF-26.3)",
  },
  firstUnknown: {
    zh: "「{q}」:{v} 不是您本人 {period} 的首次申诉,您没有该月份已由人事部答复的申诉;请填写正确的申请编号,或先向人事部提出申诉(WF-26)",
    en: "\"{q}\": {v} is not your own first appeal for {period}, and you have no appeal for that month answered by HR; give the right request ID, or appeal to HR first (WF-26)",
  },
  notAnswered: {
    zh: "「{q}」:人事部尚未答复 {v},收到答复后才能提请总经理办公会仲裁(WF-26.3)",
    en: "\"{q}\": HR has not answered {v} yet; escalate to the GM office meeting once HR has replied (WF-26.3)",
  },
  escalationLate: {
    zh: "「{q}」:人事部于 {answered} 答复了 {v},须在 {days} 天内(至 {last})提请仲裁,今天是 {today}(WF-26, AMB-34)",
    en: "\"{q}\": HR answered {v} on {answered}; an escalation is due within {days} days of that (until {last}); today is {today} (WF-26, AMB-34)",
  },
} as const;

const ANSWERED: ReadonlySet<RequestStatus> = new Set(["approved", "rejected"]);

function text(v: FieldValue | undefined): string {
  return typeof v === "string" ? v.trim() : "";
}

function daysBetween(a: string, b: string): number {
  const ms = (d: string): number => Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)));
  return Math.round((ms(b) - ms(a)) / 86_400_000);
}

/** The day HR's decision closed the appeal (its last approve or reject), or null while it is open. */
function answeredOn(state: RequestState, timeZone: string): string | null {
  if (!ANSWERED.has(state.status)) return null;
  for (let i = state.history.length - 1; i >= 0; i -= 1) {
    const h = state.history[i];
    if (h && h.step !== null && (h.what === "approve" || h.what === "reject")) return dayKey(h.at, timeZone);
  }
  return dayKey(state.updatedAt, timeZone);
}

/**
 * The appeals among request states.
 * @example appealRecords([AP-2026-0001 rejected by HR on 2026-11-12], "Asia/Shanghai") → [{ id: "AP-2026-0001", answeredOn: "2026-11-12", … }]
 */
export function appealRecords(states: Iterable<RequestState>, timeZone: string): AppealRecord[] {
  const out: AppealRecord[] = [];
  for (const s of states) {
    if (s.type !== "appeal") continue;
    out.push({
      id: s.id,
      requester: s.requester.email.toLowerCase(),
      period: text(s.fields.period),
      escalated: s.fields.escalated === true,
      status: s.status,
      answeredOn: answeredOn(s, timeZone),
    });
  }
  return out;
}

/**
 * What is wrong with an escalation (answers with `escalated` = yes), or nothing.
 * @example escalationProblems({ escalated: true, first_appeal: "AP-2026-0001", period: "2026-10" }, { today: "2026-11-17", appealDays: 7, requester, appeals: [answered 2026-11-12] }) → []
 */
export function escalationProblems(fields: Readonly<Record<string, FieldValue>>, context: EscalationContext): EscalationProblem[] {
  const ref = text(fields.first_appeal);
  if (ref === "") return [{ question: "first_appeal", code: "APPEAL_FIRST_MISSING", text: M.firstMissing }];
  const period = text(fields.period);
  const requester = (context.requester ?? "").toLowerCase();
  const first = (context.appeals ?? []).find((a) => a.id.toUpperCase() === ref.toUpperCase());
  if (!first || first.escalated || first.requester !== requester || (period !== "" && first.period !== period)) {
    return [{ question: "first_appeal", code: "APPEAL_FIRST_UNKNOWN", text: M.firstUnknown, values: { v: ref, period: period || "-" } }];
  }
  if (first.answeredOn === null) return [{ question: "first_appeal", code: "APPEAL_NOT_ANSWERED", text: M.notAnswered, values: { v: first.id } }];
  if (daysBetween(first.answeredOn, context.today) > context.appealDays) {
    return [
      {
        question: "first_appeal",
        code: "APPEAL_ESCALATION_LATE",
        text: M.escalationLate,
        values: { v: first.id, answered: first.answeredOn, days: context.appealDays, last: shiftDay(first.answeredOn, context.appealDays), today: context.today },
      },
    ];
  }
  return [];
}

/**
 * The Audit note of a submitted escalation, linking it to its first appeal, or null.
 * @example escalationNote({ escalated: true, first_appeal: "AP-2026-0001" }) → "提请总经理办公会仲裁,首次申诉 AP-2026-0001 / Escalation to the GM office meeting of the first appeal AP-2026-0001"
 */
export function escalationNote(fields: Readonly<Record<string, FieldValue>>): Bilingual | null {
  const ref = text(fields.first_appeal);
  if (fields.escalated !== true || ref === "") return null;
  return { zh: `提请总经理办公会仲裁,首次申诉 ${ref.toUpperCase()}`, en: `Escalation to the GM office meeting of the first appeal ${ref.toUpperCase()}` };
}

/**
 * The Audit row an accepted escalation adds under its first appeal's ID, so that appeal's history shows where it went, or null.
 * @example escalationLink({ escalated: true, first_appeal: "AP-2026-0001" }, "AP-2026-0003") → { requestId: "AP-2026-0001", action: "appeal.escalated", … }
 */
export function escalationLink(fields: Readonly<Record<string, FieldValue>>, id: string): { readonly requestId: string; readonly action: string; readonly comment: Bilingual } | null {
  const ref = text(fields.first_appeal);
  if (fields.escalated !== true || ref === "") return null;
  return { requestId: ref.toUpperCase(), action: "appeal.escalated", comment: { zh: `已提请总经理办公会仲裁,仲裁申请 ${id}`, en: `Escalated to the GM office meeting as ${id}` } };
}

const MS_PER_DAY = 86_400_000;

/**
 * When a step of a request must be decided by, or null when only the working-hour reminders apply:
 * HR's reply to an appeal (WF-26.2) is due `APPEAL_HR_REPLY_DAYS` calendar days (AMB-34 [REC] 7)
 * after the step opened (the submission). Until then HR is not reminded; from then on the timers
 * remind and escalate as for any step (timers.ts).
 * @example stepDueAt(appeal submitted 2026-11-05 09:00, its HR step, { appealHrReplyDays: 7 }) → 2026-11-12 09:00
 */
export function stepDueAt(state: Pick<RequestState, "type" | "submittedAt">, step: Pick<StepState, "role" | "activatedAt">, settings: { readonly appealHrReplyDays: number }): number | null {
  if (state.type !== "appeal" || step.role !== "hr") return null;
  return (step.activatedAt ?? state.submittedAt) + settings.appealHrReplyDays * MS_PER_DAY;
}
