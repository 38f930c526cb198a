// The workbook saved as .xlsx shows a person computed values, dates, dropdowns and frozen rows, and
// loads back (with its sidecar) to the same workbook.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, describe, expect, it } from "vitest";
import type { CustomFunctionMap } from "../../src/local/spreadsheet/engine";
import { Workbook } from "../../src/local/spreadsheet/workbook";
import { loadXlsx, saveXlsx } from "../../src/local/spreadsheet/xlsx";

const dir = mkdtempSync(join(tmpdir(), "marketops-xlsx-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const functions: CustomFunctionMap = {
  DOUBLE: (x: unknown) => (Array.isArray(x) ? (x as unknown[][]).map((row) => row.map((v) => (typeof v === "number" ? v * 2 : ""))) : typeof x === "number" ? x * 2 : ""),
};

function sampleBook(): Workbook {
  const book = new Workbook({ id: "sheet-id-1", name: "MarketOps", timeZone: "Asia/Shanghai", locale: "zh_CN", owner: "owner@example.com", editors: ["ed@example.com"], sheets: ["Requests", "Lists"], customFunctions: functions });
  const requests = book.requireSheet("Requests");
  requests.maxRows = 20;
  book.writeValues(requests, { row: 1, column: 1, numRows: 4, numColumns: 5 }, [
    ["Region", "Amount", "Doubled", "Submitted", "Total"],
    ["East", 100, "=DOUBLE(B2:B)", new Date("2026-01-15T10:30:00+08:00"), "=SUM(B2:B)"],
    ["West", 250, "", new Date("2026-02-01T00:00:00+08:00"), ""],
    ["'=HYPERLINK(\"http://x\")", 5, "", "", ""],
  ]);
  requests.frozenRows = 1;
  requests.tabColor = "#ff9900";
  requests.columnWidths.set(1, 180);
  book.updateCells(requests, { row: 2, column: 1, numRows: 3, numColumns: 1 }, (cell) => {
    cell.validation = { criteria: "VALUE_IN_LIST", values: [["East", "West"], true], allowInvalid: false, helpText: "Pick a region" };
  });
  book.updateCells(requests, { row: 1, column: 1, numRows: 1, numColumns: 5 }, (cell) => {
    cell.style = { bold: true, background: "#eeeeee" };
  });
  book.updateCells(requests, { row: 1, column: 2, numRows: 1, numColumns: 1 }, (cell) => {
    cell.note = "In yuan";
  });
  book.setFormats(requests, { row: 2, column: 2, numRows: 3, numColumns: 1 }, [["#,##0.00"], ["#,##0.00"], ["#,##0.00"]]);
  requests.conditionalRules = [
    { ranges: [{ sheetName: "Requests", rect: { row: 2, column: 2, numRows: 19, numColumns: 1 } }], criteria: "NUMBER_GREATER_THAN_OR_EQUAL_TO", values: [200], background: "#ffcccc", fontColor: null, bold: true },
  ];
  const lists = book.requireSheet("Lists");
  lists.hidden = true;
  book.writeValues(lists, { row: 1, column: 1, numRows: 2, numColumns: 1 }, [["East"], ["West"]]);
  book.setNamedRange("Regions", { sheetName: "Lists", rect: { row: 1, column: 1, numRows: 2, numColumns: 1 } });
  book.addProtection({ type: "RANGE", sheetName: "Requests", rect: { row: 1, column: 1, numRows: 1, numColumns: 5 }, description: "Headers", editors: ["owner@example.com"], warningOnly: false, domainEdit: false, unprotected: [] });
  book.addProtection({ type: "SHEET", sheetName: "Lists", rect: undefined, description: "Lists", editors: undefined, warningOnly: false, domainEdit: false, unprotected: [] });
  return book;
}

describe("saving as .xlsx", () => {
  it("writes computed formula results, dates, a dropdown and the frozen row for a person opening the file", async () => {
    const path = join(dir, "shown.xlsx");
    await saveXlsx(sampleBook(), path);
    const file = new ExcelJS.Workbook();
    await file.xlsx.readFile(path);
    const ws = file.getWorksheet("Requests");
    expect(ws).toBeDefined();
    if (!ws) return;
    const doubled = ws.getCell("C2").value as ExcelJS.CellFormulaValue;
    expect(doubled.formula).toBe("DOUBLE(B2:B20)");
    expect(doubled.result).toBe(200);
    expect(ws.getCell("C3").value).toBe(500); // spilled result written as a value
    expect((ws.getCell("E2").value as ExcelJS.CellFormulaValue).result).toBe(355);
    const when = ws.getCell("D2").value;
    expect(when).toBeInstanceOf(Date);
    expect((when as Date).toISOString()).toBe("2026-01-15T10:30:00.000Z"); // wall clock 10:30 in the sheet's zone
    expect(ws.getCell("A4").value).toBe('=HYPERLINK("http://x")');
    expect(ws.getCell("A4").type).toBe(ExcelJS.ValueType.String);
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    const dv = (ws as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation> } }).dataValidations.model.A2;
    expect(dv).toMatchObject({ type: "list", formulae: ['"East,West"'], showErrorMessage: true });
    expect(ws.getCell("B1").note).toBe("In yuan");
    expect(ws.getCell("B2").numFmt).toBe("#,##0.00");
    expect(file.getWorksheet("Lists")?.state).toBe("hidden");
  });

  it("loads back with its sidecar to the same values, formulas, rules and protections, and saves the same again", async () => {
    const path = join(dir, "roundtrip.xlsx");
    const { sidecar } = await saveXlsx(sampleBook(), path);
    const back = await loadXlsx(path, { sidecar, customFunctions: functions });
    expect(back.id).toBe("sheet-id-1");
    expect(back.timeZone).toBe("Asia/Shanghai");
    const requests = back.requireSheet("Requests");
    expect(back.readFormulas(requests, { row: 2, column: 3, numRows: 1, numColumns: 3 })).toEqual([["=DOUBLE(B2:B)", "", "=SUM(B2:B)"]]);
    expect(back.read("Requests", "C2:C4")).toEqual([[200], [500], [10]]);
    expect(back.read("Requests", "A4")).toEqual([['=HYPERLINK("http://x")']]);
    expect((back.read("Requests", "D2")[0]?.[0] as Date).toISOString()).toBe("2026-01-15T02:30:00.000Z");
    expect(back.display("Requests", "B2")).toEqual([["100.00"]]);
    expect(requests.cell(3, 1)?.validation).toMatchObject({ criteria: "VALUE_IN_LIST", helpText: "Pick a region", allowInvalid: false });
    expect(requests.frozenRows).toBe(1);
    expect(requests.columnWidths.get(1)).toBe(180);
    expect(back.namedRange("Regions")?.target.sheetName).toBe("Lists");
    expect(back.protections.map((p) => [p.type, p.description, p.editors])).toEqual([
      ["RANGE", "Headers", ["owner@example.com"]],
      ["SHEET", "Lists", undefined],
    ]);
    const again = await saveXlsx(back, join(dir, "roundtrip2.xlsx"));
    expect(again.sidecar).toEqual(sidecar);
  });

  it("without a sidecar keeps what the file holds: values, formulas, dropdown, frozen row", async () => {
    const path = join(dir, "plain.xlsx");
    await saveXlsx(sampleBook(), path);
    const plain = await loadXlsx(path);
    expect(plain.read("Requests", "A2:B3")).toEqual([["East", 100], ["West", 250]]);
    expect(plain.readFormulas(plain.requireSheet("Requests"), { row: 2, column: 5, numRows: 1, numColumns: 1 })).toEqual([["=SUM(B2:B20)"]]);
    expect(plain.requireSheet("Requests").cell(2, 1)?.validation?.criteria).toBe("VALUE_IN_LIST");
    expect(plain.requireSheet("Requests").frozenRows).toBe(1);
  });
});
