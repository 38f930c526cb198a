/**
 * Moves closed requests out of Requests into the yearly archive sheet (src/core/approvals/archive.ts
 * says which and why), so the approval jobs, which read Requests whole, cost the same in December
 * as in January. Runs inside the hourly timer, under its lock and time budget, at most
 * `ARCHIVE_BATCH` requests a run. A run killed at any point loses nothing and doubles nothing: rows
 * are appended to the archive first (a re-run skips IDs already in the archive's last rows), the ID
 * floors are saved next, and only then are the rows deleted from Requests — after checking that
 * each row still holds the request read at the start (someone may have sorted the sheet).
 * https://developers.google.com/apps-script/reference/spreadsheet/sheet#deleteRows(Integer,Integer)
 * https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#insertSheet(String)
 */
import { both } from "../../core/i18n";
import type { ArchiveCandidate, IdFloors } from "../../core/approvals/archive";
import { ARCHIVE_BATCH, ARCHIVE_DAYS_KEY, archiveDays, archivePlan, archiveSheetName, floorsFromText, idYear, raiseFloors } from "../../core/approvals/archive";
import { textCell } from "../../core/templates/table";
import { fromWallClock } from "../../core/time";
import type { TimeBudget } from "../../core/time-budget";
import type { ApprovalWorkbook } from "./workbook";

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

const FLOORS_PROPERTY = "requests.idFloors";

export interface ArchiveReport {
  readonly archived: number;
  /** A Settings value that could not be read (the run archived nothing). */
  readonly problem?: string;
}

/** The ID floors of requests already archived (Script Properties). */
export function archivedIdFloors(): IdFloors {
  return floorsFromText(PropertiesService.getScriptProperties().getProperty(FLOORS_PROPERTY));
}

function isDate(value: unknown): value is Date {
  return Object.prototype.toString.call(value) === "[object Date]";
}

/** A Requests time cell as epoch ms: a date cell, or text `yyyy-MM-dd HH:mm[:ss]` in the workbook's zone. */
function instantOf(value: unknown, timeZone: string): number | null {
  if (isDate(value)) return value.getTime();
  const m = typeof value === "string" ? /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(value.trim()) : null;
  if (!m) return null;
  return fromWallClock({ year: Number(m[1]), month: Number(m[2]), day: Number(m[3]), hour: Number(m[4] ?? 0), minute: Number(m[5] ?? 0), second: Number(m[6] ?? 0) }, timeZone);
}

/** The year's archive sheet, created (header copied from Requests, frozen, owner-only) when missing. */
function archiveSheet(book: ApprovalWorkbook, year: number, header: readonly unknown[]): Sheet {
  const ss = book.spreadsheet;
  const name = archiveSheetName(year);
  const existing = ss.getSheetByName(name);
  if (existing) return existing;
  const sheet = ss.insertSheet(name, ss.getSheets().length);
  const columns = sheet.getMaxColumns();
  if (columns < header.length) sheet.insertColumnsAfter(columns, header.length - columns);
  sheet.getRange(1, 1, 1, header.length).setValues([[...header]]).setFontWeight("bold");
  sheet.setFrozenRows(1);
  // History nobody edits: owner-only, like the other machine-written sheets.
  // https://developers.google.com/apps-script/reference/spreadsheet/protection#removeEditors(String)
  const protection = sheet.protect().setDescription(both({ zh: "申请归档:只读历史", en: "Requests archive: read-only history" }));
  protection.addEditor(Session.getEffectiveUser());
  protection.removeEditors(protection.getEditors());
  if (protection.canDomainEdit()) protection.setDomainEdit(false);
  return sheet;
}

/** IDs in the last `n` rows of an archive sheet (a killed run's rows are there). */
function tailIds(sheet: Sheet, n: number): Set<string> {
  const last = sheet.getLastRow();
  if (last < 2) return new Set();
  const from = Math.max(2, last - n + 1);
  return new Set(sheet.getRange(from, 1, last - from + 1, 1).getValues().map((r) => String(r[0]).trim().toUpperCase()));
}

/**
 * Archives what is due now; returns how many requests moved. `budget` is asked before each step
 * that writes, so the timer's own work and its continuation are never squeezed out.
 */
export function archiveClosedRequests(book: ApprovalWorkbook, now: number, budget: TimeBudget): ArchiveReport {
  const days = archiveDays(book.settingValues[ARCHIVE_DAYS_KEY]);
  if (days === null) return { archived: 0 };
  if (typeof days === "object") return { archived: 0, problem: both(days.error) };
  const zone = book.settings.timeZone;
  const candidates: ArchiveCandidate[] = [];
  for (const r of book.byId.values()) {
    if (r.row < 2) continue;
    candidates.push({ row: r.row, id: r.id, status: r.values.status, updatedAt: instantOf(r.values.updated_at, zone) });
  }
  const plan = archivePlan(candidates, now, days, ARCHIVE_BATCH);
  if (plan.rows.length === 0 || !budget.allows(Date.now())) return { archived: 0 };

  const sheet = book.requests.sheet;
  const width = sheet.getLastColumn();
  const idColumn = (book.requests.layout.columns.get("id") ?? 0) + 1;
  const top = plan.rows[0]?.row ?? 2;
  const bottom = plan.rows[plan.rows.length - 1]?.row ?? top;
  const header = sheet.getRange(1, 1, 1, width).getValues()[0] ?? [];
  const span = sheet.getRange(top, 1, bottom - top + 1, width);
  const values = span.getValues();
  const formats = span.getNumberFormats();
  // Rows whose ID cell changed since the read (a sort, a deleted row) are left for the next run.
  const rows = plan.rows.filter((r) => String(values[r.row - top]?.[idColumn - 1] ?? "").trim().toUpperCase() === r.id.toUpperCase());
  if (rows.length === 0) return { archived: 0 };

  const byYear = new Map<number, typeof rows>();
  for (const r of rows) {
    const year = idYear(r.id) ?? 0;
    byYear.set(year, [...(byYear.get(year) ?? []), r]);
  }
  for (const [year, ofYear] of byYear) {
    const target = archiveSheet(book, year, header);
    const already = tailIds(target, 2 * ARCHIVE_BATCH);
    const fresh = ofYear.filter((r) => !already.has(r.id.toUpperCase()));
    if (fresh.length === 0) continue;
    const grid = fresh.map((r) => (values[r.row - top] ?? []).map((v: unknown) => (typeof v === "string" ? textCell(v) : v)));
    const formatGrid = fresh.map((r) => [...(formats[r.row - top] ?? [])]);
    const at = Math.max(1, target.getLastRow()) + 1;
    const maxRows = target.getMaxRows();
    if (maxRows < at + grid.length - 1) target.insertRowsAfter(maxRows, at + grid.length - 1 - maxRows);
    const maxColumns = target.getMaxColumns();
    // Someone added a column to Requests since the archive was made.
    if (maxColumns < width) target.insertColumnsAfter(maxColumns, width - maxColumns);
    const range = target.getRange(at, 1, grid.length, width);
    range.setNumberFormats(formatGrid);
    range.setValues(grid);
  }
  // The floors before the deletes: once a request has left Requests, its number must stay taken.
  const properties = PropertiesService.getScriptProperties();
  properties.setProperty(FLOORS_PROPERTY, JSON.stringify(raiseFloors(floorsFromText(properties.getProperty(FLOORS_PROPERTY)), rows.map((r) => r.id))));
  const kept = new Set(rows.map((r) => r.row));
  // Sheets keeps at least one row below the frozen header.
  if (sheet.getMaxRows() - rows.length <= Math.max(1, sheet.getFrozenRows())) sheet.insertRowsAfter(sheet.getMaxRows(), 1);
  for (const run of plan.deletions) {
    // Only runs whose every row was verified and archived; bottom first, so the others keep their numbers.
    let ok = true;
    for (let row = run.start; row < run.start + run.count; row += 1) if (!kept.has(row)) ok = false;
    if (ok) sheet.deleteRows(run.start, run.count);
  }
  return { archived: rows.length };
}
