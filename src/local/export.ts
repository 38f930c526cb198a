/**
 * A values-only copy of the workbook (issue 11 §5): `npm run local -- export --values FILE` and
 * `npm start` write it. The workbook itself (out/workbook.xlsx) keeps MarketOps's formulas —
 * ARRAYFORMULA columns and the script's custom functions, which only Google Sheets (or this host)
 * can compute, so LibreOffice and Excel show `#NAME?` at the top of those columns. The copy holds
 * every formula's computed value instead (spilled array results included), with the same tabs,
 * formats, widths, frozen panes, dropdowns and hidden sheets and columns, so it opens cleanly in
 * any spreadsheet program. It is for reading and sharing; MarketOps runs on the workbook.
 */
import { mkdirSync, renameSync, rmSync } from "node:fs";
import { dirname } from "node:path";
import type { Workbook } from "./spreadsheet/workbook";
import { saveXlsx } from "./spreadsheet/xlsx";

export interface ValuesExport {
  readonly path: string;
  readonly sheets: number;
  /** Formula cells whose computed value the copy holds instead. */
  readonly formulas: number;
}

/** Writes the values-only copy of `book` to `path` (through a temporary beside it, then renamed into place). */
export async function exportValues(book: Workbook, path: string): Promise<ValuesExport> {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    await saveXlsx(book, temporary, { valuesOnly: true });
    renameSync(temporary, path);
  } finally {
    rmSync(temporary, { force: true });
  }
  const formulas = book.sheets.reduce((n, s) => n + s.formulaCells.size, 0);
  return { path, sheets: book.sheets.length, formulas };
}
