/**
 * Carries out what `decide` asked (effects as data) for one job, in batches: the job adds every
 * transition's effects, then `flush()` writes each sheet once — Requests rows (with the state JSON,
 * the revision and the form response they came from), Approvals rows, Tasks created and completed,
 * Dealers and Promotions rows, Audit rows — and only then sends the emails, each with its signed
 * decision link, so nobody is asked to decide on a row that is not written yet. Untrusted text is
 * written as text by the table adapter (src/core/templates/table `textCell`) and HTML-escaped by
 * src/render.
 */
import { digestReminders } from "../../core/approvals/mail-queue";
import type { OutgoingMail } from "../../core/approvals/mail-queue";
import type { Channel, Effect, EmailMessage, RequestState, SheetRecord } from "../../core/approvals/model";
import { stateToJson } from "../../core/approvals/records";
import type { TableRecord } from "../../core/templates/table";
import { linkRuleIds } from "../rules";
import { appendAfterLastRow, appendRecords, readTable, updateRecords } from "../table";
import type { DrainReport } from "./outbox";
import { drainMailQueue, enqueueMail } from "./outbox";
import type { ApprovalWorkbook, RequestRow } from "./workbook";

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

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
  /** Mail no transition produced (overdue-task reminders), queued after this job's request emails. */
  private readonly otherMail: OutgoingMail[] = [];

  /** `channel`: how the job started (form, link, sheet, trigger, menu), for the mail Audit rows. */
  /** What the last `flush()` did with the mail queue. */
  lastDrain: DrainReport | null = null;

  /** `startedAt`: when the job began (epoch ms), for its time budget (Settings `JOB_TIME_BUDGET_S`). */
  constructor(
    private readonly book: ApprovalWorkbook,
    private readonly channel: Channel = "trigger",
    private readonly startedAt: number = Date.now(),
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

  /** Queues an email no transition produced (an overdue-task reminder), sent on `flush()` with the rest. */
  addMail(mail: OutgoingMail): void {
    this.otherMail.push(mail);
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
   * Writes the Requests rows: a known request at the row the job read it from (no second read of
   * the sheet), a new one after the last row.
   */
  private writeRequests(): void {
    const updates: { row: number; values: TableRecord }[] = [];
    const appends: TableRecord[] = [];
    for (const [key, w] of this.requests) {
      const row = this.book.byId.get(key)?.row ?? 0;
      if (row > 1) updates.push({ row, values: w.record as TableRecord });
      else appends.push({ id: w.id, ...(w.record as TableRecord) });
    }
    updateRecords(this.book.spreadsheet, "requests", updates);
    const first = appendAfterLastRow(this.book.spreadsheet, "requests", appends);
    appends.forEach((record, i) => {
      const key = String(record.id).toUpperCase();
      const known = this.book.byId.get(key);
      if (known) this.book.byId.set(key, { ...known, row: first + i, state: known.state });
    });
  }

  /**
   * Writes every sheet once, then queues this job's emails (a recipient's reminders batched into
   * one digest) in the Mail queue sheet and sends from the queue, oldest first, while the daily
   * quota and the job's time budget last (outbox.ts); what does not go out now waits there, with
   * an Audit row each, for a later run or the continuation. Returns how many emails were sent.
   */
  flush(): number {
    const ss = this.book.spreadsheet;
    const now = Date.now();
    const zone = this.book.settings.timeZone;
    let actorEmail: string | null = null;
    const actor = (): string => (actorEmail ??= Session.getEffectiveUser().getEmail());
    this.writeRequests();
    // Approvals rows are only ever added (one per decided slot); Audit rows too.
    appendAfterLastRow(ss, "approvals", [...this.approvals].map(([id, { values }]) => ({ id, ...values })));
    const firstTask = appendRecords(ss, "tasks", this.tasksCreated);
    // Each task's note names its rule (WF-05.7, KPI-11 …): linked to its Rules row, one pass per job (issue 11 §1).
    if (firstTask > 0) linkRuleIds(ss, "tasks", ["notes"], firstTask, this.tasksCreated.length);
    upsert(ss, "tasks", "id", this.tasksDone);
    for (const [sheetAndKey, records] of this.records) {
      const [sheet = "", keyColumn = ""] = sheetAndKey.split("|");
      upsert(ss, sheet, keyColumn, records);
    }
    appendAfterLastRow(ss, "audit", this.audit);
    const freshFrom = enqueueMail(ss, [...digestReminders(this.emails.filter((m) => m.to.length > 0)), ...this.otherMail.filter((m) => m.to.length > 0)], now, zone);
    const { report, audit } = drainMailQueue(ss, { startedAt: this.startedAt, budgetSetting: this.book.jobTimeBudget, channel: this.channel, timeZone: zone, freshFrom, actor, webAppUrl: this.book.settings.webAppUrl });
    appendAfterLastRow(ss, "audit", audit);
    this.lastDrain = report;
    const sent = report.sent;
    this.requests.clear();
    this.approvals.clear();
    this.tasksCreated.length = 0;
    this.tasksDone.clear();
    this.records.clear();
    this.audit.length = 0;
    this.emails.length = 0;
    this.otherMail.length = 0;
    return sent;
  }
}

/** The state of a request by ID, from the job's index. */
export function stateOf(book: ApprovalWorkbook, id: string): RequestRow | undefined {
  return book.byId.get(id.trim().toUpperCase());
}
