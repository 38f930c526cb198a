/**
 * Mail through the Gmail API, sent at most once. Each message is composed as MIME (nodemailer's
 * MailComposer, as the local outbox composes it) with a Message-ID derived from what it says — the
 * branch, recipients, subject and body — so the same message always has the same id. A send that
 * failed without a clear answer (a 5xx, a dropped connection) is retried only after
 * `users.messages.list` with `q=rfc822msgid:<id>` finds no such message in the sender's mailbox; a
 * 429 is retried at once (Google refused it unsent). So a retried send never doubles.
 * https://developers.google.com/gmail/api/reference/rest/v1/users.messages/send
 * https://developers.google.com/gmail/api/guides/sending
 * https://support.google.com/mail/answer/7190 (the rfc822msgid: search operator)
 */
import { createHash } from "node:crypto";
import type { gmail_v1 } from "googleapis";
import MailComposer from "nodemailer/lib/mail-composer";
import type { OutboxMessage } from "../local/services/mail";
import type { ApiBudget } from "./quota";

/**
 * One message to send, as the bundle's MailApp call (or the HQ report) gave it: the fields of the
 * local host's outbox record that make the message (`sentAt`, epoch ms, becomes the Date header).
 */
export type Mail = Pick<OutboxMessage, "from" | "fromName" | "to" | "cc" | "bcc" | "replyTo" | "subject" | "text" | "html" | "sentAt">;

/** The Message-ID of a message: the same text sent for the same spreadsheet gets the same id. */
export function messageIdOf(scope: string, mail: Mail): string {
  const hash = createHash("sha256")
    .update(JSON.stringify([scope, mail.from, mail.to, mail.cc, mail.bcc, mail.subject, mail.text, mail.html]))
    .digest("hex")
    .slice(0, 32);
  const domain = /@([^@>\s]+)$/.exec(mail.from)?.[1] ?? "marketops.invalid";
  return `<marketops.${hash}@${domain}>`;
}

/** The message as RFC 822 bytes, Bcc kept (Gmail delivers to it and drops the header). */
export async function rawMessage(mail: Mail, messageId: string): Promise<Buffer> {
  const composer = new MailComposer({
    from: mail.fromName ? { name: mail.fromName, address: mail.from } : mail.from,
    to: [...mail.to],
    ...(mail.cc.length > 0 ? { cc: [...mail.cc] } : {}),
    ...(mail.bcc.length > 0 ? { bcc: [...mail.bcc] } : {}),
    ...(mail.replyTo ? { replyTo: mail.replyTo } : {}),
    subject: mail.subject,
    text: mail.text,
    ...(mail.html !== null ? { html: mail.html } : {}),
    date: new Date(mail.sentAt),
    messageId,
  });
  const node = composer.compile();
  node.keepBcc = true;
  return new Promise<Buffer>((resolve, reject) => node.build((error, eml) => (error ? reject(error) : resolve(eml))));
}

export interface SentMail {
  readonly messageId: string;
  /** The Gmail id of the message sent (or found already sent). */
  readonly gmailId: string;
  /** True when an earlier attempt had sent it (found by its Message-ID), so this one sent nothing. */
  readonly alreadySent: boolean;
}

/** Sends one message once (see the file comment). Two Gmail requests the first time, more only on retries. */
export async function sendOnce(gmail: gmail_v1.Gmail, budget: ApiBudget, mail: Mail, messageId: string): Promise<SentMail> {
  const raw = (await rawMessage(mail, messageId)).toString("base64url");
  let alreadySent = false;
  const id = await budget.call(
    "gmail",
    `users.messages.send ${messageId}`,
    async () => (await gmail.users.messages.send({ userId: "me", requestBody: { raw } })).data.id ?? "",
    {
      idempotent: false,
      beforeRetry: async () => {
        const found = await budget.call("gmail", `users.messages.list rfc822msgid:${messageId}`, async () => (await gmail.users.messages.list({ userId: "me", q: `rfc822msgid:${messageId}`, maxResults: 1 })).data.messages ?? [], { idempotent: true });
        const first = found[0]?.id;
        if (!first) return null;
        alreadySent = true;
        return { done: first };
      },
    },
  );
  return { messageId, gmailId: id, alreadySent };
}
