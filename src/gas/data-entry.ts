/**
 * Data-entry form responses (实绩填报, 拜访与活动填报; issue 9 §2) into Actuals and Activities. The
 * form-submit trigger (`onFormSubmit`, src/gas/approvals/submit.ts) hands a data form's responses
 * tab here under the script lock; the menu's retry (`retryFailedRequests`) does too. Each response
 * row is read as it is (never edited), mapped to a row of the table and validated by the CSV
 * import's own reader (src/core/imports/data-forms.ts → planImport), against the table and People,
 * Regions and Customers read once; then one update and one append of the table, and the Audit rows
 * and emails in one batch. A response delivered twice adds nothing (the tab's applied-rows cursor,
 * and the row key: the same key is the same row). A refused response keeps its raw row exactly as
 * sent; its timestamp cell gets a note with every reason (both languages, naming sheet, row and
 * column) and the row a red background — formatting, not the answers — Audit records it, the
 * respondent gets an email, and the row is listed (Script Properties, per tab) for the retry, which
 * processes it again once People, Regions or Customers are fixed and clears its mark.
 * https://developers.google.com/apps-script/guides/triggers/events#form-submit
 * https://developers.google.com/apps-script/reference/spreadsheet/range#setNote(String)
 * https://developers.google.com/apps-script/reference/spreadsheet/range#setBackground(String)
 */
import { both } from "../core/i18n";
import { refFor } from "../core/approvals/directory";
import type { AnswerInput } from "../core/approvals/questions";
import type { AppliedRows } from "../core/approvals/responses";
import { appliedFromText, appliedKey, appliedText, isApplied, markApplied, unappliedBelow } from "../core/approvals/responses";
import type { DataFormKind, DataResponse } from "../core/imports/data-forms";
import { dataEntryRefusedMail, planDataEntry } from "../core/imports/data-forms";
import type { ImportReferences } from "../core/imports/csv-import";
import type { Channel } from "../core/approvals/model";
import { templateRecord } from "../core/approvals/records";
import { sheetTemplate } from "../core/templates/catalog";
import type { RecordValue, RowUpdate, TableRow } from "../core/templates/table";
import { dateTimeText } from "../core/templates/table";
import { dayKey } from "../core/time";
import { EffectBatch } from "./approvals/effects";
import type { ApprovalWorkbook } from "./approvals/workbook";
import { appendRecords, readTable, updateRecords } from "./table";

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

const EMAIL_HEADER = /e-?mail|邮件|邮箱/i;
/** The refused row's mark: Google's light red. */
const REFUSED_BACKGROUND = "#fce8e6";
/** At most this many earlier responses that nothing applied are picked up by one submission. */
const LOST_PER_SUBMIT = 20;

const M = {
  refusedNote: { zh: "MarketOps:这份回复未记入「{sheet}」", en: "MarketOps: this response was not recorded in {sheet}" },
} as const;

function isDate(value: unknown): value is Date {
  return Object.prototype.toString.call(value) === "[object Date]";
}

function refusedKey(sheetId: number): string {
  return `DATA_ENTRY_REFUSED_${sheetId}`;
}

/** The refused rows of a tab, waiting for the retry. */
function refusedRows(sheet: Sheet): number[] {
  const text = PropertiesService.getScriptProperties().getProperty(refusedKey(sheet.getSheetId()));
  if (!text) return [];
  try {
    const parsed = JSON.parse(text) as unknown;
    return Array.isArray(parsed) ? parsed.filter((r): r is number => typeof r === "number" && Number.isInteger(r) && r > 1) : [];
  } catch {
    return [];
  }
}

function saveRefused(sheet: Sheet, rows: ReadonlySet<number>): void {
  const properties = PropertiesService.getScriptProperties();
  if (rows.size === 0) properties.deleteProperty(refusedKey(sheet.getSheetId()));
  else properties.setProperty(refusedKey(sheet.getSheetId()), JSON.stringify([...rows].sort((a, b) => a - b)));
}

function appliedOf(sheet: Sheet): AppliedRows {
  return appliedFromText(PropertiesService.getScriptProperties().getProperty(appliedKey(sheet.getSheetId()))) ?? { upTo: 1, ahead: [] };
}

function saveApplied(sheet: Sheet, applied: AppliedRows): void {
  PropertiesService.getScriptProperties().setProperty(appliedKey(sheet.getSheetId()), appliedText(applied));
}

/**
 * The responses of `rows` as the tab holds them: the header once, then each row's values and
 * formulas (an answer typed as "=…" is what was typed), dates as days on the workbook's calendar.
 * Rows without a timestamp (a deleted response) are left out.
 */
function readResponses(sheet: Sheet, rows: readonly number[], timeZone: string): DataResponse[] {
  if (rows.length === 0) return [];
  const width = Math.max(1, sheet.getLastColumn());
  const headers = (sheet.getRange(1, 1, 1, width).getValues()[0] ?? []).map((h) => String(h).trim());
  const emailAt = headers.findIndex((h, i) => i > 0 && EMAIL_HEADER.test(h));
  const out: DataResponse[] = [];
  for (const row of rows) {
    const range = sheet.getRange(row, 1, 1, width);
    const cells = range.getValues()[0] ?? [];
    const formulas = range.getFormulas()[0] ?? [];
    const stamp: unknown = cells[0];
    if (stamp === "" || stamp === null || stamp === undefined) continue;
    const answers: Record<string, AnswerInput> = {};
    headers.forEach((header, i) => {
      const formula = formulas[i] ?? "";
      const cell: unknown = formula !== "" ? formula : cells[i];
      answers[header] = isDate(cell) ? dayKey(cell.getTime(), timeZone) : typeof cell === "string" || typeof cell === "number" || typeof cell === "boolean" ? String(cell) : "";
    });
    const respondent = emailAt >= 0 ? String(cells[emailAt] ?? "").trim() : "";
    out.push({ tab: sheet.getName(), row, answers, respondent, respondentColumn: emailAt >= 0 ? (headers[emailAt] ?? "") : "" });
  }
  return out;
}

/** Values as a person reads them in Audit: `月份 / Month: 2026-11; 区域 / Region: EAST; …` (no JSON on show). */
function valuesText(kind: DataFormKind, values: Readonly<Record<string, RecordValue | undefined>>): string {
  const columns = sheetTemplate(kind).columns;
  return Object.entries(values)
    .filter(([, v]) => v !== null && v !== undefined && v !== "")
    .map(([key, v]) => {
      const c = columns.find((x) => x.key === key);
      return `${c ? both(c.header) : key}: ${String(v)}`;
    })
    .join("; ");
}

function references(spreadsheet: Spreadsheet, kind: DataFormKind): ImportReferences {
  return {
    people: readTable(spreadsheet, "people").rows.map((r) => r.values),
    regions: readTable(spreadsheet, "regions").rows.map((r) => r.values),
    customers: kind === "activities" ? readTable(spreadsheet, "customers").rows.map((r) => r.values) : [],
  };
}

/** What applying some responses did: rows recorded (`tab!row`), rows refused. */
export interface DataEntryReport {
  readonly applied: readonly string[];
  readonly refused: readonly string[];
}

/**
 * Applies responses of one data form's tab, in order: the table is read once and what this run
 * writes is seen by the next response (a later figure for the same key updates the same row).
 * `channel` "form" emails the respondent of a refused response; the menu's retry does not again.
 */
function applyResponses(book: ApprovalWorkbook, sheet: Sheet, kind: DataFormKind, rows: readonly number[], channel: Channel, now: number): DataEntryReport {
  const spreadsheet = book.spreadsheet;
  const zone = book.settings.timeZone;
  const responses = readResponses(sheet, rows, zone);
  if (responses.length === 0) return { applied: [], refused: [] };
  const table = readTable(spreadsheet, kind);
  const refs = references(spreadsheet, kind);
  const current: TableRow[] = [...table.rows];
  const appends: Record<string, RecordValue>[] = [];
  const updates = new Map<number, Record<string, RecordValue>>();
  const batch = new EffectBatch(book, channel, now);
  const actor = Session.getEffectiveUser().getEmail();
  const refused = new Set(refusedRows(sheet));
  const report = { applied: [] as string[], refused: [] as string[] };
  const audit = (action: string, id: string, before: string | null, after: string | null, comment: string): void => {
    batch.addAudit(templateRecord("audit", { at: dateTimeText(now, zone), actor_email: actor, action, object_type: kind, object_id: id, before, after, comment, channel }));
  };
  for (const response of responses) {
    const where = `${response.tab}!${response.row}`;
    const plan = planDataEntry({ kind, response, existing: current, ...refs });
    if (plan.refused.length > 0 || plan.problems.length > 0) {
      const reasons = [...plan.refused.map((r) => r.text), ...plan.problems];
      const note = [both({ zh: M.refusedNote.zh.replace("{sheet}", plan.sheet), en: M.refusedNote.en.replace("{sheet}", plan.sheet) }), ...reasons.map(both)].join("\n");
      sheet.getRange(response.row, 1).setNote(note);
      sheet.getRange(response.row, 1, 1, Math.max(1, sheet.getLastColumn())).setBackground(REFUSED_BACKGROUND);
      const first = !refused.has(response.row);
      refused.add(response.row);
      report.refused.push(where);
      audit(`${kind}.entry_refused`, where, null, null, reasons.map(both).join("\n"));
      if (channel === "form" && first && response.respondent.includes("@")) {
        batch.addMail(dataEntryRefusedMail(kind, response, plan.sheet, reasons, refFor(book.directory, response.respondent), zone));
      }
      continue;
    }
    if (refused.delete(response.row)) {
      // Recorded now: the mark of the earlier refusal goes (the answers were never touched).
      sheet.getRange(response.row, 1).setNote("");
      sheet.getRange(response.row, 1, 1, Math.max(1, sheet.getLastColumn())).setBackground(null);
    }
    report.applied.push(where);
    for (const add of plan.add) {
      appends.push({ ...add.values });
      current.push({ row: -appends.length, values: add.values, extra: {} });
      audit(`${kind}.entered`, add.key, null, valuesText(kind, add.values), where);
    }
    for (const change of plan.change) {
      if (change.row < 0) {
        // A row this run is appending: the later figure goes into it.
        const pending = appends[-change.row - 1];
        if (pending) Object.assign(pending, change.values);
      } else {
        updates.set(change.row, { ...(updates.get(change.row) ?? {}), ...change.values });
      }
      const at = current.findIndex((r) => r.row === change.row);
      const was = current[at];
      if (was) current[at] = { ...was, values: { ...was.values, ...change.values } };
      audit(`${kind}.entry_updated`, change.key, valuesText(kind, change.before) || null, valuesText(kind, change.values), where);
    }
  }
  updateRecords(spreadsheet, kind, [...updates].map(([row, values]): RowUpdate => ({ row, values })));
  appendRecords(spreadsheet, kind, appends);
  batch.flush();
  saveRefused(sheet, refused);
  return report;
}

/**
 * The trigger's part (under the script lock): the submitted row, and before it earlier responses of
 * the same tab that nothing applied (their trigger died before writing), oldest first. A row the
 * cursor already holds is skipped: a response delivered twice adds nothing.
 */
export function applyDataFormSubmit(book: ApprovalWorkbook, sheet: Sheet, kind: DataFormKind, row: number, now: number): DataEntryReport {
  const applied = appliedOf(sheet);
  if (isApplied(applied, row)) return { applied: [], refused: [] };
  const lost = unappliedBelow(applied, row, LOST_PER_SUBMIT);
  const report = applyResponses(book, sheet, kind, [...lost, row], "form", now);
  saveApplied(sheet, markApplied(applied, [...lost, row]));
  return report;
}

/**
 * The retry's part (under the script lock): every refused row of every data form's tab, and every
 * row since the tab's cursor that nothing applied, processed again. Reads only those rows.
 */
export function retryDataEntries(book: ApprovalWorkbook, tabs: Readonly<Record<string, DataFormKind>>, now: number): DataEntryReport {
  const applied: string[] = [];
  const refused: string[] = [];
  for (const sheet of book.spreadsheet.getSheets()) {
    const kind = tabs[String(sheet.getSheetId())];
    if (!kind) continue;
    const cursor = appliedOf(sheet);
    const lost = unappliedBelow(cursor, sheet.getLastRow() + 1, Number.MAX_SAFE_INTEGER);
    const rows = [...new Set([...refusedRows(sheet), ...lost])].sort((a, b) => a - b);
    if (rows.length === 0) continue;
    const report = applyResponses(book, sheet, kind, rows, "menu", now);
    applied.push(...report.applied);
    refused.push(...report.refused);
    saveApplied(sheet, markApplied(cursor, lost));
  }
  return { applied, refused };
}
