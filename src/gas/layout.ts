/**
 * Lays the workbook out for its reader (issue 11 §1, src/core/templates/layout.ts): hides the
 * machine columns of every template tab and puts the tabs in reading order (Dashboard first,
 * form-response tabs last, no empty `Sheet1`). Run by Install / upgrade (so an existing workbook
 * gets it on upgrade) and by Build forms (whose responses tabs Sheets inserts first). Calls grow
 * with the number of tabs and machine columns, never with rows; a laid-out workbook is left as it is.
 * https://developers.google.com/apps-script/reference/spreadsheet/sheet#hideColumns(Integer,Integer)
 * https://developers.google.com/apps-script/reference/spreadsheet/sheet#isColumnHiddenByUser(Integer)
 * https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#setActiveSheet(Sheet)
 * https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#moveActiveSheet(Integer)
 * https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#deleteSheet(Sheet)
 */
import { templateCatalog } from "../core/templates/catalog";
import { columnRuns, machineColumnPositions, tabPlan } from "../core/templates/layout";
import { templateTabs } from "../core/templates/planner";
import { formSheetTypes } from "./approvals/forms";

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** What `layOutWorkbook` changed. */
export interface LayoutReport {
  readonly hiddenColumns: number;
  readonly deletedTabs: readonly string[];
  readonly movedTabs: number;
}

/** Hides the tab's machine columns that are not hidden yet: one header read, one check per machine column. */
function hideMachineColumns(sheet: Sheet, key: string): number {
  const width = sheet.getLastColumn();
  if (width === 0) return 0;
  const template = templateCatalog().byKey.get(key);
  if (!template?.columns.some((c) => c.hidden === true)) return 0;
  const positions = machineColumnPositions(template, sheet.getRange(1, 1, 1, width).getValues()[0] ?? []);
  const shown = positions.filter((p) => !sheet.isColumnHiddenByUser(p));
  for (const [first, count] of columnRuns(shown)) sheet.hideColumns(first, count);
  return shown.length;
}

/**
 * Hides machine columns and orders the tabs. `responseSheetIds` are the tabs forms write to (by
 * sheet id); by default the ones recorded when the forms were built.
 */
export function layOutWorkbook(spreadsheet: Spreadsheet, responseSheetIds?: ReadonlySet<number>): LayoutReport {
  const catalog = templateCatalog();
  const responses = responseSheetIds ?? new Set(Object.keys(formSheetTypes()).map(Number));
  const sheets = spreadsheet.getSheets();
  const names = sheets.map((s) => s.getName());
  const tabs = templateTabs(catalog, names);
  let hiddenColumns = 0;
  for (const [key, name] of tabs) {
    const sheet = sheets[names.indexOf(name)];
    if (sheet) hiddenColumns += hideMachineColumns(sheet, key);
  }
  const templateNames = new Set(tabs.values());
  const info = sheets.map((sheet, i) => {
    const name = names[i] ?? "";
    const template = templateNames.has(name);
    const formResponses = !template && responses.has(sheet.getSheetId());
    // Only a tab that could be the default one is looked into.
    const empty = !template && !formResponses && sheet.getLastRow() === 0 && sheet.getLastColumn() === 0;
    return { name, formResponses, empty };
  });
  const plan = tabPlan(info, tabs.get("dashboard") ?? null, templateNames);
  if (plan.deletes.length === 0 && plan.moves.length === 0) return { hiddenColumns, deletedTabs: [], movedTabs: 0 };
  const byName = new Map(sheets.map((s, i) => [names[i] ?? "", s]));
  const active = spreadsheet.getActiveSheet().getName();
  for (const name of plan.deletes) {
    const sheet = byName.get(name);
    if (sheet) spreadsheet.deleteSheet(sheet);
  }
  for (const move of plan.moves) {
    const sheet = byName.get(move.name);
    if (!sheet) continue;
    spreadsheet.setActiveSheet(sheet);
    spreadsheet.moveActiveSheet(move.position);
  }
  // The tab the person was on stays active; when it was the deleted default tab, the Dashboard.
  const back = byName.get(plan.deletes.includes(active) ? (tabs.get("dashboard") ?? "") : active);
  if (back) spreadsheet.setActiveSheet(back);
  return { hiddenColumns, deletedTabs: plan.deletes, movedTabs: plan.moves.length };
}
