/**
 * The Settings values the approval engine reads (CFG.*), with their defaults: the workbook's
 * language and time zone, where a rejection goes when a Routes row leaves it blank (WF-GEN.1
 * `DEFAULT_REJECT_ACTION`), the appeal window (SC-54 `APPEAL_DAYS`) and HR's days to reply to an
 * appeal (WF-26 `APPEAL_HR_REPLY_DAYS`), the promotion summary reports' deadlines (WF-04, AMB-46
 * `PROMO_REPORT_DAYS`), the horizon of the appraisal follow-up's goals (WF-24.8 `FOLLOWUP_HORIZON`),
 * and the approval timers: hours
 * before a reminder, reminders before an escalation to the approver's manager, working days between
 * reminders of an overdue task (`TASK_REMIND_DAYS`), days a decision link
 * stays valid, and the working hours. A blank or unreadable value means the default, so a company
 * that never touches Settings gets the spec's readings.
 */
import type { Language } from "../i18n";
import { ANNUAL_PLAN_DEFAULTS, monthDay } from "../plans/annual-plan";
import type { HolidayRow, WorkCalendar } from "./calendar";
import { workCalendar } from "./calendar";
import type { RejectAction } from "./model";
import { TASK_REMIND_DAYS_DEFAULT } from "./task-reminders";

export interface ApprovalSettings {
  readonly language: Language;
  readonly timeZone: string;
  readonly defaultRejectAction: RejectAction;
  /** Calendar days after publication an appeal may be filed (SC-54, AMB-34). */
  readonly appealDays: number;
  /** Calendar days HR has to reply to an appeal: its HR step falls due then (WF-26.2, AMB-34). */
  readonly appealHrReplyDays: number;
  /** Working hours without a decision before the approver is reminded. */
  readonly remindAfterHours: number;
  /** Reminders after which the step escalates to the approver's manager (an overdue task's too). */
  readonly escalateAfterReminders: number;
  /** Working days between reminders of an overdue task (`TASK_REMIND_DAYS`, issue 11 §2). */
  readonly taskRemindDays: number;
  /** Days an emailed decision link stays valid. */
  readonly linkDays: number;
  /** Working hours of a day, minutes after midnight. */
  readonly dayStart: number;
  readonly dayEnd: number;
  /** The web app's `/exec` URL decision links point to (`WEB_APP_URL`); "" = not set. */
  readonly webAppUrl: string;
  /** `ANNUAL_PLAN_DUE` (MM-DD): the annual business plan is due by this day of its year (WF-22.1, KPI-40). */
  readonly annualPlanDue: string;
  /** `ANNUAL_PLAN_APPROVER`: the People role that approves the annual business plan (WF-22.2, AMB-57). */
  readonly annualPlanApprover: string;
  /** `BUDGET_FINAL_APPROVER`: the People role of the expense budget's final approval (WF-09, AMB-42). */
  readonly budgetFinalApprover: string;
  /** `EXCHANGE_COMPANY_APPROVER`: the People role of "the company" in an exchange (WF-06.5, AMB-39); the director merges it into the director's step. */
  readonly exchangeCompanyApprover: string;
  /** `PROMO_REPORT_DAYS` participants: working days after a promotion ends by which the participants' summary reports reach the owner (WF-04.2, AMB-46). */
  readonly promoParticipantReportDays: number;
  /** `PROMO_REPORT_DAYS` owner: working days after a promotion ends by which the owner hands in the full summary report (WF-04.3, AMB-46). */
  readonly promoOwnerReportDays: number;
  /** `FOLLOWUP_HORIZON` min..max: the appraisal follow-up sets goals for the next min to max months (WF-24.8, SC-58). */
  readonly followupHorizonMin: number;
  readonly followupHorizonMax: number;
}

/** Follow-up deadlines (working days) that a Settings value sets instead of the request type's constant. */
export type FollowUpDaysSetting = "promoParticipantReportDays" | "promoOwnerReportDays";
/** Follow-up deadlines (calendar months) that a Settings value sets. */
export type FollowUpMonthsSetting = "followupHorizonMin" | "followupHorizonMax";

/** Setting keys this module reads; those marked new are not yet rows of the Settings template. */
export const APPROVAL_SETTING_KEYS = {
  language: "LANGUAGE",
  timeZone: "TIME_ZONE",
  defaultRejectAction: "DEFAULT_REJECT_ACTION",
  appealDays: "APPEAL_DAYS",
  appealHrReplyDays: "APPEAL_HR_REPLY_DAYS",
  remindAfterHours: "APPROVAL_REMIND_HOURS",
  escalateAfterReminders: "APPROVAL_ESCALATE_AFTER",
  taskRemindDays: "TASK_REMIND_DAYS",
  linkDays: "APPROVAL_LINK_DAYS",
  workdayHours: "WORKDAY_HOURS",
  webAppUrl: "WEB_APP_URL",
  annualPlanDue: "ANNUAL_PLAN_DUE",
  annualPlanApprover: "ANNUAL_PLAN_APPROVER",
  budgetFinalApprover: "BUDGET_FINAL_APPROVER",
  exchangeCompanyApprover: "EXCHANGE_COMPANY_APPROVER",
  promoReportDays: "PROMO_REPORT_DAYS",
  followupHorizon: "FOLLOWUP_HORIZON",
} as const;

export const DEFAULT_APPROVAL_SETTINGS: ApprovalSettings = {
  language: "zh-CN",
  timeZone: "Asia/Shanghai",
  defaultRejectAction: "return_to_initiator",
  appealDays: 7,
  appealHrReplyDays: 7,
  remindAfterHours: 8,
  escalateAfterReminders: 2,
  taskRemindDays: TASK_REMIND_DAYS_DEFAULT,
  linkDays: 7,
  dayStart: 9 * 60,
  dayEnd: 18 * 60,
  webAppUrl: "",
  annualPlanDue: ANNUAL_PLAN_DEFAULTS.due,
  annualPlanApprover: ANNUAL_PLAN_DEFAULTS.approver,
  budgetFinalApprover: "director",
  exchangeCompanyApprover: "director",
  promoParticipantReportDays: 3,
  promoOwnerReportDays: 7,
  followupHorizonMin: 6,
  followupHorizonMax: 12,
};

function text(values: Readonly<Record<string, unknown>>, key: string): string {
  const v = values[key];
  return typeof v === "string" ? v.trim() : typeof v === "number" || typeof v === "boolean" ? String(v) : "";
}

function numberAt(values: Readonly<Record<string, unknown>>, key: string, fallback: number, min: number): number {
  const raw = text(values, key);
  if (raw === "") return fallback;
  const n = Number(raw);
  return Number.isFinite(n) && n >= min ? n : fallback;
}

const TIME_OF_DAY = /^(\d{1,2}):(\d{2})$/;

function minutes(text: string): number | null {
  const m = TIME_OF_DAY.exec(text.trim());
  if (!m) return null;
  const h = Number(m[1]);
  const mi = Number(m[2]);
  return h <= 24 && mi < 60 ? h * 60 + mi : null;
}

/**
 * A `who:number; …` list (`participants:3; owner:7`, Chinese punctuation too) → the whole numbers ≥ 0
 * by lower-cased name; an entry that does not read is left out, so its default applies.
 */
function namedDays(text: string): ReadonlyMap<string, number> {
  const out = new Map<string, number>();
  for (const part of text.split(/[;；]/)) {
    const m = /^\s*([A-Za-z_]+)\s*[:：]\s*(\d+)\s*$/.exec(part);
    if (m?.[1] && m[2]) out.set(m[1].toLowerCase(), Number(m[2]));
  }
  return out;
}

/** A `min..max` range of whole numbers ≥ 1 (`6..12`, `6-12`, `6～12`), or null when it does not read or is reversed. */
function monthRange(text: string): { readonly min: number; readonly max: number } | null {
  const m = /^\s*(\d+)\s*(?:\.\.|-|～|~|–)\s*(\d+)\s*$/.exec(text);
  if (!m) return null;
  const min = Number(m[1]);
  const max = Number(m[2]);
  return min >= 1 && max >= min && max <= 120 ? { min, max } : null;
}

/**
 * Settings by key (the Settings sheet's key → value) → the approval settings, defaults filling blanks.
 * @example approvalSettings({ APPROVAL_REMIND_HOURS: "4" }).remindAfterHours → 4
 */
export function approvalSettings(values: Readonly<Record<string, unknown>>): ApprovalSettings {
  const d = DEFAULT_APPROVAL_SETTINGS;
  const k = APPROVAL_SETTING_KEYS;
  const language = text(values, k.language);
  const reject = text(values, k.defaultRejectAction).toUpperCase();
  const [startText = "", endText = ""] = text(values, k.workdayHours).split("..");
  const start = minutes(startText);
  const end = minutes(endText);
  const hoursOk = start !== null && end !== null && end > start;
  const promo = namedDays(text(values, k.promoReportDays));
  const horizon = monthRange(text(values, k.followupHorizon));
  return {
    language: language === "en" ? "en" : language === "zh-CN" ? "zh-CN" : d.language,
    timeZone: text(values, k.timeZone) || d.timeZone,
    defaultRejectAction: reject === "CLOSE" ? "close" : reject === "RETURN_TO_INITIATOR" ? "return_to_initiator" : d.defaultRejectAction,
    appealDays: numberAt(values, k.appealDays, d.appealDays, 0),
    appealHrReplyDays: numberAt(values, k.appealHrReplyDays, d.appealHrReplyDays, 1),
    remindAfterHours: numberAt(values, k.remindAfterHours, d.remindAfterHours, 0.25),
    escalateAfterReminders: Math.floor(numberAt(values, k.escalateAfterReminders, d.escalateAfterReminders, 0)),
    taskRemindDays: Math.floor(numberAt(values, k.taskRemindDays, d.taskRemindDays, 1)),
    linkDays: numberAt(values, k.linkDays, d.linkDays, 0.01),
    dayStart: hoursOk ? start : d.dayStart,
    dayEnd: hoursOk ? end : d.dayEnd,
    webAppUrl: text(values, k.webAppUrl),
    annualPlanDue: monthDay(text(values, k.annualPlanDue)) ?? d.annualPlanDue,
    annualPlanApprover: text(values, k.annualPlanApprover).toLowerCase() || d.annualPlanApprover,
    budgetFinalApprover: text(values, k.budgetFinalApprover).toLowerCase() || d.budgetFinalApprover,
    exchangeCompanyApprover: text(values, k.exchangeCompanyApprover).toLowerCase() || d.exchangeCompanyApprover,
    promoParticipantReportDays: promo.get("participants") ?? d.promoParticipantReportDays,
    promoOwnerReportDays: promo.get("owner") ?? d.promoOwnerReportDays,
    followupHorizonMin: horizon?.min ?? d.followupHorizonMin,
    followupHorizonMax: horizon?.max ?? d.followupHorizonMax,
  };
}

/** The working calendar of these settings and the Holidays sheet's rows. */
export function calendarOf(settings: ApprovalSettings, holidays: readonly HolidayRow[]): WorkCalendar {
  return workCalendar(settings.timeZone, holidays, settings.dayStart, settings.dayEnd);
}
