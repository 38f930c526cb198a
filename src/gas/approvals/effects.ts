/**
 * Carries out what `decide` asked (effects as data) for one job, in batches: the job adds every
 * transition's effects, then `flush()` writes each sheet once — Requests rows (with the state JSON,
 * the revision and the form response they came from), Approvals rows, Tasks created and completed,
 * Dealers and Promotions rows, Audit rows — and only then sends the emails, each with its signed
 * decision link, so nobody is asked to decide on a row that is not written yet. Untrusted text is
 * written as text by the table adapter (src/core/templates/table `textCell`) and HTML-escaped by
 * src/render.
 */
import type { Bilingual } from "../../core/i18n";
import { both } from "../../core/i18n";
import type { QueuedMail } from "../../core/approvals/mail-queue";
import { planMail, queueFromProperties, queueProperties } from "../../core/approvals/mail-queue";
import type { Channel, Effect, EmailMessage, RequestState, SheetRecord } from "../../core/approvals/model";
import { auditRecord, stateToJson } from "../../core/approvals/records";
import { createToken } from "../../core/approvals/token";
import type { Sign } from "../../core/approvals/token";
import type { TableRecord } from "../../core/templates/table";
import { renderApprovalEmail } from "../../render/approvals/email";
import { appendRecords, readTable, updateRecords } from "../table";
import { decisionLinkBase, decisionUrl, linkSigner } from "./link";
import type { ApprovalWorkbook, RequestRow } from "./workbook";

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

const M = {
  queued: { zh: "今日邮件配额已用完,邮件已排队,配额恢复后自动发送", en: "Today's mail quota is used up; the email is queued and goes out when quota is available" },
  sentFromQueue: { zh: "排队的邮件已发送", en: "The queued email was sent" },
} as const;

/** An Audit row about one email: what happened to it, its kind and recipients. */
function mailAudit(message: EmailMessage, action: string, what: Bilingual, actor: string, channel: Channel, at: number, timeZone: string): SheetRecord {
  const to = [...message.to, ...message.cc.map((c) => `cc ${c}`)].join(", ");
  return auditRecord({ at, actor, action, requestId: message.request.id, before: null, after: null, comment: `${both(what)}: ${message.kind} → ${to}`, channel, timeZone });
}

/** Renders one approval email (signing its decision link now) and sends it. */
function sendApprovalEmail(message: EmailMessage, sign: Sign, sheetUrl: string, base: string | null): void {
  const url = message.link ? decisionUrl(createToken(message.link, sign), base) : null;
  const mail = renderApprovalEmail(message, { decisionUrl: url, sheetUrl });
  MailApp.sendEmail({
    to: mail.to.join(","),
    ...(mail.cc.length ? { cc: mail.cc.join(",") } : {}),
    subject: mail.subject,
    body: mail.textBody,
    htmlBody: mail.htmlBody,
    name: "MarketOps",
  });
}

interface RequestWrite {
  readonly id: string;
  record: Record<string, unknown>;
}

/** Keyed upserts of one sheet: the last values per key win; rows found by `keyColumn`. */
function upsert(spreadsheet: Spreadsheet, sheetKey: string, keyColumn: string, records: ReadonlyMap<string, { values: SheetRecord; create: boolean }>): void {
  if (records.size === 0) return;
  const table = readTable(spreadsheet, sheetKey);
  // Every row holding the key: unique keys (ids) find one; a snapshot's sign-off request finds all its rows.
  const rowsOf = new Map<string, number[]>();
  for (const r of table.rows) {
    const key = r.values[keyColumn];
    if (key === null || key === undefined || String(key) === "") continue;
    const k = String(key).toUpperCase();
    rowsOf.set(k, [...(rowsOf.get(k) ?? []), r.row]);
  }
  const updates: { row: number; values: TableRecord }[] = [];
  const appends: TableRecord[] = [];
  for (const [key, { values, create }] of records) {
    const rows = rowsOf.get(key.toUpperCase());
    if (rows !== undefined) for (const row of rows) updates.push({ row, values });
    else if (create) appends.push({ [keyColumn]: key, ...values });
  }
  updateRecords(spreadsheet, sheetKey, updates);
  appendRecords(spreadsheet, sheetKey, appends);
}

/** The effects of one job, written sheet by sheet on `flush()`. */
export class EffectBatch {
  private readonly requests = new Map<string, RequestWrite>();
  private readonly approvals = new Map<string, { values: SheetRecord; create: boolean }>();
  private readonly tasksCreated: SheetRecord[] = [];
  private readonly tasksDone = new Map<string, { values: SheetRecord; create: boolean }>();
  private readonly records = new Map<string, Map<string, { values: SheetRecord; create: boolean }>>();
  private readonly audit: SheetRecord[] = [];
  private readonly emails: EmailMessage[] = [];

  /** `channel`: how the job started (form, link, sheet, trigger, menu), for the mail Audit rows. */
  constructor(
    private readonly book: ApprovalWorkbook,
    private readonly channel: Channel = "trigger",
  ) {}

  /**
   * Adds a transition's effects; `extra` adds Requests cells the engine does not know (the form
   * response a request came from). The in-memory Requests index follows, so a later event of the
   * same job sees the new state.
   */
  add(effects: readonly Effect[], extra: Readonly<Record<string, unknown>> = {}): void {
    for (const effect of effects) {
      switch (effect.kind) {
        case "upsert-request":
          this.upsertRequest(effect.id, effect.record, effect.state, extra);
          break;
        case "upsert-approvals":
          for (const r of effect.records) this.approvals.set(String(r.id), { values: r, create: true });
          break;
        case "create-task":
          this.tasksCreated.push(effect.record);
          break;
        case "complete-task":
          this.tasksDone.set(effect.id, { values: { done_on: effect.doneOn, ...(effect.outcome === "cancelled" ? { meets_requirement: false } : {}) }, create: false });
          break;
        case "update-record": {
          const sheet = this.records.get(`${effect.sheet}|${effect.keyColumn}`) ?? new Map<string, { values: SheetRecord; create: boolean }>();
          const before = sheet.get(effect.key);
          sheet.set(effect.key, { values: { ...(before?.values ?? {}), ...effect.values }, create: effect.createIfMissing || (before?.create ?? false) });
          this.records.set(`${effect.sheet}|${effect.keyColumn}`, sheet);
          break;
        }
        case "append-audit":
          this.audit.push(effect.record);
          break;
        case "send-email":
          this.emails.push(effect.message);
          break;
      }
    }
  }

  /** Records a Requests row outside the engine (a submission that could not be processed at all). */
  addRequestRow(id: string, record: Readonly<Record<string, unknown>>): void {
    const existing = this.requests.get(id.toUpperCase());
    this.requests.set(id.toUpperCase(), { id, record: { ...(existing?.record ?? {}), ...record } });
    this.book.byId.set(id.toUpperCase(), { row: this.book.byId.get(id.toUpperCase())?.row ?? 0, id, values: { ...record, id }, state: null });
  }

  /** Appends an Audit row that no transition produced (a refused edit, a failure). */
  addAudit(record: SheetRecord): void {
    this.audit.push(record);
  }

  private upsertRequest(id: string, record: SheetRecord, state: RequestState, extra: Readonly<Record<string, unknown>>): void {
    const key = id.toUpperCase();
    const previous = this.requests.get(key);
    this.requests.set(key, { id, record: { ...(previous?.record ?? {}), ...record, ...extra, state: stateToJson(state) } });
    const known = this.book.byId.get(key);
    this.book.byId.set(key, { row: known?.row ?? 0, id, values: { ...(known?.values ?? {}), ...record, ...extra }, state });
  }

  /**
   * Writes every sheet once, then sends the emails: first those queued by earlier runs, oldest
   * first, then this job's, while the daily quota lasts. What does not fit is queued in Script
   * Properties (mail-queue.ts) with an Audit row each, and goes out on a later run — every job that
   * flushes (the hourly timers included) sends the queue first. Returns how many emails were sent.
   * https://developers.google.com/apps-script/reference/mail/mail-app#sendEmail(Object)
   * https://developers.google.com/apps-script/reference/mail/mail-app#getRemainingDailyQuota()
   * https://developers.google.com/apps-script/reference/properties/properties#getProperties()
   */
  flush(): number {
    const ss = this.book.spreadsheet;
    const requestRecords = new Map<string, { values: SheetRecord; create: boolean }>();
    for (const w of this.requests.values()) requestRecords.set(w.id, { values: w.record as SheetRecord, create: true });
    const properties = PropertiesService.getScriptProperties();
    const stored = properties.getProperties();
    const now = Date.now();
    const zone = this.book.settings.timeZone;
    let actorEmail: string | null = null;
    const actor = (): string => (actorEmail ??= Session.getEffectiveUser().getEmail());
    let queued: QueuedMail[] = [];
    try {
      queued = queueFromProperties(stored);
    } catch (error) {
      // Only this script writes the queue; if it cannot be read, say so and start a new one.
      this.audit.push(auditRecord({ at: now, actor: actor(), action: "mail.queue_unreadable", requestId: "", before: null, after: null, comment: error instanceof Error ? error.message : String(error), channel: this.channel, timeZone: zone }));
    }
    const plan = queued.length || this.emails.length ? planMail(queued, this.emails, MailApp.getRemainingDailyQuota(), now) : null;
    const fromQueue = (plan?.send ?? []).filter((q) => !this.emails.includes(q.message));
    for (const q of plan?.newlyQueued ?? []) {
      this.audit.push(mailAudit(q.message, "mail.queued", M.queued, actor(), this.channel, now, zone));
    }
    for (const q of fromQueue) this.audit.push(mailAudit(q.message, "mail.sent_from_queue", M.sentFromQueue, actor(), this.channel, now, zone));
    upsert(ss, "requests", "id", requestRecords);
    upsert(ss, "approvals", "id", this.approvals);
    appendRecords(ss, "tasks", this.tasksCreated);
    upsert(ss, "tasks", "id", this.tasksDone);
    for (const [sheetAndKey, records] of this.records) {
      const [sheet = "", keyColumn = ""] = sheetAndKey.split("|");
      upsert(ss, sheet, keyColumn, records);
    }
    appendRecords(ss, "audit", this.audit);
    let sent = 0;
    if (plan) {
      let failure: string | null = null;
      if (plan.send.length) {
        const sign = linkSigner();
        const sheetUrl = ss.getUrl();
        // Never a /dev link: without the /exec URL the emails say to decide in the sheet, and Audit says why.
        const base = decisionLinkBase(this.book.settings.webAppUrl);
        if (base.url === null && plan.send.some(({ message }) => message.link)) {
          appendRecords(ss, "audit", [auditRecord({ at: now, actor: actor(), action: "mail.link_refused", requestId: "", before: null, after: null, comment: both(base.reason), channel: this.channel, timeZone: zone })]);
        }
        try {
          for (const { message } of plan.send) {
            sendApprovalEmail(message, sign, sheetUrl, base.url);
            sent += 1;
          }
        } catch (error) {
          failure = error instanceof Error ? error.message : String(error);
        }
      }
      // Whatever was not sent stays queued, in order: nothing is lost, nothing goes twice.
      const rest = [...plan.send.slice(sent), ...plan.keep];
      if (queued.length || rest.length) {
        const { set, remove } = queueProperties(rest, stored);
        if (Object.keys(set).length) properties.setProperties(set);
        for (const key of remove) properties.deleteProperty(key);
      }
      const stopped = plan.send[sent];
      if (failure !== null && stopped) {
        appendRecords(ss, "audit", [mailAudit(stopped.message, "mail.failed", { zh: `发送失败,已留在队列中稍后重发:${failure}`, en: `Sending failed; kept in the queue for a later run: ${failure}` }, actor(), this.channel, now, zone)]);
      }
    }
    this.requests.clear();
    this.approvals.clear();
    this.tasksCreated.length = 0;
    this.tasksDone.clear();
    this.records.clear();
    this.audit.length = 0;
    this.emails.length = 0;
    return sent;
  }
}

/** The state of a request by ID, from the job's index. */
export function stateOf(book: ApprovalWorkbook, id: string): RequestRow | undefined {
  return book.byId.get(id.trim().toUpperCase());
}
