/**
 * Overdue-task emails (逾期任务提醒, issue 11 §2): to the owner, every task of theirs the hourly check
 * reminds them of in one run — what, task ID, assigned by, due, how many working days late, and how
 * to mark it done (the Tasks sheet's "Done on" cell of that row); to the owner's manager, the tasks
 * that stayed open after the reminders. Both languages, the recipient's first; typed text escaped;
 * the HTML head names the kind (`task-reminder`, `task-escalation`) for the local outbox.
 */
import type { Bilingual } from "../../core/i18n";
import { both, format } from "../../core/i18n";
import type { TaskReminderMail } from "../../core/approvals/task-reminders";
import { cleanText, documentShell, escapeHtml, label, paragraph, safeUrl, textLines } from "../html";
import type { RenderedEmail } from "./email";
import { subjectLine } from "./email";

const T = {
  remindKind: { zh: "任务逾期", en: "Overdue task" },
  escalateKind: { zh: "任务逾期·告知上级", en: "Overdue tasks of your report" },
  remindAbout: { zh: "{n} 项任务已过截止日期", en: "{n} task(s) past the due date" },
  escalateAbout: { zh: "{owner} 的 {n} 项任务已过截止日期", en: "{n} task(s) of {owner} past the due date" },
  hello: { zh: "{name},您好:", en: "Dear {name}," },
  remindIntro: { zh: "以下任务已过截止日期,「任务 Tasks」表中仍未填写完成日期。", en: "The tasks below are past their due date and have no \"Done on\" date in the Tasks sheet yet." },
  escalateIntro: {
    zh: "{owner} 的以下任务已过截止日期,提醒多次后仍未完成,特此告知您(其直属上级)。",
    en: "The tasks of {owner} below are past their due date and still open after several reminders, so you, their manager, are told.",
  },
  howDone: {
    zh: "完成后,请在「任务 Tasks」表中该任务编号一行的「完成日期 Done on」列填写完成日期,提醒即停止。",
    en: "Once a task is done, fill in the \"Done on\" column of its row (by task ID) in the Tasks sheet; the reminders then stop.",
  },
  task: { zh: "任务", en: "Task" },
  id: { zh: "任务编号", en: "Task ID" },
  assigner: { zh: "交办人", en: "Assigned by" },
  due: { zh: "截止日期", en: "Due" },
  late: { zh: "逾期 {n} 个工作日", en: "{n} working day(s) late" },
  nth: { zh: "第 {n} 次提醒", en: "reminder #{n}" },
  request: { zh: "关联申请", en: "Request" },
  openSheet: { zh: "打开工作簿", en: "Open the workbook" },
} as const;

/**
 * An overdue-task email ready for MailApp.
 * @example renderTaskReminder(reminder of ST-2026-0005-F1 to the Warehouse)
 *   → subject "【任务逾期】1 项任务已过截止日期 · Overdue task", a table with the task, its ID and due date
 */
export function renderTaskReminder(m: TaskReminderMail, sheetUrl: string | null = null): RenderedEmail {
  const lang = m.language;
  const n = m.items.length;
  const escalation = m.kind === "task-escalation";
  const about = format(escalation ? T.escalateAbout : T.remindAbout, { n, owner: m.ownerName });
  const subject = subjectLine(escalation ? T.escalateKind : T.remindKind, lang === "en" ? about.en : about.zh, lang);
  const intro: Bilingual = escalation ? format(T.escalateIntro, { owner: m.ownerName }) : T.remindIntro;
  const hello = format(T.hello, { name: m.recipientName });
  const html: string[] = [paragraph(hello, lang), paragraph(intro, lang)];
  const text: string[] = [textLines(hello, lang), textLines(intro, lang)];
  const th = (t: Bilingual): string => `<th style="text-align:left;padding:6px;border-bottom:2px solid #dadce0">${label(t, lang)}</th>`;
  const td = (inner: string): string => `<td style="padding:6px;border-bottom:1px solid #e8eaed;vertical-align:top">${inner}</td>`;
  const rows: string[] = [];
  const lines: string[] = [];
  for (const item of m.items) {
    const notes = [both(format(T.late, { n: item.daysLate })), item.reminderNumber > 0 ? both(format(T.nth, { n: item.reminderNumber })) : "", item.requestId ? `${both(T.request)} ${item.requestId}` : ""].filter((x) => x !== "");
    rows.push(`<tr>${td(`${escapeHtml(item.title)}<br><span style="color:#5f6368">${escapeHtml(notes.join(" · "))}</span>`)}${td(`<strong>${escapeHtml(item.id)}</strong>`)}${td(escapeHtml(item.assigner))}${td(`<strong>${escapeHtml(item.dueOn)}</strong>`)}</tr>`);
    lines.push(`- ${cleanText(item.title)}\n  ${both(T.id)}: ${item.id}; ${both(T.assigner)}: ${cleanText(item.assigner)}; ${both(T.due)}: ${item.dueOn}; ${notes.join(" · ")}`);
  }
  html.push(`<table role="presentation" style="width:100%;border-collapse:collapse;font-size:13px;margin:0 0 16px"><tr>${th(T.task)}${th(T.id)}${th(T.assigner)}${th(T.due)}</tr>${rows.join("")}</table>`);
  text.push(lines.join("\n"));
  html.push(paragraph(T.howDone, lang));
  text.push(textLines(T.howDone, lang));
  if (sheetUrl && safeUrl(sheetUrl) !== "#") {
    html.push(`<p style="margin:8px 0"><a href="${safeUrl(sheetUrl)}" style="color:#1a73e8">${label(T.openSheet, lang)}</a></p>`);
    text.push(`${both(T.openSheet)}: ${sheetUrl}`);
  }
  return {
    to: m.to,
    cc: m.cc,
    subject,
    htmlBody: documentShell({ kind: m.kind, title: subject, language: lang, body: html.join(""), accent: escalation ? "#e37400" : "#f9ab00" }),
    textBody: `${text.join("\n\n")}\n`,
    replyTo: m.replyTo,
  };
}
