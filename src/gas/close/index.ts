/**
 * The month's entry points (issue 8): `closeMonth` (menu, script editor, daily job), and the daily
 * time-driven trigger `monthlyJob` with its menu items to install and remove it. Each is thin: lock,
 * read, core, write (architecture rule 3); every state change goes to Audit.
 * https://developers.google.com/apps-script/guides/triggers/installable#time-driven_triggers
 */
import { cadenceToday } from "../../core/close/cadence";
import { both } from "../../core/i18n";
import type { Bilingual } from "../../core/i18n";
import { dateTimeText } from "../../core/templates/table";
import { requireOwnAuthority, requireTriggerOrOwnAuthority } from "../access";
import { withScriptLock } from "../approvals/submit";
import { sendReportsOf } from "../reports/send";
import { appendRecords, readTable } from "../table";
import { actorEmail, closeRun, monthArgument, monthlyContext, RESULTS_SHEET, toast } from "./close";
import type { CloseReport } from "./close";
import { publishRun } from "./publish";
import { trackBudgetsRun } from "../budgets";
import { addRecurringTasks } from "./recurring";
import type { RecurringReport } from "./recurring";
import type { BudgetTrackingReport } from "../budgets";
import { monthKey } from "../../core/time";
import type { PublishReport } from "./publish";
import { UserError } from "../../core/i18n";

/** The handler name the daily trigger calls (a top-level function of dist/Code.js). */
export const MONTHLY_JOB_HANDLER = "monthlyJob";
/** Script Properties: who installed the daily trigger, when, and at which hour. */
const INSTALLED_BY = "MONTHLY_JOB_INSTALLED_BY";

/** The minute of `MONTHLY_JOB_HOUR` the daily job asks for. */
const JOB_MINUTE = 30;

const TITLE: Bilingual = { zh: "月度关账", en: "Monthly close" };

/**
 * Closes a month's appraisals: freezes each appraised person's results in Monthly results (SC-27,
 * WF-24). Without a month, the latest month whose close due day (`APPRAISAL_DUE_DAY`) has come.
 * Run again, it changes nothing unless inputs changed; then it marks the changed rows stale, and
 * `closeMonth(month, reason)` closes them again as new revisions.
 * @param {string} [month] the month, as 2026-10
 * @param {string} [reason] why a stale month is closed again
 */
export function closeMonth(month?: unknown, reason?: unknown): CloseReport {
  requireOwnAuthority({ zh: "月度关账", en: "Close the month" });
  return withScriptLock(() => {
    const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
    const now = Date.now();
    const context = monthlyContext(spreadsheet);
    const target = monthArgument(month, now, context, context.cadence.appraisalDueDay);
    const report = closeRun(spreadsheet, context, {
      month: target,
      reason: typeof reason === "string" && reason.trim() !== "" ? reason.trim() : null,
      checkOnly: false,
      channel: "menu",
      now,
      actor: actorEmail(),
    });
    toast(spreadsheet, report.message, TITLE);
    return report;
  });
}

export interface MonthlyJobReport {
  readonly today: string;
  readonly closed: CloseReport | null;
  readonly checked: CloseReport | null;
  readonly published: PublishReport | null;
  /** Why publication was refused on its due day (SC-57: a result still unsigned). */
  readonly publishRefused: string | null;
  /** The current month's budgets, tracked every day (WF-09.6); what stopped it when a setting is wrong. */
  readonly budgets: BudgetTrackingReport | string;
  /** This period's process review (WF-20) and department meeting (WF-16.1) tasks, added once each. */
  readonly recurring: RecurringReport;
}

/** The latest month Monthly results holds, if any. */
function latestClosedMonth(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): string | null {
  let latest: string | null = null;
  for (const r of readTable(spreadsheet, RESULTS_SHEET).rows) {
    const m = typeof r.values.month === "string" ? r.values.month : "";
    if (m !== "" && (latest === null || m > latest)) latest = m;
  }
  return latest;
}

/**
 * Time-driven trigger, daily at `MONTHLY_JOB_HOUR` (SC-27): on the close due day it closes last
 * month, on the publication due day it publishes it; on every run it checks the latest closed
 * month for changed inputs (marking rows stale, never recomputing them). Other days read only
 * Settings, Holidays and Monthly results besides that check.
 * @param _e the time-driven event
 */
export function monthlyJob(e?: GoogleAppsScript.Events.TimeDriven): MonthlyJobReport {
  requireTriggerOrOwnAuthority(e, { zh: "每日月度作业", en: "The daily monthly job" });
  const report = withScriptLock((): MonthlyJobReport => {
    const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
    const now = Date.now();
    const context = monthlyContext(spreadsheet);
    const due = cadenceToday(now, context.calendar, context.cadence);
    const actor = actorEmail();
    const closed = due.close === null ? null : closeRun(spreadsheet, context, { month: due.close, reason: null, checkOnly: false, channel: "trigger", now, actor });
    const latest = latestClosedMonth(spreadsheet);
    const checked =
      latest === null || latest === due.close ? null : closeRun(spreadsheet, context, { month: latest, reason: null, checkOnly: true, channel: "trigger", now, actor });
    let published: PublishReport | null = null;
    let publishRefused: string | null = null;
    if (due.publish !== null) {
      // SC-27: publication on PUBLISH_DUE_DAY; refused (and said so in Audit) while unsigned (SC-57).
      try {
        published = publishRun(spreadsheet, context, due.publish, now, actor, "trigger");
      } catch (error) {
        if (!(error instanceof UserError)) throw error;
        publishRefused = both(error.text);
        appendRecords(spreadsheet, "audit", [
          { at: dateTimeText(now, context.timeZone), actor_email: actor, action: "month.publish_refused", object_type: "monthly_results", object_id: due.publish, before: null, after: null, comment: publishRefused, channel: "trigger" },
        ]);
      }
    }
    // WF-09.6: spending against the budget every day, so an owner hears of a threshold the day it
    // is passed; a wrong BUDGET_ALERT_RATE stops only this part, and says so in the report.
    let budgets: BudgetTrackingReport | string;
    try {
      budgets = trackBudgetsRun(spreadsheet, monthKey(now, context.timeZone), "trigger", now);
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      budgets = both(error.text);
    }
    // WF-20 / WF-16.1: the period's process review and department meeting, once per period.
    const recurring = addRecurringTasks(spreadsheet, context.settings, context.calendar, context.timeZone, now, actor);
    return { today: due.today, closed, checked, published, publishRefused, budgets, recurring };
  });
  // RP-28: the month's reports go out once it is published, the same day; the reports job takes the
  // script lock itself and sends each report once (the Reports log), so a later run sends nothing.
  if (report.published !== null && report.publishRefused === null) sendReportsOf(report.published.month);
  return report;
}

function auditRecord(now: number, timeZone: string, actor: string, action: string, after: string, comment: string): Record<string, string | null> {
  return { at: dateTimeText(now, timeZone), actor_email: actor, action, object_type: "trigger", object_id: MONTHLY_JOB_HANDLER, before: null, after, comment, channel: "menu" };
}

function monthlyTriggers(): GoogleAppsScript.Script.Trigger[] {
  return ScriptApp.getProjectTriggers().filter((t) => t.getHandlerFunction() === MONTHLY_JOB_HANDLER);
}

export interface TriggerReport {
  readonly installed: boolean;
  readonly created: number;
  readonly removed: number;
  readonly hour: number;
  readonly message: string;
}

/**
 * Menu: installs the daily monthly-job trigger at `MONTHLY_JOB_HOUR` in the workbook's zone; run
 * twice, there is still one trigger (one at another hour is replaced). Records who installed it.
 * https://developers.google.com/apps-script/reference/script/clock-trigger-builder#atHour(Integer)
 * https://developers.google.com/apps-script/reference/script/clock-trigger-builder#inTimezone(String)
 */
export function installMonthlyJob(): TriggerReport {
  requireOwnAuthority({ zh: "安装每日月度作业", en: "Install the daily monthly job" });
  return withScriptLock(() => {
    const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
    const context = monthlyContext(spreadsheet);
    const hour = context.cadence.jobHour;
    const properties = PropertiesService.getScriptProperties();
    const recorded = properties.getProperty(INSTALLED_BY);
    const sameHour = recorded !== null && (JSON.parse(recorded) as { hour?: unknown }).hour === hour;
    const existing = monthlyTriggers();
    if (existing.length === 1 && sameHour) {
      const message = both({ zh: `每日月度作业已安装(每天 ${hour} 点),未重复创建`, en: `The daily monthly job is already installed (daily at ${hour}:00); nothing created` });
      toast(spreadsheet, message, TITLE);
      return { installed: true, created: 0, removed: 0, hour, message };
    }
    for (const t of existing) ScriptApp.deleteTrigger(t);
    // Half past the hour: Google picks a minute anyway ("plus or minus 15 minutes"), and the run stays
    // clear of the hourly approval timers at :00.
    // https://developers.google.com/apps-script/reference/script/clock-trigger-builder#nearMinute(Integer)
    ScriptApp.newTrigger(MONTHLY_JOB_HANDLER).timeBased().everyDays(1).atHour(hour).nearMinute(JOB_MINUTE).inTimezone(context.timeZone).create();
    const now = Date.now();
    const actor = actorEmail();
    properties.setProperty(INSTALLED_BY, JSON.stringify({ by: actor, at: dateTimeText(now, context.timeZone), hour }));
    appendRecords(spreadsheet, "audit", [auditRecord(now, context.timeZone, actor, "monthly_job.installed", `${hour}:00 ${context.timeZone}`, existing.length > 0 ? `replaced ${existing.length}` : "")]);
    const message = both({ zh: `已安装每日月度作业:每天 ${hour} 点(${context.timeZone})`, en: `Daily monthly job installed: every day at ${hour}:00 (${context.timeZone})` });
    toast(spreadsheet, message, TITLE);
    return { installed: true, created: 1, removed: existing.length, hour, message };
  });
}

/** Menu: removes the daily monthly-job trigger. https://developers.google.com/apps-script/reference/script/script-app#deleteTrigger(Trigger) */
export function removeMonthlyJob(): TriggerReport {
  requireOwnAuthority({ zh: "移除每日月度作业", en: "Remove the daily monthly job" });
  return withScriptLock(() => {
    const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
    const context = monthlyContext(spreadsheet);
    const existing = monthlyTriggers();
    for (const t of existing) ScriptApp.deleteTrigger(t);
    PropertiesService.getScriptProperties().deleteProperty(INSTALLED_BY);
    if (existing.length > 0) appendRecords(spreadsheet, "audit", [auditRecord(Date.now(), context.timeZone, actorEmail(), "monthly_job.removed", "", `${existing.length}`)]);
    const message = both({ zh: existing.length > 0 ? "已移除每日月度作业" : "每日月度作业未安装", en: existing.length > 0 ? "Daily monthly job removed" : "The daily monthly job was not installed" });
    toast(spreadsheet, message, TITLE);
    return { installed: false, created: 0, removed: existing.length, hour: context.cadence.jobHour, message };
  });
}
