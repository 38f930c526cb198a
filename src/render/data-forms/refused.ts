/**
 * The email to whoever sent a data-entry form (实绩填报, 拜访与活动填报) whose response was not
 * recorded (issue 9 §2): what was wrong, in both languages and naming the responses sheet, row and
 * column; that the response itself is kept as sent; and what to do (send it again corrected, or ask
 * the administrator to add what is missing and retry). The HTML head names the kind
 * (`data-entry-refused`) for the outbox.
 */
import type { Bilingual } from "../../core/i18n";
import { both, format } from "../../core/i18n";
import type { DataEntryRefusedMail } from "../../core/imports/data-forms";
import type { RenderedEmail } from "../approvals/email";
import { subjectLine } from "../approvals/email";
import { documentShell, escapeHtml, keyValueTable, paragraph, textLines } from "../html";

const T = {
  kind: { zh: "填报未记入", en: "Entry not recorded" },
  about: { zh: "{form}:第 {row} 行回复未记入「{sheet}」", en: "{form}: response row {row} was not recorded in {sheet}" },
  hello: { zh: "{name},您好:", en: "Dear {name}," },
  intro: {
    zh: "您提交的这份回复没有记入表格,原因如下。回复本身原样保留在表单回复表中,没有丢失。",
    en: "The response you sent was not recorded, for the reasons below. The response itself is kept as you sent it in the responses sheet; nothing is lost.",
  },
  fix: {
    zh: "请改正后重新提交表单;如是人员、区域或客户尚未登记,请管理员登记后在菜单「重新处理失败的申请」重试,这份回复会被重新处理。",
    en: "Please send the form again corrected; if a person, region or customer is not registered yet, ask the administrator to add it and run Retry failed requests from the menu, which processes this response again.",
  },
  form: { zh: "表单", en: "Form" },
  where: { zh: "回复位置", en: "Response kept at" },
} as const;

/**
 * @example renderDataEntryRefused(actuals form, row 5) → subject "【填报未记入】实绩填报 / Actuals entry:第 5 行回复未记入「实绩 Actuals」 · Entry not recorded"
 */
export function renderDataEntryRefused(m: DataEntryRefusedMail): RenderedEmail {
  const lang = m.language;
  const about: Bilingual = format(T.about, { form: m.form, row: m.row, sheet: m.sheet });
  const subject = subjectLine(T.kind, lang === "en" ? about.en : about.zh, lang);
  const hello = format(T.hello, { name: m.recipientName });
  const rows: [string, string][] = [
    [both(T.form), m.form],
    [both(T.where), `${m.tab} #${m.row}`],
  ];
  const reasons = m.reasons.map((r) => (lang === "en" ? `${r.en}\n${r.zh}` : `${r.zh}\n${r.en}`));
  const html = [
    paragraph(hello, lang),
    paragraph(T.intro, lang),
    keyValueTable(rows.map(([k, v]) => [escapeHtml(k), escapeHtml(v)])),
    `<ul style="margin:8px 0;padding-left:20px">${reasons.map((r) => `<li style="margin:4px 0;white-space:pre-line">${escapeHtml(r)}</li>`).join("")}</ul>`,
    paragraph(T.fix, lang),
  ];
  const text = [textLines(hello, lang), textLines(T.intro, lang), rows.map(([k, v]) => `${k}: ${v}`).join("\n"), reasons.map((r) => `- ${r}`).join("\n"), textLines(T.fix, lang)];
  return {
    to: m.to,
    cc: m.cc,
    subject,
    htmlBody: documentShell({ kind: m.kind, title: subject, language: lang, body: html.join(""), accent: "#d93025" }),
    textBody: `${text.join("\n\n")}\n`,
    replyTo: m.replyTo,
  };
}
