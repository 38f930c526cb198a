/**
 * `sendMonthlyReports(month?)`: every monthly report of a month to its recipients, exactly once
 * (src/core/reports/send-log.ts), under the script lock, within the mail quota and the time budget.
 * Each person gets one email a month about their own result: the publication's (with the appeal
 * deadline) while `PUBLISH_EMAIL_PERSONAL` is on, else this job's personal scorecard.
 *
 * With no argument it reports the latest month published in Monthly results (RP-28: the pack goes
 * out "after the results are published"); the cadence trigger or a person may name a month
 * (`2026-10`), whose unsigned grades then show as pending (SC-57). The run:
 * 1. takes the script lock (a second run at the same time waits, then finds the rows already sent);
 * 2. reads every sheet once, queues the month's deliveries in the Reports log (one write) and fails
 *    rows an earlier run was cut off sending;
 * 3. sends the queued rows in batches: claim (one write), render and send, mark sent / failed (one
 *    write); it stops when `MailApp.getRemainingDailyQuota()` is used up (the rest stays queued and
 *    goes on the next run, scheduled an hour later) or when the next batch would pass
 *    `JOB_TIME_BUDGET_S` (it continues from the log on a one-off trigger a minute later);
 * 4. appends one Audit row and shows a toast.
 * https://developers.google.com/apps-script/reference/lock/lock-service#getScriptLock()
 * https://developers.google.com/apps-script/reference/mail/mail-app#sendEmail(Object)
 * https://developers.google.com/apps-script/reference/mail/mail-app#getRemainingDailyQuota()
 */
import { requireOwnAuthority, requireTriggerOrOwnAuthority } from "../access";
import type { Bilingual } from "../../core/i18n";
import { both, format, UserError } from "../../core/i18n";
import type { ReportDelivery, ReportScope } from "../../core/reports/audience";
import { monthlyDeliveries, personalScorecardsFor } from "../../core/reports/audience";
import type { ReportInputs } from "../../core/reports/inputs";
import { emailKey } from "../../core/reports/inputs";
import type { ReportBase } from "../../core/reports/model";
import { buildReport, reportBase } from "../../core/reports/model";
import { parseMonth } from "../../core/reports/months";
import { latestPublishedMonth, latestResults } from "../../core/reports/results";
import type { LoggedDelivery } from "../../core/reports/send-log";
import { claimText, planLog, queuedDeliveries } from "../../core/reports/send-log";
import { dateTimeText } from "../../core/templates/table";
import type { TableRecord } from "../../core/templates/table";
import { timeBudget } from "../../core/time-budget";
import { renderReport } from "../../render/reports/email";
import type { RenderedReport } from "../../render/reports/email";
import { clearContinuation, scheduleContinuation } from "../continuation";
import { appendRecords, readTable, updateRecords } from "../table";
import { loadReportInputs } from "./workbook";

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** The handler of the one-off continuation trigger. */
export const CONTINUE_HANDLER = "continueMonthlyReports";
const LOCK_WAIT_MS = 30_000;
/** Reports sent between two writes of their state. */
const BATCH = 10;
/** How long one batch is expected to take, for the time budget (render + 10 sends). */
const BATCH_MS = 20_000;
/** While the day's quota is used up, look again after an hour. */
const QUOTA_RETRY_MS = 60 * 60_000;
const TOAST_TITLE = "市场部 MarketOps";

const M = {
  noMonth: { zh: "还没有已公布的月份;请先关账并公布,或指定月份,如 sendMonthlyReports(\"2026-10\")", en: "No month is published yet: close and publish one first, or name a month, e.g. sendMonthlyReports(\"2026-10\")" },
  badMonth: { zh: "月份「{month}」格式不对,应为 2026-10", en: "\"{month}\" is not a month; write it as 2026-10" },
  busy: { zh: "另一个报表发送任务正在进行,本次未发送任何邮件", en: "Another report run is in progress; this run sent nothing" },
  done: { zh: "{month} 月度报表:本次发送 {sent} 份,失败 {failed} 份,排队 {queued} 份", en: "{month} reports: {sent} sent, {failed} failed, {queued} still queued" },
  quota: { zh: "今日邮件配额已用完,其余报表一小时后继续发送", en: "Today's mail quota is used up; the rest go out in an hour" },
  budget: { zh: "已到本次运行的时间上限,剩余报表一分钟后继续发送", en: "This run reached its time budget; the rest continue in a minute" },
  unknownRecipient: { zh: "收件人不在「人员」表中或已停用", en: "The recipient is not on People or is inactive" },
  personalAtPublication: {
    zh: "个人考核结果已在公布时逐人发送(设置 PUBLISH_EMAIL_PERSONAL),本任务不再发送个人报表",
    en: "each person's result was emailed at publication (Settings PUBLISH_EMAIL_PERSONAL), so this job sends no personal scorecards",
  },
} as const;

export interface SendReport {
  readonly month: string | null;
  readonly sent: number;
  readonly failed: number;
  /** Still queued after this run (quota or time budget). */
  readonly queued: number;
  readonly stoppedBy: "done" | "quota" | "budget" | "busy";
  readonly message: string;
}

/** A month argument: `2026-10`, or blank for the latest published. Throws UserError otherwise. */
export function resolveMonth(argument: unknown, inputs: ReportInputs): string {
  if (typeof argument === "string" && argument.trim() !== "") {
    if (!parseMonth(argument)) throw new UserError("REPORT_MONTH", format(M.badMonth, { month: argument.trim() }));
    return argument.trim();
  }
  const latest = latestPublishedMonth(latestResults(inputs.results));
  if (latest === null) throw new UserError("REPORT_NO_MONTH", M.noMonth);
  return latest;
}

/** The scope a log row names. */
function scopeOf(code: string, email: string, region: string | null): ReportScope {
  if (code === "ALL") return { kind: "department" };
  if (code === "SELF") return { kind: "person", email, region };
  return { kind: "region", region: code };
}

/** The delivery a log row stands for, or null when its recipient is gone. */
function deliveryOf(base: ReportBase, row: LoggedDelivery): ReportDelivery | null {
  const person = base.people.get(emailKey(row.recipientEmail));
  if (!person?.active) return null;
  return { kind: row.kind, recipient: person, scope: scopeOf(row.scope, person.email, person.region) };
}

/** Renders the report of one delivery (also the preview and "send to me only"). */
export function renderDelivery(base: ReportBase, delivery: ReportDelivery): RenderedReport {
  return renderReport(buildReport(base, delivery.kind, delivery.recipient, delivery.scope));
}

/** Sends one rendered report. Quotas count recipients: one each. */
export function mailReport(report: RenderedReport): void {
  MailApp.sendEmail({ to: report.to, subject: report.subject, body: report.textBody, htmlBody: report.htmlBody, name: "MarketOps" });
}

function auditRow(now: number, zone: string, action: string, month: string | null, comment: Bilingual, channel: string): TableRecord {
  return {
    at: dateTimeText(now, zone),
    actor_email: Session.getEffectiveUser().getEmail(),
    action,
    object_type: "report",
    object_id: month ?? "",
    before: null,
    after: null,
    comment: both(comment),
    channel,
  };
}

/** The run itself, lock held. `month` null: only continue what the log holds queued. */
function runLocked(spreadsheet: Spreadsheet, monthArgument: unknown, continuing: boolean, startedAt: number): SendReport {
  const inputs = loadReportInputs(spreadsheet, startedAt);
  const zone = typeof inputs.settings.TIME_ZONE === "string" && inputs.settings.TIME_ZONE !== "" ? inputs.settings.TIME_ZONE : spreadsheet.getSpreadsheetTimeZone();
  const budget = timeBudget(startedAt, inputs.settings.JOB_TIME_BUDGET_S);
  const month = continuing ? null : resolveMonth(monthArgument, inputs);
  const bases = new Map<string, ReportBase>();
  const baseOf = (m: string): ReportBase => {
    const known = bases.get(m);
    if (known) return known;
    const made = reportBase(inputs, m);
    bases.set(m, made);
    return made;
  };
  const log = readTable(spreadsheet, "reports_log");
  // One email per person per month: the personal scorecard only when publication did not email the result (personalScorecardsFor).
  const personal = month === null ? [] : personalScorecardsFor(baseOf(month).results.map((r) => r.email), inputs.settings);
  const deliveries = month === null ? [] : monthlyDeliveries(baseOf(month).people, inputs.regions, personal);
  const plan = planLog(log.rows, month, deliveries);
  updateRecords(spreadsheet, "reports_log", plan.interrupted);
  const firstNew = appendRecords(spreadsheet, "reports_log", plan.append);
  const appendedRows = plan.append.map((values, i) => ({ row: firstNew + i, values, extra: {} }));
  const interruptedRows = new Set(plan.interrupted.map((r) => r.row));
  const queue = queuedDeliveries([...log.rows.filter((r) => !interruptedRows.has(r.row)), ...appendedRows]);
  let sent = 0;
  let failed = plan.interrupted.length;
  let stoppedBy: SendReport["stoppedBy"] = "done";
  let next = 0;
  while (next < queue.length) {
    if (!budget.allows(Date.now(), BATCH_MS)) {
      stoppedBy = "budget";
      break;
    }
    const quota = MailApp.getRemainingDailyQuota();
    if (quota <= 0) {
      stoppedBy = "quota";
      break;
    }
    const batch = queue.slice(next, next + Math.min(BATCH, quota));
    const claimedAt = dateTimeText(Date.now(), zone);
    updateRecords(spreadsheet, "reports_log", batch.map((d) => ({ row: d.row, values: { error: claimText(claimedAt) } })));
    const outcomes: { row: number; values: TableRecord }[] = [];
    for (const row of batch) {
      const delivery = deliveryOf(baseOf(row.month), row);
      if (!delivery) {
        outcomes.push({ row: row.row, values: { status: "failed", error: both(M.unknownRecipient) } });
        failed += 1;
        continue;
      }
      try {
        mailReport(renderDelivery(baseOf(row.month), delivery));
        outcomes.push({ row: row.row, values: { status: "sent", sent_at: dateTimeText(Date.now(), zone), error: null } });
        sent += 1;
      } catch (error) {
        outcomes.push({ row: row.row, values: { status: "failed", error: error instanceof Error ? error.message : String(error) } });
        failed += 1;
      }
    }
    updateRecords(spreadsheet, "reports_log", outcomes);
    next += batch.length;
  }
  const queued = queue.length - next;
  if (stoppedBy === "budget") scheduleContinuation(CONTINUE_HANDLER);
  else if (stoppedBy === "quota") scheduleContinuation(CONTINUE_HANDLER, QUOTA_RETRY_MS);
  else clearContinuation(CONTINUE_HANDLER);
  const label = month ?? [...new Set(queue.map((q) => q.month))].join(", ");
  let summary = format(M.done, { month: label, sent, failed, queued });
  if (stoppedBy === "quota") summary = { zh: `${summary.zh};${M.quota.zh}`, en: `${summary.en}; ${M.quota.en}` };
  if (stoppedBy === "budget") summary = { zh: `${summary.zh};${M.budget.zh}`, en: `${summary.en}; ${M.budget.en}` };
  if (month !== null && personal.length === 0 && baseOf(month).results.length > 0) summary = { zh: `${summary.zh};${M.personalAtPublication.zh}`, en: `${summary.en}; ${M.personalAtPublication.en}` };
  appendRecords(spreadsheet, "audit", [auditRow(Date.now(), zone, "reports.sent", month, summary, continuing ? "trigger" : "menu")]);
  return { month, sent, failed, queued, stoppedBy, message: both(summary) };
}

function run(monthArgument: unknown, continuing: boolean): SendReport {
  const startedAt = Date.now();
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const lock = LockService.getScriptLock();
  if (!lock.tryLock(LOCK_WAIT_MS)) {
    spreadsheet.toast(both(M.busy), TOAST_TITLE, 10);
    return { month: null, sent: 0, failed: 0, queued: 0, stoppedBy: "busy", message: both(M.busy) };
  }
  try {
    // A continuation while the quota is still used up has nothing to do: look again in an hour,
    // without reading the workbook.
    if (continuing && MailApp.getRemainingDailyQuota() <= 0) {
      scheduleContinuation(CONTINUE_HANDLER, QUOTA_RETRY_MS);
      return { month: null, sent: 0, failed: 0, queued: 0, stoppedBy: "quota", message: both(M.quota) };
    }
    const report = runLocked(spreadsheet, monthArgument, continuing, startedAt);
    spreadsheet.toast(report.message, TOAST_TITLE, 10);
    return report;
  } finally {
    lock.releaseLock();
  }
}

/**
 * Sends every monthly report of `month` (default: the latest published month) that has not gone
 * out yet; see the file comment. Menu: 发送月度报表 Send monthly reports.
 * @param {string} [month] the month, as 2026-10
 */
export function sendMonthlyReports(month?: unknown): SendReport {
  requireOwnAuthority({ zh: "发送月度报表", en: "Send monthly reports" });
  // A menu click passes nothing: not a month.
  return run(typeof month === "string" ? month : undefined, false);
}

/** The daily monthly job's call once `month` is published (the job has checked who runs it). */
export function sendReportsOf(month: string): SendReport {
  return run(month, false);
}

/**
 * The one-off continuation trigger: sends what the Reports log still holds queued.
 * @param e the time-driven event
 */
export function continueMonthlyReports(e?: GoogleAppsScript.Events.TimeDriven): SendReport {
  requireTriggerOrOwnAuthority(e, { zh: "继续发送月度报表", en: "Continue sending monthly reports" });
  return run(undefined, true);
}
