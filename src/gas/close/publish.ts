/**
 * `publishMonth(month?)` as Apps Script runs it (menu, script editor, the daily job on the
 * publication due day): under the script lock it reads Settings, Holidays, Monthly results,
 * People and Audit once each, lets the core decide (src/core/close/publish.ts), writes Monthly
 * results once, emails each person their own result within the day's quota, then writes Audit
 * once (the publication and one `result.emailed` row per email actually sent, so the rest go on
 * the next run and nobody is emailed twice).
 * https://developers.google.com/apps-script/reference/mail/mail-app#getRemainingDailyQuota()
 * https://developers.google.com/apps-script/reference/mail/mail-app#sendEmail(Object)
 */
import { approvalSettings } from "../../core/approvals/settings";
import { personalEmailOn, planPublish, RESULT_EMAILED } from "../../core/close/publish";
import { both, UserError } from "../../core/i18n";
import type { Bilingual, Language } from "../../core/i18n";
import { sheetTemplate } from "../../core/templates/catalog";
import { dateTimeText } from "../../core/templates/table";
import type { TableRecord } from "../../core/templates/table";
import { renderResultEmail } from "../../render/close/result-email";
import { requireOwnAuthority } from "../access";
import { withScriptLock } from "../approvals/submit";
import { appendRecords, readTable, updateRecords } from "../table";
import { actorEmail, monthArgument, monthlyContext, RESULTS_SHEET, toast } from "./close";
import type { MonthlyContext } from "./close";

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

const TITLE: Bilingual = { zh: "公布考核结果", en: "Publish results" };

export interface PublishReport {
  readonly month: string;
  readonly published: number;
  readonly emailed: number;
  readonly waiting: number;
  readonly appealUntil: string | null;
  readonly message: string;
}

function text(v: unknown): string {
  return typeof v === "string" ? v.trim() : "";
}

/** One publication of `month`; the caller holds the script lock. Throws a UserError when refused. */
export function publishRun(spreadsheet: Spreadsheet, context: MonthlyContext, month: string, now: number, actor: string, channel: "menu" | "trigger"): PublishReport {
  const results = readTable(spreadsheet, RESULTS_SHEET).rows;
  const audit = readTable(spreadsheet, "audit").rows;
  const emailed = new Set(audit.filter((r) => r.values.action === RESULT_EMAILED).map((r) => text(r.values.object_id)));
  const emailPersonal = personalEmailOn(context.settings);
  const approval = approvalSettings(context.settings);
  const plan = planPublish({
    month,
    rows: results,
    emailed,
    now,
    timeZone: context.timeZone,
    appealDays: approval.appealDays,
    emailPersonal,
    quota: emailPersonal ? MailApp.getRemainingDailyQuota() : 0,
  });
  if (!plan.ok) throw new UserError("NOT_SIGNED", plan.message, { sheet: sheetTemplate(RESULTS_SHEET).tabName });
  updateRecords(spreadsheet, RESULTS_SHEET, plan.updates);
  const languages = new Map<string, Language>();
  if (plan.toEmail.length > 0) {
    for (const p of readTable(spreadsheet, "people").rows) {
      const lang = text(p.values.language);
      languages.set(text(p.values.email).toLowerCase(), lang === "en" ? "en" : lang === "zh-CN" ? "zh-CN" : approval.language);
    }
  }
  const at = dateTimeText(now, context.timeZone);
  const auditRows: TableRecord[] = [];
  if (plan.newlyPublished) {
    auditRows.push({ at, actor_email: actor, action: "month.published", object_type: "monthly_results", object_id: month, before: "signed", after: "published", comment: both({ zh: `${plan.updates.length} 人,申诉截止 ${plan.appealUntil}`, en: `${plan.updates.length} people, appeals until ${plan.appealUntil}` }), channel });
  }
  const sheetUrl = plan.toEmail.length > 0 ? spreadsheet.getUrl() : "";
  let sent = 0;
  let failure: string | null = null;
  for (const row of plan.toEmail) {
    const email = text(row.employee_email).toLowerCase();
    const mail = renderResultEmail({ row, language: languages.get(email) ?? approval.language, appealUntil: plan.appealUntil, sheetUrl });
    try {
      MailApp.sendEmail({ to: mail.to, subject: mail.subject, body: mail.textBody, htmlBody: mail.htmlBody, name: "MarketOps" });
    } catch (error) {
      // Quota or service failure: what was not sent stays owed for the next run.
      failure = error instanceof Error ? error.message : String(error);
      break;
    }
    sent += 1;
    auditRows.push({ at, actor_email: actor, action: RESULT_EMAILED, object_type: "monthly_result", object_id: text(row.id), before: null, after: email, comment: "", channel });
  }
  const waiting = plan.waiting + (plan.toEmail.length - sent);
  if (failure !== null) auditRows.push({ at, actor_email: actor, action: "result.email_failed", object_type: "monthly_results", object_id: month, before: null, after: null, comment: failure, channel });
  appendRecords(spreadsheet, "audit", auditRows);
  const message = both({
    zh: `${month} 考核结果已公布(申诉截止 ${plan.appealUntil});本次发送 ${sent} 封个人结果邮件${waiting > 0 ? `,${waiting} 封因今日配额不足留待下次运行` : ""}`,
    en: `${month} results published (appeals until ${plan.appealUntil}); ${sent} personal result email(s) sent${waiting > 0 ? `, ${waiting} wait for the next run (today's quota)` : ""}`,
  });
  return { month, published: plan.updates.length, emailed: sent, waiting, appealUntil: plan.appealUntil, message };
}

/**
 * Publishes a month's signed results (SC-27, SC-54, SC-57): each person's latest revision becomes
 * `published` with the appeal deadline (`APPEAL_DAYS` after today), and each person is emailed
 * their own result (`PUBLISH_EMAIL_PERSONAL`). Refused, saying what is missing, while any result of
 * the month is unsigned. Without a month, the latest whose publication due day has come.
 * Run again, it publishes nothing twice and emails only those still owed theirs.
 * @param {string} [month] the month, as 2026-10
 */
export function publishMonth(month?: unknown): PublishReport {
  requireOwnAuthority({ zh: "公布考核结果", en: "Publish the month's results" });
  return withScriptLock(() => {
    const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
    const now = Date.now();
    const context = monthlyContext(spreadsheet);
    const target = monthArgument(month, now, context, context.cadence.publishDueDay);
    const report = publishRun(spreadsheet, context, target, now, actorEmail(), "menu");
    toast(spreadsheet, report.message, TITLE);
    return report;
  });
}
