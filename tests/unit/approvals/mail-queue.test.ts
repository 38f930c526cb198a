/**
 * The mail queue's pure part (issue 10.3, 10.4, §3): a queue row holds what rebuilds its message
 * and reads back exactly; the cursor's text; which message may go now (quota, time, order); and
 * one approver's reminders batched into one digest email, rendered bilingual, escaped, with each
 * request's own link.
 */
import { describe, expect, it } from "vitest";
import type { QueuedMail, ReminderDigest } from "../../../src/core/approvals/mail-queue";
import { cursorFromText, cursorText, digestReminders, nextStep, queuedFromCell, queueRecord } from "../../../src/core/approvals/mail-queue";
import type { EmailMessage } from "../../../src/core/approvals/model";
import { renderReminderDigest } from "../../../src/render/approvals/digest";
import { E, at, decision, emails, must, submit, ZONE } from "./fixtures";

const MON = "2026-11-02";

/** Real messages from the engine: a stock transfer's approval request, then its decision notice. */
function messages(): EmailMessage[] {
  const submitted = submit("stock_transfer", E.salesEast, at(MON));
  const decided = decision(must(submitted.state), "approve", E.manager, at(MON, "10:00"), "同意");
  return [...emails(submitted), ...emails(decided)];
}

/** A reminder to `to` about a request titled `title` (an engine email made a reminder). */
function reminder(title: string, to: string = E.manager): EmailMessage {
  const [base] = messages();
  if (!base) throw new Error("no email");
  return { ...base, kind: "reminder", to: [to], cc: [], reminderNumber: 1, request: { ...base.request, id: `ST-2026-${title}`, title } };
}

describe("a queue row (the hidden Mail queue sheet)", () => {
  it("holds what rebuilds its message, and reads back the same message", () => {
    for (const message of messages()) {
      const q: QueuedMail = { queuedAt: at(MON), message };
      const row = queueRecord("1-1", q, ZONE);
      expect(row.kind).toBe(message.kind);
      expect(String(row.recipients)).toContain(message.to[0] ?? "?");
      expect(String(row.message).length).toBeLessThan(50_000);
      expect(queuedFromCell(row.message)).toEqual(q);
    }
  });

  it("a damaged cell is not a message", () => {
    expect(queuedFromCell("{not json")).toBeNull();
    expect(queuedFromCell(JSON.stringify({ queuedAt: 1, message: { to: "x" } }))).toBeNull();
    expect(queuedFromCell("")).toBeNull();
  });
});

describe("the cursor in Script Properties (a few bytes, whatever the queue holds)", () => {
  it("round-trips, remembers a send under way, and starts at the first data row when missing", () => {
    expect(cursorFromText(null)).toEqual({ next: 2, sending: false });
    expect(cursorFromText(cursorText({ next: 517, sending: true }))).toEqual({ next: 517, sending: true });
    expect(cursorFromText("garbage")).toEqual({ next: 2, sending: false });
    expect(cursorText({ next: 9, sending: false })).toBe("9");
  });
});

describe("nextStep: quota, time budget, recipients", () => {
  it("sends while quota and time allow; otherwise waits; nobody to send to is skipped", () => {
    const [m] = messages();
    if (!m) throw new Error("no message");
    expect(nextStep(m, 10, true)).toBe("send");
    expect(nextStep(m, 0, true)).toBe("wait-quota");
    expect(nextStep(m, 10, false)).toBe("wait-time");
    expect(nextStep({ ...m, to: [] }, 10, true)).toBe("skip");
  });
});

describe("§3: one approver's reminders are batched into one digest email", () => {
  it("reminders to the same person become one digest in place of the first; other mail keeps its order", () => {
    const [request] = messages();
    if (!request) throw new Error("no message");
    const a = reminder("A");
    const b = reminder("B");
    const c = reminder("C", E.director);
    const out = digestReminders([a, request, b, c]);
    expect(out.map((m) => m.kind)).toEqual(["reminder-digest", request.kind, "reminder"]);
    const digest = out[0] as ReminderDigest;
    expect(digest.to).toEqual([E.manager]);
    expect(digest.items.map((i) => i.title)).toEqual(["A", "B"]);
  });

  it("a digest holds at most the given number of requests; more make another digest", () => {
    const many = Array.from({ length: 5 }, (_, i) => reminder(`R${i}`));
    const out = digestReminders(many, 2);
    expect(out.map((m) => (m.kind === "reminder-digest" ? m.items.length : 0))).toEqual([2, 2, 1]);
  });

  it("renders both languages, escapes what people typed, and links each request to its own page", () => {
    const a = reminder("<script>alert(1)</script>");
    const b = reminder("B & co");
    const digest = digestReminders([a, b])[0] as ReminderDigest;
    const links = new Map(digest.items.map((i, n) => [i.requestId, `https://script.google.com/macros/s/x/exec?t=token${n}`]));
    const mail = renderReminderDigest(digest, links);
    expect(mail.subject).toContain("催办汇总");
    expect(mail.subject).toContain("Reminder: 2 requests");
    expect(mail.htmlBody).not.toContain("<script>alert(1)</script>");
    expect(mail.htmlBody).toContain("&lt;script&gt;");
    expect(mail.htmlBody).toContain("B &amp; co");
    expect(mail.htmlBody).toContain("exec?t=token0");
    expect(mail.htmlBody).toContain("exec?t=token1");
    expect(mail.textBody).toContain("exec?t=token1");
    expect(mail.htmlBody).toContain('content="reminder-digest"');
  });
});
