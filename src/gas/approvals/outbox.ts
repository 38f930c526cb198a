/**
 * The approval mail queue on Google (issue 10.3, 10.4): every job appends its emails to the
 * hidden Mail queue sheet (one `setValues`), then sends from the queue, oldest first, while the
 * daily quota and the job's time budget (Settings `JOB_TIME_BUDGET_S`, src/core/time-budget.ts)
 * last. Before each send the cursor in Script Properties says which row is going out; so a run
 * Google stops mid-way (6 minutes, https://developers.google.com/apps-script/guides/services/quotas)
 * never sends a message twice: the next run starts after the last recorded send, and a send that
 * was under way when the run stopped is not repeated but named in Audit (`mail.uncertain`) for an
 * administrator to check. When the budget ends first, the rest continues on a one-off trigger of
 * `approvalTimers` (src/gas/continuation.ts). Reads: the queue's last row and the unsent rows only
 * (one `getValues`), so the cost follows what waits, not what was ever sent; the sheet is emptied
 * once everything is out.
 * https://developers.google.com/apps-script/reference/mail/mail-app#sendEmail(Object)
 * https://developers.google.com/apps-script/reference/mail/mail-app#getRemainingDailyQuota()
 * https://developers.google.com/apps-script/reference/properties/properties#setProperty(String,String)
 */
import type { Bilingual } from "../../core/i18n";
import { both } from "../../core/i18n";
import type { OutgoingMail, QueuedMail } from "../../core/approvals/mail-queue";
import { CURSOR_KEY, cursorFromText, cursorText, FIRST_QUEUE_ROW, nextStep, queuedFromCell, queueRecord, recipientsOf, requestIdOf } from "../../core/approvals/mail-queue";
import type { Channel, SheetRecord } from "../../core/approvals/model";
import { auditRecord } from "../../core/approvals/records";
import { createToken } from "../../core/approvals/token";
import type { Sign } from "../../core/approvals/token";
import { sheetTemplate } from "../../core/templates/catalog";
import { tableLayout } from "../../core/templates/table";
import { timeBudget } from "../../core/time-budget";
import { renderReminderDigest } from "../../render/approvals/digest";
import { renderApprovalEmail } from "../../render/approvals/email";
import { renderTaskReminder } from "../../render/approvals/task-reminder";
import { renderBudgetAlert } from "../../render/budgets/alert";
import { renderDataEntryRefused } from "../../render/data-forms/refused";
import { scheduleContinuation } from "../continuation";
import { appendAfterLastRow, templateSheet } from "../table";
import type { LinkBase } from "../../core/approvals/web-app-url";
import { decisionLinkBase, decisionUrl, linkSigner } from "./link";

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

const QUEUE_SHEET = "mail_queue";
/** The handler that continues sending when a run's time budget ends first. */
export const MAIL_CONTINUATION_HANDLER = "approvalTimers";
/** A web request stops at 30 s (the quotas page); a link decision sends for at most this long. */
const WEB_REQUEST_BUDGET_MS = 20_000;

const M = {
  queued: { zh: "今日邮件配额已用完,邮件已排队,配额恢复后自动发送", en: "Today's mail quota is used up; the email is queued and goes out when quota is available" },
  waitingTime: { zh: "本次运行时间已到,邮件已排队,稍后自动继续发送", en: "This run's time is up; the email is queued and sending continues shortly" },
  sentFromQueue: { zh: "排队的邮件已发送", en: "The queued email was sent" },
  uncertain: {
    zh: "上次运行在发送此邮件时被中止,无法确认是否已发出;为避免重复,未再发送,请核对",
    en: "The previous run stopped while sending this email, so whether it went out is unknown; it is not sent again, to avoid a duplicate: please check",
  },
  unreadable: { zh: "邮件队列中的这一行无法读取,已跳过", en: "This Mail queue row cannot be read; skipped" },
} as const;

/** What one drain did. */
export interface DrainReport {
  readonly sent: number;
  /** Messages still queued when the run stopped sending. */
  readonly left: number;
  readonly stoppedFor: "done" | "quota" | "time" | "error";
}

function mailAudit(message: OutgoingMail, action: string, what: Bilingual, actor: string, channel: Channel, at: number, timeZone: string): SheetRecord {
  const to = [...message.to, ...message.cc.map((c) => `cc ${c}`)].join(", ");
  const about =
    message.kind === "reminder-digest"
      ? `${message.kind} (${message.items.map((i) => i.requestId).join(", ")})`
      : message.kind === "task-reminder" || message.kind === "task-escalation"
        ? `${message.kind} (${message.items.map((i) => i.id).join(", ")})`
        : message.kind === "budget-alert"
          ? `${message.kind} (${message.period} ${message.region || "*"})`
          : message.kind === "data-entry-refused"
            ? `${message.kind} (${message.tab}!${message.row})`
            : message.kind;
  return auditRecord({ at, actor, action, requestId: requestIdOf(message), before: null, after: null, comment: `${both(what)}: ${about} → ${to}`, channel, timeZone });
}

/** Renders one message (signing its decision links now) and sends it. */
function send(message: OutgoingMail, sign: Sign, sheetUrl: string, base: string | null): void {
  const mail =
    "request" in message
      ? renderApprovalEmail(message, { decisionUrl: message.link ? decisionUrl(createToken(message.link, sign), base) : null, sheetUrl })
      : message.kind === "reminder-digest"
        ? renderReminderDigest(message, new Map(message.items.map((i) => [i.requestId, i.link ? decisionUrl(createToken(i.link, sign), base) : null])), sheetUrl)
        : message.kind === "budget-alert"
          ? renderBudgetAlert(message, sheetUrl)
          : message.kind === "data-entry-refused"
            ? renderDataEntryRefused(message)
            : renderTaskReminder(message, sheetUrl);
  MailApp.sendEmail({
    to: mail.to.join(","),
    ...(mail.cc.length ? { cc: mail.cc.join(",") } : {}),
    subject: mail.subject,
    body: mail.textBody,
    htmlBody: mail.htmlBody,
    name: "MarketOps",
    // Replies reach someone who can act (the requester, the decider, the assigner), not the script owner.
    ...(mail.replyTo ? { replyTo: mail.replyTo } : {}),
  });
}

/**
 * Appends messages to the queue, in order. Returns the sheet row of the first (0 when none).
 * Hides the sheet the first time it is used (it is MarketOps's, not a table people read).
 * https://developers.google.com/apps-script/reference/spreadsheet/sheet#hideSheet()
 */
export function enqueueMail(spreadsheet: Spreadsheet, messages: readonly OutgoingMail[], now: number, timeZone: string): number {
  if (messages.length === 0) return 0;
  const records = messages.map((message, i): SheetRecord => queueRecord(`${now}-${i + 1}`, { queuedAt: now, message } satisfies QueuedMail, timeZone));
  const first = appendAfterLastRow(spreadsheet, QUEUE_SHEET, records);
  const sheet = templateSheet(spreadsheet, QUEUE_SHEET);
  if (!sheet.isSheetHidden()) sheet.hideSheet();
  return first;
}

export interface DrainOptions {
  readonly startedAt: number;
  /** Settings `JOB_TIME_BUDGET_S` as typed. */
  readonly budgetSetting: unknown;
  readonly channel: Channel;
  readonly timeZone: string;
  /** Rows from here on were queued by this job (their Audit rows say "queued", not "sent from the queue"). */
  readonly freshFrom: number;
  readonly actor: () => string;
  /** Settings `WEB_APP_URL`: the web app's /exec URL the decision links use. */
  readonly webAppUrl: string;
}

/**
 * Sends queued mail, oldest first, under the quota and the time budget, recording progress before
 * every send. Returns the Audit rows to append and what was done.
 */
export function drainMailQueue(spreadsheet: Spreadsheet, options: DrainOptions): { report: DrainReport; audit: SheetRecord[] } {
  const audit: SheetRecord[] = [];
  const properties = PropertiesService.getScriptProperties();
  let cursor = cursorFromText(properties.getProperty(CURSOR_KEY));
  const sheet = templateSheet(spreadsheet, QUEUE_SHEET);
  const last = sheet.getLastRow();
  const { channel, timeZone } = options;
  const now = (): number => Date.now();
  if (cursor.next > last) {
    if (last >= FIRST_QUEUE_ROW || cursor.next !== FIRST_QUEUE_ROW || cursor.sending) emptyQueue(sheet, last, properties);
    return { report: { sent: 0, left: 0, stoppedFor: "done" }, audit };
  }
  const width = Math.max(1, sheet.getLastColumn());
  const layout = tableLayout(sheetTemplate(QUEUE_SHEET), sheet.getRange(1, 1, 1, width).getValues()[0] ?? []);
  const at = layout.columns.get("message") ?? -1;
  const cells = sheet.getRange(cursor.next, 1, last - cursor.next + 1, width).getValues();
  const first = cursor.next;
  let row = cursor.next;
  if (cursor.sending) {
    const q = queuedFromCell(cells[0]?.[at]);
    audit.push(q ? mailAudit(q.message, "mail.uncertain", M.uncertain, options.actor(), channel, now(), timeZone) : unreadableAudit(row, options, now()));
    row += 1;
    cursor = { next: row, sending: false };
    properties.setProperty(CURSOR_KEY, cursorText(cursor));
  }
  const budget = timeBudget(options.startedAt, options.budgetSetting);
  const deadline = channel === "link" ? Math.min(budget.deadline, options.startedAt + WEB_REQUEST_BUDGET_MS) : budget.deadline;
  let quota = MailApp.getRemainingDailyQuota();
  let longest = 0;
  let sent = 0;
  let stoppedFor: DrainReport["stoppedFor"] = "done";
  let sign: Sign | null = null;
  let sheetUrl: string | null = null;
  let base: LinkBase | null = null;
  for (; row <= last; row += 1) {
    const q = queuedFromCell(cells[row - first]?.[at]);
    if (!q) {
      audit.push(unreadableAudit(row, options, now()));
      continue;
    }
    const step = nextStep(q.message, quota, now() + longest <= deadline);
    if (step === "skip") continue;
    if (step === "wait-quota" || step === "wait-time") {
      stoppedFor = step === "wait-quota" ? "quota" : "time";
      break;
    }
    properties.setProperty(CURSOR_KEY, cursorText({ next: row, sending: true }));
    const began = now();
    try {
      sign ??= linkSigner();
      sheetUrl ??= spreadsheet.getUrl();
      if (base === null) {
        // Never a /dev link: without the /exec URL the emails say to decide in the sheet, and Audit says why.
        base = decisionLinkBase(options.webAppUrl);
        if (base.url === null) audit.push(auditRecord({ at: now(), actor: options.actor(), action: "mail.link_refused", requestId: "", before: null, after: null, comment: both(base.reason), channel, timeZone }));
      }
      send(q.message, sign, sheetUrl, base.url);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      properties.setProperty(CURSOR_KEY, cursorText({ next: row, sending: false }));
      audit.push(mailAudit(q.message, "mail.failed", { zh: `发送失败,已留在队列中稍后重发:${reason}`, en: `Sending failed; kept in the queue for a later run: ${reason}` }, options.actor(), channel, now(), timeZone));
      stoppedFor = "error";
      break;
    }
    sent += 1;
    quota -= recipientsOf(q.message);
    longest = Math.max(longest, now() - began);
    if (row < options.freshFrom || options.freshFrom === 0) audit.push(mailAudit(q.message, "mail.sent_from_queue", M.sentFromQueue, options.actor(), channel, now(), timeZone));
  }
  const left = last - row + 1;
  if (left <= 0) {
    emptyQueue(sheet, last, properties);
  } else {
    properties.setProperty(CURSOR_KEY, cursorText({ next: row, sending: false }));
    // This job's own messages that did not go out now get an Audit row saying they wait.
    if (options.freshFrom > 0) {
      for (let r = Math.max(row, options.freshFrom); r <= last; r += 1) {
        const q = queuedFromCell(cells[r - first]?.[at]);
        if (q) audit.push(mailAudit(q.message, "mail.queued", stoppedFor === "time" ? M.waitingTime : M.queued, options.actor(), channel, now(), timeZone));
      }
    }
    if (stoppedFor === "time") scheduleContinuation(MAIL_CONTINUATION_HANDLER);
  }
  return { report: { sent, left: Math.max(0, left), stoppedFor }, audit };
}

function unreadableAudit(row: number, options: DrainOptions, at: number): SheetRecord {
  return auditRecord({ at, actor: options.actor(), action: "mail.unreadable", requestId: "", before: null, after: null, comment: `${both(M.unreadable)}: ${row}`, channel: options.channel, timeZone: options.timeZone });
}

/** Everything was sent: clear the rows (one call) and start the cursor again at the first row. */
function emptyQueue(sheet: GoogleAppsScript.Spreadsheet.Sheet, last: number, properties: GoogleAppsScript.Properties.Properties): void {
  if (last >= FIRST_QUEUE_ROW) sheet.getRange(FIRST_QUEUE_ROW, 1, last - FIRST_QUEUE_ROW + 1, Math.max(1, sheet.getLastColumn())).clearContent();
  properties.setProperty(CURSOR_KEY, cursorText({ next: FIRST_QUEUE_ROW, sending: false }));
}
