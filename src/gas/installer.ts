/**
 * 市场部 MarketOps → 安装/升级 Install / upgrade: reads what the workbook holds (each template tab's
 * header once, the seeded Settings and Routes rows, named ranges, the installed version), asks the
 * pure planner (src/core/templates/planner) what to do, and carries the plan out with SpreadsheetApp:
 * new tabs, headers with notes, number formats, widths, validations, protections, array formulas,
 * conditional formats, named ranges, missing Settings and Routes rows, the new version on Settings
 * and one Audit row per migration. It never deletes or moves a user's rows or columns, and a second
 * run finds nothing to do. Calls grow with the number of sheets and columns, never with rows.
 */
import { both } from "../core/i18n";
import type { Bilingual } from "../core/i18n";
import { AUDIT_SHEET, SETTINGS_SHEET, TEMPLATE_VERSION_KEY, sheetTemplate, templateCatalog } from "../core/templates/catalog";
import { columnLetters } from "../core/templates/formulas";
import { installedVersionOf, planInstall, sheetSnapshot, templateTabs } from "../core/templates/planner";
import type { CellSetup, ChartSetup, ColumnSetup, ConditionalFormatSetup, InstallOp, InstallPlan, ProtectionSetup, SheetSnapshot, ValidationSetup, WorkbookSnapshot } from "../core/templates/planner";
import { dateTimeText } from "../core/templates/table";
import type { TableRecord } from "../core/templates/table";
import type { TemplateCatalog } from "../core/templates/types";
import { requireOwnAuthority } from "./access";
import { layOutWorkbook } from "./layout";
import type { LayoutReport } from "./layout";
import { syncRulesSheet } from "./rules";
import type { RulesSync } from "./rules";
import { appendRecords, readTable, updateRecords } from "./table";

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Range = GoogleAppsScript.Spreadsheet.Range;

const TOAST_TITLE = "市场部 MarketOps";
const HEADER_BACKGROUND = "#f1f3f4";

export interface InstallReport {
  readonly fromVersion: number;
  readonly toVersion: number;
  readonly operations: number;
  /** Bilingual summary, as shown in the last toast. */
  readonly summary: string;
}

/**
 * Reads what the planner needs: every tab name, each template tab's header row (whole data range for
 * tabs with seed rows, to see which rows exist), the named ranges and the installed version.
 * https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#getSheets()
 * https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#getNamedRanges()
 * https://developers.google.com/apps-script/reference/spreadsheet/sheet#getLastColumn()
 */
export function readSnapshot(spreadsheet: Spreadsheet, catalog: TemplateCatalog): WorkbookSnapshot {
  const sheets = spreadsheet.getSheets();
  const sheetNames = sheets.map((s) => s.getName());
  const snapshots: Record<string, SheetSnapshot> = {};
  let installedVersion = 0;
  for (const [key, name] of templateTabs(catalog, sheetNames)) {
    const sheet = sheets[sheetNames.indexOf(name)];
    if (!sheet) continue;
    const template = sheetTemplate(key, catalog);
    let values: unknown[][];
    if (template.rowKey) values = sheet.getDataRange().getValues();
    else {
      const width = sheet.getLastColumn();
      values = width > 0 ? sheet.getRange(1, 1, 1, width).getValues() : [[]];
    }
    const snapshot = sheetSnapshot(template, values);
    const lists = template.columns.some((c) => c.validation?.kind === "enum") ? { listValidations: listValidationsOf(sheet, (values[0] ?? []).length) } : {};
    // https://developers.google.com/apps-script/reference/spreadsheet/sheet#getCharts()
    // https://developers.google.com/apps-script/reference/spreadsheet/chart-options#get(String)
    snapshots[name] = template.charts?.length ? { ...snapshot, ...lists, chartTitles: sheet.getCharts().map((c) => String(c.getOptions().get("title") ?? "")) } : { ...snapshot, ...lists };
    if (key === SETTINGS_SHEET) installedVersion = installedVersionOf(template, values);
  }
  const namedRanges = spreadsheet.getNamedRanges().map((r) => r.getName());
  return { sheetNames, sheets: snapshots, namedRanges, installedVersion };
}

/**
 * Row 2's dropdown of each of the first `width` columns (one `getDataValidations` per tab): the
 * list's values, or null. https://developers.google.com/apps-script/reference/spreadsheet/range#getDataValidations()
 * https://developers.google.com/apps-script/reference/spreadsheet/data-validation#getCriteriaValues()
 */
function listValidationsOf(sheet: Sheet, width: number): (string[] | null)[] {
  if (width === 0 || sheet.getMaxRows() < 2) return [];
  const row = sheet.getRange(2, 1, 1, width).getDataValidations()[0] ?? [];
  return row.map((rule) => {
    if (!rule || rule.getCriteriaType() !== SpreadsheetApp.DataValidationCriteria.VALUE_IN_LIST) return null;
    const [values] = rule.getCriteriaValues() as unknown[];
    return Array.isArray(values) ? values.map((v) => String(v)) : null;
  });
}

/** Makes sure the sheet has at least `count` columns. https://developers.google.com/apps-script/reference/spreadsheet/sheet#insertColumnsAfter(Integer,Integer) */
function ensureColumns(sheet: Sheet, count: number): void {
  const max = sheet.getMaxColumns();
  if (max < count) sheet.insertColumnsAfter(max, count - max);
}

/**
 * Protects a range or sheet: warning-only, or editable by the owner alone (the script runs as the
 * owner in triggers and the web app, so MarketOps still writes there): the other editors removed
 * and the domain's edit right off, or anyone in the domain of a shared file could still type there.
 * https://developers.google.com/apps-script/reference/spreadsheet/protection
 * https://developers.google.com/apps-script/reference/spreadsheet/protection#setDomainEdit(Boolean)
 */
export function protect(target: Range | Sheet, setup: ProtectionSetup): void {
  const protection = target.protect().setDescription(setup.description);
  if (setup.level === "warning") {
    protection.setWarningOnly(true);
    return;
  }
  // Keep the current user an editor before removing the others (Google's own sample does this).
  protection.addEditor(Session.getEffectiveUser());
  protection.removeEditors(protection.getEditors());
  if (protection.canDomainEdit()) protection.setDomainEdit(false);
}

/**
 * Rows 2 … of one column, open-ended (`C2:C`): a protection of it also covers the rows a table
 * grows by later (appended past the sheet's first 1,000 rows), which a range of fixed size does not.
 * https://developers.google.com/apps-script/reference/spreadsheet/sheet#getRange(String)
 * https://developers.google.com/sheets/api/reference/rest/v4/other#GridRange ("Missing indexes indicate the range is unbounded on that side")
 */
export function wholeColumn(sheet: Sheet, column: number): Range {
  const letters = columnLetters(column);
  return sheet.getRange(`${letters}2:${letters}`);
}

/**
 * A data-validation rule. https://developers.google.com/apps-script/reference/spreadsheet/data-validation-builder
 */
function validationRule(spreadsheet: Spreadsheet, setup: ValidationSetup): GoogleAppsScript.Spreadsheet.DataValidation | null {
  const builder = SpreadsheetApp.newDataValidation();
  switch (setup.kind) {
    case "list":
      builder.requireValueInList([...setup.values], true).setAllowInvalid(setup.allowInvalid);
      break;
    case "range": {
      const source = spreadsheet.getSheetByName(setup.sheetName);
      if (!source) return null;
      builder.requireValueInRange(source.getRange(2, setup.column, Math.max(1, source.getMaxRows() - 1), 1), true).setAllowInvalid(setup.allowInvalid);
      break;
    }
    case "number":
      if (setup.min !== undefined && setup.max !== undefined) builder.requireNumberBetween(setup.min, setup.max);
      else if (setup.min !== undefined) builder.requireNumberGreaterThanOrEqualTo(setup.min);
      else if (setup.max !== undefined) builder.requireNumberLessThanOrEqualTo(setup.max);
      else return null;
      builder.setAllowInvalid(false);
      break;
    case "date":
      builder.requireDate().setAllowInvalid(false);
      break;
    case "email":
      builder.requireTextIsEmail().setAllowInvalid(false);
      break;
    case "checkbox":
      builder.requireCheckbox();
      break;
  }
  if ("helpText" in setup) builder.setHelpText(setup.helpText);
  return builder.build();
}

/** Rows 2 … last of one column. */
function dataColumn(sheet: Sheet, column: number, maxRows: number): Range {
  return sheet.getRange(2, column, Math.max(1, maxRows - 1), 1);
}

/**
 * Number format, width, validation and protection of new columns: one call of each per column.
 * https://developers.google.com/apps-script/reference/spreadsheet/range#setNumberFormat(String)
 * https://developers.google.com/apps-script/reference/spreadsheet/sheet#setColumnWidths(Integer,Integer,Integer)
 * https://developers.google.com/apps-script/reference/spreadsheet/range#setDataValidation(DataValidation)
 */
function setupColumns(spreadsheet: Spreadsheet, sheet: Sheet, columns: readonly ColumnSetup[]): void {
  const maxRows = sheet.getMaxRows();
  let run: { start: number; count: number; width: number } | null = null;
  const flush = (): void => {
    if (run) sheet.setColumnWidths(run.start, run.count, run.width);
  };
  for (const c of columns) {
    if (run && run.width === c.width && run.start + run.count === c.column) run.count += 1;
    else {
      flush();
      run = { start: c.column, count: 1, width: c.width };
    }
    const range = dataColumn(sheet, c.column, maxRows);
    if (c.numberFormat !== undefined) range.setNumberFormat(c.numberFormat);
    if (c.validation) {
      const rule = validationRule(spreadsheet, c.validation);
      if (rule) range.setDataValidation(rule);
    }
    if (c.protection) protect(wholeColumn(sheet, c.column), c.protection);
  }
  flush();
}

/**
 * Header cells of new columns: text, notes and style in one call each.
 * https://developers.google.com/apps-script/reference/spreadsheet/range#setNotes(Object)
 */
function writeHeader(sheet: Sheet, startColumn: number, headers: readonly string[], notes: readonly string[]): void {
  ensureColumns(sheet, startColumn + headers.length - 1);
  const range = sheet.getRange(1, startColumn, 1, headers.length);
  range.setValues([[...headers]]);
  range.setNotes([[...notes]]);
  range.setFontWeight("bold").setBackground(HEADER_BACKGROUND).setWrap(true);
}

/**
 * Appends conditional-format rules to the sheet's own (a user's rules stay).
 * https://developers.google.com/apps-script/reference/spreadsheet/sheet#setConditionalFormatRules(ConditionalFormatRule)
 * https://developers.google.com/apps-script/reference/spreadsheet/conditional-format-rule-builder#whenFormulaSatisfied(String)
 */
function addConditionalFormats(sheet: Sheet, rules: readonly ConditionalFormatSetup[]): void {
  const maxRows = sheet.getMaxRows();
  const built = rules.map((r) => {
    const builder = SpreadsheetApp.newConditionalFormatRule()
      .whenFormulaSatisfied(r.formula)
      .setRanges(r.ranges.map((span) => sheet.getRange(2, span.column, Math.max(1, maxRows - 1), span.columns)));
    if (r.background) builder.setBackground(r.background);
    if (r.fontColor) builder.setFontColor(r.fontColor);
    return builder.build();
  });
  sheet.setConditionalFormatRules([...sheet.getConditionalFormatRules(), ...built]);
}

/**
 * Dashboard cells: the bounding block in one `setValues` (formulas as `=…` strings; a repeated
 * formula's first row), then each repeated formula over its rows in one `setFormula` (Sheets moves
 * its relative references row by row), then formats, colours, notes and bold per cell or block,
 * and a label column wide enough to read. `replace` first clears what an older version wrote.
 * https://developers.google.com/apps-script/reference/spreadsheet/range#setValues(Object)
 * https://developers.google.com/apps-script/reference/spreadsheet/range#setFormula(String)
 * https://developers.google.com/apps-script/reference/spreadsheet/range#clear()
 */
function writeCells(sheet: Sheet, cells: readonly CellSetup[], replace: boolean): void {
  const rows = Math.max(...cells.map((c) => c.row + c.rows - 1));
  const columns = Math.max(...cells.map((c) => c.column));
  ensureColumns(sheet, columns);
  if (replace) {
    const old = sheet.getDataRange();
    old.clear();
    old.setNotes(Array.from({ length: old.getNumRows() }, () => Array.from({ length: old.getNumColumns() }, () => "")));
  }
  const block: string[][] = Array.from({ length: rows }, () => Array.from({ length: columns }, () => ""));
  for (const c of cells) {
    const row = block[c.row - 1];
    if (row) row[c.column - 1] = c.value;
  }
  sheet.getRange(1, 1, rows, columns).setValues(block);
  for (const c of cells) {
    if (c.rows > 1) sheet.getRange(c.row, c.column, c.rows, 1).setFormula(c.value);
    if (!c.format && !c.bold && !c.note && !c.background && !c.fontColor) continue;
    const cell = sheet.getRange(c.row, c.column, c.rows, 1);
    if (c.format) cell.setNumberFormat(c.format);
    if (c.bold) cell.setFontWeight("bold");
    if (c.background) cell.setBackground(c.background);
    if (c.fontColor) cell.setFontColor(c.fontColor);
    if (c.note) sheet.getRange(c.row, c.column).setNote(c.note);
  }
  sheet.setColumnWidth(1, 260);
  // Figures and names beside the labels need room too (a money total does not fit 100 px).
  if (columns > 1) sheet.setColumnWidths(2, columns - 1, 125);
}

/**
 * Native charts over the dashboard's own cells, one `insertChart` each; the title (both languages)
 * is how the next run knows the chart is there.
 * https://developers.google.com/apps-script/reference/spreadsheet/sheet#newChart()
 * https://developers.google.com/apps-script/reference/spreadsheet/embedded-chart-builder#asColumnChart()
 * https://developers.google.com/apps-script/reference/spreadsheet/embedded-chart-builder#setNumHeaders(Integer)
 * https://developers.google.com/apps-script/reference/spreadsheet/embedded-chart-builder#setPosition(Integer,Integer,Integer,Integer)
 * https://developers.google.com/apps-script/reference/spreadsheet/sheet#insertChart(EmbeddedChart)
 */
function addCharts(sheet: Sheet, charts: readonly ChartSetup[]): void {
  for (const c of charts) {
    const base = sheet.newChart();
    const builder = c.type === "pie" ? base.asPieChart() : c.type === "bar" ? base.asBarChart() : base.asColumnChart();
    for (const a1 of c.ranges) builder.addRange(sheet.getRange(a1));
    builder
      .setNumHeaders(c.headers)
      .setPosition(c.row, c.column, 0, 0)
      .setOption("title", c.title)
      .setOption("width", c.width)
      .setOption("height", c.height)
      .setOption("legend.position", c.type === "pie" ? "right" : "bottom");
    sheet.insertChart(builder.build());
  }
}

function sheetNamed(spreadsheet: Spreadsheet, name: string): Sheet {
  const sheet = spreadsheet.getSheetByName(name);
  if (!sheet) throw new Error(`the installer lost track of tab ${name}`);
  return sheet;
}

/** Writes the installed version on Settings (updating the row, or adding it when a user removed it). */
function recordVersion(spreadsheet: Spreadsheet, version: number): void {
  const settings = readTable(spreadsheet, SETTINGS_SHEET);
  const row = settings.rows.find((r) => r.values.key === TEMPLATE_VERSION_KEY);
  if (!row) {
    appendRecords(spreadsheet, SETTINGS_SHEET, [{ key: TEMPLATE_VERSION_KEY, value: String(version), type: "system" }]);
    return;
  }
  if (String(row.values.value) !== String(version)) updateRecords(spreadsheet, SETTINGS_SHEET, [{ row: row.row, values: { value: String(version) } }]);
}

/** The person running the installer. https://developers.google.com/apps-script/reference/base/session#getActiveUser() */
function actorEmail(): string {
  return Session.getActiveUser().getEmail() || Session.getEffectiveUser().getEmail();
}

/** Carries out a plan, in order. Returns the Audit records to append. */
/**
 * New dropdown lists on existing columns (the template added values since the workbook was
 * installed): one `setDataValidation` over each column's data cells, which leaves their values as
 * they are. https://developers.google.com/apps-script/reference/spreadsheet/range#setDataValidation(DataValidation)
 */
function refreshValidations(spreadsheet: Spreadsheet, sheet: Sheet, columns: readonly { readonly column: number; readonly validation: ValidationSetup }[]): void {
  const maxRows = sheet.getMaxRows();
  for (const c of columns) {
    const rule = validationRule(spreadsheet, c.validation);
    if (rule) dataColumn(sheet, c.column, maxRows).setDataValidation(rule);
  }
}

function execute(spreadsheet: Spreadsheet, plan: InstallPlan, progress: (text: Bilingual) => void): TableRecord[] {
  const audit: TableRecord[] = [];
  const now = dateTimeText(new Date().getTime(), spreadsheet.getSpreadsheetTimeZone());
  let structured = false;
  for (const op of plan.ops) {
    if (!structured && op.kind !== "createSheet" && op.kind !== "writeHeader") {
      structured = true;
      progress({ zh: "工作表与列已就绪,正在设置格式与校验…", en: "Sheets and columns are in place; setting formats and validation…" });
    }
    runOp(spreadsheet, op, now, audit);
  }
  return audit;
}

function runOp(spreadsheet: Spreadsheet, op: InstallOp, now: string, audit: TableRecord[]): void {
  switch (op.kind) {
    case "createSheet": {
      // https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#insertSheet(String,Integer)
      const sheet = spreadsheet.insertSheet(op.name, op.index);
      ensureColumns(sheet, op.columnCount);
      if (op.frozenRows > 0) sheet.setFrozenRows(op.frozenRows);
      if (op.frozenColumns > 0) sheet.setFrozenColumns(op.frozenColumns);
      sheet.setTabColor(op.tabColor);
      if (op.protection) protect(sheet, op.protection);
      return;
    }
    case "writeHeader":
      writeHeader(sheetNamed(spreadsheet, op.name), op.startColumn, op.headers, op.notes);
      return;
    case "setupColumns":
      setupColumns(spreadsheet, sheetNamed(spreadsheet, op.name), op.columns);
      return;
    case "setValidations":
      refreshValidations(spreadsheet, sheetNamed(spreadsheet, op.name), op.columns);
      return;
    case "setFormulas": {
      // https://developers.google.com/apps-script/reference/spreadsheet/range#setFormula(String)
      const sheet = sheetNamed(spreadsheet, op.name);
      for (const f of op.formulas) sheet.getRange(2, f.column).setFormula(f.formula);
      return;
    }
    case "addConditionalFormats":
      addConditionalFormats(sheetNamed(spreadsheet, op.name), op.rules);
      return;
    case "writeCells":
      writeCells(sheetNamed(spreadsheet, op.name), op.cells, op.replace);
      return;
    case "addCharts":
      addCharts(sheetNamed(spreadsheet, op.name), op.charts);
      return;
    case "addNamedRanges":
      // https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#setNamedRange(String,Range)
      for (const r of op.ranges) {
        const sheet = sheetNamed(spreadsheet, r.sheetName);
        spreadsheet.setNamedRange(r.name, dataColumn(sheet, r.column, sheet.getMaxRows()));
      }
      return;
    case "appendSeedRows":
      appendRecords(spreadsheet, op.sheet, op.records);
      return;
    case "recordVersion":
      recordVersion(spreadsheet, op.to);
      return;
    case "audit":
      audit.push({
        at: now,
        actor_email: actorEmail(),
        action: op.action,
        object_type: "workbook",
        object_id: spreadsheet.getId(),
        before: op.before,
        after: op.after,
        comment: op.comment,
        channel: "installer",
      });
      return;
  }
}

/**
 * One time zone for the workbook: responses and jobs read dates in Settings `TIME_ZONE`, the tables
 * in the spreadsheet's zone — and a new spreadsheet takes its creator's zone, not the company's. On
 * a fresh install the spreadsheet's zone is set to `TIME_ZONE`; on an upgrade, when they differ,
 * the spreadsheet's zone is left alone (changing it moves every date-time already in the tables)
 * and the run warns. Returns the note to show, or null when the zones agree.
 * https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#setSpreadsheetTimeZone(String)
 * https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#getSpreadsheetTimeZone()
 */
function alignTimeZone(spreadsheet: Spreadsheet, fresh: boolean): Bilingual | null {
  const row = readTable(spreadsheet, SETTINGS_SHEET).rows.find((r) => r.values.key === "TIME_ZONE");
  const wanted = typeof row?.values.value === "string" ? row.values.value.trim() : "";
  const current = spreadsheet.getSpreadsheetTimeZone();
  if (wanted === "" || wanted === current) return null;
  if (fresh) {
    try {
      spreadsheet.setSpreadsheetTimeZone(wanted);
      return { zh: `表格时区已设为设置 TIME_ZONE 的 ${wanted}(原为 ${current})`, en: `The spreadsheet's time zone is now Settings TIME_ZONE, ${wanted} (was ${current})` };
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      return { zh: `无法把表格时区设为 ${wanted}(${why});请在「文件 → 设置」中修改,现为 ${current}`, en: `Could not set the spreadsheet's time zone to ${wanted} (${why}); set it in File → Settings (it is ${current})` };
    }
  }
  return {
    zh: `注意:表格时区(${current})与设置 TIME_ZONE(${wanted})不一致,日期可能差一天。请在「文件 → 设置」或设置表中改为一致`,
    en: `Warning: the spreadsheet's time zone (${current}) differs from Settings TIME_ZONE (${wanted}); dates may be a day off. Make them agree in File → Settings or in the Settings sheet`,
  };
}

/** The summary line for the Rules sheet (规则说明), or null when it was already up to date. */
function rulesNote(sync: RulesSync): string | null {
  if (sync.rows === 0 && sync.linked === 0) return null;
  return both({
    zh: `规则说明表:${sync.rows > 0 ? `按规则目录写入 ${sync.rows} 条规则` : "规则已是最新"};${sync.linked} 个单元格的规则编号已链接到对应行`,
    en: `Rules sheet: ${sync.rows > 0 ? `${sync.rows} rules written from the rule catalogue` : "rules up to date"}; rule IDs in ${sync.linked} cells linked to their rows`,
  });
}

/** The summary line for the workbook's layout (issue 11 §1), or null when nothing changed. */
function layoutNote(report: LayoutReport): string | null {
  if (report.hiddenColumns === 0 && report.deletedTabs.length === 0 && report.movedTabs === 0) return null;
  const deleted = report.deletedTabs.join("、");
  return both({
    zh: `版面:隐藏 ${report.hiddenColumns} 个系统列${report.movedTabs > 0 ? ",看板置首、表单答复表置尾" : ""}${deleted ? `,删除空白工作表 ${deleted}` : ""}`,
    en: `Layout: ${report.hiddenColumns} system columns hidden${report.movedTabs > 0 ? ", Dashboard first and form-response tabs last" : ""}${deleted ? `, empty tab ${report.deletedTabs.join(", ")} removed` : ""}`,
  });
}

/**
 * Menu 市场部 MarketOps → 安装/升级 Install / upgrade: creates what is missing, migrates by template
 * version, never deletes or reorders a user's rows; running it again changes nothing. Holds the
 * script lock while it works and shows its progress and a summary as toasts.
 * https://developers.google.com/apps-script/reference/lock/lock#tryLock(Integer)
 * https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#toast(String,String,Number)
 */
export function installOrUpgrade(): InstallReport {
  requireOwnAuthority({ zh: "安装/升级", en: "Install / upgrade" });
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const lock = LockService.getScriptLock();
  if (!lock.tryLock(30_000)) {
    const busy = { zh: "另一个安装或任务正在运行,请稍后再试", en: "another install or job is running: try again in a minute" };
    spreadsheet.toast(both(busy), TOAST_TITLE, 10);
    return { fromVersion: 0, toVersion: 0, operations: 0, summary: both(busy) };
  }
  try {
    const catalog = templateCatalog();
    const plan = planInstall(catalog, readSnapshot(spreadsheet, catalog));
    if (plan.ops.length === 0) {
      const zone = alignTimeZone(spreadsheet, false);
      const rules = rulesNote(syncRulesSheet(spreadsheet));
      const layout = layoutNote(layOutWorkbook(spreadsheet));
      const summary = [both(plan.summary), rules, layout, zone ? both(zone) : null].filter((line) => line !== null).join("\n");
      spreadsheet.toast(summary, TOAST_TITLE, zone ? 15 : 5);
      return { fromVersion: plan.fromVersion, toVersion: plan.toVersion, operations: 0, summary };
    }
    const progress = (text: Bilingual): void => spreadsheet.toast(both(text), TOAST_TITLE, 30);
    progress({ zh: `正在安装/升级:${plan.summary.zh}`, en: `Installing: ${plan.summary.en}` });
    const audit = execute(spreadsheet, plan, progress);
    appendRecords(spreadsheet, AUDIT_SHEET, audit);
    const rules = rulesNote(syncRulesSheet(spreadsheet));
    const layout = layoutNote(layOutWorkbook(spreadsheet));
    const zone = alignTimeZone(spreadsheet, plan.fromVersion === 0);
    const summary = [both(plan.summary), rules, layout, zone ? both(zone) : null].filter((line) => line !== null).join("\n");
    spreadsheet.toast(summary, TOAST_TITLE, zone ? 15 : 10);
    return { fromVersion: plan.fromVersion, toVersion: plan.toVersion, operations: plan.ops.length, summary };
  } finally {
    lock.releaseLock();
  }
}
