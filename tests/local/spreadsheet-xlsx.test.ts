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
    // An open range runs to the file grid's last row, so rows a person appends to the file still count.
    expect(doubled.formula).toBe("DOUBLE(B2:B1048576)");
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
    expect(plain.readFormulas(plain.requireSheet("Requests"), { row: 2, column: 5, numRows: 1, numColumns: 1 })).toEqual([["=SUM(B2:B)"]]);
    expect(plain.requireSheet("Requests").cell(2, 1)?.validation?.criteria).toBe("VALUE_IN_LIST");
    expect(plain.requireSheet("Requests").frozenRows).toBe(1);
  });
});

/** Everything the model holds, read without I/O: what save → load must give back unchanged. */
function modelOf(book: Workbook): unknown {
  return {
    workbook: [book.id, book.name, book.timeZone, book.locale, book.owner, book.editors, book.activeSheet.name, book.nextIds],
    sheets: book.sheets.map((sheet) => {
      const cells: unknown[] = [];
      sheet.forEachCell((row, column, cell) => cells.push([row, column, { ...cell }]));
      const used = { row: 1, column: 1, numRows: Math.max(1, book.lastRow(sheet)), numColumns: Math.max(1, book.lastColumn(sheet)) };
      return {
        name: sheet.name,
        sheetId: sheet.sheetId,
        size: [sheet.maxRows, sheet.maxColumns],
        frozen: [sheet.frozenRows, sheet.frozenColumns],
        hidden: sheet.hidden,
        tabColor: sheet.tabColor,
        widths: [...sheet.columnWidths.entries()],
        conditionalRules: sheet.conditionalRules,
        cells,
        computed: book.readValues(sheet, used),
        display: book.readDisplayValues(sheet, used),
      };
    }),
    protections: book.protections,
    namedRanges: book.namedRanges(),
  };
}

async function roundTrip(book: Workbook, name: string): Promise<{ back: Workbook; file: ExcelJS.Workbook; sidecar: Awaited<ReturnType<typeof saveXlsx>>["sidecar"] }> {
  const path = join(dir, `${name}.xlsx`);
  const { sidecar } = await saveXlsx(book, path);
  const file = new ExcelJS.Workbook();
  await file.xlsx.readFile(path);
  const back = await loadXlsx(path, { sidecar: JSON.parse(JSON.stringify(sidecar)) as typeof sidecar, customFunctions: functions });
  return { back, file, sidecar };
}

function cellCount(ws: ExcelJS.Worksheet): number {
  let n = 0;
  ws.eachRow({ includeEmpty: true }, (row) => row.eachCell({ includeEmpty: false }, () => n++));
  return n;
}

describe("save → load gives back the same model, cell for cell", () => {
  it("the sample workbook (values, spills, dates, rules, protections, named ranges)", async () => {
    const book = sampleBook();
    const { back } = await roundTrip(book, "whole");
    expect(modelOf(back)).toEqual(modelOf(book));
  });

  it("cells inside a spilled result keep their own number format, note and style", async () => {
    const book = new Workbook({ sheets: ["Orders"], customFunctions: functions });
    const orders = book.requireSheet("Orders");
    orders.maxRows = 30;
    book.writeValues(orders, { row: 1, column: 1, numRows: 4, numColumns: 3 }, [["Qty", "", "Doubled"], [1, "", "=DOUBLE(A2:A)"], [2, "", ""], [3, "", ""]]);
    book.setFormats(orders, { row: 2, column: 3, numRows: 29, numColumns: 1 }, "0.00");
    book.updateCells(orders, { row: 3, column: 3, numRows: 1, numColumns: 1 }, (cell) => {
      cell.note = "doubled";
      cell.style = { bold: true };
    });
    expect(book.display("Orders", "C3")).toEqual([["4.00"]]);
    const { back } = await roundTrip(book, "spill-formats");
    expect(back.requireSheet("Orders").cell(20, 3)).toEqual({ format: "0.00" });
    expect(back.requireSheet("Orders").cell(3, 3)).toEqual({ format: "0.00", note: "doubled", style: { bold: true } });
    expect(back.display("Orders", "C2:C4")).toEqual([["2.00"], ["4.00"], ["6.00"]]);
    expect(modelOf(back)).toEqual(modelOf(book));
  });

  it("cells holding only a format stay out of the file, which shows each column's usual format instead", async () => {
    const book = new Workbook({ sheets: ["Plans"] });
    const plans = book.requireSheet("Plans");
    book.setFormats(plans, { row: 2, column: 1, numRows: 999, numColumns: 1 }, "yyyy-MM-dd");
    book.setFormats(plans, { row: 2, column: 2, numRows: 999, numColumns: 1 }, "#,##0");
    book.setFormats(plans, { row: 500, column: 2, numRows: 10, numColumns: 1 }, "0.0%");
    book.writeValues(plans, { row: 1, column: 1, numRows: 2, numColumns: 2 }, [["Month", "Target"], [new Date("2026-10-01T00:00:00+08:00"), 1200]]);
    const { back, file } = await roundTrip(book, "format-only");
    const ws = file.getWorksheet("Plans");
    expect(ws && cellCount(ws)).toBe(4);
    expect(ws?.getColumn(1).numFmt).toBe("yyyy-MM-dd");
    expect(ws?.getColumn(2).numFmt).toBe("#,##0");
    expect(back.requireSheet("Plans").cell(999, 1)).toEqual({ format: "yyyy-MM-dd" });
    expect(back.requireSheet("Plans").cell(505, 2)).toEqual({ format: "0.0%" });
    expect(modelOf(back)).toEqual(modelOf(book));
  });

  it("a date a formula returns is shown as a date in the file, and the cell still has no format of its own; General stays General", async () => {
    const book = new Workbook({ sheets: ["S"], customFunctions: functions });
    const s = book.requireSheet("S");
    book.writeValues(s, { row: 1, column: 1, numRows: 1, numColumns: 2 }, [["=DATE(2026,1,15)", 5]]);
    book.setFormats(s, { row: 1, column: 2, numRows: 2, numColumns: 1 }, "General");
    const { back, file } = await roundTrip(book, "display-formats");
    expect(file.getWorksheet("S")?.getCell("A1").numFmt).toBe("yyyy-mm-dd");
    expect(back.requireSheet("S").cell(1, 1)).toEqual({ formula: "=DATE(2026,1,15)" });
    expect(back.requireSheet("S").cell(1, 2)).toEqual({ value: 5, format: "General" });
    expect(back.requireSheet("S").cell(2, 2)).toEqual({ format: "General" });
    expect(modelOf(back)).toEqual(modelOf(book));
  });

  it("notes come back exactly, also on a cell with nothing else and with a carriage return", async () => {
    const book = new Workbook({ sheets: ["S"] });
    const s = book.requireSheet("S");
    book.updateCells(s, { row: 3, column: 2, numRows: 1, numColumns: 1 }, (cell) => {
      cell.note = "on an empty cell";
    });
    book.updateCells(s, { row: 1, column: 1, numRows: 1, numColumns: 1 }, (cell) => {
      cell.note = "first line\r\nsecond line ";
    });
    const { back } = await roundTrip(book, "notes");
    expect(back.requireSheet("S").cell(3, 2)).toEqual({ note: "on an empty cell" });
    expect(back.requireSheet("S").cell(1, 1)).toEqual({ note: "first line\r\nsecond line " });
    expect(modelOf(back)).toEqual(modelOf(book));
  });

  it("text, -0 and date serials the file would change come back exactly; ordinary ones need no sidecar entry", async () => {
    const book = new Workbook({ sheets: ["S"] });
    const s = book.requireSheet("S");
    const fine = 46000 + 1 / 3 + 1e-9; // finer than a millisecond
    book.writeValues(s, { row: 1, column: 1, numRows: 1, numColumns: 6 }, [["line 1\r\nline 2", "bell\u0007", "_x000D_ is literal", -0, fine, new Date("2026-10-15T14:37:12.345+08:00")]]);
    book.setFormats(s, { row: 1, column: 5, numRows: 1, numColumns: 1 }, "yyyy-MM-dd HH:mm:ss");
    const { back, sidecar } = await roundTrip(book, "constants");
    expect(Object.keys(sidecar.sheets[0]?.constants ?? {}).sort()).toEqual(["A1", "B1", "C1", "D1", "E1"]);
    expect(back.read("S", "A1:E1")[0]?.slice(0, 3)).toEqual(["line 1\r\nline 2", "bell\u0007", "_x000D_ is literal"]);
    expect(Object.is(back.requireSheet("S").cell(1, 4)?.value, -0)).toBe(true);
    expect(back.requireSheet("S").cell(1, 5)?.value).toBe(fine);
    expect(modelOf(back)).toEqual(modelOf(book));
  });

  it("sheet names Excel does not allow are saved under legal ones and come back with formulas, validations and names intact", async () => {
    const long = "Marketing plan and actuals for the year 2026";
    const book = new Workbook({ sheets: ["Q1/Q2 plan", long, "History", "Summary"] });
    book.writeValues(book.requireSheet("Q1/Q2 plan"), { row: 1, column: 1, numRows: 2, numColumns: 1 }, [[10], [20]]);
    book.writeValues(book.requireSheet(long), { row: 1, column: 1, numRows: 1, numColumns: 1 }, [[5]]);
    book.writeValues(book.requireSheet("History"), { row: 1, column: 1, numRows: 1, numColumns: 1 }, [["East"]]);
    book.writeValues(book.requireSheet("Summary"), { row: 1, column: 1, numRows: 1, numColumns: 3 }, [[`=SUM('Q1/Q2 plan'!A1:A)+'${long}'!A1`, "=PlanCells", "East"]]);
    book.setNamedRange("PlanCells", { sheetName: "Q1/Q2 plan", rect: { row: 2, column: 1, numRows: 1, numColumns: 1 } });
    book.updateCells(book.requireSheet("Summary"), { row: 1, column: 3, numRows: 1, numColumns: 1 }, (cell) => {
      cell.validation = { criteria: "VALUE_IN_RANGE", values: [{ sheetName: "History", rect: { row: 1, column: 1, numRows: 5, numColumns: 1 } }, true], allowInvalid: false, helpText: null };
    });
    expect(book.read("Summary", "A1:B1")).toEqual([[35, 20]]);
    const { back, file } = await roundTrip(book, "sheet-names");
    const names = file.worksheets.map((w) => w.name);
    expect(names).toEqual(["Q1_Q2 plan", long.slice(0, 31), "History_", "Summary"]);
    expect((file.getWorksheet("Summary")?.getCell("A1").value as ExcelJS.CellFormulaValue).formula).toContain("'Q1_Q2 plan'!A1:A");
    expect(back.sheets.map((s) => s.name)).toEqual(["Q1/Q2 plan", long, "History", "Summary"]);
    expect(back.read("Summary", "A1:B1")).toEqual([[35, 20]]);
    expect(modelOf(back)).toEqual(modelOf(book));
  });

  it("protection ids and the ids the next sheet and protection get survive, gaps included", async () => {
    const book = new Workbook({ sheets: ["A", "B", "C"] });
    const p = (sheetName: string) => book.addProtection({ type: "SHEET", sheetName, rect: undefined, description: sheetName, editors: undefined, warningOnly: true, domainEdit: false, unprotected: [] });
    p("A");
    const second = p("B");
    p("C");
    book.removeProtection(second);
    book.deleteSheet(book.requireSheet("C"));
    book.insertSheet("D");
    book.deleteSheet(book.requireSheet("D"));
    const { back } = await roundTrip(book, "ids");
    expect(back.protections.map((x) => x.id)).toEqual([1]);
    expect(back.nextIds).toEqual(book.nextIds);
    expect(back.insertSheet("E").sheetId).toBe(book.insertSheet("E").sheetId);
    expect(modelOf(back)).toEqual(modelOf(book));
  });

  it("a cell a script cleared leaves nothing behind, so it is not a cell the file could lose", async () => {
    const book = new Workbook({ sheets: ["S"] });
    const s = book.requireSheet("S");
    book.writeValues(s, { row: 1, column: 1, numRows: 2, numColumns: 2 }, [["a", "b"], ["c", "=A1"]]);
    book.updateCells(s, { row: 3, column: 1, numRows: 1, numColumns: 2 }, (cell) => {
      cell.note = "x";
    });
    book.writeValues(s, { row: 1, column: 1, numRows: 2, numColumns: 2 }, [["", null], ["", ""]]);
    book.updateCells(s, { row: 3, column: 1, numRows: 1, numColumns: 2 }, (cell) => {
      delete cell.note;
    });
    const cells: unknown[] = [];
    s.forEachCell((row, column) => cells.push([row, column]));
    expect(cells).toEqual([]);
    const { back } = await roundTrip(book, "cleared");
    expect(modelOf(back)).toEqual(modelOf(book));
  });
});
