/**
 * The installer planner (安装/升级 Install / upgrade): from the template catalog and a snapshot of
 * what the workbook holds (tab names, each template sheet's header row, the seed rows present,
 * named ranges, the installed template version), `planInstall` returns a list of plain operations
 * that the Apps Script executor carries out. It creates what is missing, migrates by version (new
 * sheets, columns, formulas, conditional formats, seed rows of each later version), appends missing
 * columns at the end of a header and never deletes, moves or rewrites a user's rows or columns.
 * Applying a plan and planning again gives an empty plan: `snapshotAfter` computes the snapshot a
 * plan produces, so tests prove idempotence without a spreadsheet.
 */
import { both, format, UserError } from "../i18n";
import type { Bilingual } from "../i18n";
import { SETTINGS_SHEET, TEMPLATE_VERSION_KEY, seedIdentity } from "./catalog";
import { headerText, matchHeader, normalizeHeader } from "./columns";
import { resolveFormula } from "./formulas";
import type { FormulaLayout } from "./formulas";
import type { TableRecord } from "./table";
import type { ColumnTemplate, ColumnType, ProtectionLevel, SheetTemplate, TemplateCatalog } from "./types";

/** One tab as the executor read it. */
export interface SheetSnapshot {
  /** Row 1 as `getValues()` returns it (may be empty for a blank sheet). */
  readonly header: readonly unknown[];
  /** Identities (`seedIdentity`) of the rows present, for sheets with seed rows. */
  readonly rowKeys?: readonly string[];
  /** Titles of the embedded charts on the tab (dashboards), as `getOptions().get("title")` gives them. */
  readonly chartTitles?: readonly string[];
  /**
   * Row 2's dropdown (value-in-list validation) of each header column, by header index: its
   * values, or null when the cell has none. Read for tabs with dropdown columns, so an upgrade can
   * bring a list the template has since extended up to date.
   */
  readonly listValidations?: readonly (readonly string[] | null)[];
}

/** What the workbook holds, as far as the installer cares. */
export interface WorkbookSnapshot {
  /** Every tab, in order. */
  readonly sheetNames: readonly string[];
  /** Template tabs that were read, by tab name. */
  readonly sheets: Readonly<Record<string, SheetSnapshot>>;
  readonly namedRanges: readonly string[];
  /** 0 when MarketOps was never installed. */
  readonly installedVersion: number;
}

export interface ProtectionSetup {
  readonly level: ProtectionLevel;
  readonly description: string;
}

export type ValidationSetup =
  | { readonly kind: "list"; readonly values: readonly string[]; readonly allowInvalid: boolean; readonly helpText: string }
  | { readonly kind: "range"; readonly sheetName: string; readonly column: number; readonly allowInvalid: boolean; readonly helpText: string }
  | { readonly kind: "number"; readonly min?: number; readonly max?: number; readonly helpText: string }
  | { readonly kind: "date"; readonly helpText: string }
  | { readonly kind: "email"; readonly helpText: string }
  | { readonly kind: "checkbox" };

/** Formatting of one column's data cells (row 2 down) and its width. Columns are 1-based. */
export interface ColumnSetup {
  readonly column: number;
  readonly key: string;
  readonly width: number;
  readonly numberFormat?: string;
  readonly validation?: ValidationSetup;
  readonly protection?: ProtectionSetup;
}

export interface ConditionalFormatSetup {
  readonly key: string;
  /** Column spans from row 2 down: 1-based first column and count. */
  readonly ranges: readonly { readonly column: number; readonly columns: number }[];
  readonly formula: string;
  readonly background?: string;
  readonly fontColor?: string;
}

export interface CellSetup {
  readonly row: number;
  readonly column: number;
  /** Text, or a formula starting with `=`. */
  readonly value: string;
  /** Rows the formula fills from `row` down (relative references move per row); 1 for one cell. */
  readonly rows: number;
  readonly format?: string;
  readonly bold?: boolean;
  readonly background?: string;
  readonly fontColor?: string;
  readonly note?: string;
}

/** A native chart to add to a dashboard tab; `title` (bilingual) is how a later run recognises it. */
export interface ChartSetup {
  readonly key: string;
  readonly title: string;
  readonly type: "column" | "bar" | "pie";
  readonly ranges: readonly string[];
  readonly headers: number;
  readonly row: number;
  readonly column: number;
  readonly width: number;
  readonly height: number;
}

export type InstallOp =
  | {
      readonly kind: "createSheet";
      readonly sheet: string;
      readonly name: string;
      /** 0-based tab position. */
      readonly index: number;
      readonly columnCount: number;
      readonly frozenRows: number;
      readonly frozenColumns: number;
      readonly tabColor: string;
      readonly protection?: ProtectionSetup;
    }
  | { readonly kind: "writeHeader"; readonly sheet: string; readonly name: string; readonly startColumn: number; readonly headers: readonly string[]; readonly notes: readonly string[] }
  | { readonly kind: "setupColumns"; readonly sheet: string; readonly name: string; readonly columns: readonly ColumnSetup[] }
  /** Existing columns whose dropdown list the template has changed: the validation of their data cells only, never their values. */
  | { readonly kind: "setValidations"; readonly sheet: string; readonly name: string; readonly columns: readonly { readonly column: number; readonly key: string; readonly validation: ValidationSetup & { readonly kind: "list" } }[] }
  | { readonly kind: "setFormulas"; readonly sheet: string; readonly name: string; readonly formulas: readonly { readonly column: number; readonly formula: string }[] }
  | { readonly kind: "addConditionalFormats"; readonly sheet: string; readonly name: string; readonly rules: readonly ConditionalFormatSetup[] }
  | { readonly kind: "writeCells"; readonly sheet: string; readonly name: string; readonly cells: readonly CellSetup[]; readonly replace: boolean }
  | { readonly kind: "addCharts"; readonly sheet: string; readonly name: string; readonly charts: readonly ChartSetup[] }
  | { readonly kind: "addNamedRanges"; readonly ranges: readonly { readonly name: string; readonly sheetName: string; readonly column: number }[] }
  | { readonly kind: "appendSeedRows"; readonly sheet: string; readonly name: string; readonly records: readonly TableRecord[]; readonly identities: readonly string[] }
  | { readonly kind: "recordVersion"; readonly from: number; readonly to: number }
  | { readonly kind: "audit"; readonly action: "template_installed" | "template_migrated" | "template_repaired"; readonly before: string; readonly after: string; readonly comment: string };

export interface InstallPlan {
  readonly fromVersion: number;
  readonly toVersion: number;
  readonly ops: readonly InstallOp[];
  /** What the plan does, for the toast and the log. */
  readonly summary: Bilingual;
}

const TEMPLATE_TOO_NEW: Bilingual = {
  zh: "此工作簿的模板版本 v{installed} 比当前 MarketOps 程序(v{current})新,请先更新程序再安装",
  en: "this workbook has template v{installed}, newer than this MarketOps (v{current}): update the script before installing",
};

/** Default number format of a column type (Sheets number-format syntax). */
export function defaultNumberFormat(type: ColumnType): string | undefined {
  switch (type) {
    case "text":
    case "multiline":
    case "email":
    case "enum":
    case "ref":
      return "@";
    case "money":
      return "#,##0.00";
    case "percent":
      return "0.0%";
    case "integer":
      return "0";
    case "date":
      return "yyyy-mm-dd";
    case "datetime":
      return "yyyy-mm-dd hh:mm";
    case "number":
    case "boolean":
    case "formula":
      return undefined;
  }
}

const DEFAULT_WIDTH: Readonly<Record<ColumnType, number>> = {
  text: 150,
  multiline: 280,
  number: 100,
  money: 120,
  percent: 90,
  integer: 80,
  date: 105,
  datetime: 145,
  boolean: 70,
  email: 200,
  enum: 120,
  ref: 140,
  formula: 100,
};

/** The tab of `sheet` among `names`: its tab name, either title, the bilingual title or its key. */
export function findTab(names: readonly string[], sheet: SheetTemplate, taken: ReadonlySet<string> = new Set()): string | undefined {
  const exact = names.find((n) => n === sheet.tabName && !taken.has(n));
  if (exact !== undefined) return exact;
  const spellings = new Set(
    [sheet.tabName, sheet.title.zh, sheet.title.en, `${sheet.title.zh}/${sheet.title.en}`, `${sheet.title.zh} / ${sheet.title.en}`, sheet.key].map(normalizeHeader),
  );
  return names.find((n) => !taken.has(n) && spellings.has(normalizeHeader(n)));
}

/** Template sheet key → existing tab name, for every template sheet the workbook already has. */
export function templateTabs(catalog: TemplateCatalog, names: readonly string[]): Map<string, string> {
  const found = new Map<string, string>();
  const taken = new Set<string>();
  // Exact tab names claim first, so a loose match never steals another sheet's tab.
  for (const exactPass of [true, false]) {
    for (const sheet of catalog.sheets) {
      if (found.has(sheet.key)) continue;
      const name = exactPass ? names.find((n) => n === sheet.tabName && !taken.has(n)) : findTab(names, sheet, taken);
      if (name !== undefined) {
        found.set(sheet.key, name);
        taken.add(name);
      }
    }
  }
  return found;
}

/** A tab's snapshot from its data range (`getDataRange().getValues()`) or just its header row. */
export function sheetSnapshot(sheet: SheetTemplate, values: readonly (readonly unknown[])[]): SheetSnapshot {
  const header = values[0] ?? [];
  if (!sheet.rowKey) return { header };
  const match = matchHeader(header, sheet);
  const positions = sheet.rowKey.map((key) => match.found.get(key));
  const rowKeys: string[] = [];
  values.forEach((row, i) => {
    if (i === 0) return;
    const parts = positions.map((at) => (at === undefined ? null : row[at]));
    if (parts.every((p) => p === null || p === undefined || p === "")) return;
    rowKeys.push(seedIdentity(parts));
  });
  return { header, rowKeys };
}

/** The installed template version recorded on Settings (0 when absent or unreadable). */
export function installedVersionOf(settings: SheetTemplate, values: readonly (readonly unknown[])[]): number {
  const match = matchHeader(values[0] ?? [], settings);
  const keyAt = match.found.get("key");
  const valueAt = match.found.get("value");
  if (keyAt === undefined || valueAt === undefined) return 0;
  const row = values.slice(1).find((r) => typeof r[keyAt] === "string" && r[keyAt].trim() === TEMPLATE_VERSION_KEY);
  const version = Number(row?.[valueAt]);
  return Number.isInteger(version) && version > 0 ? version : 0;
}

function noteFor(column: ColumnTemplate, catalog: TemplateCatalog): string {
  const lines: string[] = [headerText(column)];
  if (column.note) lines.push(column.note.zh, column.note.en);
  const v = column.validation;
  if (v?.kind === "enum") for (const o of v.values) lines.push(`${o.value} = ${o.label.zh} / ${o.label.en}`);
  if (v?.kind === "ref") {
    const target = catalog.byKey.get(v.sheet);
    const targetColumn = target?.columns.find((c) => c.key === v.column);
    if (target && targetColumn) lines.push(both({ zh: `从「${target.tabName}」的「${headerText(targetColumn)}」列选择`, en: `pick from "${headerText(targetColumn)}" on ${target.tabName}` }));
  }
  if (column.type === "formula") lines.push(both({ zh: "公式列,由 MarketOps 计算,请勿手填", en: "computed by MarketOps: do not type here" }));
  if (column.required) lines.push(both({ zh: "必填", en: "required" }));
  return lines.join("\n");
}

const CHOOSE_FROM_LIST = both({ zh: "请从下拉列表中选择", en: "choose from the list" });

function validationSetup(column: ColumnTemplate, layout: FormulaLayout): ValidationSetup | undefined {
  const v = column.validation;
  if (!v) return undefined;
  switch (v.kind) {
    case "enum":
      return { kind: "list", values: v.values.map((o) => o.value), allowInvalid: v.allowOther ?? false, helpText: CHOOSE_FROM_LIST };
    case "ref":
      return { kind: "range", sheetName: layout.sheetName(v.sheet), column: layout.columnOf(v.sheet, v.column), allowInvalid: v.allowOther ?? false, helpText: CHOOSE_FROM_LIST };
    case "number": {
      const range =
        v.min !== undefined && v.max !== undefined ? ` ${v.min}–${v.max}` : v.min !== undefined ? ` ≥ ${v.min}` : v.max !== undefined ? ` ≤ ${v.max}` : "";
      return {
        kind: "number",
        ...(v.min !== undefined ? { min: v.min } : {}),
        ...(v.max !== undefined ? { max: v.max } : {}),
        helpText: both({ zh: `请输入数字${range}`, en: `enter a number${range}` }),
      };
    }
    case "date":
      return { kind: "date", helpText: both({ zh: "请输入日期,如 2026-03-05", en: "enter a date such as 2026-03-05" }) };
    case "email":
      return { kind: "email", helpText: both({ zh: "请输入邮箱地址", en: "enter an email address" }) };
    case "checkbox":
      return { kind: "checkbox" };
  }
}

function columnSetup(column: ColumnTemplate, at: number, layout: FormulaLayout): ColumnSetup {
  const format = column.format ?? defaultNumberFormat(column.type);
  const validation = validationSetup(column, layout);
  const protectedBy = column.protected;
  return {
    column: at,
    key: column.key,
    width: column.width ?? DEFAULT_WIDTH[column.type],
    ...(format !== undefined ? { numberFormat: format } : {}),
    ...(validation ? { validation } : {}),
    ...(protectedBy
      ? {
          protection: {
            level: protectedBy,
            description: both({
              zh: `MarketOps:${column.type === "formula" ? "公式列" : "系统列"}「${headerText(column)}」`,
              en: `MarketOps: ${column.type === "formula" ? "formula" : "system"} column ${column.header.en}`,
            }),
          },
        }
      : {}),
  };
}

function sheetProtection(sheet: SheetTemplate): ProtectionSetup | undefined {
  if (!sheet.protection) return undefined;
  return { level: sheet.protection, description: both({ zh: `MarketOps:「${sheet.tabName}」只由系统写入`, en: `MarketOps: ${sheet.title.en} is written by MarketOps only` }) };
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

/**
 * The existing dropdown columns of a tab whose list differs from the template's (a workbook
 * installed before a version added request types or states): the template's values in its order,
 * then any value a person added to the list themselves, so nothing they chose stops validating.
 * A column without a list validation (removed by hand, or never given one) is left as it is.
 */
function staleLists(sheet: SheetTemplate, newKeys: ReadonlySet<string>, current: SheetSnapshot["listValidations"], layout: FormulaLayout): { column: number; key: string; validation: ValidationSetup & { readonly kind: "list" } }[] {
  if (!current) return [];
  const out: { column: number; key: string; validation: ValidationSetup & { readonly kind: "list" } }[] = [];
  for (const c of sheet.columns) {
    const v = c.validation;
    if (v?.kind !== "enum" || newKeys.has(c.key)) continue;
    const column = layout.columnOf(sheet.key, c.key);
    const present = current[column - 1];
    if (!present) continue;
    const template = v.values.map((o) => o.value);
    const values = [...template, ...present.filter((x) => !template.includes(x))];
    if (sameList(present, values)) continue;
    out.push({ column, key: c.key, validation: { kind: "list", values, allowInvalid: v.allowOther ?? false, helpText: CHOOSE_FROM_LIST } });
  }
  return out;
}

/** Per-version tallies of what a plan adds, for the summary and the Audit rows. */
interface Tally {
  sheets: number;
  columns: number;
  rows: number;
  other: number;
  /** Dropdown lists brought up to the template's. */
  lists?: number;
}

function tallyText(t: Tally): Bilingual {
  const parts: Bilingual[] = [];
  if (t.sheets) parts.push({ zh: `新建工作表 ${t.sheets} 个`, en: `${t.sheets} sheet(s) created` });
  if (t.columns) parts.push({ zh: `新增列 ${t.columns} 个`, en: `${t.columns} column(s) added` });
  if (t.rows) parts.push({ zh: `补充默认行 ${t.rows} 行`, en: `${t.rows} default row(s) added` });
  if (t.other) parts.push({ zh: `更新公式、格式或命名范围 ${t.other} 处`, en: `${t.other} formula(s), format(s) or named range(s) set` });
  if (t.lists) parts.push({ zh: `更新下拉列表 ${t.lists} 个`, en: `${t.lists} dropdown list(s) updated` });
  if (parts.length === 0) return { zh: "无更改", en: "no change" };
  return { zh: parts.map((p) => p.zh).join(","), en: parts.map((p) => p.en).join(", ") };
}

function addTally(into: Tally, t: Tally): void {
  into.sheets += t.sheets;
  into.columns += t.columns;
  into.rows += t.rows;
  into.other += t.other;
  if (t.lists) into.lists = (into.lists ?? 0) + t.lists;
}

/**
 * The operations that bring the workbook described by `snapshot` to the catalog's template version.
 * Empty when the workbook is up to date. Throws `UserError` (`TEMPLATE_TOO_NEW`) when the workbook
 * was installed by a newer MarketOps.
 */
export function planInstall(catalog: TemplateCatalog, snapshot: WorkbookSnapshot): InstallPlan {
  const target = catalog.workbook.templateVersion;
  const installed = snapshot.installedVersion;
  if (installed > target) {
    throw new UserError("TEMPLATE_TOO_NEW", format(TEMPLATE_TOO_NEW, { installed, current: target }));
  }
  const tallies = new Map<number, Tally>();
  const tally = (since: number): Tally => {
    // Items from versions already installed are repairs of something a user removed: version 0.
    const bucket = since > installed ? since : 0;
    let t = tallies.get(bucket);
    if (!t) tallies.set(bucket, (t = { sheets: 0, columns: 0, rows: 0, other: 0 }));
    return t;
  };

  // 1. Where every sheet and column will be once the plan has run.
  const names = [...snapshot.sheetNames];
  const tabs = templateTabs(catalog, names);
  const created = new Set<string>();
  const positions = new Map<string, Map<string, number>>();
  const appended = new Map<string, ColumnTemplate[]>();
  const widths = new Map<string, number>();
  const createOps: InstallOp[] = [];
  for (const [order, sheet] of catalog.sheets.entries()) {
    const existing = tabs.get(sheet.key);
    if (existing === undefined) {
      const before = catalog.sheets.slice(0, order).map((s) => tabs.get(s.key)).filter((n): n is string => n !== undefined);
      const index = before.length ? names.indexOf(before[before.length - 1] ?? "") + 1 : 0;
      names.splice(index, 0, sheet.tabName);
      tabs.set(sheet.key, sheet.tabName);
      created.add(sheet.key);
      positions.set(sheet.key, new Map(sheet.columns.map((c, i) => [c.key, i + 1])));
      widths.set(sheet.key, sheet.columns.length);
      const protection = sheetProtection(sheet);
      createOps.push({
        kind: "createSheet",
        sheet: sheet.key,
        name: sheet.tabName,
        index,
        columnCount: Math.max(sheet.columns.length, ...(sheet.cells ?? []).map((c) => c.column)),
        frozenRows: sheet.frozenRows,
        frozenColumns: sheet.frozenColumns ?? 0,
        tabColor: sheet.tabColor,
        ...(protection ? { protection } : {}),
      });
      tally(sheet.since).sheets += 1;
      continue;
    }
    const match = matchHeader(snapshot.sheets[existing]?.header ?? [], sheet);
    const at = new Map<string, number>([...match.found].map(([key, i]) => [key, i + 1]));
    const missing = sheet.columns.filter((c) => !at.has(c.key));
    missing.forEach((c, i) => at.set(c.key, match.width + i + 1));
    positions.set(sheet.key, at);
    widths.set(sheet.key, match.width + missing.length);
    if (missing.length) appended.set(sheet.key, missing);
  }
  const layout: FormulaLayout = {
    sheetName: (key) => {
      const name = tabs.get(key);
      if (name === undefined) throw new Error(`no tab for sheet ${key}`);
      return name;
    },
    columnOf: (sheetKey, columnKey) => {
      const at = positions.get(sheetKey)?.get(columnKey);
      if (at === undefined) throw new Error(`no column ${sheetKey}.${columnKey}`);
      return at;
    },
  };

  // 2. Per sheet: headers, column setup, formulas, conditional formats, dashboard cells, seed rows.
  const headerOps: InstallOp[] = [];
  const setupOps: InstallOp[] = [];
  const seedOps: InstallOp[] = [];
  for (const sheet of catalog.sheets) {
    const name = layout.sheetName(sheet.key);
    const isNew = created.has(sheet.key);
    const newColumns = isNew ? sheet.columns : (appended.get(sheet.key) ?? []);
    if (!isNew) for (const c of newColumns) tally(c.since).columns += 1;
    if (newColumns.length) {
      const start = layout.columnOf(sheet.key, newColumns[0]?.key ?? "");
      headerOps.push({ kind: "writeHeader", sheet: sheet.key, name, startColumn: start, headers: newColumns.map(headerText), notes: newColumns.map((c) => noteFor(c, catalog)) });
      setupOps.push({ kind: "setupColumns", sheet: sheet.key, name, columns: newColumns.map((c) => columnSetup(c, layout.columnOf(sheet.key, c.key), layout)) });
    }
    const newKeys = new Set(newColumns.map((c) => c.key));
    const lists = isNew ? [] : staleLists(sheet, newKeys, snapshot.sheets[name]?.listValidations, layout);
    if (lists.length) {
      const t = tally(target);
      t.lists = (t.lists ?? 0) + lists.length;
      setupOps.push({ kind: "setValidations", sheet: sheet.key, name, columns: lists });
    }
    // Formulas and rules of a later version go onto existing sheets only when MarketOps knows which
    // version it installed there: on a sheet of unknown history a formula could overwrite data
    // (an array formula needs its column empty) and a rule could be there twice.
    const migrating = installed > 0;
    const formulaColumns = sheet.columns.filter((c) => c.arrayFormula !== undefined && (newKeys.has(c.key) || (migrating && (c.formulaSince ?? c.since) > installed)));
    if (formulaColumns.length) {
      for (const c of formulaColumns) if (!newKeys.has(c.key)) tally(c.formulaSince ?? c.since).other += 1;
      setupOps.push({
        kind: "setFormulas",
        sheet: sheet.key,
        name,
        formulas: formulaColumns.map((c) => ({ column: layout.columnOf(sheet.key, c.key), formula: resolveFormula(c.arrayFormula ?? "", sheet.key, "column", layout) })),
      });
    }
    const rules = (sheet.conditionalFormats ?? []).filter((r) => isNew || (migrating && r.since > installed));
    if (rules.length) {
      if (!isNew) for (const r of rules) tally(r.since).other += 1;
      const width = widths.get(sheet.key) ?? sheet.columns.length;
      setupOps.push({
        kind: "addConditionalFormats",
        sheet: sheet.key,
        name,
        rules: rules.map((r) => ({
          key: r.key,
          ranges: r.columns ? r.columns.map((key) => ({ column: layout.columnOf(sheet.key, key), columns: 1 })) : [{ column: 1, columns: width }],
          formula: resolveFormula(r.formula, sheet.key, "condition", layout),
          ...(r.background ? { background: r.background } : {}),
          ...(r.fontColor ? { fontColor: r.fontColor } : {}),
        })),
      });
    }
    // A dashboard is MarketOps' own (no user data): an upgrade past the version that last changed
    // its cells writes them again, over the old ones.
    const rewriteCells = !isNew && migrating && sheet.cellsSince !== undefined && sheet.cellsSince > installed;
    if ((isNew || rewriteCells) && sheet.cells?.length) {
      if (rewriteCells) tally(sheet.cellsSince ?? 0).other += 1;
      setupOps.push({
        kind: "writeCells",
        sheet: sheet.key,
        name,
        replace: rewriteCells,
        cells: sheet.cells.map((c) => ({
          row: c.row,
          column: c.column,
          value: c.formula !== undefined ? resolveFormula(c.formula, null, "cell", layout) : c.text ? both(c.text) : "",
          rows: c.repeat ?? 1,
          ...(c.format ? { format: c.format } : {}),
          ...(c.bold ? { bold: true } : {}),
          ...(c.background ? { background: c.background } : {}),
          ...(c.fontColor ? { fontColor: c.fontColor } : {}),
          ...(c.note ? { note: both(c.note) } : {}),
        })),
      });
    }
    // Charts are recognised by title, so a second run adds none and an upgrade adds only the missing.
    const presentCharts = new Set(isNew ? [] : (snapshot.sheets[name]?.chartTitles ?? []));
    const charts = (sheet.charts ?? []).filter((c) => !presentCharts.has(both(c.title)));
    if (charts.length) {
      if (!isNew) for (const c of charts) tally(c.since).other += 1;
      setupOps.push({
        kind: "addCharts",
        sheet: sheet.key,
        name,
        charts: charts.map((c) => ({ key: c.key, title: both(c.title), type: c.type, ranges: c.ranges, headers: c.headers, row: c.row, column: c.column, width: c.width, height: c.height })),
      });
    }
    if (sheet.seedRows?.length && sheet.rowKey) {
      const present = new Set(isNew ? [] : (snapshot.sheets[name]?.rowKeys ?? []));
      const rowKey = sheet.rowKey;
      const wanted = sheet.seedRows.filter((seed) => {
        if (present.has(seedIdentity(rowKey.map((k) => seed.values[k] ?? null)))) return false;
        return isNew || sheet.seedMode === "ensure" || seed.since > installed;
      });
      if (wanted.length) {
        for (const seed of wanted) if (!isNew) tally(seed.since).rows += 1;
        seedOps.push({
          kind: "appendSeedRows",
          sheet: sheet.key,
          name,
          records: wanted.map((seed) =>
            sheet.key === SETTINGS_SHEET && seed.values.key === TEMPLATE_VERSION_KEY ? { ...seed.values, value: String(target) } : seed.values,
          ),
          identities: wanted.map((seed) => seedIdentity(rowKey.map((k) => seed.values[k] ?? null))),
        });
      }
    }
  }

  // 3. Named ranges the workbook lacks (workbook-wide and per sheet).
  const present = new Set(snapshot.namedRanges);
  const wantedRanges = [
    ...(catalog.workbook.namedRanges ?? []).map((r) => ({ name: r.name, sheet: r.sheet, column: r.column, since: r.since })),
    ...catalog.sheets.flatMap((s) => (s.namedRanges ?? []).map((r) => ({ name: r.name, sheet: s.key, column: r.column, since: r.since }))),
  ].filter((r) => !present.has(r.name));
  const rangeOps: InstallOp[] = wantedRanges.length
    ? [{ kind: "addNamedRanges", ranges: wantedRanges.map((r) => ({ name: r.name, sheetName: layout.sheetName(r.sheet), column: layout.columnOf(r.sheet, r.column) })) }]
    : [];
  for (const r of wantedRanges) if (!created.has(r.sheet)) tally(r.since).other += 1;

  // 4. Version and Audit rows.
  const changes = [...createOps, ...headerOps, ...setupOps, ...rangeOps, ...seedOps];
  const closing: InstallOp[] = [];
  if (installed !== target) closing.push({ kind: "recordVersion", from: installed, to: target });
  if (installed === 0) {
    const all: Tally = { sheets: 0, columns: 0, rows: 0, other: 0 };
    for (const t of tallies.values()) addTally(all, t);
    closing.push({ kind: "audit", action: "template_installed", before: "", after: `v${target}`, comment: both(tallyText(all)) });
  } else {
    const repair = tallies.get(0);
    if (repair) closing.push({ kind: "audit", action: "template_repaired", before: `v${installed}`, after: `v${installed}`, comment: both(tallyText(repair)) });
    for (let v = installed + 1; v <= target; v += 1) {
      closing.push({ kind: "audit", action: "template_migrated", before: `v${v - 1}`, after: `v${v}`, comment: both(tallyText(tallies.get(v) ?? { sheets: 0, columns: 0, rows: 0, other: 0 })) });
    }
  }
  const ops = changes.length || closing.length ? [...changes, ...closing] : [];
  return { fromVersion: installed, toVersion: target, ops, summary: summarize(ops, installed, target) };
}

function summarize(ops: readonly InstallOp[], from: number, to: number): Bilingual {
  if (ops.length === 0) return { zh: `已是最新模板 v${to},无需更改`, en: `Already on template v${to}: nothing to change` };
  const count: Tally = { sheets: 0, columns: 0, rows: 0, other: 0 };
  for (const op of ops) {
    if (op.kind === "createSheet") count.sheets += 1;
    else if (op.kind === "writeHeader" && !ops.some((o) => o.kind === "createSheet" && o.sheet === op.sheet)) count.columns += op.headers.length;
    else if (op.kind === "appendSeedRows") count.rows += op.records.length;
  }
  const lists = ops.reduce((n, op) => n + (op.kind === "setValidations" ? op.columns.length : 0), 0);
  const what = tallyText({ ...count, other: 0, lists });
  const version = from === to ? { zh: `模板 v${to}`, en: `template v${to}` } : { zh: `模板 v${from} → v${to}`, en: `template v${from} → v${to}` };
  return { zh: `${version.zh}:${what.zh}`, en: `${version.en}: ${what.en}` };
}

/** The snapshot the workbook will have once `plan` has run on `snapshot`. */
export function snapshotAfter(snapshot: WorkbookSnapshot, plan: InstallPlan): WorkbookSnapshot {
  const sheetNames = [...snapshot.sheetNames];
  const sheets: Record<string, { header: unknown[]; rowKeys: string[]; chartTitles: string[]; listValidations?: (readonly string[] | null)[] }> = {};
  for (const [name, s] of Object.entries(snapshot.sheets)) {
    sheets[name] = { header: [...s.header], rowKeys: [...(s.rowKeys ?? [])], chartTitles: [...(s.chartTitles ?? [])], ...(s.listValidations ? { listValidations: [...s.listValidations] } : {}) };
  }
  const namedRanges = [...snapshot.namedRanges];
  let installedVersion = snapshot.installedVersion;
  for (const op of plan.ops) {
    switch (op.kind) {
      case "createSheet":
        sheetNames.splice(op.index, 0, op.name);
        sheets[op.name] = { header: [], rowKeys: [], chartTitles: [] };
        break;
      case "writeHeader": {
        const header = sheets[op.name]?.header;
        if (!header) throw new Error(`no tab ${op.name}`);
        op.headers.forEach((h, i) => {
          const at = op.startColumn - 1 + i;
          while (header.length < at) header.push("");
          header[at] = h;
        });
        break;
      }
      case "appendSeedRows":
        sheets[op.name]?.rowKeys.push(...op.identities);
        break;
      case "addCharts":
        sheets[op.name]?.chartTitles.push(...op.charts.map((c) => c.title));
        break;
      case "setValidations": {
        const lists = sheets[op.name]?.listValidations;
        if (lists) for (const c of op.columns) lists[c.column - 1] = c.validation.values;
        break;
      }
      case "addNamedRanges":
        namedRanges.push(...op.ranges.map((r) => r.name));
        break;
      case "recordVersion":
        installedVersion = op.to;
        break;
      default:
        break;
    }
  }
  return { sheetNames, sheets, namedRanges, installedVersion };
}
