/**
 * The report preview and "send to me only" (issue 8 §5):
 * - `previewReport()` (menu) opens a modal dialog: pick a month and a reader, see exactly the email
 *   that reader would get. The dialog asks the server through `google.script.run` for
 *   `reportPreview(month, deliveryKey)`, which checks that the caller may edit the spreadsheet
 *   (its owner or an editor: they can read every row anyway) and returns the rendered email. The
 *   dialog shows it in a sandboxed `<iframe srcdoc>`, so the email's own markup runs nowhere.
 *   https://developers.google.com/apps-script/guides/html/communication
 *   https://developers.google.com/apps-script/reference/base/ui#showModalDialog(Object,String)
 * - `sendMyReport(month?)` (menu) sends the caller their own widest report of the month (the
 *   department, their region, or their own scorecard) and nobody else; it is a trial, so it is not
 *   written to the Reports log (the real send still goes out once) but to Audit.
 */
import { requireOwnAuthority } from "../access";
import { both, UserError } from "../../core/i18n";
import type { ReportDelivery } from "../../core/reports/audience";
import { deliveryId, monthlyDeliveries, regionManagers, widestScope } from "../../core/reports/audience";
import { emailKey } from "../../core/reports/inputs";
import { reportBase } from "../../core/reports/model";
import { latestResults } from "../../core/reports/results";
import { dateTimeText } from "../../core/templates/table";
import { appendRecords } from "../table";
import { mailReport, renderDelivery, resolveMonth } from "./send";
import { loadReportInputs } from "./workbook";

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

const M = {
  notEditor: { zh: "只有这个表格的所有者或编辑者可以预览报表", en: "Only the spreadsheet's owner or editors may preview reports" },
  unknownReader: { zh: "这个月份没有这位收件人的报表", en: "There is no report for this reader in this month" },
  notInPeople: { zh: "你不在「人员」表中,无法确定你能看的报表范围", en: "You are not on People, so there is no report scoped to you" },
  title: { zh: "预览月度报表", en: "Preview monthly report" },
  sentToYou: { zh: "已把 {month} 的报表只发给你({email})", en: "{month}'s report was sent to you only ({email})" },
} as const;

function callerEmail(): string {
  return Session.getActiveUser().getEmail() || Session.getEffectiveUser().getEmail();
}

/**
 * Throws unless the caller owns or edits the spreadsheet.
 * https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#getEditors()
 */
function requireEditor(spreadsheet: Spreadsheet): string {
  requireOwnAuthority({ zh: "预览月度报表", en: "Preview report" });
  const me = emailKey(callerEmail());
  const editors = spreadsheet.getEditors().map((u) => emailKey(u.getEmail()));
  if (me === "" || !editors.includes(me)) throw new UserError("REPORT_NOT_EDITOR", M.notEditor);
  return me;
}

/** One choice of the preview's reader list. */
export interface PreviewChoice {
  readonly key: string;
  readonly label: string;
}

function choicesOf(deliveries: readonly ReportDelivery[], month: string): PreviewChoice[] {
  return deliveries.map((d) => ({ key: deliveryId(month, d), label: `${d.recipient.name} <${d.recipient.email}> · ${d.kind === "monthly_pack" ? (d.scope.kind === "department" ? "部门 Department" : `区域 Region ${d.scope.kind === "region" ? d.scope.region : ""}`) : "个人 Personal"}` }));
}

/** The months the workbook has results for, newest first, and each month's readers. */
export function reportPreviewChoices(): { months: string[]; readers: Record<string, PreviewChoice[]> } {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  requireEditor(spreadsheet);
  const inputs = loadReportInputs(spreadsheet, Date.now());
  const months = [...new Set([...latestResults(inputs.results).values()].map((r) => r.month))].sort().reverse();
  const readers: Record<string, PreviewChoice[]> = {};
  for (const month of months) {
    const base = reportBase(inputs, month);
    readers[month] = choicesOf(monthlyDeliveries(base.people, inputs.regions, base.results.map((r) => r.email)), month);
  }
  return { months, readers };
}

/**
 * The email one reader would get for `month`: subject and HTML, exactly as `sendMonthlyReports`
 * renders it. Called by the preview dialog through google.script.run.
 * @param {string} month the month, as 2026-10
 * @param {string} key the reader's delivery key from reportPreviewChoices
 */
export function reportPreview(month: unknown, key: unknown): { subject: string; html: string; text: string } {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  requireEditor(spreadsheet);
  const inputs = loadReportInputs(spreadsheet, Date.now());
  const target = resolveMonth(month, inputs);
  const base = reportBase(inputs, target);
  const delivery = monthlyDeliveries(base.people, inputs.regions, base.results.map((r) => r.email)).find((d) => deliveryId(target, d) === key);
  if (!delivery) throw new UserError("REPORT_NO_READER", M.unknownReader);
  const report = renderDelivery(base, delivery);
  return { subject: report.subject, html: report.htmlBody, text: report.textBody };
}

/** The dialog's page: two dropdowns and a frame; its script only talks to the two functions above. */
function dialogHtml(): string {
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><base target="_top"></head>
<body style="font-family:Arial,'Noto Sans CJK SC',sans-serif;margin:8px">
<p style="margin:0 0 8px">
<label>月份 Month <select id="month"></select></label>
<label style="margin-left:8px">收件人 Reader <select id="reader" style="max-width:420px"></select></label>
</p>
<p id="subject" style="margin:0 0 6px;font-weight:bold"></p>
<p id="error" style="margin:0 0 6px;color:#a50e0e"></p>
<iframe id="frame" sandbox="" style="width:100%;height:560px;border:1px solid #dadce0"></iframe>
<script>
var choices = null;
function fail(e) { document.getElementById('error').textContent = String(e && e.message || e); }
function fillReaders() {
  var month = document.getElementById('month').value, sel = document.getElementById('reader');
  sel.innerHTML = '';
  (choices.readers[month] || []).forEach(function (c) { var o = document.createElement('option'); o.value = c.key; o.textContent = c.label; sel.appendChild(o); });
  show();
}
function show() {
  var month = document.getElementById('month').value, key = document.getElementById('reader').value;
  if (!key) return;
  google.script.run.withFailureHandler(fail).withSuccessHandler(function (r) {
    document.getElementById('subject').textContent = r.subject;
    document.getElementById('frame').srcdoc = r.html;
  }).reportPreview(month, key);
}
google.script.run.withFailureHandler(fail).withSuccessHandler(function (c) {
  choices = c;
  var sel = document.getElementById('month');
  c.months.forEach(function (m) { var o = document.createElement('option'); o.value = m; o.textContent = m; sel.appendChild(o); });
  sel.onchange = fillReaders;
  document.getElementById('reader').onchange = show;
  fillReaders();
}).reportPreviewChoices();
</script></body></html>`;
}

/**
 * Menu: 预览月度报表 Preview report.
 * https://developers.google.com/apps-script/reference/html/html-service#createHtmlOutput(String)
 */
export function previewReport(): void {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  requireEditor(spreadsheet);
  const output = HtmlService.createHtmlOutput(dialogHtml()).setWidth(900).setHeight(680);
  SpreadsheetApp.getUi().showModalDialog(output, both(M.title));
}

/**
 * Menu: 只发给我 Send to me only — the caller's own widest report of `month` (default: the latest
 * published), to the caller alone.
 * @param {string} [month] the month, as 2026-10
 */
export function sendMyReport(month?: unknown): string {
  requireOwnAuthority({ zh: "只发给我", en: "Send report to me only" });
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const now = Date.now();
  const inputs = loadReportInputs(spreadsheet, now);
  const target = resolveMonth(typeof month === "string" ? month : undefined, inputs);
  const base = reportBase(inputs, target);
  const me = base.people.get(emailKey(callerEmail()));
  if (!me) throw new UserError("REPORT_NOT_IN_PEOPLE", M.notInPeople);
  const scope = widestScope(me, regionManagers(inputs.regions, base.people));
  const report = renderDelivery(base, { kind: scope.kind === "person" ? "appraisal_results" : "monthly_pack", recipient: me, scope });
  mailReport(report);
  const zone = typeof inputs.settings.TIME_ZONE === "string" && inputs.settings.TIME_ZONE !== "" ? inputs.settings.TIME_ZONE : spreadsheet.getSpreadsheetTimeZone();
  const message = { zh: M.sentToYou.zh.replace("{month}", target).replace("{email}", me.email), en: M.sentToYou.en.replace("{month}", target).replace("{email}", me.email) };
  appendRecords(spreadsheet, "audit", [
    { at: dateTimeText(now, zone), actor_email: me.email, action: "reports.sent_to_self", object_type: "report", object_id: target, before: null, after: null, comment: both(message), channel: "menu" },
  ]);
  spreadsheet.toast(both(message), "市场部 MarketOps", 10);
  return both(message);
}
