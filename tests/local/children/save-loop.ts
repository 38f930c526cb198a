/**
 * A child process for tests/local/persistence.test.ts: opens a workbook on the keeper fixture,
 * fills a sheet large enough that a save takes a while, then saves over and over, writing the
 * round into A1 and printing `saved <round>` after each save returns. The test kills it with
 * SIGKILL at varying moments and checks the pair on disk.
 */
import { join } from "node:path";
import { LocalHost } from "../../../src/local/host";

const [workbookPath, rowsText] = process.argv.slice(2);
if (!workbookPath) throw new Error("usage: save-loop <workbook.xlsx> [rows]");
const rows = Number(rowsText ?? "20000");
const bundlePath = join(import.meta.dirname, "../../fixtures/keeper/Code.js");
const host = await LocalHost.open({ bundlePath, workbookPath, owner: "owner@example.com" });
const book = host.spreadsheet.workbook;
const sheet = book.sheet("Bulk") ?? book.insertSheet("Bulk", undefined, { rows: rows + 1, columns: 8 });
if (book.lastRow(sheet) < rows) {
  const values = Array.from({ length: rows }, (_, r) => Array.from({ length: 8 }, (_, c) => (c % 2 ? r * 8 + c : `行 ${r} 列 ${c} text`)));
  book.writeValues(sheet, { row: 2, column: 1, numRows: rows, numColumns: 8 }, values);
}
for (let round = Number(book.read("Bulk", "A1")[0]?.[0] ?? 0) + 1; ; round++) {
  book.writeValues(sheet, { row: 1, column: 1, numRows: 1, numColumns: 1 }, [[round]]);
  await host.save();
  process.stdout.write(`saved ${round}\n`);
}
