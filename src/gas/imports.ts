/**
 * Menu 导入实绩 CSV / 导入拜访 CSV — CSV import from the company's sales system into Actuals and
 * Activities (issue 9 §2; spec WF-12, KPI-07..10, SC-09..11). The menu asks for the Drive file (its
 * id or URL), reads it (`DriveApp.getFileById(id).getBlob().getDataAsString()`, as GB18030 when it
 * is not UTF-8), parses it with
 * `Utilities.parseCsv`, reads the target sheet and People, Regions and Customers once, and shows
 * what the core would write in a dialog: rows to add, rows to change, rows refused with the reason
 * per row and column. Its button calls `applyCsvImport` through google.script.run with the
 * preview's fingerprint: under the script lock the same reads and the same plan again, refused if
 * the file or the sheet moved since the preview, then one update and one append (one setValues per
 * block, src/gas/table.ts) and one Audit row that lists the refused rows. The local CLI
 * (`npm run local -- import <table> <file.csv>`) puts the file in the local host's Drive and calls
 * the same two functions, so parsing and validation exist once, here and in the core.
 * https://developers.google.com/apps-script/reference/drive/drive-app#getFileById(String)
 * https://developers.google.com/apps-script/reference/base/blob#getDataAsString()
 * https://developers.google.com/apps-script/reference/utilities/utilities#parseCsv(String)
 * https://developers.google.com/apps-script/reference/base/ui#prompt(String,String,ButtonSet)
 */
import { requireOwnAuthority } from "./access";
import { withScriptLock } from "./approvals/submit";
import { settingsByKey } from "./approvals/workbook";
import { actorEmail } from "./close/close";
import { appendRecords, readTable, updateRecords } from "./table";
import { both, format, UserError } from "../core/i18n";
import type { ImportPlan, ImportTable } from "../core/imports/csv-import";
import { driveFileIdOf, importFingerprint, isImportTable, planImport } from "../core/imports/csv-import";
import { dateTimeText } from "../core/templates/table";
import { importPreviewHtml } from "../render/import-preview";

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

const WHAT = { zh: "CSV 导入", en: "CSV import" };

const TABLE_NAME: Readonly<Record<ImportTable, { zh: string; en: string }>> = {
  actuals: { zh: "实绩", en: "Actuals" },
  activities: { zh: "拜访与竞品", en: "Activities" },
};

const M = {
  ask: { zh: "请粘贴云端硬盘中 CSV 文件的链接或文件 ID(第 1 行为列名)", en: "Paste the link or the file ID of the CSV file in Drive (row 1: the column headers)" },
  title: { zh: "导入{table}:预览", en: "Import {table}: preview" },
  badTable: { zh: "无法导入「{table}」:只能导入 actuals(实绩)或 activities(拜访与竞品)", en: "cannot import \"{table}\": only actuals or activities" },
  badRef: { zh: "「{ref}」不是云端硬盘文件的链接或 ID:请粘贴文件的共享链接", en: "\"{ref}\" is not a Drive file link or ID: paste the file's sharing link" },
  notFound: { zh: "打不开云端硬盘文件「{ref}」:请确认链接正确且您有查看权限({error})", en: "cannot open the Drive file \"{ref}\": check the link and that you may view it ({error})" },
  notCsv: { zh: "文件「{file}」无法按 CSV 读取:请从销售系统导出为 CSV(逗号分隔、UTF-8)({error})", en: "the file \"{file}\" cannot be read as CSV: export it from the sales system as CSV (comma-separated, UTF-8) ({error})" },
  problems: { zh: "文件未导入:{problems}", en: "Nothing was imported: {problems}" },
  moved: { zh: "预览之后文件或工作表有变动;请重新导入查看新的预览", en: "The file or the sheet changed after the preview; import again to see the new one" },
  written: { zh: "已导入「{sheet}」:新增 {added} 行,修改 {changed} 行,拒绝 {refused} 行", en: "Imported into \"{sheet}\": {added} rows added, {changed} changed, {refused} refused" },
  nothing: { zh: "「{sheet}」已包含文件中所有有效行,无需更改(拒绝 {refused} 行)", en: "\"{sheet}\" already holds every valid row of the file: nothing changed ({refused} refused)" },
} as const;

function tableOf(table: unknown): ImportTable {
  if (isImportTable(table)) return table;
  throw new UserError("IMPORT_TABLE_UNKNOWN", format(M.badTable, { table: String(table) }));
}

function titleOf(table: ImportTable): string {
  return both({ zh: M.title.zh.replace("{table}", TABLE_NAME[table].zh), en: M.title.en.replace("{table}", TABLE_NAME[table].en) });
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The Drive file as parsed rows: one read of the file. */
function readCsvFile(ref: unknown): { id: string; name: string; rows: string[][] } {
  const pasted = typeof ref === "string" ? ref : "";
  const id = driveFileIdOf(pasted);
  if (id === null) throw new UserError("IMPORT_FILE_REF", format(M.badRef, { ref: pasted }));
  let file: GoogleAppsScript.Drive.File;
  try {
    file = DriveApp.getFileById(id);
  } catch (error) {
    throw new UserError("IMPORT_FILE_NOT_FOUND", format(M.notFound, { ref: pasted, error: message(error) }));
  }
  const name = file.getName();
  try {
    const blob = file.getBlob();
    let text = blob.getDataAsString();
    // Excel and many sales systems in China write CSV in GBK/GB18030: bytes that are not UTF-8 read
    // as U+FFFD, and then the Chinese headers would match nothing. Read such a file as GB18030.
    if (text.includes("\uFFFD")) text = blob.getDataAsString("GB18030");
    return { id, name, rows: Utilities.parseCsv(text) };
  } catch (error) {
    throw new UserError("IMPORT_NOT_CSV", format(M.notCsv, { file: name, error: message(error) }));
  }
}

/** What importing the file would do now: one read of the file, the target sheet and the references. */
function currentPlan(spreadsheet: Spreadsheet, table: ImportTable, ref: unknown): { plan: ImportPlan; fileId: string } {
  const file = readCsvFile(ref);
  const plan = planImport({
    table,
    fileName: file.name,
    csv: file.rows,
    existing: readTable(spreadsheet, table).rows,
    people: readTable(spreadsheet, "people").rows.map((r) => r.values),
    regions: readTable(spreadsheet, "regions").rows.map((r) => r.values),
    customers: table === "activities" ? readTable(spreadsheet, "customers").rows.map((r) => r.values) : [],
    collectionCutoff: table === "actuals" ? settingsByKey(spreadsheet).COLLECTION_CUTOFF : undefined,
  });
  return { plan, fileId: file.id };
}

/** What the preview shows, for the CLI and for tests: counts, refused rows in both languages, the fingerprint. */
export function csvImportPreview(table: unknown, ref: unknown): { file: string; sheet: string; add: number; change: number; unchanged: number; refused: string[]; problems: string[]; ignoredColumns: string[]; fingerprint: string } {
  requireOwnAuthority(WHAT);
  const { plan } = currentPlan(SpreadsheetApp.getActiveSpreadsheet(), tableOf(table), ref);
  return {
    file: plan.fileName,
    sheet: plan.sheet,
    add: plan.add.length,
    change: plan.change.length,
    unchanged: plan.unchanged,
    refused: plan.refused.map((r) => both(r.text)),
    problems: plan.problems.map(both),
    ignoredColumns: [...plan.ignoredColumns],
    fingerprint: importFingerprint(plan),
  };
}

/** The preview dialog of importing the file at `ref` into `table`; nothing is written until its button. */
function showPreview(table: ImportTable, ref: string): void {
  const { plan, fileId } = currentPlan(SpreadsheetApp.getActiveSpreadsheet(), table, ref);
  const output = HtmlService.createHtmlOutput(importPreviewHtml(plan, fileId, importFingerprint(plan))).setWidth(960).setHeight(680);
  SpreadsheetApp.getUi().showModalDialog(output, titleOf(table));
}

/** Asks for the Drive file, then shows the preview; a closed or cancelled prompt does nothing. */
function askAndPreview(table: ImportTable): void {
  requireOwnAuthority(WHAT);
  const ui = SpreadsheetApp.getUi();
  const answer = ui.prompt(titleOf(table), both(M.ask), ui.ButtonSet.OK_CANCEL);
  if (answer.getSelectedButton() !== ui.Button.OK) return;
  showPreview(table, answer.getResponseText());
}

/** Menu: 导入实绩 CSV Import actuals (CSV). */
export function importActualsCsv(): void {
  askAndPreview("actuals");
}

/** Menu: 导入拜访 CSV Import activities (CSV). */
export function importActivitiesCsv(): void {
  askAndPreview("activities");
}

/**
 * Writes the previewed import (the dialog's button, through google.script.run; the local CLI):
 * one update and one append of the target sheet, one Audit row naming the file and every refused
 * row written with them; nothing at all when the sheet already holds every valid row of the file.
 * @param {string} table actuals or activities
 * @param {string} ref the Drive file's id or URL
 * @param {string} fingerprint the preview's fingerprint
 */
export function applyCsvImport(table: unknown, ref: unknown, fingerprint: unknown): { added: number; changed: number; refused: number; message: string } {
  requireOwnAuthority(WHAT);
  const key = tableOf(table);
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  return withScriptLock(() => {
    const { plan, fileId } = currentPlan(spreadsheet, key, ref);
    if (plan.problems.length > 0) {
      throw new UserError("IMPORT_FILE_PROBLEMS", { zh: format(M.problems, { problems: plan.problems.map((p) => p.zh).join(";") }).zh, en: format(M.problems, { problems: plan.problems.map((p) => p.en).join("; ") }).en });
    }
    if (typeof fingerprint !== "string" || fingerprint !== importFingerprint(plan)) throw new UserError("IMPORT_PREVIEW_STALE", M.moved);
    const refusedRows = new Set(plan.refused.map((r) => r.line)).size;
    const counts = { sheet: plan.sheet, added: plan.add.length, changed: plan.change.length, refused: refusedRows };
    if (plan.add.length === 0 && plan.change.length === 0) return { added: 0, changed: 0, refused: refusedRows, message: both(format(M.nothing, counts)) };
    updateRecords(spreadsheet, key, plan.change.map((c) => ({ row: c.row, values: c.values })));
    appendRecords(spreadsheet, key, plan.add.map((a) => a.values));
    const text = both(format(M.written, counts));
    const zone = spreadsheet.getSpreadsheetTimeZone();
    appendRecords(spreadsheet, "audit", [
      {
        at: dateTimeText(Date.now(), zone),
        actor_email: actorEmail(),
        action: `${key}.imported`,
        object_type: key,
        object_id: `${plan.fileName} (${fileId})`,
        before: null,
        after: `added ${plan.add.length}, changed ${plan.change.length}, unchanged ${plan.unchanged}, refused ${refusedRows}`,
        comment: [text, ...plan.refused.slice(0, 100).map((r) => both(r.text))].join("\n"),
        channel: "menu",
      },
    ]);
    return { added: plan.add.length, changed: plan.change.length, refused: refusedRows, message: text };
  });
}
