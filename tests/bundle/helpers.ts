/**
 * Shared set-up for bundle tests: a fresh local host per test (its own vm context, workbook,
 * clock and outbox) over the built dist/Code.js, and a snapshot of everything a workbook holds.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
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
      conditionalRules: sheet.conditionalRules,
    };
  });
  return { sheets, protections: book.protections, namedRanges: book.namedRanges() };
}
