/**
 * Binds the workbook model (src/local/spreadsheet) to the host: the SpreadsheetApp global, the
 * linked form-responses sheets, the event objects Sheets passes to triggers (open, edit, form
 * submit), menus and toasts, and saving to .xlsx. The host knows the spreadsheet only through this.
 * https://developers.google.com/apps-script/guides/triggers/events
 */
import type { ResponseSheets, SubmittedResponse } from "./forms";
import type { ServiceEnv } from "./services/env";
import type { GridRect } from "./spreadsheet/a1";
import { createSpreadsheetService } from "./spreadsheet/spreadsheetApp";
import type { AlertRecord, DialogRecord, MenuRecord, PromptRecord, SidebarRecord } from "./spreadsheet/ui";
import { Workbook, type CustomFunctionMap, type UserEditResult } from "./spreadsheet/workbook";
import { loadXlsx, saveXlsx, type WorkbookSidecar } from "./spreadsheet/xlsx";

export interface Toast {
  readonly message: string;
  readonly title: string;
  readonly at: number;
}

export interface SheetSummary {
  readonly name: string;
  /** Rows below the header with data outside the array-formula columns (what a person entered). */
  readonly dataRows: number;
  readonly columns: number;
}

export interface SpreadsheetBinding {
  readonly SpreadsheetApp: object;
  readonly workbook: Workbook;
  readonly responseSheets: ResponseSheets;
  readonly toasts: readonly Toast[];
  readonly alerts: readonly AlertRecord[];
  /** Ui.prompt calls and their answers, in order. */
  readonly prompts: readonly PromptRecord[];
  /** Queue what the person will type into the next Ui.prompt calls (none queued: they close it). */
  readonly promptAnswers: string[];
  /** Dialogs shown with Ui.showModalDialog, in order. */
  readonly dialogs: readonly DialogRecord[];
  /** Sidebars shown with Ui.showSidebar, in order. */
  readonly sidebars: readonly SidebarRecord[];
  setCustomFunctions(functions: CustomFunctionMap): void;
  /** Where Sheet.getFormUrl() looks (the host's forms). */
  setFormUrlResolver(resolve: (sheetId: number, sheetName: string) => string | null): void;
  flush(): void;
  menus(): readonly MenuRecord[];
  /** The spreadsheet is (re)opened: menus added by a previous onOpen disappear. */
  resetMenus(): void;
  /** `e` of onOpen. */
  openEvent(details: { authMode: string; user: string }): object;
  userEdit(sheetName: string, a1: string, value: unknown, user: string): UserEditResult;
  /** `e` of onEdit for an edit `userEdit` made. */
  editEvent(edit: UserEditResult, details: { authMode: string; user: string; triggerUid?: string }): object;
  /** `e` of an installable spreadsheet form-submit trigger. */
  formSubmitEvent(submitted: SubmittedResponse, triggerUid: string): object;
  /** Values as a person sees them (display strings), for tests and status. */
  display(sheetName: string, a1: string): string[][];
  /** Typed values as getValues returns them, without counting a service call. */
  read(sheetName: string, a1: string): unknown[][];
  sheetSummary(): SheetSummary[];
  /** Writes the .xlsx to `path` (its keywords property set to `keywords`) and returns the sidecar part. */
  save(path: string, keywords?: string): Promise<WorkbookSidecar>;
}

/** Sheets' format for a response timestamp (the responses sheet's first column, en locale). */
const TIMESTAMP_FORMAT = "M/d/yyyy H:mm:ss";

function bind(env: ServiceEnv, workbook: Workbook): SpreadsheetBinding {
  const menus: MenuRecord[] = [];
  const toasts: Toast[] = [];
  const alerts: AlertRecord[] = [];
  const dialogs: DialogRecord[] = [];
  const sidebars: SidebarRecord[] = [];
  const prompts: PromptRecord[] = [];
  const promptAnswers: string[] = [];
  let formUrl: (sheetId: number, sheetName: string) => string | null = () => null;
  const service = createSpreadsheetService(env, workbook, {
    toast: (message, title) => toasts.push({ message, title, at: env.clock.now() }),
    menus,
    alerts,
    prompts,
    promptAnswers,
    dialogs,
    sidebars,
    formUrl: (sheetId, sheetName) => formUrl(sheetId, sheetName),
  });
  const user = (email: string): object => ({ getEmail: () => email, getNickname: () => email.split("@")[0] ?? "" });
  const cellRect = (row: number, column: number, numColumns = 1): GridRect => ({ row, column, numRows: 1, numColumns });

  const responseSheets: ResponseSheets = {
    spreadsheetId: workbook.id,
    // Sheets names a linked form's sheet "Form Responses N" and puts it first.
    // https://support.google.com/docs/answer/2917686
    createResponseSheet(headers) {
      let n = 1;
      while (workbook.sheet(`Form Responses ${n}`)) n++;
      const sheet = workbook.insertSheet(`Form Responses ${n}`, 0, { rows: 1000, columns: Math.max(26, headers.length) });
      workbook.writeValues(sheet, cellRect(1, 1, headers.length), [headers]);
      sheet.frozenRows = 1;
      workbook.setFormats(sheet, { row: 2, column: 1, numRows: sheet.maxRows - 1, numColumns: 1 }, Array.from({ length: sheet.maxRows - 1 }, () => [TIMESTAMP_FORMAT]));
      return { name: sheet.name, sheetId: sheet.sheetId };
    },
    extendHeaders(sheetName, headers) {
      const sheet = workbook.requireSheet(sheetName);
      const current = (workbook.readValues(sheet, cellRect(1, 1, Math.max(1, workbook.lastColumn(sheet))))[0] ?? []).map(String);
      const missing = headers.filter((h) => !current.includes(h));
      if (missing.length) workbook.writeValues(sheet, cellRect(1, current.filter((h) => h !== "").length + 1, missing.length), [missing]);
    },
    // Forms writes what a respondent typed as a value: numbers and dates are recognised, but an
    // answer such as "=1+1" stays text and never becomes a formula in the responses sheet.
    appendRow(sheetName, row) {
      const values = row.map((v) => (typeof v === "string" && v.startsWith("=") ? `'${v}` : v));
      return workbook.appendRow(workbook.requireSheet(sheetName), values).row;
    },
  };

  return {
    SpreadsheetApp: service.SpreadsheetApp,
    workbook,
    responseSheets,
    toasts,
    alerts,
    prompts,
    promptAnswers,
    dialogs,
    sidebars,
    setCustomFunctions: (functions) => workbook.setCustomFunctions(functions),
    setFormUrlResolver: (resolve) => {
      formUrl = resolve;
    },
    flush: () => workbook.flush(),
    menus: () => menus,
    resetMenus: () => {
      menus.length = 0;
    },
    // https://developers.google.com/apps-script/guides/triggers/events#open
    openEvent: ({ authMode, user: email }) => ({ authMode, source: service.spreadsheet(), user: user(email) }),
    userEdit: (sheetName, a1, value, email) => workbook.userEdit(sheetName, a1, value, email),
    // https://developers.google.com/apps-script/guides/triggers/events#edit — `value` and `oldValue`
    // only for a single cell; `oldValue` absent when the cell was blank. Both arrive as strings.
    editEvent(edit, { authMode, user: email, triggerUid }) {
      const single = edit.rect.numRows === 1 && edit.rect.numColumns === 1;
      return {
        authMode,
        range: service.range(edit.sheetName, edit.rect),
        source: service.spreadsheet(),
        user: user(email),
        ...(triggerUid ? { triggerUid } : {}),
        ...(single && edit.value !== "" ? { value: edit.display } : {}),
        ...(single && edit.oldValue !== "" ? { oldValue: edit.oldDisplay } : {}),
      };
    },
    // https://developers.google.com/apps-script/guides/triggers/events#form-submit — `values` in
    // sheet order and `namedValues` by header, both as the sheet displays them.
    formSubmitEvent(submitted, triggerUid) {
      const sheetName = submitted.sheetName ?? "";
      const row = submitted.row ?? 0;
      const sheet = workbook.requireSheet(sheetName);
      const width = Math.max(submitted.headers.length, 1);
      const headers = (workbook.readValues(sheet, cellRect(1, 1, width))[0] ?? []).map(String);
      const values = workbook.readDisplayValues(sheet, cellRect(row, 1, width))[0] ?? [];
      const namedValues: Record<string, string[]> = {};
      headers.forEach((h, i) => {
        if (h !== "") namedValues[h] = [values[i] ?? ""];
      });
      return { authMode: "FULL", namedValues, range: service.range(sheetName, cellRect(row, 1, width)), triggerUid, values };
    },
    display: (sheetName, a1) => workbook.display(sheetName, a1),
    read: (sheetName, a1) => workbook.read(sheetName, a1),
    sheetSummary: () =>
      workbook.sheets.map((sheet) => {
        const header = Math.max(1, sheet.frozenRows);
        const lastRow = workbook.lastRow(sheet);
        const columns = workbook.lastColumn(sheet);
        if (lastRow <= header || columns === 0) return { name: sheet.name, dataRows: 0, columns };
        const body = { row: header + 1, column: 1, numRows: lastRow - header, numColumns: columns };
        // A column computed by one array formula (anchored in its first body row) is not data.
        const formulaColumns = new Set((workbook.readFormulas(sheet, { ...body, numRows: 1 })[0] ?? []).flatMap((f, i) => (f ? [i] : [])));
        const values = workbook.readValues(sheet, body);
        const dataRows = values.filter((row) => row.some((v, i) => v !== "" && !formulaColumns.has(i))).length;
        return { name: sheet.name, dataRows, columns };
      }),
    save: async (path, keywords) => (await saveXlsx(workbook, path, keywords !== undefined ? { keywords } : {})).sidecar,
  };
}

export const bindSpreadsheet = {
  /** A new spreadsheet in `timeZone` (default: the script's), owned by `owner`, with one empty sheet. */
  create(env: ServiceEnv, options: { owner: string; name: string; timeZone?: string }): SpreadsheetBinding {
    const workbook = new Workbook({ name: options.name, owner: options.owner, timeZone: options.timeZone ?? env.scriptTimeZone, locale: "zh_CN", clock: () => env.clock.now() });
    return bind(env, workbook);
  },
  /** A workbook model built elsewhere (src/node, from the Sheets API); the host binds it once its environment exists. */
  of(workbook: Workbook): (env: ServiceEnv) => SpreadsheetBinding {
    return (env) => {
      workbook.clock = () => env.clock.now();
      return bind(env, workbook);
    };
  },
  /** Loads a saved workbook; the host binds it once its environment exists. */
  async load(path: string, sidecar: unknown, onKeywords?: (keywords: string | undefined) => void): Promise<(env: ServiceEnv) => SpreadsheetBinding> {
    const workbook = await loadXlsx(path, { sidecar: sidecar as WorkbookSidecar | undefined, ...(onKeywords ? { onKeywords } : {}) });
    return (env) => {
      workbook.clock = () => env.clock.now();
      return bind(env, workbook);
    };
  },
};
