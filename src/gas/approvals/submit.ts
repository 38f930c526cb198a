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
import type { RequestTypeKey, RouteResult } from "../../core/approvals/model";
import type { AnswerInput, ChoiceSource, Lookups } from "../../core/approvals/questions";
import { CHOICE_SOURCES } from "../../core/approvals/questions";
import { auditRecord } from "../../core/approvals/records";
import { formQuestions, isRequestType } from "../../core/approvals/request-types";
import { routeFor } from "../../core/approvals/routes";
import { answersFromForm, nextRequestId, submissionEvent } from "../../core/approvals/submission";
import { dateTimeText } from "../../core/templates/table";
import { dayKey } from "../../core/time";
import { readTable } from "../table";
import { EffectBatch, stateOf } from "./effects";
import { formSheetTypes, requestTypeOfSheet } from "./forms";
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

/** Keys of the sheets the type's dropdowns come from, to check an answer names a real row. */
function lookupsFor(book: ApprovalWorkbook, type: RequestTypeKey): Lookups {
  const sources = new Set<ChoiceSource>();
  for (const q of formQuestions(type)) if (q.source) sources.add(q.source);
  const out: Partial<Record<ChoiceSource, ReadonlySet<string>>> = {};
  for (const source of sources) {
    const { sheet, keyColumn } = CHOICE_SOURCES[source];
    const keys = new Set<string>();
    for (const r of readTable(book.spreadsheet, sheet).rows) {
      const key = r.values[keyColumn];
      if (key !== null && key !== undefined && String(key).trim() !== "") keys.add(String(key).trim());
    }
    out[source] = keys;
  }
  return out;
}

/** Whether some request already applied this response. */
function alreadyApplied(book: ApprovalWorkbook, responseId: string, ref: string): boolean {
  for (const r of book.byId.values()) {
    if (r.state?.responseIds.includes(responseId)) return true;
    if (!r.state && r.values.response_ref === ref) return true;
  }
  return false;
}

/**
 * Applies one response: parse, check, route, decide, and add the effects to `batch`. `reuseId`
 * keeps the ID of a Requests row that recorded an earlier failure of the same response.
 */
function applyResponse(book: ApprovalWorkbook, batch: EffectBatch, type: RequestTypeKey, sheet: Sheet, row: number, now: number, reuseId: string | null): string {
  const { answers, respondent } = readResponse(sheet, row, type, book.settings.timeZone);
  const existingIds = [...book.byId.values()].map((r) => r.id).filter((id) => id !== reuseId);
  const event = submissionEvent({
    type,
    answers,
    respondent,
    responseId: responseIdOf(sheet, row),
    existingIds,
    routes: book.routes,
    directory: book.directory,
    settings: book.settings,
    lookups: lookupsFor(book, type),
    at: { sheet: sheet.getName(), row },
    channel: reuseId ? "menu" : "form",
    now,
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
  const id = reuseId ?? nextRequestId(type, [...book.byId.values()].map((r) => r.id), now, zone);
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
 * edits the response row.
 * @param e the form-submit event (`range`, `values`, `namedValues`)
 */
export function onFormSubmit(e: GoogleAppsScript.Events.SheetsOnFormSubmit): void {
  withScriptLock(() => {
    const sheet = e.range.getSheet();
    const type = requestTypeOfSheet(sheet);
    if (!type || !isRequestType(type)) return;
    const row = e.range.getRow();
    const now = Date.now();
    const book = loadApprovalWorkbook(SpreadsheetApp.getActiveSpreadsheet());
    if (alreadyApplied(book, responseIdOf(sheet, row), responseRef(sheet, row))) return;
    const batch = new EffectBatch(book, "form");
    try {
      applyResponse(book, batch, type, sheet, row, now, null);
      batch.flush();
    } catch (error) {
      recordFailure(book, type, sheet, row, now, error, null);
    }
  });
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
 * (`failed`), or processed again from its raw response (`error`).
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
    for (const r of [...book.byId.values()]) {
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
      try {
        applyResponse(book, batch, type, at.sheet, at.row, now, r.id);
        retried.push(r.id);
      } catch (error) {
        recordFailure(book, type, at.sheet, at.row, now, error, r.id);
        stillFailing.push(r.id);
      }
    }
    batch.flush();
    return { retried, stillFailing };
  });
}
