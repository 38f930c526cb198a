/**
 * The reminder digest (催办汇总): one email to an approver listing every request of theirs the
 * hourly trigger reminds them of in one run, each with its own signed decision link (or, without
 * a web app, the Requests sheet's Decision column). Both languages, the recipient's first;
 * everything a person typed (titles, names) is escaped; the HTML head names the kind
 * `reminder-digest` for the local outbox.
 */
import type { Bilingual } from "../../core/i18n";
import { both, format } from "../../core/i18n";
import type { ReminderDigest } from "../../core/approvals/mail-queue";
import { cleanText, documentShell, escapeHtml, label, paragraph, safeUrl, textLines } from "../html";
import type { RenderedEmail } from "./email";
import { timeText } from "./parts";

const T = {
  subject: { zh: "【催办汇总】{n} 份申请等待您的决定", en: "Reminder: {n} requests wait for your decision" },
  hello: { zh: "{name},您好:", en: "Dear {name}," },
  intro: { zh: "以下 {n} 份申请仍在等待您的决定。请逐一打开链接审批,或在「申请 Requests」表中该申请一行的「决定」列选择。", en: "The {n} requests below still wait for your decision. Open each link to decide, or pick a decision in the Decision column of the request's row in the Requests sheet." },
  request: { zh: "申请", en: "Request" },
  step: { zh: "当前步骤", en: "Step" },
  open: { zh: "审批", en: "Decide" },
  sheetOnly: { zh: "在表中决定", en: "Decide in the sheet" },
  nth: { zh: "第 {n} 次提醒", en: "reminder #{n}" },
  behalf: { zh: "代 {who}", en: "for {who}" },
  linkNote: { zh: "每个链接只供您本人使用一次,在其有效期内有效。", en: "Each link is for you only, works once, and is valid until its expiry." },
  openSheet: { zh: "打开工作簿", en: "Open the workbook" },
} as const;

/**
 * A digest ready for MailApp; `links` maps a request ID to its signed decision URL.
 * @example renderReminderDigest(digest of ST-2026-0001 and ST-2026-0002 to the Manager, links)
 *   → subject "【催办汇总】2 份申请等待您的决定 · Reminder: 2 requests wait for your decision"
 */
export function renderReminderDigest(d: ReminderDigest, links: ReadonlyMap<string, string | null>, sheetUrl: string | null = null): RenderedEmail {
  const lang = d.language;
  const n = d.items.length;
  const subjectText: Bilingual = format(T.subject, { n });
  const subject = cleanText(lang === "en" ? `${subjectText.en} · ${subjectText.zh}` : `${subjectText.zh} · ${subjectText.en}`).replace(/\s+/g, " ").trim();
  const html: string[] = [paragraph(format(T.hello, { name: d.recipientName }), lang), paragraph(format(T.intro, { n }), lang)];
  const text: string[] = [textLines(format(T.hello, { name: d.recipientName }), lang), textLines(format(T.intro, { n }), lang)];
  const th = (t: Bilingual): string => `<th style="text-align:left;padding:6px;border-bottom:2px solid #dadce0">${label(t, lang)}</th>`;
  const cell = (inner: string): string => `<td style="padding:6px;border-bottom:1px solid #e8eaed;vertical-align:top">${inner}</td>`;
  const rows: string[] = [];
  for (const item of d.items) {
    const url = links.get(item.requestId) ?? null;
    const safe = url && safeUrl(url) !== "#" ? safeUrl(url) : null;
    const notes = [item.reminderNumber ? both(format(T.nth, { n: item.reminderNumber })) : "", item.onBehalfOf ? both(format(T.behalf, { who: item.onBehalfOf })) : ""].filter((x) => x !== "");
    const step = item.step ? `${item.step.step}/${item.step.of} ${label(item.step.name, lang)}` : "";
    const what = `<strong>${escapeHtml(item.requestId)}</strong> ${label(item.typeLabel, lang)}<br>${escapeHtml(item.title)}<br><span style="color:#5f6368">${escapeHtml(item.requester)} · ${escapeHtml(timeText(item.submittedAt, d.timeZone))}${notes.length ? ` · ${escapeHtml(notes.join(" · "))}` : ""}</span>`;
    const action = safe ? `<a href="${safe}" style="color:#1a73e8">${label(T.open, lang)}</a>` : label(T.sheetOnly, lang);
    rows.push(`<tr>${cell(what)}${cell(step)}${cell(action)}</tr>`);
    const stepLine = item.step ? ` [${item.step.step}/${item.step.of} ${both(item.step.name)}]` : "";
    text.push(`- ${item.requestId} ${both(item.typeLabel)}: ${cleanText(item.title)} (${cleanText(item.requester)})${stepLine}${notes.length ? ` ${notes.join(" · ")}` : ""}\n  ${url && safe ? `${both(T.open)}: ${url}` : both(T.sheetOnly)}`);
  }
  html.push(`<table role="presentation" style="width:100%;border-collapse:collapse;font-size:13px;margin:0 0 16px"><tr>${th(T.request)}${th(T.step)}${th(T.open)}</tr>${rows.join("")}</table>`);
  html.push(paragraph(T.linkNote, lang, "font-size:13px"));
  text.push(textLines(T.linkNote, lang));
  if (sheetUrl && safeUrl(sheetUrl) !== "#") {
    html.push(`<p style="margin:8px 0"><a href="${safeUrl(sheetUrl)}" style="color:#1a73e8">${label(T.openSheet, lang)}</a></p>`);
    text.push(`${both(T.openSheet)}: ${sheetUrl}`);
  }
  return {
    to: d.to,
    cc: d.cc,
    subject,
    htmlBody: documentShell({ kind: d.kind, title: subject, language: lang, body: html.join(""), accent: "#f9ab00" }),
    textBody: `${text.join("\n\n")}\n`,
    replyTo: d.replyTo ?? null,
  };
}
