/**
 * The budget alert email (费用预算提醒, WF-09.6, RP-18, AMB-74): to the budget's owner when the
 * month's expense usage reaches `BUDGET_ALERT_RATE`, or passes 100 % (`EXPENSE_ALERT_OVER_BUDGET`):
 * the month, region, budget, spent and usage, and where to look (the Budgets sheet). Both
 * languages, the recipient's first; the HTML head names the kind (`budget-alert`) for the outbox.
 */
import type { Bilingual } from "../../core/i18n";
import { both, format } from "../../core/i18n";
import type { BudgetAlertMail } from "../../core/budgets/budgets";
import { moneyText } from "../../core/approvals/notices";
import { documentShell, escapeHtml, keyValueTable, label, paragraph, safeUrl, textLines } from "../html";
import type { RenderedEmail } from "../approvals/email";
import { subjectLine } from "../approvals/email";

const T = {
  kind: { zh: "费用预算提醒", en: "Budget alert" },
  rateAbout: { zh: "{scope} {period} 费用已用 {usage}(达到提醒比例 {threshold})", en: "{scope} {period}: {usage} of the budget spent (alert rate {threshold})" },
  overAbout: { zh: "{scope} {period} 费用已超出预算({usage})", en: "{scope} {period}: spending is over budget ({usage})" },
  department: { zh: "全部门", en: "The department" },
  region: { zh: "区域 {region}", en: "Region {region}" },
  hello: { zh: "{name},您好:", en: "Dear {name}," },
  intro: { zh: "您负责的费用预算本月使用情况如下,请及时控制费用(WF-09.6)。每个提醒级别只发送一次。", en: "This is the month's use of the expense budget you own; please keep spending under control (WF-09.6). Each alert level is sent once." },
  month: { zh: "月份", en: "Month" },
  scope: { zh: "范围", en: "Scope" },
  budget: { zh: "预算(元)", en: "Budget (yuan)" },
  spent: { zh: "实际费用(元)", en: "Spent (yuan)" },
  usage: { zh: "使用率", en: "Usage rate" },
  where: { zh: "明细见「费用预算跟踪 Budgets」表。", en: "See the Budgets sheet for the lines." },
  openSheet: { zh: "打开工作簿", en: "Open the workbook" },
} as const;

const percent = (x: number): string => `${Math.round(x * 1000) / 10}%`;

/**
 * @example renderBudgetAlert(SOUTH 2026-10 at 92 %) → subject "【费用预算提醒】区域 SOUTH 2026-10 费用已用 92%(达到提醒比例 90%) · Budget alert"
 */
export function renderBudgetAlert(m: BudgetAlertMail, sheetUrl: string | null = null): RenderedEmail {
  const lang = m.language;
  const scope: Bilingual = m.region === "" ? T.department : format(T.region, { region: m.region });
  const values = { period: m.period, usage: percent(m.usage), threshold: percent(m.threshold) };
  const template = m.level === "over" ? T.overAbout : T.rateAbout;
  const aboutText: Bilingual = { zh: format(template, { ...values, scope: scope.zh }).zh, en: format(template, { ...values, scope: scope.en }).en };
  const subject = subjectLine(T.kind, lang === "en" ? aboutText.en : aboutText.zh, lang);
  const hello = format(T.hello, { name: m.recipientName });
  const rows: [string, string][] = [
    [both(T.month), m.period],
    [both(T.scope), both(scope)],
    [both(T.budget), moneyText(m.budget)],
    [both(T.spent), moneyText(m.spent)],
    [both(T.usage), percent(m.usage)],
  ];
  const html = [paragraph(hello, lang), paragraph(aboutText, lang), paragraph(T.intro, lang), keyValueTable(rows.map(([k, v]) => [escapeHtml(k), escapeHtml(v)])), paragraph(T.where, lang)];
  const text = [textLines(hello, lang), textLines(aboutText, lang), textLines(T.intro, lang), rows.map(([k, v]) => `${k}: ${v}`).join("\n"), textLines(T.where, lang)];
  if (sheetUrl && safeUrl(sheetUrl) !== "#") {
    html.push(`<p style="margin:8px 0"><a href="${safeUrl(sheetUrl)}" style="color:#1a73e8">${label(T.openSheet, lang)}</a></p>`);
    text.push(`${both(T.openSheet)}: ${sheetUrl}`);
  }
  return {
    to: m.to,
    cc: m.cc,
    subject,
    htmlBody: documentShell({ kind: m.kind, title: subject, language: lang, body: html.join(""), accent: m.level === "over" ? "#d93025" : "#f9ab00" }),
    textBody: `${text.join("\n\n")}\n`,
    replyTo: m.replyTo,
  };
}
