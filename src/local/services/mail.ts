/**
 * MailApp and GmailApp.sendEmail for the local host: instead of leaving the machine, every message
 * lands in an outbox under `<outDir>/mail/` as a real MIME `.eml` (composed by nodemailer's
 * MailComposer: multipart/alternative, UTF-8, RFC 2047 encoded subject) and as an `.html` page a
 * person can open. File names carry a sequence number that continues across runs, the kind of
 * message (from `<meta name="marketops-kind" content="...">` in the HTML body) and the first
 * recipient: `0007-approval-request-li-wei.eml`. The daily recipient quota is enforced on the
 * simulated clock with Apps Script's own error text.
 *
 * MailComposer builds asynchronously while `sendEmail` is synchronous (as in Apps Script), so the
 * `.eml` is written in the background; the host awaits `outbox.flush()` at the end of an execution.
 */
import fs from "node:fs";
import path from "node:path";
import MailComposer from "nodemailer/lib/mail-composer";
import { dayKey, wallClock } from "../../core/time";
import { emulated, NotEmulatedError } from "../emulation";
import type { ServiceEnv } from "./env";
import { withBodyPrefix, withHead } from "./page";
import { asRecord, escapeHtml, invalidArgument, stringOf } from "./values";

/**
 * How the daily quota window resets. Google's quotas page says quotas "reset 24 hours after the
 * first request" (https://developers.google.com/apps-script/guides/services/quotas), which is the
 * default here; `pacific-midnight` models the older behaviour (reset at 00:00 America/Los_Angeles)
 * still described in many third-party pages.
 */
export type QuotaReset = "rolling-24h" | "pacific-midnight";

export interface MailServiceOptions {
  /** Recipients per day. Default 100, the consumer-account figure on the quotas page. */
  readonly dailyQuota?: number;
  readonly quotaReset?: QuotaReset;
}

/** One message as the outbox recorded it. Paths are absolute. */
export interface OutboxMessage {
  readonly seq: number;
  readonly kind: string;
  readonly service: "MailApp" | "GmailApp";
  readonly from: string;
  /** The `name` option: the sender's display name, if the bundle gave one. */
  readonly fromName: string | null;
  readonly to: readonly string[];
  readonly cc: readonly string[];
  readonly bcc: readonly string[];
  readonly replyTo: string | null;
  readonly subject: string;
  readonly text: string;
  readonly html: string | null;
  /** Epoch ms on the simulated clock. */
  readonly sentAt: number;
  readonly emlPath: string;
  readonly htmlPath: string;
}

interface QuotaWindow {
  opened: number;
  used: number;
}

/** Plain-JSON state the host keeps between CLI runs. */
export interface MailState {
  readonly nextSeq: number;
  readonly dailyQuota: number;
  readonly windows: Readonly<Record<string, QuotaWindow>>;
  readonly messages: readonly OutboxMessage[];
}

export interface OutboxController {
  messages(): OutboxMessage[];
  setDailyQuota(n: number): void;
  /** Recipients the given sender (default: the effective user) may still email in the current window. */
  remainingQuota(sender?: string): number;
  /** Forgets recorded messages and quota use; the sequence continues so files on disk are never overwritten. */
  reset(): void;
  /** Resolves when every `.eml` of the messages sent so far is on disk; rejects if one failed. */
  flush(): Promise<void>;
  exportState(): MailState;
  importState(state: unknown): void;
}

export interface MailAppGlobal {
  getRemainingDailyQuota(): number;
  sendEmail(...args: unknown[]): void;
}

export interface GmailAppGlobal {
  sendEmail(...args: unknown[]): GmailAppGlobal;
}

const DEFAULT_DAILY_QUOTA = 100;
const DAY_MS = 86_400_000;
const PACIFIC = "America/Los_Angeles";
/** https://developers.google.com/apps-script/guides/services/quotas (exceeding a quota throws this text). */
const QUOTA_ERROR = "Service invoked too many times for one day: email.";
/** Options the emulation understands; others that change what is sent fail loudly. */
const UNSUPPORTED_OPTIONS = ["attachments", "inlineImages", "from"] as const;

interface OutgoingMessage {
  to: string[];
  cc: string[];
  bcc: string[];
  replyTo: string | null;
  subject: string;
  body: string;
  htmlBody: string | null;
  name: string | null;
  noReply: boolean;
}

export function createMailService(
  env: ServiceEnv,
  options: MailServiceOptions = {},
): { MailApp: MailAppGlobal; GmailApp: GmailAppGlobal; outbox: OutboxController } {
  const quotaReset: QuotaReset = options.quotaReset ?? "rolling-24h";
  let dailyQuota = options.dailyQuota ?? DEFAULT_DAILY_QUOTA;
  let nextSeq = 1;
  let windows = new Map<string, QuotaWindow>();
  let sent: OutboxMessage[] = [];
  const pending = new Set<Promise<void>>();
  const failures: Error[] = [];
  const mailDir = path.join(env.outDir, "mail");

  function windowIsOpen(w: QuotaWindow, now: number): boolean {
    return quotaReset === "rolling-24h" ? now < w.opened + DAY_MS : dayKey(now, PACIFIC) === dayKey(w.opened, PACIFIC);
  }

  function used(sender: string): number {
    const w = windows.get(sender);
    return w && windowIsOpen(w, env.clock.now()) ? w.used : 0;
  }

  function spend(sender: string, recipients: number): void {
    const now = env.clock.now();
    const w = windows.get(sender);
    if (w && windowIsOpen(w, now)) w.used += recipients;
    else windows.set(sender, { opened: now, used: recipients });
  }

  function send(service: OutboxMessage["service"], message: OutgoingMessage): void {
    const recipients = message.to.length + message.cc.length + message.bcc.length;
    // https://developers.google.com/apps-script/reference/mail/mail-app#sendEmail(Object)
    if (recipients === 0) throw new Error("Failed to send email: no recipient");
    const sender = env.session.effectiveUserEmail;
    // Quotas count recipients, not messages: https://developers.google.com/apps-script/guides/services/quotas
    if (used(sender) + recipients > dailyQuota) throw new Error(QUOTA_ERROR);
    spend(sender, recipients);

    const seq = nextSeq++;
    const sentAt = env.clock.now();
    const kind = kindOf(message.htmlBody);
    const base = `${String(seq).padStart(4, "0")}-${kind}-${slugOf(message.to[0] ?? message.cc[0] ?? message.bcc[0] ?? "")}`;
    const from = message.noReply ? `noreply@${domainOf(sender)}` : sender;
    const record: OutboxMessage = {
      seq,
      kind,
      service,
      from,
      fromName: message.name,
      to: message.to,
      cc: message.cc,
      bcc: message.bcc,
      replyTo: message.replyTo,
      subject: message.subject,
      text: message.body,
      html: message.htmlBody,
      sentAt,
      emlPath: path.join(mailDir, `${base}.eml`),
      htmlPath: path.join(mailDir, `${base}.html`),
    };
    fs.mkdirSync(mailDir, { recursive: true });
    fs.writeFileSync(record.htmlPath, htmlCopy(record, env.scriptTimeZone));
    sent.push(record);
    const writing = writeEml(record).catch((error: unknown) => {
      failures.push(error instanceof Error ? error : new Error(String(error)));
    });
    pending.add(writing);
    void writing.finally(() => pending.delete(writing));
  }

  const MailApp: MailAppGlobal = emulated(
    "MailApp",
    {
      // https://developers.google.com/apps-script/reference/mail/mail-app#getRemainingDailyQuota()
      getRemainingDailyQuota(): number {
        return Math.max(0, dailyQuota - used(env.session.effectiveUserEmail));
      },
      // https://developers.google.com/apps-script/reference/mail/mail-app#sendEmail(Object)
      // https://developers.google.com/apps-script/reference/mail/mail-app#sendEmail(String,String,String,Object)
      // https://developers.google.com/apps-script/reference/mail/mail-app#sendEmail(String,String,String,String)
      sendEmail(...args: unknown[]): void {
        send("MailApp", parseMailAppArgs(args));
      },
    },
    env.counter,
  );

  const GmailApp: GmailAppGlobal = emulated(
    "GmailApp",
    {
      // https://developers.google.com/apps-script/reference/gmail/gmail-app#sendEmail(String,String,String,Object)
      sendEmail(...args: unknown[]): GmailAppGlobal {
        const [recipient, subject, body, opts] = args;
        send("GmailApp", fromPositional("GmailApp.sendEmail", recipient, subject, body, opts));
        return GmailApp;
      },
    },
    env.counter,
  );

  const outbox: OutboxController = {
    messages: () => sent.map((m) => ({ ...m })),
    setDailyQuota(n: number): void {
      if (!Number.isInteger(n) || n < 0) throw new Error(`daily quota must be a whole number >= 0, got ${n}`);
      dailyQuota = n;
    },
    remainingQuota: (sender = env.session.effectiveUserEmail) => Math.max(0, dailyQuota - used(sender)),
    reset(): void {
      sent = [];
      windows = new Map();
    },
    async flush(): Promise<void> {
      while (pending.size > 0) await Promise.all([...pending]);
      const failure = failures.shift();
      if (failure) throw failure;
    },
    exportState: () => ({
      nextSeq,
      dailyQuota,
      windows: Object.fromEntries([...windows].map(([k, w]) => [k, { ...w }])),
      messages: sent.map((m) => ({ ...m })),
    }),
    importState(state: unknown): void {
      const s = asRecord(state);
      if (!s || typeof s.nextSeq !== "number" || typeof s.dailyQuota !== "number" || !Array.isArray(s.messages)) {
        throw new Error("mail state: expected { nextSeq, dailyQuota, windows, messages }");
      }
      nextSeq = s.nextSeq;
      dailyQuota = s.dailyQuota;
      windows = new Map();
      for (const [sender, w] of Object.entries(asRecord(s.windows) ?? {})) {
        const win = asRecord(w);
        if (win && typeof win.opened === "number" && typeof win.used === "number") windows.set(sender, { opened: win.opened, used: win.used });
      }
      sent = (s.messages as unknown[]).map((m) => ({ ...(m as OutboxMessage) }));
    },
  };

  return { MailApp, GmailApp, outbox };
}

function parseMailAppArgs(args: readonly unknown[]): OutgoingMessage {
  if (args.length === 1) {
    const message = asRecord(args[0]);
    if (!message) throw invalidArgument("message");
    rejectUnsupported(message, "MailApp.sendEmail");
    return {
      to: addressList(message.to),
      cc: addressList(message.cc),
      bcc: addressList(message.bcc),
      replyTo: optionalAddress(message.replyTo),
      subject: textOf(message.subject),
      body: textOf(message.body),
      htmlBody: typeof message.htmlBody === "string" ? message.htmlBody : null,
      name: typeof message.name === "string" ? message.name : null,
      noReply: message.noReply === true,
    };
  }
  const [a, b, c, d] = args;
  if (args.length === 4 && typeof d === "string") {
    // sendEmail(to, replyTo, subject, body)
    return fromPositional("MailApp.sendEmail", a, c, d, { replyTo: b });
  }
  return fromPositional("MailApp.sendEmail", a, b, c, d);
}

function fromPositional(method: string, recipient: unknown, subject: unknown, body: unknown, opts: unknown): OutgoingMessage {
  if (typeof recipient !== "string") throw invalidArgument("recipient");
  const options = opts === undefined || opts === null ? {} : asRecord(opts);
  if (!options) throw invalidArgument("options");
  rejectUnsupported(options, method);
  return {
    to: addressList(recipient),
    cc: addressList(options.cc),
    bcc: addressList(options.bcc),
    replyTo: optionalAddress(options.replyTo),
    subject: textOf(subject),
    body: textOf(body),
    htmlBody: typeof options.htmlBody === "string" ? options.htmlBody : null,
    name: typeof options.name === "string" ? options.name : null,
    noReply: options.noReply === true,
  };
}

function rejectUnsupported(options: Record<string, unknown>, method: string): void {
  for (const key of UNSUPPORTED_OPTIONS) {
    if (options[key] !== undefined && options[key] !== null) throw new NotEmulatedError(`${method} option "${key}"`);
  }
}

function textOf(value: unknown): string {
  return value === undefined || value === null ? "" : stringOf(value);
}

/** A comma-separated list of addresses, as MailApp takes them; each is validated like Gmail does. */
function addressList(value: unknown): string[] {
  if (value === undefined || value === null || value === "") return [];
  const list = stringOf(value)
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  for (const entry of list) {
    // Apps Script's wording for a malformed recipient: "Invalid email: <address>".
    if (!isAddress(bareAddress(entry))) throw new Error(`Invalid email: ${entry}`);
  }
  return list;
}

function optionalAddress(value: unknown): string | null {
  const list = addressList(value);
  return list[0] ?? null;
}

function bareAddress(entry: string): string {
  const angle = /<([^>]*)>\s*$/.exec(entry);
  return (angle?.[1] ?? entry).trim();
}

function isAddress(address: string): boolean {
  return /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$/.test(address);
}

function domainOf(address: string): string {
  return bareAddress(address).split("@")[1] ?? "localhost";
}

/** The kind the bundle declared in `<meta name="marketops-kind" content="...">`, else `message`. */
export function kindOf(htmlBody: string | null): string {
  if (!htmlBody) return "message";
  for (const tag of htmlBody.match(/<meta\b[^>]*>/gi) ?? []) {
    const name = /\bname\s*=\s*["']?([^"'\s>]+)/i.exec(tag)?.[1];
    const content = /\bcontent\s*=\s*["']([^"']*)["']/i.exec(tag)?.[1] ?? /\bcontent\s*=\s*([^\s>]+)/i.exec(tag)?.[1];
    if (name?.toLowerCase() === "marketops-kind" && content) {
      const kind = content.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
      if (kind) return kind;
    }
  }
  return "message";
}

/** A short ASCII slug of an address's local part: `Li.Wei+mkt@x.cn` -> `li-wei-mkt`. */
export function slugOf(address: string): string {
  const local = bareAddress(address).split("@")[0] ?? "";
  const slug = local
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 24)
    .replace(/-+$/g, "");
  return slug || "recipient";
}

function writeEml(message: OutboxMessage): Promise<void> {
  const composer = new MailComposer({
    from: message.fromName ? { name: message.fromName, address: message.from } : message.from,
    to: [...message.to],
    ...(message.cc.length > 0 ? { cc: [...message.cc] } : {}),
    ...(message.bcc.length > 0 ? { bcc: [...message.bcc] } : {}),
    ...(message.replyTo ? { replyTo: message.replyTo } : {}),
    subject: message.subject,
    text: message.text,
    ...(message.html !== null ? { html: message.html } : {}),
    date: new Date(message.sentAt),
    messageId: `<${message.seq}.${message.sentAt}@marketops.local>`,
  });
  return new Promise<void>((resolve, reject) => {
    composer.compile().build((error, eml) => {
      if (error) {
        reject(error);
        return;
      }
      fs.promises.writeFile(message.emlPath, eml).then(resolve, reject);
    });
  });
}

/** The `.html` copy: the message's HTML body (or its text) with a From/To/Cc/Subject/Date header. */
function htmlCopy(message: OutboxMessage, timeZone: string): string {
  const w = wallClock(message.sentAt, timeZone);
  const pad = (n: number): string => String(n).padStart(2, "0");
  const date = `${w.year}-${pad(w.month)}-${pad(w.day)} ${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)} (${timeZone})`;
  const rows: [string, string][] = [
    ["From", message.fromName ? `${message.fromName} <${message.from}>` : message.from],
    ["To", message.to.join(", ")],
    ...(message.cc.length > 0 ? [["Cc", message.cc.join(", ")] as [string, string]] : []),
    ...(message.replyTo ? [["Reply-To", message.replyTo] as [string, string]] : []),
    ["Subject", message.subject],
    ["Date", date],
  ];
  const header =
    `<header style="font:13px/1.5 system-ui,sans-serif;background:#f3f4f6;border-bottom:1px solid #d1d5db;padding:8px 12px;margin:0 0 12px">` +
    `<table style="border-collapse:collapse">` +
    rows.map(([k, v]) => `<tr><th style="text-align:right;padding:0 8px 0 0;color:#6b7280;font-weight:600">${k}</th><td>${escapeHtml(v)}</td></tr>`).join("") +
    `</table></header>`;
  const body = message.html ?? `<pre style="white-space:pre-wrap;font:14px/1.5 system-ui,sans-serif">${escapeHtml(message.text)}</pre>`;
  const title = `<title>${escapeHtml(message.subject)}</title>`;
  const titled = /<title[\s>][\s\S]*?<\/title>/i.test(body)
    ? withHead(body.replace(/<title[\s>][\s\S]*?<\/title>/i, title), `<meta charset="utf-8">`)
    : withHead(body, `<meta charset="utf-8">${title}`);
  return withBodyPrefix(titled, header);
}
