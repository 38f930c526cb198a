/**
 * The workbooks the bench measures jobs on: fresh hosts over a bundle, an installed workbook saved
 * once so the naive peer starts from exactly what the product's installer made, and data grown to
 * a department's size by writing rows straight into the workbook model (host access, not counted:
 * it stands for what people typed over months). Template sheets and their columns are found through
 * the template catalog and the installed header rows, never by hard-coded tab names or positions,
 * so the bench follows template changes.
 */
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildDemoDepartment } from "../src/core/demo/department";
import { sheetTemplate, templateCatalog } from "../src/core/templates/catalog";
import { columnLetters } from "../src/core/templates/formulas";
import { templateTabs } from "../src/core/templates/planner";
import { appendBlocks, tableLayout } from "../src/core/templates/table";
import type { TableRecord } from "../src/core/templates/table";
import type { SheetTemplate } from "../src/core/templates/types";
import { LocalHost } from "../src/local/host";
import type { SheetModel } from "../src/local/spreadsheet/sheetModel";
import type { Workbook } from "../src/local/spreadsheet/workbook";

/** A department's size: its people and the rows its busiest table (Activities) holds. */
export interface Scale {
  readonly people: number;
  readonly rows: number;
}

export const SCALES: readonly Scale[] = [
  { people: 25, rows: 1_000 },
  { people: 250, rows: 10_000 },
  { people: 2_500, rows: 100_000 },
];

/**
 * Orders grow with activity, one order per ten activity rows, and never fewer than 1,000: every
 * grown table then fills its sheet (a new sheet has 1,000 rows) at every size, so a job that adds
 * sheet rows when a sheet is full (`insertRowsAfter`) does so alike at every size and call counts
 * compare exactly.
 */
export function ordersFor(rows: number): number {
  return Math.max(1_000, Math.round(rows / 10));
}

/** Monday 2 November 2026, 09:00 in Shanghai: Load demo data fills October. */
export const BENCH_NOW = Date.parse("2026-11-02T09:00:00+08:00");
const OWNER = "director@marketops.example";

const scratchDirs: string[] = [];

export function scratchDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "marketops-bench-"));
  scratchDirs.push(dir);
  return dir;
}

export function removeScratchDirs(): void {
  for (const dir of scratchDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** A new, empty spreadsheet (in memory) running `bundlePath` (default: the built dist/Code.js). */
export async function freshHost(bundlePath?: string): Promise<LocalHost> {
  return LocalHost.open({ outDir: scratchDir(), now: BENCH_NOW, owner: OWNER, ...(bundlePath ? { bundlePath } : {}) });
}

/** An installed workbook saved to .xlsx + sidecar, for hosts that must start from it. */
export interface SavedWorkbook {
  readonly workbook: string;
  readonly sidecar: string;
}

/** Installs the product on a fresh spreadsheet and saves it. */
export async function saveInstalledWorkbook(): Promise<SavedWorkbook> {
  const dir = scratchDir();
  const host = await LocalHost.open({ workbookPath: join(dir, "installed.xlsx"), outDir: dir, now: BENCH_NOW, owner: OWNER });
  try {
    await host.run("installOrUpgrade");
    return await host.save();
  } finally {
    host.close();
  }
}

/** A host over a private copy of a saved workbook, running `bundlePath`. */
export async function hostFromSaved(saved: SavedWorkbook, bundlePath: string): Promise<LocalHost> {
  const dir = scratchDir();
  const workbookPath = join(dir, "workbook.xlsx");
  copyFileSync(saved.workbook, workbookPath);
  copyFileSync(saved.sidecar, join(dir, "workbook.host.json"));
  return LocalHost.open({ workbookPath, outDir: dir, bundlePath });
}

/** The tab of a template sheet in this workbook, found as the product finds it (tab name or title). */
function templateTab(book: Workbook, template: SheetTemplate): SheetModel {
  const name = templateTabs(templateCatalog(), book.sheets.map((s) => s.name)).get(template.key);
  if (name === undefined) throw new Error(`bench: the workbook has no tab for template sheet ${template.key}; is it installed?`);
  return book.requireSheet(name);
}

/** The header row, read from the model without waking the formula engine. */
function headerRow(book: Workbook, sheet: SheetModel): unknown[] {
  return book.readValues(sheet, { row: 1, column: 1, numRows: 1, numColumns: Math.max(1, sheet.contentLastColumn()) })[0] ?? [];
}

/** The last row holding data in a column the table adapter writes (computed columns do not count), 1 for a header only. */
function lastWrittenRow(sheet: SheetModel, computed: ReadonlySet<number>): number {
  for (let row = sheet.contentLastRow(); row >= 2; row--) {
    const cells = sheet.rows[row - 1] ?? [];
    if (cells.some((cell, i) => !computed.has(i) && cell?.value !== undefined && cell.value !== "")) return row;
  }
  return 1;
}

/** Makes sure the sheet has at least `rows` rows (Sheet.insertRowsAfter on the model). */
function ensureRows(book: Workbook, sheet: SheetModel, rows: number): void {
  if (sheet.maxRows < rows) book.insertRows(sheet, sheet.maxRows, rows - sheet.maxRows);
}

/**
 * Appends records to a template table through the model, cell for cell what the product's table
 * adapter would write (the same core layout and cell conversion), without counting service calls.
 */
function appendRowsToModel(host: LocalHost, sheetKey: string, records: readonly TableRecord[]): void {
  if (records.length === 0) return;
  const book = host.spreadsheet.workbook;
  const template = sheetTemplate(sheetKey);
  const sheet = templateTab(book, template);
  const layout = tableLayout(template, headerRow(book, sheet));
  const last = lastWrittenRow(sheet, layout.computed);
  ensureRows(book, sheet, last + records.length);
  for (const block of appendBlocks(layout, records, last, book.timeZone)) {
    const width = block.values[0]?.length ?? 0;
    if (width > 0) book.writeValues(sheet, { row: block.row, column: block.column, numRows: block.values.length, numColumns: width }, block.values);
  }
}

/** The demo department whose rows the bench repeats to grow a workbook. */
const demo = buildDemoDepartment({ year: 2026, month: 10 });

/** `count` records cycled from the demo department's `sheetKey` rows, each with its own id. */
function grownRecords(sheetKey: string, count: number, identify: (record: TableRecord, i: number) => TableRecord): TableRecord[] {
  const pattern = demo.records[sheetKey] ?? [];
  if (pattern.length === 0) throw new Error(`bench: the demo department has no ${sheetKey} rows to grow from`);
  return Array.from({ length: count }, (_, i) => identify(pattern[i % pattern.length] ?? {}, i));
}

const withKey = (record: TableRecord, key: string, value: string): TableRecord => (key in record ? { ...record, [key]: value } : record);

/** People of a department of `count`, each with an email of their own. */
function benchPeople(count: number): TableRecord[] {
  return grownRecords("people", count, (r, i) => withKey(withKey(r, "email", `person${i + 1}@bench.example`), "name", `${String(r.name ?? "")}${i + 1}`));
}

/** Activity rows: the demo month's visits, repeated with their own ids. */
function benchActivities(count: number): TableRecord[] {
  return grownRecords("activities", count, (r, i) => withKey(r, "id", `A-BENCH-${i + 1}`));
}

function benchOrders(count: number): TableRecord[] {
  return grownRecords("orders", count, (r, i) => withKey(r, "id", `SO-BENCH-${i + 1}`));
}

/**
 * Grows an installed workbook to a department's size: `people` people (0 keeps People empty, as
 * Load demo data requires), `rows` activities and `ordersFor(rows)` orders. Then evaluates every
 * formula once, as Sheets has by the time someone opens the menu, so the measured job does not pay
 * for the local engine's first build.
 */
export function growWorkbook(host: LocalHost, people: number, rows: number): void {
  // Writes into a sheet that has just grown go to the model only; the engine is rebuilt once below.
  host.spreadsheet.workbook.invalidateEngine();
  appendRowsToModel(host, "people", benchPeople(people));
  appendRowsToModel(host, "activities", benchActivities(rows));
  appendRowsToModel(host, "orders", benchOrders(ordersFor(rows)));
  host.spreadsheet.flush();
}

/**
 * The sheet the score-column job evaluates: a tab of the bench's own (not a template sheet, so the
 * measurement is the custom function's evaluation alone, not the recalculation of the scorecards
 * around it) with the actual sales in B, the targets in C and the plan points in D.
 */
export interface ScoreSheet {
  readonly tabName: string;
  readonly actual: number;
  readonly target: number;
  readonly score: number;
}

const SCORE_SHEET: ScoreSheet = { tabName: "Bench SALES_PLAN_SCORE", actual: 2, target: 3, score: 4 };

/** Adds the score tab with exactly `rows` data rows below its header (host access, not counted). */
export function addScoreSheet(host: LocalHost, rows: number): ScoreSheet {
  const book = host.spreadsheet.workbook;
  const sheet = book.insertSheet(SCORE_SHEET.tabName, undefined, { rows: rows + 1, columns: SCORE_SHEET.score });
  book.writeValues(sheet, { row: 1, column: 1, numRows: 1, numColumns: SCORE_SHEET.score }, [["销售主管 Sales head", "实际销售额 Actual sales", "目标销售额 Sales target", "计划完成得分 Plan points"]]);
  book.writeValues(
    sheet,
    { row: 2, column: 1, numRows: rows, numColumns: 1 },
    Array.from({ length: rows }, (_, i) => [`head${i + 1}@bench.example`]),
  );
  return SCORE_SHEET;
}

/** Actual and target of `rows` heads; `run` varies the actuals so each run recomputes every score. */
function scoreInputs(rows: number, run: number): { actual: number[][]; target: number[][] } {
  const target = Array.from({ length: rows }, (_, i) => [100_000 + (i % 50) * 2_000]);
  const actual = target.map(([t], i) => [Math.round((t ?? 0) * (0.3 + (((i * 37 + run * 11) % 160) / 100)))]);
  return { actual, target };
}

/** Writes the actual and target columns for `rows` heads (rows 2 … rows + 1). */
export function writeScoreInputs(host: LocalHost, columns: ScoreSheet, rows: number, run: number): void {
  const book = host.spreadsheet.workbook;
  const sheet = book.requireSheet(columns.tabName);
  const inputs = scoreInputs(rows, run);
  book.writeValues(sheet, { row: 2, column: columns.actual, numRows: rows, numColumns: 1 }, inputs.actual);
  book.writeValues(sheet, { row: 2, column: columns.target, numRows: rows, numColumns: 1 }, inputs.target);
}

/** One formula for the whole column (`=SALES_PLAN_SCORE(B2:B, C2:C)` in D2), as MarketOps has it. Returns the formula cells. */
export function placeColumnFormula(host: LocalHost, columns: ScoreSheet): number {
  const book = host.spreadsheet.workbook;
  const sheet = book.requireSheet(columns.tabName);
  const a = columnLetters(columns.actual);
  const t = columnLetters(columns.target);
  book.writeFormulas(sheet, { row: 2, column: columns.score, numRows: 1, numColumns: 1 }, [[`=SALES_PLAN_SCORE(${a}2:${a}, ${t}2:${t})`]]);
  return 1;
}

/** One formula per row (`=SALES_PLAN_SCORE(B2, C2)` filled down), as the naive peer has it. Returns the formula cells. */
export function placeRowFormulas(host: LocalHost, columns: ScoreSheet, rows: number): number {
  const book = host.spreadsheet.workbook;
  const sheet = book.requireSheet(columns.tabName);
  book.fillFormula(sheet, { row: 2, column: columns.score, numRows: rows, numColumns: 1 }, `=SALES_PLAN_SCORE(${columnLetters(columns.actual)}2, ${columnLetters(columns.target)}2)`);
  return rows;
}

/**
 * The same rule as a native formula per row (SC-03, PROPORTIONAL_CAPPED with the seed's points:
 * 0 below 60 %, else 40 × rate, at most 60), as a competent Sheets user writes it. Returns the
 * custom-function formula cells: none.
 */
export function placeNativeRowFormulas(host: LocalHost, columns: ScoreSheet, rows: number): number {
  const book = host.spreadsheet.workbook;
  const sheet = book.requireSheet(columns.tabName);
  const a = columnLetters(columns.actual);
  const t = columnLetters(columns.target);
  book.fillFormula(sheet, { row: 2, column: columns.score, numRows: rows, numColumns: 1 }, `=IF(${a}2/${t}2<0.6,0,MIN(40*${a}2/${t}2,60))`);
  return 0;
}

/** The computed scores of rows 2 … rows + 1, as getValues would return them (read on the model). */
export function readScores(host: LocalHost, columns: ScoreSheet, rows: number): unknown[] {
  const book = host.spreadsheet.workbook;
  const sheet = book.requireSheet(columns.tabName);
  return book.readValues(sheet, { row: 2, column: columns.score, numRows: rows, numColumns: 1 }).map((r) => r[0]);
}

/** Roles a growing department adds people to. */
const MANY_HOLDER_ROLES: ReadonlySet<string> = new Set(["sales", "regional", "promoter"]);

/** The sheets whose rows belong to one person (found by an email column), cloned for each person the close bench adds. */
const PERSON_SHEETS = ["plans", "actuals", "tasks", "contract_incidents", "scorecard_objective", "scorecard_sales_head", "scorecard_cust_head", "scorecard_info_head", "scorecard_mkt_head"] as const;

/**
 * Grows a workbook holding the demo department (Load demo data has run) to `people` people and
 * `rows` activities: each added person copies a demo sales rep, regional manager or promoter: their People row and every row of theirs
 * in Plans, Actuals, Tasks, Contract incidents and the five scorecards (their email, and any
 * row id, made their own), so the monthly close appraises `people` people on the same rules.
 */
export function growDepartment(host: LocalHost, people: number, rows: number): void {
  host.spreadsheet.workbook.invalidateEngine();
  // Added people hold the roles a department has many of (sales, regional managers, promoters):
  // a second GM or HR would change who signs and who is mailed, not the size of the month.
  const pattern = (demo.records.people ?? []).filter((p) => MANY_HOLDER_ROLES.has(String(p.role)));
  const extra = Math.max(0, people - (demo.records.people ?? []).length);
  const clones = Array.from({ length: extra }, (_, i) => {
    const source = pattern[i % pattern.length] ?? {};
    return { source: String(source.email ?? ""), email: `person${i + 1}@bench.example`, record: withKey(withKey(source, "email", `person${i + 1}@bench.example`), "name", `${String(source.name ?? "")}${i + 1}`) };
  });
  appendRowsToModel(host, "people", clones.map((c) => c.record));
  for (const key of PERSON_SHEETS) {
    const records = demo.records[key] ?? [];
    const emailKeys = sheetTemplate(key).columns.filter((c) => c.key.endsWith("email")).map((c) => c.key);
    const added: TableRecord[] = [];
    clones.forEach((c, i) => {
      for (const r of records) {
        const owned = emailKeys.filter((k) => r[k] === c.source);
        if (owned.length === 0) continue;
        let copy: TableRecord = { ...r };
        for (const k of owned) copy = { ...copy, [k]: c.email };
        if (typeof r.id === "string") copy = { ...copy, id: `${r.id}-B${i + 1}` };
        added.push(copy);
      }
    });
    appendRowsToModel(host, key, added);
  }
  appendRowsToModel(host, "activities", benchActivities(rows));
  host.spreadsheet.flush();
}
