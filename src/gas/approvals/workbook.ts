/**
 * What every approval job reads before it decides anything: Settings, Holidays, People, Regions,
 * Routes and Requests, each with one `getDataRange().getValues()` (architecture rule 4), turned into
 * the engine's settings, working calendar, directory and route table; and every request's state,
 * kept as JSON in the Requests `state` column, by request ID (parsed when a job reads it). The jobs change states in memory and
 * write them back once, through `effects.ts`.
 */
import { floorIds } from "../../core/approvals/archive";
import type { HolidayRow, WorkCalendar } from "../../core/approvals/calendar";
import type { Directory, SheetRow } from "../../core/approvals/directory";
import { peopleDirectory } from "../../core/approvals/directory";
import type { ApprovalContext } from "../../core/approvals/machine";
import type { RequestState } from "../../core/approvals/model";
import { stateFromJson } from "../../core/approvals/records";
import type { RouteTable } from "../../core/approvals/routes";
import { routeRowsFrom } from "../../core/approvals/routes";
import type { ApprovalSettings } from "../../core/approvals/settings";
import { approvalSettings, calendarOf } from "../../core/approvals/settings";
import { sheetTemplate } from "../../core/templates/catalog";
import { tableLayout } from "../../core/templates/table";
import type { TableLayout } from "../../core/templates/table";
import { readTable, templateSheet } from "../table";
import { archivedIdFloors } from "./archive";
import type { Table } from "../table";

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** The Requests tab and where its columns are. */
export interface RequestsSheet {
  readonly sheet: GoogleAppsScript.Spreadsheet.Sheet;
  readonly layout: TableLayout;
}

/** One Requests row as the jobs see it: its sheet row, cells by key, and the state behind it. */
export interface RequestRow {
  readonly row: number;
  readonly id: string;
  readonly values: Readonly<Record<string, unknown>>;
  /** Null for a row MarketOps did not write, or whose state cell was edited by hand. */
  readonly state: RequestState | null;
}

export interface ApprovalWorkbook {
  readonly spreadsheet: Spreadsheet;
  readonly settings: ApprovalSettings;
  readonly calendar: WorkCalendar;
  readonly directory: Directory;
  readonly routes: RouteTable;
  readonly context: ApprovalContext;
  readonly requests: RequestsSheet;
  /** Requests rows by request ID (upper case). */
  readonly byId: Map<string, RequestRow>;
  /**
   * Every ID a new request must not repeat: those in Requests and, for requests moved to the
   * yearly archive (archive.ts), the highest number of each prefix and year.
   */
  knownIds(): string[];
  /** Settings key → value as typed, and the People sheet, as read (jobs beyond approvals use them). */
  readonly settingValues: Readonly<Record<string, unknown>>;
  readonly people: Table;
  /** Settings `JOB_TIME_BUDGET_S` as typed (src/core/time-budget.ts reads it). */
  readonly jobTimeBudget: unknown;
}

function sheetRows(table: Table): SheetRow[] {
  return table.rows.map((r) => ({ row: r.row, values: r.values }));
}

/** The Holidays sheet's rows the working calendar reads. */
export function holidayRows(table: Table): HolidayRow[] {
  const out: HolidayRow[] = [];
  for (const r of table.rows) {
    const date = r.values.date;
    const kind = r.values.kind;
    if (typeof date === "string" && (kind === "holiday" || kind === "workday")) out.push({ date, kind });
  }
  return out;
}

/** Settings key → value, as typed in the Settings sheet. */
export function settingsByKey(spreadsheet: Spreadsheet): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const r of readTable(spreadsheet, "settings").rows) {
    const key = r.values.key;
    if (typeof key === "string" && key.trim() !== "") out[key.trim()] = r.values.value;
  }
  return out;
}

/**
 * The Requests cells the jobs read besides the state (text, and the last change's date cell as
 * Sheets returns it: a Date, whose getTime() needs no `Intl`).
 */
const REQUEST_KEYS = ["id", "status", "response_ref", "decision", "decision_comment", "withdraw", "updated_at"] as const;

/** A Requests row whose state is parsed from its cell only when a job asks for it. */
function lazyRow(row: number, id: string, values: Readonly<Record<string, unknown>>, text: unknown): RequestRow {
  let parsed: RequestState | null | undefined;
  return {
    row,
    id,
    values,
    get state(): RequestState | null {
      if (parsed === undefined) parsed = typeof text === "string" && text !== "" ? stateFromJson(text) : null;
      return parsed;
    },
  };
}

/**
 * The Requests sheet as the jobs read it (issue 10 §3): one `getDataRange().getValues()`, the
 * header matched to the template (a missing required column, the state's included, is a
 * `UserError`), and per row only the few text cells the jobs use — no date cell converted with
 * `Intl`, and a state parsed from its JSON only when a job reads it (the timer and the retry look
 * at the status cell first, so closed requests are never parsed).
 */
export function readRequests(spreadsheet: Spreadsheet): { requests: RequestsSheet; byId: Map<string, RequestRow> } {
  const sheet = templateSheet(spreadsheet, "requests");
  const values = sheet.getDataRange().getValues();
  const layout = tableLayout(sheetTemplate("requests"), values[0] ?? []);
  const at = REQUEST_KEYS.map((k) => [k, layout.columns.get(k)] as const);
  const stateAt = layout.columns.get("state");
  const byId = new Map<string, RequestRow>();
  for (let i = 1; i < values.length; i += 1) {
    const cells = values[i] ?? [];
    const record: Record<string, unknown> = {};
    for (const [key, column] of at) {
      const v: unknown = column === undefined ? null : cells[column];
      record[key] = v === "" || v === undefined ? null : v;
    }
    const id = typeof record.id === "string" ? record.id.trim() : "";
    if (id === "") continue;
    byId.set(id.toUpperCase(), lazyRow(i + 1, id, record, stateAt === undefined ? null : cells[stateAt]));
  }
  return { requests: { sheet, layout }, byId };
}

/**
 * Reads everything an approval job needs, one `getValues` per sheet.
 * https://developers.google.com/apps-script/reference/spreadsheet/sheet#getDataRange()
 */
export function loadApprovalWorkbook(spreadsheet: Spreadsheet): ApprovalWorkbook {
  const settingValues = settingsByKey(spreadsheet);
  const settings = approvalSettings(settingValues);
  const calendar = calendarOf(settings, holidayRows(readTable(spreadsheet, "holidays")));
  const people = readTable(spreadsheet, "people");
  const directory = peopleDirectory(sheetRows(people), sheetRows(readTable(spreadsheet, "regions")), settings);
  const routes = routeRowsFrom(sheetRows(readTable(spreadsheet, "routes")));
  const { requests, byId } = readRequests(spreadsheet);
  const floors = floorIds(archivedIdFloors());
  const knownIds = (): string[] => [...[...byId.values()].map((r) => r.id), ...floors];
  return { spreadsheet, settings, calendar, directory, routes, context: { calendar, settings }, requests, byId, knownIds, settingValues, people, jobTimeBudget: settingValues.JOB_TIME_BUDGET_S };
}
