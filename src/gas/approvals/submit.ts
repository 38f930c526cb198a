/**
 * The form-submit trigger (`onFormSubmit`) and its re-run from the menu (`retryFailedRequests`).
 * Under the script lock it finds which request type's form the response came from (by the
 * responses sheet, recorded when the forms were built), reads the response row as it is (never
 * editing it), lets the engine parse, check and route it, and writes the outcome in one batch.
 * A response delivered twice is applied once (the request's state remembers its response ids).
 * Bad answers give a `needs_fixing` request and an email saying what to fix; a request nobody can
 * be routed to is `failed` until People or Routes are fixed; anything else that goes wrong is
 * recorded on a Requests row with status `error` and the reason, and the menu item runs it again.
 * https://developers.google.com/apps-script/guides/triggers/events#form-submit
 * https://developers.google.com/apps-script/reference/lock/lock-service#getScriptLock()
 */
import { both } from "../../core/i18n";
import { refFor } from "../../core/approvals/directory";
import type { ApprovalEvent } from "../../core/approvals/machine";
import { decide } from "../../core/approvals/machine";
import type { RequestState, RequestTypeKey, RouteResult } from "../../core/approvals/model";
import type { AnswerInput, ChoiceSource, Lookups } from "../../core/approvals/questions";
import { CHOICE_SOURCES } from "../../core/approvals/questions";
import { auditRecord } from "../../core/approvals/records";
import { formQuestions, isRequestType, requestTypeSpec } from "../../core/approvals/request-types";
import type { AppealRecord } from "../../core/approvals/appeals";
import type { DealerStageRecord, DealerStages } from "../../core/approvals/dealer-stages";
import { appealRecords } from "../../core/approvals/appeals";
import { routeFor } from "../../core/approvals/routes";
import type { AppliedRows } from "../../core/approvals/responses";
import { appliedFromRequests, appliedFromText, appliedKey, appliedText, isApplied, markApplied, unappliedBelow } from "../../core/approvals/responses";
import { answersFromForm, nextRequestId, submissionEvent } from "../../core/approvals/submission";
import { dateTimeText } from "../../core/templates/table";
import { dayKey } from "../../core/time";
import { readTable } from "../table";
import { EffectBatch, stateOf } from "./effects";
import { applyDataFormSubmit, retryDataEntries } from "../data-entry";
import { dataFormKindOfSheet, dataFormSheetKinds, formSheetTypes, requestTypeOfSheet } from "./forms";
import type { ApprovalWorkbook } from "./workbook";
import { loadApprovalWorkbook } from "./workbook";

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

const LOCK_WAIT_MS = 30_000;
const EMAIL_HEADER = /e-?mail|邮件|邮箱/i;

/** Runs `job` holding the script lock. https://developers.google.com/apps-script/reference/lock/lock#waitLock(Integer) */
export function withScriptLock<T>(job: () => T): T {
  const lock = LockService.getScriptLock();
  lock.waitLock(LOCK_WAIT_MS);
  try {
    return job();
  } finally {
    lock.releaseLock();
  }
}

function isDate(value: unknown): value is Date {
  return Object.prototype.toString.call(value) === "[object Date]";
}

/** The id a response is known by: the responses sheet (by id, which survives renaming) and its row. */
function responseIdOf(sheet: Sheet, row: number): string {
  return `${sheet.getSheetId()}:${row}`;
}

/** Where a request's raw response is: `<responses sheet>!<row>`. */
function responseRef(sheet: Sheet, row: number): string {
  return `${sheet.getName()}!${row}`;
}

/**
 * The response row as answers by header, read (not edited) with one `getValues` and one `getFormulas` after the header's `getValues`: dates as days on
 * the workbook's calendar, everything else as the sheet holds it; and the respondent's email.
 * https://developers.google.com/apps-script/reference/spreadsheet/range#getValues()
 */
function readResponse(sheet: Sheet, row: number, type: RequestTypeKey, timeZone: string): { answers: Record<string, AnswerInput>; respondent: string; title: string } {
  const width = Math.max(1, sheet.getLastColumn());
  const headers = (sheet.getRange(1, 1, 1, width).getValues()[0] ?? []).map((h) => String(h).trim());
  const range = sheet.getRange(row, 1, 1, width);
  const cells = range.getValues()[0] ?? [];
  // An answer is never a formula: if a typed "=…" became one, the formula text is what was typed.
  // https://developers.google.com/apps-script/reference/spreadsheet/range#getFormulas()
  const formulas = range.getFormulas()[0] ?? [];
  const titles = new Set(formQuestions(type).map((q) => `${q.title.zh} / ${q.title.en}`));
  const byTitle: Record<string, AnswerInput> = {};
  let respondent = "";
  headers.forEach((header, i) => {
    const formula = formulas[i] ?? "";
    const cell: unknown = formula !== "" ? formula : cells[i];
    const text = isDate(cell) ? dayKey(cell.getTime(), timeZone) : typeof cell === "string" || typeof cell === "number" || typeof cell === "boolean" ? String(cell) : "";
    if (!titles.has(header) && i > 0 && respondent === "" && EMAIL_HEADER.test(header) && text.includes("@")) respondent = text.trim();
    if (header !== "") byTitle[header] = text;
  });
  const answers = answersFromForm(type, byTitle);
  return { answers, respondent, title: typeof answers.title === "string" ? answers.title : "" };
}

const cellText = (v: unknown): string | null => (typeof v === "string" && v.trim() !== "" ? v.trim() : null);

/**
 * Keys of the sheets the type's dropdowns come from, to check an answer names a real row; and,
 * from the same read of Dealers, each dealer's stage and request links (WF-10: a dealer request
 * is checked against its dealer's stage). One `readTable` per source sheet.
 */
function lookupsFor(book: ApprovalWorkbook, type: RequestTypeKey): { lookups: Lookups; dealers?: DealerStages } {
  const sources = new Set<ChoiceSource>();
  for (const q of formQuestions(type)) if (q.source) sources.add(q.source);
  const out: Partial<Record<ChoiceSource, ReadonlySet<string>>> = {};
  let dealers: Map<string, DealerStageRecord> | undefined;
  for (const source of sources) {
    const { sheet, keyColumn } = CHOICE_SOURCES[source];
    const keys = new Set<string>();
    if (source === "dealers") dealers = new Map();
    for (const r of readTable(book.spreadsheet, sheet).rows) {
      const key = r.values[keyColumn];
      if (key === null || key === undefined || String(key).trim() === "") continue;
      keys.add(String(key).trim());
      dealers?.set(String(key).trim().toUpperCase(), { stage: cellText(r.values.status) ?? "", targetRequest: cellText(r.values.target_request_id), agreementRequest: cellText(r.values.agreement_request_id) });
    }
    out[source] = keys;
  }
  return dealers ? { lookups: out, dealers } : { lookups: out };
}

/** The appeals in Requests (an escalation is checked against its first appeal, WF-26): only AP- rows' states are parsed. */
function appealsIn(book: ApprovalWorkbook): AppealRecord[] {
  const prefix = `${requestTypeSpec("appeal").prefix}-`;
  const states: RequestState[] = [];
  for (const r of book.byId.values()) {
    if (!r.id.toUpperCase().startsWith(prefix)) continue;
    const state = r.state;
    if (state) states.push(state);
  }
  return appealRecords(states, book.settings.timeZone);
}

/** Rows of a responses tab that a request names (its form response, or the responses its state applied). */
function rowsNamed(book: ApprovalWorkbook, sheet: Sheet): number[] {
  const id = `${sheet.getSheetId()}:`;
  const name = `${sheet.getName()}!`;
  const out: number[] = [];
  for (const r of book.byId.values()) {
    for (const responseId of r.state?.responseIds ?? []) if (responseId.startsWith(id)) out.push(Number(responseId.slice(id.length)));
    const ref = r.values.response_ref;
    if (typeof ref === "string" && ref.startsWith(name)) out.push(Number(ref.slice(name.length)));
  }
  return out.filter((n) => Number.isInteger(n));
}

/**
 * The tab's applied-rows cursor (responses.ts) from Script Properties; a tab without one (a
 * workbook from before it) starts from the rows its requests name, read once.
 */
function appliedRows(book: ApprovalWorkbook, sheet: Sheet): AppliedRows {
  const stored = appliedFromText(PropertiesService.getScriptProperties().getProperty(appliedKey(sheet.getSheetId())));
  return stored ?? appliedFromRequests(rowsNamed(book, sheet));
}

function saveApplied(sheet: Sheet, applied: AppliedRows): void {
  PropertiesService.getScriptProperties().setProperty(appliedKey(sheet.getSheetId()), appliedText(applied));
}

/** Of `rows` (ascending), those with an answer in the tab (a deleted response leaves a blank row): one `getValues` over their span. */
function answeredRows(sheet: Sheet, rows: readonly number[]): number[] {
  const first = rows[0];
  const last = rows[rows.length - 1];
  if (first === undefined || last === undefined) return [];
  const stamps = sheet.getRange(first, 1, last - first + 1, 1).getValues();
  return rows.filter((r) => {
    const v: unknown = stamps[r - first]?.[0];
    return v !== "" && v !== null && v !== undefined;
  });
}

/** At most this many earlier responses that nothing applied are picked up by one form submission. */
const LOST_PER_SUBMIT = 20;

/**
 * Applies one response: parse, check, route, decide, and add the effects to `batch`. `reuseId`
 * keeps the ID of a Requests row that recorded an earlier failure of the same response.
 */
function applyResponse(book: ApprovalWorkbook, batch: EffectBatch, type: RequestTypeKey, sheet: Sheet, row: number, now: number, reuseId: string | null): string {
  const { answers, respondent } = readResponse(sheet, row, type, book.settings.timeZone);
  const existingIds = book.knownIds().filter((id) => id !== reuseId);
  const { lookups, dealers } = lookupsFor(book, type);
  const event = submissionEvent({
    type,
    answers,
    respondent,
    responseId: responseIdOf(sheet, row),
    existingIds,
    routes: book.routes,
    directory: book.directory,
    settings: book.settings,
    lookups,
    ...(dealers ? { dealers } : {}),
    at: { sheet: sheet.getName(), row },
    channel: reuseId ? "menu" : "form",
    now,
    ...(type === "appeal" ? { appeals: appealsIn(book) } : {}),
  });
  const applied: ApprovalEvent = event.type === "submitted" && reuseId ? { ...event, requestId: reuseId } : event;
  const state = event.type === "resubmit" ? (stateOf(book, event.requestId)?.state ?? null) : null;
  const transition = decide(state, applied, now, book.context);
  batch.add(transition.effects, event.type === "submitted" ? { response_ref: responseRef(sheet, row) } : {});
  return applied.requestId;
}

/** Records a response that could not be processed: a Requests row with status `error` and the reason. */
function recordFailure(book: ApprovalWorkbook, type: RequestTypeKey, sheet: Sheet, row: number, now: number, error: unknown, reuseId: string | null): string {
  const zone = book.settings.timeZone;
  const reason = error instanceof Error ? error.message : String(error);
  let requester = "";
  let title = "";
  try {
    const read = readResponse(sheet, row, type, zone);
    requester = read.respondent;
    title = read.title;
  } catch {
    // The reason above is what matters; the row still points at the response.
  }
  const id = reuseId ?? nextRequestId(type, book.knownIds(), now, zone);
  const batch = new EffectBatch(book, reuseId ? "menu" : "form");
  batch.addRequestRow(id, {
    id,
    type,
    title: title || responseRef(sheet, row),
    requester_email: requester || null,
    submitted_at: dateTimeText(now, zone),
    status: "error",
    status_reason: `${both({ zh: "处理失败,可在菜单「重新处理失败的申请」重试", en: "Processing failed; re-run it from the menu (Retry failed requests)" })}:\n${reason}`,
    updated_at: dateTimeText(now, zone),
    response_ref: responseRef(sheet, row),
    revision: 1,
  });
  batch.addAudit(auditRecord({ at: now, actor: Session.getEffectiveUser().getEmail(), action: "request.error", requestId: id, before: null, after: null, comment: reason, channel: reuseId ? "menu" : "form", timeZone: zone }));
  batch.flush();
  return id;
}

/**
 * Installable trigger: a request form was submitted. Idempotent; takes the script lock; never
 * edits the response row. Earlier responses of the same form that nothing applied (their trigger
 * died before writing anything: a lock timeout, a quota error) are applied first, oldest first.
 * @param e the form-submit event (`range`, `values`, `namedValues`)
 */
export function onFormSubmit(e: GoogleAppsScript.Events.SheetsOnFormSubmit): void {
  withScriptLock(() => {
    const sheet = e.range.getSheet();
    const type = requestTypeOfSheet(sheet);
    if (!type || !isRequestType(type)) {
      // A data-entry form's response (issue 9 §2) goes to Actuals or Activities instead.
      const kind = dataFormKindOfSheet(sheet);
      if (kind) applyDataFormSubmit(loadApprovalWorkbook(SpreadsheetApp.getActiveSpreadsheet()), sheet, kind, e.range.getRow(), Date.now());
      return;
    }
    const row = e.range.getRow();
    const now = Date.now();
    const book = loadApprovalWorkbook(SpreadsheetApp.getActiveSpreadsheet());
    const applied = appliedRows(book, sheet);
    if (isApplied(applied, row)) return;
    const lost = unappliedBelow(applied, row, LOST_PER_SUBMIT);
    const answered = answeredRows(sheet, lost);
    for (const r of [...answered, row]) {
      const batch = new EffectBatch(book, "form");
      try {
        applyResponse(book, batch, type, sheet, r, now, null);
        batch.flush();
      } catch (error) {
        recordFailure(book, type, sheet, r, now, error, null);
      }
    }
    saveApplied(sheet, markApplied(applied, [...lost, row]));
  });
}

/** Each form's responses tab with the rows since its cursor that nothing applied. */
function lostResponses(book: ApprovalWorkbook, sheetTypes: Readonly<Record<string, string>>): { sheet: Sheet; type: RequestTypeKey; applied: AppliedRows; last: number; rows: number[] }[] {
  const out: { sheet: Sheet; type: RequestTypeKey; applied: AppliedRows; last: number; rows: number[] }[] = [];
  for (const sheet of book.spreadsheet.getSheets()) {
    const type = sheetTypes[String(sheet.getSheetId())];
    if (!type || !isRequestType(type)) continue;
    const applied = appliedRows(book, sheet);
    const last = sheet.getLastRow();
    const rows = answeredRows(sheet, unappliedBelow(applied, last + 1, Number.MAX_SAFE_INTEGER));
    out.push({ sheet, type, applied, last, rows });
  }
  return out;
}

export interface RetryReport {
  readonly retried: readonly string[];
  readonly stillFailing: readonly string[];
}

function responseLocation(book: ApprovalWorkbook, ref: unknown): { sheet: Sheet; row: number } | null {
  if (typeof ref !== "string") return null;
  const at = ref.lastIndexOf("!");
  const sheet = at > 0 ? book.spreadsheet.getSheetByName(ref.slice(0, at)) : null;
  const row = Number(ref.slice(at + 1));
  return sheet && Number.isInteger(row) && row > 1 ? { sheet, row } : null;
}

/**
 * Menu: runs again every request that failed — routed again when People or Routes were fixed
 * (`failed`), or processed again from its raw response (`error`) — and applies every response
 * no request has applied (its trigger died before writing anything), found from each responses
 * tab's cursor (responses.ts): only the rows since the cursor are read. The data-entry forms'
 * refused and unapplied responses are processed again too (src/gas/data-entry.ts); they are
 * listed by `responses tab!row`.
 */
export function retryFailedRequests(): RetryReport {
  return withScriptLock(() => {
    const book = loadApprovalWorkbook(SpreadsheetApp.getActiveSpreadsheet());
    const now = Date.now();
    const actor = refFor(book.directory, Session.getActiveUser().getEmail() || Session.getEffectiveUser().getEmail());
    const sheetTypes = formSheetTypes();
    const retried: string[] = [];
    const stillFailing: string[] = [];
    const batch = new EffectBatch(book, "menu");
    /** Responses re-run from their `error` rows here, so the scan below does not apply them again. */
    const handled = new Set<string>();
    for (const r of [...book.byId.values()]) {
      // Both `failed` and `error` show as `error` in the status cell: nothing else is parsed.
      if (r.values.status !== "error") continue;
      const state = r.state;
      if (state && state.status === "failed") {
        const broken = book.routes.problems.filter((p) => p.requestType === state.type);
        const route: RouteResult = broken.length
          ? { ok: false, problems: broken }
          : routeFor({ type: state.type, requester: state.requester.email, region: state.region, amount: state.amount, fields: state.fields }, book.routes.rows, book.directory, book.settings);
        const t = decide(state, { type: "retry", requestId: state.id, actor, route, channel: "menu" }, now, book.context);
        batch.add(t.effects);
        (t.state?.status === "failed" ? stillFailing : retried).push(state.id);
        continue;
      }
      if (state || r.values.status !== "error") continue;
      const at = responseLocation(book, r.values.response_ref);
      const type = at ? sheetTypes[String(at.sheet.getSheetId())] : undefined;
      if (!at || !type) {
        stillFailing.push(r.id);
        continue;
      }
      handled.add(responseIdOf(at.sheet, at.row));
      try {
        applyResponse(book, batch, type, at.sheet, at.row, now, r.id);
        retried.push(r.id);
      } catch (error) {
        recordFailure(book, type, at.sheet, at.row, now, error, r.id);
        stillFailing.push(r.id);
      }
    }
    const lost = lostResponses(book, sheetTypes);
    for (const { sheet, type, rows } of lost) {
      for (const row of rows) {
        if (handled.has(responseIdOf(sheet, row))) continue;
        try {
          retried.push(applyResponse(book, batch, type, sheet, row, now, null));
        } catch (error) {
          stillFailing.push(recordFailure(book, type, sheet, row, now, error, null));
        }
      }
    }
    batch.flush();
    for (const { sheet, applied, last } of lost) saveApplied(sheet, markApplied(applied, unappliedBelow(applied, last + 1, Number.MAX_SAFE_INTEGER)));
    // The data-entry forms' refused and unapplied responses (issue 9 §2), by their tab and row.
    const entries = retryDataEntries(book, dataFormSheetKinds(), now);
    return { retried: [...retried, ...entries.applied], stillFailing: [...stillFailing, ...entries.refused] };
  });
}
