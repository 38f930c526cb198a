/**
 * Every approval email goes through a queue kept in the hidden, owner-protected Mail queue sheet
 * (template `mail_queue`): one row per message, in order, holding what rebuilds it (the engine's
 * message as JSON, well under a cell's 50,000 characters because a request's state is bounded,
 * records.ts `compactState`). Script Properties keep only a small cursor: the next row to send and
 * whether a send was under way, written before each message goes out, so a run Google kills
 * mid-way never sends a message twice (issue 10.3, 10.4). Property values are limited to 9 KB and
 * a store to 500 KB (https://developers.google.com/apps-script/guides/services/quotas), which a
 * busy day's queue overflowed when the queue itself lived there.
 *
 * Reminders the hourly trigger sends one approver in the same run are batched into one digest
 * email (`digestReminders`), each request with its own signed link (issue 10 §3).
 *
 * This module is the pure part: what a queue row holds and how it is read back, the cursor's text,
 * which messages a run may send (strictly in order, so a message never overtakes one queued
 * before it), and the digest.
 */
import type { Bilingual, Language } from "../i18n";
import type { DecisionLink, EmailMessage, SheetRecord } from "./model";
import { dateTimeText } from "../templates/table";
import type { TaskReminderMail } from "./task-reminders";
import type { BudgetAlertMail } from "../budgets/budgets";
import type { DataEntryRefusedMail } from "../imports/data-forms";

/** One request in a reminder digest: what the digest shows of it, and its signed link. */
export interface DigestItem {
  readonly requestId: string;
  readonly title: string;
  readonly typeLabel: Bilingual;
  readonly requester: string;
  readonly submittedAt: number;
  readonly amount: number | null;
  readonly step: { readonly step: number; readonly of: number; readonly name: Bilingual } | null;
  readonly reminderNumber: number | null;
  /** The assignee the recipient decides for (a delegate's or manager's reminder). */
  readonly onBehalfOf: string | null;
  readonly link: DecisionLink | null;
}

/** Reminders of several requests to one approver, as one email. */
export interface ReminderDigest {
  readonly kind: "reminder-digest";
  readonly to: readonly string[];
  readonly cc: readonly string[];
  readonly language: Language;
  readonly recipientName: string;
  readonly timeZone: string;
  readonly items: readonly DigestItem[];
  /** The requester every listed request shares, for replies; null when they differ. */
  readonly replyTo?: string | null;
}

/** What the queue sends: an approval email, a digest of reminders, an overdue-task email (task-reminders.ts), a budget alert (budgets/budgets.ts) or a refused data entry (imports/data-forms.ts). */
export type OutgoingMail = EmailMessage | ReminderDigest | TaskReminderMail | BudgetAlertMail | DataEntryRefusedMail;

/** One queued message and when it was queued (epoch ms). */
export interface QueuedMail {
  readonly queuedAt: number;
  readonly message: OutgoingMail;
}

/** Recipients a message spends of the daily quota (the quota counts recipients, not messages). */
export function recipientsOf(message: OutgoingMail): number {
  return message.to.length + message.cc.length;
}

/** The request a message is about ("" for a digest of several). */
export function requestIdOf(message: OutgoingMail): string {
  if ("request" in message) return message.request.id;
  if (message.kind === "budget-alert" || message.kind === "data-entry-refused") return "";
  return message.items.length === 1 ? (message.items[0]?.requestId ?? "") : "";
}

/** A digest carries at most this many requests; more make another digest (a cell stays small). */
export const DIGEST_MAX_ITEMS = 40;

function digestItem(m: EmailMessage): DigestItem {
  return {
    requestId: m.request.id,
    title: m.request.title,
    typeLabel: m.request.typeLabel,
    requester: m.request.requester.name,
    submittedAt: m.request.submittedAt,
    amount: m.request.amount,
    step: m.step ? { step: m.step.step, of: m.step.of, name: m.step.name } : null,
    reminderNumber: m.reminderNumber,
    onBehalfOf: m.onBehalfOf,
    link: m.link,
  };
}

/**
 * This run's messages with the reminders of one recipient (same To and Cc) batched into digests
 * of at most `DIGEST_MAX_ITEMS`; a recipient with one reminder keeps the single reminder email.
 * Other messages keep their order; a recipient's digest takes the place of their first reminder.
 * @example [reminder A→x, approval-request B→y, reminder C→x] → [digest(A, C)→x, approval-request B→y]
 */
export function digestReminders(messages: readonly EmailMessage[], maxItems = DIGEST_MAX_ITEMS): OutgoingMail[] {
  const byRecipient = new Map<string, EmailMessage[]>();
  const keyOf = (m: EmailMessage): string => `${m.to.join(",")}|${m.cc.join(",")}`;
  for (const m of messages) {
    if (m.kind !== "reminder") continue;
    const list = byRecipient.get(keyOf(m)) ?? [];
    list.push(m);
    byRecipient.set(keyOf(m), list);
  }
  const out: OutgoingMail[] = [];
  const placed = new Set<string>();
  for (const m of messages) {
    const key = keyOf(m);
    const group = m.kind === "reminder" ? byRecipient.get(key) : undefined;
    if (!group || group.length < 2) {
      out.push(m);
      continue;
    }
    if (placed.has(key)) continue;
    placed.add(key);
    for (let i = 0; i < group.length; i += maxItems) {
      const part = group.slice(i, i + maxItems);
      const replies = new Set(part.map((p) => p.replyTo ?? null));
      const replyTo = replies.size === 1 ? (part[0]?.replyTo ?? null) : null;
      out.push({ kind: "reminder-digest", to: m.to, cc: m.cc, language: m.language, recipientName: m.recipientName, timeZone: m.request.timeZone, items: part.map(digestItem), replyTo });
    }
  }
  return out;
}

/** The Mail queue row of a message. `id` is unique within the queue. */
export function queueRecord(id: string, mail: QueuedMail, timeZone: string): SheetRecord {
  const m = mail.message;
  return {
    id,
    queued_at: dateTimeText(mail.queuedAt, timeZone),
    request_id: requestIdOf(m) || null,
    kind: m.kind,
    recipients: [...m.to, ...m.cc.map((c) => `cc ${c}`)].join(", "),
    message: JSON.stringify(mail),
  };
}

function isOutgoing(value: unknown): value is OutgoingMail {
  if (typeof value !== "object" || value === null) return false;
  const m = value as { to?: unknown; cc?: unknown; kind?: unknown; items?: unknown; request?: unknown };
  if (!Array.isArray(m.to) || !Array.isArray(m.cc) || typeof m.kind !== "string") return false;
  if (m.kind === "budget-alert") return true;
  if (m.kind === "data-entry-refused") return Array.isArray((m as { reasons?: unknown }).reasons);
  return m.kind === "reminder-digest" || m.kind === "task-reminder" || m.kind === "task-escalation" ? Array.isArray(m.items) : typeof m.request === "object" && m.request !== null;
}

/** The queued message a Mail queue cell holds, or null when the cell is not one (edited, cut short). */
export function queuedFromCell(text: unknown): QueuedMail | null {
  if (typeof text !== "string" || text === "") return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof parsed !== "object" || parsed === null) return null;
  const q = parsed as { queuedAt?: unknown; message?: unknown };
  return typeof q.queuedAt === "number" && isOutgoing(q.message) ? { queuedAt: q.queuedAt, message: q.message } : null;
}

/** The Script Properties key of the queue's cursor. */
export const CURSOR_KEY = "APPROVAL_MAIL_CURSOR";

/**
 * Where sending stands: `next` is the sheet row of the next message to send; `sending` says a
 * send of that row had begun when the cursor was last written (if a run finds it so, the run
 * before was stopped between starting that send and recording it: whether it went out is unknown).
 */
export interface MailCursor {
  readonly next: number;
  readonly sending: boolean;
}

/** The first data row of the queue sheet. */
export const FIRST_QUEUE_ROW = 2;

/** The cursor stored as text ("row" or "row sending"); a missing or unreadable one starts at the first row. */
export function cursorFromText(text: string | null): MailCursor {
  const m = /^(\d+)( sending)?$/.exec((text ?? "").trim());
  const next = m ? Number(m[1]) : FIRST_QUEUE_ROW;
  return { next: Math.max(FIRST_QUEUE_ROW, next), sending: Boolean(m?.[2]) };
}

export function cursorText(cursor: MailCursor): string {
  return `${cursor.next}${cursor.sending ? " sending" : ""}`;
}

/**
 * Whether the next queued message may go now: the quota (recipients) must cover it, and the time
 * budget must leave room for one more send (`allows`, from src/core/time-budget.ts). A message
 * without a To recipient is skipped (there is nobody to send it to).
 */
export function nextStep(message: OutgoingMail, quotaLeft: number, timeLeft: boolean): "send" | "skip" | "wait-quota" | "wait-time" {
  if (message.to.length === 0) return "skip";
  if (recipientsOf(message) > quotaLeft) return "wait-quota";
  return timeLeft ? "send" : "wait-time";
}
