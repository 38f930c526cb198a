/**
 * What every approval job reads before it decides anything: Settings, Holidays, People, Regions,
 * Routes and Requests, each with one `getDataRange().getValues()` (architecture rule 4), turned into
 * the engine's settings, working calendar, directory and route table; and every request's state,
 * kept as JSON in the Requests `state` column, by request ID. The jobs change states in memory and
 * write them back once, through `effects.ts`.
 */
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
import { readTable } from "../table";
import type { Table } from "../table";

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

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
  readonly requests: Table;
  /** Requests rows by request ID (upper case). */
  readonly byId: Map<string, RequestRow>;
  /** Settings key → value as typed, and the People sheet, as read (jobs beyond approvals use them). */
  readonly settingValues: Readonly<Record<string, unknown>>;
  readonly people: Table;
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

/** The Requests rows by ID, with their states. */
export function requestRows(table: Table): Map<string, RequestRow> {
  const byId = new Map<string, RequestRow>();
  for (const r of table.rows) {
    const id = typeof r.values.id === "string" ? r.values.id.trim() : "";
    if (id === "") continue;
    const text = r.values.state;
    byId.set(id.toUpperCase(), { row: r.row, id, values: r.values, state: typeof text === "string" && text !== "" ? stateFromJson(text) : null });
  }
  return byId;
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
  const requests = readTable(spreadsheet, "requests");
  return { spreadsheet, settings, calendar, directory, routes, context: { calendar, settings }, requests, byId: requestRows(requests), settingValues, people };
}
