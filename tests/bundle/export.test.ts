/**
 * Outside Google Sheets (issue 11 §5): `npm run local -- export --values FILE` writes a values-only
 * copy of the workbook — every formula, ARRAYFORMULA and custom-function column included, replaced
 * by its computed value — that opens cleanly anywhere. Checked with exceljs (no formula left, the
 * same values as the workbook) and, where LibreOffice is installed, by LibreOffice itself: converted
 * headless to CSV, no sheet shows `#NAME?` (the workbook with its formulas does there).
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/local/commands";
import type { LocalHost } from "../../src/local/host";
import { loadXlsx } from "../../src/local/spreadsheet/xlsx";
import { openHost, scratchDir } from "./helpers";

/** soffice on PATH, or null (CI may lack LibreOffice: that test is skipped, saying so). */
function sofficePath(): string | null {
  try {
    return execFileSync("sh", ["-c", "command -v soffice || command -v libreoffice"], { encoding: "utf8" }).trim() || null;
  } catch {
    return null;
  }
}
const soffice = sofficePath();

let host: LocalHost;
let dir: string;
let valuesPath: string;
let cliOut: string[] = [];
let cliCode = -1;

beforeAll(async () => {
  host = await openHost();
  await host.clickMenu("installOrUpgrade");
  await host.clickMenu("loadDemoData");
  dir = scratchDir();
  const workbookPath = join(dir, "workbook.xlsx");
  await host.save(workbookPath);
  valuesPath = join(dir, "copies", "workbook-values.xlsx");
  cliOut = [];
  cliCode = await runCli(["export", "--values", valuesPath, "--workbook", workbookPath], { out: (l) => cliOut.push(l), err: (l) => cliOut.push(l) });
}, 240_000);

afterAll(() => host.close());

/** A value as the comparison sees it: a Date by its instant, anything else as it is. */
function comparable(value: unknown): unknown {
  return value instanceof Date || Object.prototype.toString.call(value) === "[object Date]" ? (value as Date).getTime() : value;
}

describe("the values-only copy (issue 11 §5)", () => {
  it("export --values writes it and says so; the copy holds no formula, and every cell the workbook computes shows the same value, custom-function columns included", async () => {
    expect(cliCode).toBe(0);
    expect(cliOut.join("\n")).toContain("values-only copy");
    const file = new ExcelJS.Workbook();
    await file.xlsx.readFile(valuesPath);
    const formulas: string[] = [];
    for (const ws of file.worksheets) ws.eachRow((row) => row.eachCell((cell) => void (cell.formula || cell.type === ExcelJS.ValueType.Formula ? formulas.push(`${ws.name}!${cell.address}`) : undefined)));
    expect(formulas).toEqual([]);

    const book = host.spreadsheet.workbook;
    const copy = await loadXlsx(valuesPath, {});
    expect(copy.sheets.map((s) => s.name)).toEqual(book.sheets.map((s) => s.name));
    let customCells = 0;
    const custom = new Set(host.functionNames().map((n) => n.toUpperCase()));
    for (const sheet of book.sheets) {
      const copied = copy.requireSheet(sheet.name);
      expect(copied.formulaCells.size, sheet.name).toBe(0);
      const rect = { row: 1, column: 1, numRows: Math.max(1, book.lastRow(sheet)), numColumns: Math.max(1, book.lastColumn(sheet)) };
      const want = book.readValues(sheet, rect).map((row) => row.map(comparable));
      const got = copy.readValues(copied, rect).map((row) => row.map(comparable));
      expect(got, sheet.name).toEqual(want);
      for (const key of sheet.formulaCells) {
        const formula = sheet.cell(Math.floor(key / 32768), key % 32768)?.formula ?? "";
        if ([...formula.matchAll(/([A-Z_][A-Z0-9_]*)\(/gi)].some((m) => custom.has((m[1] ?? "").toUpperCase()))) customCells += 1;
      }
    }
    // The demo department's scorecards and dashboard call MarketOps's custom functions.
    expect(customCells).toBeGreaterThan(0);
  });

  it.skipIf(!soffice)("opens cleanly in LibreOffice: converted headless to CSV, every sheet comes out and none shows #NAME? or another error", () => {
    const out = join(dir, "lo");
    mkdirSync(out, { recursive: true });
    // Filter options: comma, double quote, UTF-8, from row 1, …, and -1: every sheet to its own file (LibreOffice 7.2+).
    execFileSync(soffice!, ["--headless", "--norestore", `-env:UserInstallation=file://${join(dir, "lo-profile")}`, "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1", "--outdir", out, valuesPath], { stdio: "pipe", timeout: 240_000 });
    const csvs = readdirSync(out).filter((f) => f.endsWith(".csv"));
    expect(csvs).toHaveLength(host.spreadsheet.workbook.sheets.length);
    const shown = csvs.flatMap((f) => (/#NAME\?|Err:\d{3}|#REF!|#VALUE!/.test(readFileSync(join(out, f), "utf8")) ? [f] : []));
    expect(shown).toEqual([]);
  }, 300_000);
});

if (!soffice) {
  describe("LibreOffice check", () => {
    it.skip("skipped: soffice is not installed (apt-get install libreoffice-calc-nogui to run it)", () => undefined);
  });
}
