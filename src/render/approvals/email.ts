/**
 * Approval emails (审批邮件) as subject, HTML and plain text, from the engine's `EmailMessage`:
 * the request to decide (with the signed link to the decision page), a reminder, an escalation to
 * the approver's manager, progress notices, the final approval (with the follow-up tasks, their
 * owners and deadlines), the final rejection (with the reason and how to resubmit), a needs-fixing
 * notice listing each answer to fix, and copies (抄送). Both languages, the recipient's first;
 * everything a person typed is escaped; the HTML head names the kind for the local outbox. The
 * host sends them with MailApp (`htmlBody` plus the text body as the plain alternative,
 * https://developers.google.com/apps-script/reference/mail/mail-app#sendEmail(String,String,String,Object)).
 */
import type { Bilingual, Language } from "../../core/i18n";
import { both, format } from "../../core/i18n";
import type { EmailKind, EmailMessage, HistoryWhat, TaskSummary } from "../../core/approvals/model";
import { cleanText, documentShell, escapeHtml, heading, label, multiline, paragraph, safeUrl, textLines, buttonLink } from "../html";
import { historyHtml, historyText, stepText, summaryHtml, summaryText, timeText, WHAT } from "./parts";

/** Where the email's links point: the signed decision page, and the workbook. */
export interface EmailLinks {
  readonly decisionUrl?: string | null;
  readonly sheetUrl?: string | null;
}

export interface RenderedEmail {
  readonly to: readonly string[];
  readonly cc: readonly string[];
  readonly subject: string;
  readonly htmlBody: string;
  readonly textBody: string;
  /** MailApp `replyTo`: someone who can act on a reply (null = the sender). */
  readonly replyTo?: string | null;
}

/**
 * The subject's label per kind, without punctuation: the subject reads
 * `【待审批】调货申请单 ST-2026-0005 华东补货 · Approval needed` (the reader's language first), so it
 * never ends in a dangling `Approval needed:` (issue 11 §2).
 */
const SUBJECT: Readonly<Record<EmailKind, Bilingual>> = {
  "approval-request": { zh: "待审批", en: "Approval needed" },
  reminder: { zh: "催办 #{n}", en: "Reminder #{n}" },
  escalation: { zh: "升级审批", en: "Escalated to you" },
  "decision-notice": { zh: "审批进度", en: "Progress update" },
  "final-approved": { zh: "已批准", en: "Approved" },
  "final-rejected": { zh: "已驳回", en: "Rejected" },
  "needs-fixing": { zh: "请更正", en: "Please fix" },
  "cc-notice": { zh: "抄送", en: "FYI" },
  "task-assigned": { zh: "新任务", en: "Task for you" },
};

/** A progress notice names what happened when it is not a step forward. */
const NOTICE_SUBJECT: Partial<Readonly<Record<HistoryWhat, Bilingual>>> = {
  withdraw: { zh: "已撤回", en: "Withdrawn" },
  return: { zh: "已退回修改", en: "Returned for revision" },
  reject: { zh: "驳回重审", en: "Rejected back to an earlier step" },
};

const ACCENT: Readonly<Record<EmailKind, string>> = {
  "approval-request": "#1a73e8",
  reminder: "#f9ab00",
  escalation: "#e37400",
  "decision-notice": "#1a73e8",
  "final-approved": "#188038",
  "final-rejected": "#d93025",
  "needs-fixing": "#e37400",
  "cc-notice": "#5f6368",
  "task-assigned": "#1a73e8",
};

const T = {
  hello: { zh: "{name},您好:", en: "Dear {name}," },
  decide: { zh: "请审批以下申请,当前为{step}。", en: "Please decide on the request below, now at {step}." },
  onBehalf: { zh: "您作为 {who} 的代理人收到此申请。", en: "You receive it as the delegate of {who}." },
  reminder: { zh: "提醒(第 {n} 次):以下申请仍在等待您的决定,当前为{step}。", en: "Reminder #{n}: the request below still waits for your decision, at {step}." },
  escalation: {
    zh: "{who} 已收到 {n} 次提醒仍未处理以下申请,现升级由您(其直属上级)决定,当前为{step}。",
    en: "{who} has not decided on the request below after {n} reminders, so it now comes to you as their manager, at {step}.",
  },
  button: { zh: "打开审批页面", en: "Open to decide" },
  linkNote: {
    zh: "此链接只供您本人使用一次,{expires} 前有效。也可以在「申请 Requests」表中该申请一行的「决定」列选择同意或驳回。",
    en: "The link is for you only, works once, and is valid until {expires}. You may also pick Approve or Reject in the Decision column of the request's row in the Requests sheet.",
  },
  sheetOnly: { zh: "请在「申请 Requests」表中该申请一行的「决定」列选择同意或驳回。", en: "Please pick Approve or Reject in the Decision column of the request's row in the Requests sheet." },
  progress: { zh: "{by} 已{what}{step}。", en: "{by} {whatEn} {stepEn}." },
  next: { zh: "下一步:{next}。", en: "Next: {next}." },
  backTo: { zh: "申请退回到{next},重新审批。", en: "The request goes back to {next} to be decided again." },
  returned: { zh: "请按意见修改后重新提交。", en: "Please revise it as asked and resubmit." },
  withdrawn: { zh: "申请人已撤回此申请,您无需再处理。", en: "The requester withdrew this request; nothing more is needed from you." },
  reason: { zh: "理由:", en: "Reason: " },
  comment: { zh: "意见:", en: "Comment: " },
  approved: { zh: "您的申请 {id} 已审批通过。", en: "Your request {id} is approved." },
  approvedCopy: { zh: "申请 {id} 已审批通过,您负责以下后续任务。", en: "Request {id} is approved; the follow-up tasks below are yours." },
  rejected: { zh: "{by} 驳回了您的申请 {id}。", en: "{by} rejected your request {id}." },
  closed: { zh: "此申请已关闭。如有需要,请提交新申请。", en: "This request is closed. Submit a new one if needed." },
  resubmit: {
    zh: "修改后请用同一表单重新提交,并在「修改的申请编号」一栏填写 {id},审批将从第一步重新开始。",
    en: "To revise it, submit the same form again with {id} in \"Request ID being revised\"; approval then starts again from the first step.",
  },
  needsFixing: { zh: "您提交的申请 {id} 有以下问题,请更正:", en: "Your request {id} has problems to fix:" },
  cc: { zh: "抄送:{by} 已{what}{step}。", en: "For your information: {by} {whatEn} {stepEn}." },
  tasks: { zh: "后续任务", en: "Follow-up tasks" },
  task: { zh: "任务", en: "Task" },
  owner: { zh: "责任人", en: "Owner" },
  due: { zh: "截止日期", en: "Due" },
  openSheet: { zh: "打开工作簿", en: "Open the workbook" },
  assigned: { zh: "{by} 批准了申请 {id},并把以下任务交给您负责。", en: "{by} approved request {id} and assigned you the task below." },
  taskId: { zh: "任务编号", en: "Task ID" },
  assigner: { zh: "交办人", en: "Assigned by" },
  howDone: {
    zh: "完成后,请在「任务 Tasks」表中任务编号为 {ids} 的一行填写「完成日期 Done on」列(状态即变为已完成);过了截止日期仍未填写,每小时的检查会提醒您,多次提醒后会告知您的直属上级。有疑问请直接回复此邮件给 {by}。",
    en: "When it is done, fill in the \"Done on\" column of the row with task ID {ids} in the Tasks sheet (that marks it done). If it is still open after the due date, the hourly check reminds you, and after several reminders tells your manager. Reply to this email to reach {by} with any question.",
  },
} as const;

function say(text: Bilingual, values: Readonly<Record<string, string | number>>): Bilingual {
  return format(text, values);
}

/**
 * A one-line subject: `【label】type id title · English label` for a Chinese reader,
 * `[label] type id title · 中文 label` for an English one.
 */
export function subjectLine(kind: Bilingual, about: string, language: Language): string {
  const line = language === "en" ? `[${kind.en}] ${about} · ${kind.zh}` : `【${kind.zh}】${about} · ${kind.en}`;
  // A subject is one header line: no line breaks, and a sane length (the kind labels stay whole).
  const flat = cleanText(line).replace(/\s+/g, " ").trim();
  if (flat.length <= 180) return flat;
  const tail = ` · ${language === "en" ? kind.zh : kind.en}`;
  return `${flat.slice(0, 179 - tail.length)}…${tail}`;
}

function subjectOf(m: EmailMessage): string {
  const special = m.kind === "decision-notice" && m.decision ? NOTICE_SUBJECT[m.decision.what] : undefined;
  const kind = say(special ?? SUBJECT[m.kind], { n: m.reminderNumber ?? 1 });
  const type = m.language === "en" ? m.request.typeLabel.en : m.request.typeLabel.zh;
  return subjectLine(kind, `${type} ${m.request.id} ${m.request.title}`, m.language);
}

function tasksHtml(tasks: readonly TaskSummary[], language: Language): string {
  if (tasks.length === 0) return "";
  const th = (t: Bilingual): string => `<th style="text-align:left;padding:6px;border-bottom:2px solid #dadce0">${label(t, language)}</th>`;
  const rows = tasks
    .map((t) => `<tr><td style="padding:6px;border-bottom:1px solid #e8eaed">${label(t.title, language)}<br><span style="color:#5f6368">${escapeHtml(t.rule)}</span></td><td style="padding:6px;border-bottom:1px solid #e8eaed">${escapeHtml(t.owner)}</td><td style="padding:6px;border-bottom:1px solid #e8eaed;white-space:nowrap">${escapeHtml(t.dueOn)}</td></tr>`)
    .join("");
  return `${heading(T.tasks, language)}<table role="presentation" style="width:100%;border-collapse:collapse;font-size:13px;margin:0 0 16px"><tr>${th(T.task)}${th(T.owner)}${th(T.due)}</tr>${rows}</table>`;
}

function tasksText(tasks: readonly TaskSummary[]): string {
  if (tasks.length === 0) return "";
  return [`== ${both(T.tasks)} ==`, ...tasks.map((t) => `- ${both(t.title)} — ${both(T.owner)}: ${t.owner}; ${both(T.due)}: ${t.dueOn} (${t.rule})`)].join("\n");
}

/** A task email's table: task (with its rule), task ID, assigned by, due. */
function assignedHtml(tasks: readonly TaskSummary[], language: Language): string {
  const th = (t: Bilingual): string => `<th style="text-align:left;padding:6px;border-bottom:2px solid #dadce0">${label(t, language)}</th>`;
  const td = (inner: string, extra = ""): string => `<td style="padding:6px;border-bottom:1px solid #e8eaed;vertical-align:top${extra}">${inner}</td>`;
  const rows = tasks
    .map((t) => `<tr>${td(`${label(t.title, language)}<br><span style="color:#5f6368">${escapeHtml(t.rule)}</span>`)}${td(`<strong>${escapeHtml(t.id)}</strong>`, ";white-space:nowrap")}${td(escapeHtml(t.assigner))}${td(`<strong>${escapeHtml(t.dueOn)}</strong>`, ";white-space:nowrap")}</tr>`)
    .join("");
  return `${heading(T.tasks, language)}<table role="presentation" style="width:100%;border-collapse:collapse;font-size:13px;margin:0 0 16px"><tr>${th(T.task)}${th(T.taskId)}${th(T.assigner)}${th(T.due)}</tr>${rows}</table>`;
}

function assignedText(tasks: readonly TaskSummary[]): string {
  return [`== ${both(T.tasks)} ==`, ...tasks.map((t) => `- ${both(t.title)} (${t.rule})\n  ${both(T.taskId)}: ${t.id}; ${both(T.assigner)}: ${t.assigner}; ${both(T.due)}: ${t.dueOn}`)].join("\n");
}

/** The body's opening sentences, as bilingual texts (rendered as paragraphs and as text lines). */
function opening(m: EmailMessage): Bilingual[] {
  const out: Bilingual[] = [say(T.hello, { name: m.recipientName })];
  const step = m.step ? stepText(m.step) : null;
  const stepFill = { step: step?.zh ?? "", stepEn: step?.en ?? "" };
  const d = m.decision;
  const decided = d ? { by: d.by, what: WHAT[d.what].zh, whatEn: WHAT[d.what].en } : { by: "", what: "", whatEn: "" };
  switch (m.kind) {
    case "approval-request":
      out.push({ zh: say(T.decide, { step: stepFill.step }).zh, en: say(T.decide, { step: stepFill.stepEn }).en });
      if (m.onBehalfOf) out.push(say(T.onBehalf, { who: m.onBehalfOf }));
      break;
    case "reminder":
      out.push({ zh: say(T.reminder, { n: m.reminderNumber ?? 1, step: stepFill.step }).zh, en: say(T.reminder, { n: m.reminderNumber ?? 1, step: stepFill.stepEn }).en });
      if (m.onBehalfOf) out.push(say(T.onBehalf, { who: m.onBehalfOf }));
      break;
    case "escalation":
      out.push({ zh: say(T.escalation, { who: m.onBehalfOf ?? "", n: m.reminderNumber ?? 0, step: stepFill.step }).zh, en: say(T.escalation, { who: m.onBehalfOf ?? "", n: m.reminderNumber ?? 0, step: stepFill.stepEn }).en });
      break;
    case "decision-notice": {
      if (d?.what === "withdraw") {
        out.push(T.withdrawn);
        break;
      }
      out.push(say(T.progress, { ...decided, ...stepFill }));
      const next = m.nextStep ? stepText(m.nextStep) : null;
      if (d?.what === "reject" && next) out.push({ zh: say(T.backTo, { next: next.zh }).zh, en: say(T.backTo, { next: next.en }).en });
      else if (next) out.push({ zh: say(T.next, { next: next.zh }).zh, en: say(T.next, { next: next.en }).en });
      if (d?.what === "return") {
        out.push(T.returned);
        out.push(say(T.resubmit, { id: m.request.id }));
      }
      break;
    }
    case "final-approved":
      out.push(say(m.tasks.length && m.to[0] !== m.request.requester.email ? T.approvedCopy : T.approved, { id: m.request.id }));
      break;
    case "final-rejected":
      out.push(say(T.rejected, { by: decided.by, id: m.request.id }));
      out.push(m.canResubmit ? say(T.resubmit, { id: m.request.id }) : T.closed);
      break;
    case "needs-fixing":
      out.push(say(T.needsFixing, { id: m.request.id }));
      break;
    case "task-assigned":
      out.push(say(T.assigned, { by: decided.by, id: m.request.id }));
      break;
    case "cc-notice":
      if (m.tasks.length) out.push(say(T.approvedCopy, { id: m.request.id }));
      else out.push(say(T.cc, { ...decided, ...stepFill }));
      break;
  }
  return out;
}

function decisionComment(m: EmailMessage): { label: Bilingual; text: string } | null {
  const d = m.decision;
  if (!d || d.comment === "") return null;
  return { label: d.what === "reject" || d.what === "return" ? T.reason : T.comment, text: d.comment };
}

const ACTIONABLE: ReadonlySet<EmailKind> = new Set(["approval-request", "reminder", "escalation"]);

/**
 * An approval email, ready for MailApp.
 * @example renderApprovalEmail(approval-request to the Director, { decisionUrl: "https://…/exec?t=…" })
 *   → subject "【待审批】调货申请单 ST-2026-0001 华东补货 · Approval needed", a button to the page
 */
export function renderApprovalEmail(m: EmailMessage, links: EmailLinks = {}): RenderedEmail {
  const lang = m.language;
  const zone = m.request.timeZone;
  const subject = subjectOf(m);
  const html: string[] = [];
  const text: string[] = [];
  for (const line of opening(m)) {
    html.push(paragraph(line, lang));
    text.push(textLines(line, lang));
  }
  const comment = decisionComment(m);
  if (comment) {
    html.push(`<blockquote style="margin:0 0 16px;padding:8px 12px;border-left:4px solid #dadce0;background:#f8f9fa">${label(comment.label, lang)}<br>${multiline(comment.text)}</blockquote>`);
    text.push(`${both(comment.label).trimEnd()} ${cleanText(comment.text)}`);
  }
  if (m.problems.length) {
    html.push(`<ol style="margin:0 0 16px;padding-left:20px">${m.problems.map((p) => `<li style="margin:0 0 6px">${multiline(lang === "en" ? p.text.en : p.text.zh)}<br><span style="color:#5f6368">${multiline(lang === "en" ? p.text.zh : p.text.en)}</span></li>`).join("")}</ol>`);
    text.push(m.problems.map((p, i) => `${i + 1}. ${cleanText(both(p.text))}`).join("\n"));
    html.push(paragraph(say(T.resubmit, { id: m.request.id }), lang));
    text.push(textLines(say(T.resubmit, { id: m.request.id }), lang));
  }
  if (ACTIONABLE.has(m.kind)) {
    const url = links.decisionUrl ?? null;
    if (m.link && url && safeUrl(url) !== "#") {
      const note = say(T.linkNote, { expires: `${timeText(m.link.expiresAt, zone)} (${zone})` });
      html.push(buttonLink(url, T.button, lang));
      html.push(paragraph(note, lang, "font-size:13px"));
      text.push(`${both(T.button)}: ${url}`);
      text.push(textLines(note, lang));
    } else {
      html.push(paragraph(T.sheetOnly, lang));
      text.push(textLines(T.sheetOnly, lang));
    }
  }
  if (m.kind === "task-assigned" && m.tasks.length) {
    const how = say(T.howDone, { ids: m.tasks.map((t) => t.id).join(", "), by: m.tasks[0]?.assigner ?? "" });
    html.push(assignedHtml(m.tasks, lang));
    text.push(assignedText(m.tasks));
    html.push(paragraph(how, lang));
    text.push(textLines(how, lang));
  } else {
    html.push(tasksHtml(m.tasks, lang));
    text.push(tasksText(m.tasks));
  }
  html.push(summaryHtml(m.request, lang));
  text.push(summaryText(m.request));
  html.push(historyHtml(m.history, lang, zone));
  text.push(historyText(m.history, lang, zone));
  if (links.sheetUrl && safeUrl(links.sheetUrl) !== "#") {
    html.push(`<p style="margin:8px 0"><a href="${safeUrl(links.sheetUrl)}" style="color:#1a73e8">${label(T.openSheet, lang)}</a></p>`);
    text.push(`${both(T.openSheet)}: ${links.sheetUrl}`);
  }
  return {
    to: m.to,
    cc: m.cc,
    subject,
    htmlBody: documentShell({ kind: m.kind, title: subject, language: lang, body: html.join(""), accent: ACCENT[m.kind] }),
    textBody: `${text.filter((t) => t !== "").join("\n\n")}\n`,
    replyTo: m.replyTo ?? null,
  };
}
