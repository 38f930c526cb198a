/**
 * Shared set-up for bundle tests: a fresh local host per test (its own vm context, workbook,
 * clock and outbox) over the built dist/Code.js, and a snapshot of everything a workbook holds.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sheetTemplate } from "../../src/core/templates/catalog";
import { tableLayout } from "../../src/core/templates/table";
import { LocalHost, type HostOptions } from "../../src/local/host";

/** Monday 2 November 2026, 09:00 in Shanghai: the demo month (October) has just closed. */
export const DEMO_NOW = Date.parse("2026-11-02T09:00:00+08:00");

export function scratchDir(): string {
  return mkdtempSync(join(tmpdir(), "marketops-test-"));
}

export async function openHost(options: HostOptions = {}): Promise<LocalHost> {
  return LocalHost.open({ outDir: scratchDir(), now: DEMO_NOW, owner: "director@marketops.example", ...options });
}

/**
 * Everything a person or the installer could have changed, read from the model without I/O:
 * every sheet's cells (value or formula, format, note, validation, style), computed values, frozen
 * panes, widths, tab colour, conditional formats; the workbook's protections and named ranges.
 */
export function workbookSnapshot(host: LocalHost): unknown {
  const book = host.spreadsheet.workbook;
  const sheets = book.sheets.map((sheet) => {
    const cells: unknown[] = [];
    sheet.forEachCell((row, column, cell) => cells.push([row, column, { ...cell }]));
    const rect = { row: 1, column: 1, numRows: Math.max(1, book.lastRow(sheet)), numColumns: Math.max(1, book.lastColumn(sheet)) };
    return {
      name: sheet.name,
      cells,
      computed: book.readValues(sheet, rect),
      frozen: [sheet.frozenRows, sheet.frozenColumns],
      hidden: sheet.hidden,
      tabColor: sheet.tabColor,
      widths: [...sheet.columnWidths.entries()],
      hiddenColumns: [...sheet.hiddenColumns],
      conditionalRules: sheet.conditionalRules,
    };
  });
  return { sheets, protections: book.protections, namedRanges: book.namedRanges() };
}

/**
 * Writes records (by column key) straight into a template sheet below its last row (or over its
 * data rows with `replace`), as another job of MarketOps would have; computed columns are left
 * alone so their array formulas stay. For fixtures such as the Monthly results a monthly close writes.
 */
export function writeTemplateRecords(host: LocalHost, sheetKey: string, records: readonly Readonly<Record<string, unknown>>[], replace = false): void {
  const book = host.spreadsheet.workbook;
  const template = sheetTemplate(sheetKey);
  const sheet = book.requireSheet(template.tabName);
  const header = book.readValues(sheet, { row: 1, column: 1, numRows: 1, numColumns: book.lastColumn(sheet) })[0] ?? [];
  const layout = tableLayout(template, header);
  const writable = template.columns.filter((c) => c.type !== "formula").map((c) => ({ key: c.key, at: layout.columns.get(c.key) ?? -1 })).filter((w) => w.at >= 0);
  if (replace && book.lastRow(sheet) > 1) {
    for (const w of writable) book.clearContents(sheet, { row: 2, column: w.at + 1, numRows: book.lastRow(sheet) - 1, numColumns: 1 });
  }
  const start = replace ? 2 : book.lastRow(sheet) + 1;
  if (records.length === 0) return;
  for (const w of writable) {
    book.writeValues(sheet, { row: start, column: w.at + 1, numRows: records.length, numColumns: 1 }, records.map((r) => [r[w.key] ?? ""]));
  }
  book.flush();
}
