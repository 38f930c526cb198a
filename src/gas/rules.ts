/**
 * The 规则说明 Rules sheet in the workbook (issue 11 §1): Install / upgrade writes its rows from the
 * project's rule catalogue (src/core/rules/sheet) when they differ, and links every rule ID shown in
 * the Rule columns of Settings and Routes to its row; the monthly and annual closes link the IDs in
 * the flags they write, and the approval jobs those in the notes of the tasks they create. (Install
 * does not go over Tasks or results rows: the per-cell reads would grow with the rows.) A link is rich text over the ID (`SC-42` in `SC-42 年度C…`) pointing at
 * `#gid=<Rules sheet id>&range=A<row>`, Sheets' link to a range of the same spreadsheet.
 * https://developers.google.com/apps-script/reference/spreadsheet/rich-text-value-builder#setLinkUrl(Integer,Integer,String)
 * https://developers.google.com/apps-script/reference/spreadsheet/range#setRichTextValues(RichTextValue)
 * https://developers.google.com/apps-script/reference/spreadsheet/sheet#getSheetId()
 */
import { RULES_SHEET, ruleMentions, ruleRowLink, rulesSheetUpdate } from "../core/rules/sheet";
import { sheetTemplate } from "../core/templates/catalog";
import { tableLayout, textCell } from "../core/templates/table";

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type RichTextValue = GoogleAppsScript.Spreadsheet.RichTextValue;

/** What `syncRulesSheet` changed. */
export interface RulesSync {
  /** Rules rows written (0 when the sheet already matched the catalogue). */
  readonly rows: number;
  /** Cells of Settings and Routes whose rule-ID links were (re)written. */
  readonly linked: number;
}

/** Template columns that show rule IDs, by sheet, linked by the installer. */
const LINKED_COLUMNS: readonly (readonly [string, readonly string[]])[] = [
  ["settings", ["rule"]],
  ["routes", ["rule", "decision"]],
];

function rulesTab(spreadsheet: Spreadsheet): Sheet | null {
  return spreadsheet.getSheetByName(sheetTemplate(RULES_SHEET).tabName);
}

/**
 * Writes the Rules rows when they differ from the catalogue (one read, at most one write and one
 * clear of rows left over from a longer catalogue), then links rule IDs in Settings and Routes.
 * https://developers.google.com/apps-script/reference/spreadsheet/range#clearContent()
 */
export function syncRulesSheet(spreadsheet: Spreadsheet): RulesSync {
  const sheet = rulesTab(spreadsheet);
  if (!sheet) return { rows: 0, linked: 0 };
  const values: unknown[][] = sheet.getDataRange().getValues();
  const layout = tableLayout(sheetTemplate(RULES_SHEET), values[0] ?? []);
  const keys = sheetTemplate(RULES_SHEET).columns.map((c) => c.key);
  const existing = values.slice(1).map((row) => keys.map((k) => row[layout.columns.get(k) ?? -1] ?? ""));
  const update = rulesSheetUpdate(existing);
  let rows = 0;
  if (update) {
    const width = Math.max(layout.width, ...keys.map((k) => (layout.columns.get(k) ?? 0) + 1));
    const block = update.map((wanted, i) => {
      const row: unknown[] = Array.from({ length: width }, (_, c): unknown => values[i + 1]?.[c] ?? "");
      keys.forEach((k, j) => {
        const at = layout.columns.get(k);
        if (at !== undefined) row[at] = textCell(wanted[j] ?? "");
      });
      return row;
    });
    if (sheet.getMaxRows() < block.length + 1) sheet.insertRowsAfter(sheet.getMaxRows(), block.length + 1 - sheet.getMaxRows());
    sheet.getRange(2, 1, block.length, width).setValues(block);
    const extra = values.length - 1 - block.length;
    if (extra > 0) sheet.getRange(block.length + 2, 1, extra, width).clearContent();
    rows = block.length;
  }
  let linked = 0;
  for (const [key, columns] of LINKED_COLUMNS) linked += linkRuleIds(spreadsheet, key, columns);
  return { rows, linked };
}

/** The links a cell holds, as `start-end url` strings (the comparison key). */
function linksOf(value: RichTextValue | null): string[] {
  if (!value) return [];
  return value
    .getRuns()
    .map((run) => ({ url: run.getLinkUrl(), start: run.getStartIndex(), end: run.getEndIndex() }))
    .filter((r) => r.url !== null)
    .map((r) => `${r.start}-${r.end} ${r.url}`);
}

/**
 * Links every rule ID in the given template columns of a sheet (rows `fromRow` … `fromRow + count - 1`,
 * or all data rows) to its Rules row: one rich-text read per column, and one write per column
 * when a cell's links differ from what its text calls for. Text cells only: a non-text cell is
 * left as it is. Returns how many cells were written; 0 when the workbook has no Rules sheet yet.
 */
export function linkRuleIds(spreadsheet: Spreadsheet, sheetKey: string, columnKeys: readonly string[], fromRow = 2, count?: number): number {
  const rules = rulesTab(spreadsheet);
  const sheet = spreadsheet.getSheetByName(sheetTemplate(sheetKey).tabName);
  if (!rules || !sheet) return 0;
  const rows = count ?? sheet.getLastRow() - fromRow + 1;
  const width = sheet.getLastColumn();
  if (rows <= 0 || width === 0) return 0;
  const layout = tableLayout(sheetTemplate(sheetKey), sheet.getRange(1, 1, 1, width).getValues()[0] ?? []);
  const gid = rules.getSheetId();
  let written = 0;
  for (const key of columnKeys) {
    const at = layout.columns.get(key);
    if (at === undefined) continue;
    const current = sheet.getRange(fromRow, at + 1, rows, 1).getRichTextValues().map((r) => r[0] ?? null);
    const wanted = current.map((value) => (value ? ruleMentions(value.getText()) : []));
    const stale = current.map((value, i) => value !== null && (wanted[i] ?? []).map((m) => `${m.start}-${m.end} ${ruleRowLink(gid, m.row)}`).join("\n") !== linksOf(value).join("\n"));
    // Rewrite each run of consecutive text cells that holds a stale cell (non-text cells stay as they are).
    for (let i = 0; i < current.length; ) {
      if (!stale[i]) {
        i += 1;
        continue;
      }
      let j = i;
      while (j + 1 < current.length && current[j + 1] !== null && stale.slice(j + 1).some(Boolean)) j += 1;
      while (j > i && !stale[j]) j -= 1;
      const block = current.slice(i, j + 1).map((value, k) => {
        const builder = SpreadsheetApp.newRichTextValue().setText(value ? value.getText() : "");
        for (const m of wanted[i + k] ?? []) builder.setLinkUrl(m.start, m.end, ruleRowLink(gid, m.row));
        return [builder.build()];
      });
      sheet.getRange(fromRow + i, at + 1, block.length, 1).setRichTextValues(block);
      written += stale.slice(i, j + 1).filter(Boolean).length;
      i = j + 1;
    }
  }
  return written;
}
