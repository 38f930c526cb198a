/**
 * The workbook model in the Sheets API's terms (src/node/sheets-model.ts): a cell's every part
 * survives CellData both ways; what a run changed becomes absolute updateCells requests naming
 * only the parts that changed, one per run of rows; and a change the Node host does not write back
 * is refused before any request exists.
 */
import { describe, expect, it } from "vitest";
import type { Cell } from "../../src/local/spreadsheet/cells";
import { Workbook } from "../../src/local/spreadsheet/workbook";
import { baselineOf, cellIn, cellOut, extentsOf, NotWrittenBackError, rangesOf, workbookIn, writeBackOf } from "../../src/node/sheets-model";

describe("cells as CellData", () => {
  const cells: Cell[] = [
    { value: 12.5, format: "#,##0.00" },
    { value: 46000, format: "yyyy-MM-dd HH:mm" },
    { value: "=not a formula, a string" },
    { value: true },
    { formula: "=SUM(A1:A3)", note: "总计 Total" },
    { value: "SC-47: 连续6个月C", links: [{ start: 0, end: 5, url: "#gid=7&range=A9" }] },
    { value: "x", style: { bold: true, background: "#fce8e6", fontColor: "#202124", horizontalAlignment: "center", wrap: true } },
    { value: "pending", validation: { criteria: "VALUE_IN_LIST", values: [["draft", "pending"], true], allowInvalid: false, helpText: "选择 Pick one" } },
    { validation: { criteria: "VALUE_IN_RANGE", values: [{ sheetName: "人员 People", rect: { row: 2, column: 2, numRows: 999, numColumns: 1 } }, true], allowInvalid: true, helpText: null } },
    { validation: { criteria: "NUMBER_GREATER_THAN_OR_EQUAL_TO", values: [0], allowInvalid: false, helpText: null } },
    { value: "", validation: { criteria: "CHECKBOX", values: [], allowInvalid: false, helpText: null } },
    { format: "@" },
  ];
  for (const cell of cells) {
    it(`keeps ${JSON.stringify(cell).slice(0, 70)}`, () => {
      const expected: Cell = { ...cell };
      if (expected.value === "") delete expected.value;
      expect(cellIn(cellOut(cell))).toEqual(expected);
    });
  }
  it("types a string that looks like a formula or a date as text, never parsed", () => {
    expect(cellOut({ value: "2026-10" }).userEnteredValue).toEqual({ stringValue: "2026-10" });
    expect(cellOut({ value: "=1+1" }).userEnteredValue).toEqual({ stringValue: "=1+1" });
  });
});

describe("write-back of a run", () => {
  function book(): Workbook {
    const b = new Workbook({ sheets: [{ name: "Audit", sheetId: 3, rows: 5, columns: 4 }, { name: "Other", sheetId: 4 }] });
    b.writeValues(b.requireSheet("Audit"), { row: 1, column: 1, numRows: 1, numColumns: 2 }, [["at", "action"]]);
    return b;
  }

  it("appended rows are one updateCells over their columns with absolute coordinates; a grown sheet is resized first", () => {
    const b = book();
    const before = baselineOf(b);
    const audit = b.requireSheet("Audit");
    b.appendRow(audit, ["r1", "month.closed"]);
    b.appendRow(audit, ["r2", "mail.sent"]);
    b.insertRows(audit, 5, 2);
    const out = writeBackOf(before, b);
    expect(out.requests[0]).toEqual({ updateSheetProperties: { properties: { sheetId: 3, gridProperties: { rowCount: 7 } }, fields: "gridProperties.rowCount" } });
    expect(out.requests[1]).toEqual({
      updateCells: {
        start: { sheetId: 3, rowIndex: 1, columnIndex: 0 },
        rows: [{ values: [{ userEnteredValue: { stringValue: "r1" } }, { userEnteredValue: { stringValue: "month.closed" } }] }, { values: [{ userEnteredValue: { stringValue: "r2" } }, { userEnteredValue: { stringValue: "mail.sent" } }] }],
        fields: "userEnteredValue,textFormatRuns",
      },
    });
    expect(out.requests).toHaveLength(2);
    expect(out.cells).toBe(4);
  });

  it("a cleared cell is written empty; nothing changed is no request", () => {
    const b = book();
    expect(writeBackOf(baselineOf(b), b).requests).toEqual([]);
    const before = baselineOf(b);
    b.clearContents(b.requireSheet("Audit"), { row: 1, column: 2, numRows: 1, numColumns: 1 });
    expect(writeBackOf(before, b).requests).toEqual([{ updateCells: { start: { sheetId: 3, rowIndex: 0, columnIndex: 1 }, rows: [{ values: [{}] }], fields: "userEnteredValue,textFormatRuns" } }]);
  });

  it("refuses what it does not write back: a sheet added, a protection", () => {
    const b = book();
    const before = baselineOf(b);
    b.insertSheet("New");
    expect(() => writeBackOf(before, b)).toThrow(NotWrittenBackError);
    const c = book();
    const was = baselineOf(c);
    c.addProtection({ type: "SHEET", sheetName: "Audit", rect: undefined, description: "", editors: undefined, warningOnly: false, domainEdit: false, unprotected: [] });
    expect(() => writeBackOf(was, c)).toThrow(/protections/);
  });
});

describe("reading only the rows in use", () => {
  const dropdown: Cell["validation"] = { criteria: "VALUE_IN_LIST", values: [["draft", "pending"], true], allowInvalid: false, helpText: null };
  it("asks for each sheet's rows in use and the empty row below, and gives the rows further down that row's format and dropdown", () => {
    const shape = {
      sheets: [
        { properties: { title: "申请 Requests", gridProperties: { rowCount: 1000 } }, data: [{ rowData: [{ values: [{ userEnteredValue: { stringValue: "ID" } }] }, { values: [{ userEnteredValue: { stringValue: "ST-1" } }] }, { values: [{}] }] }] },
        { properties: { title: "Empty", gridProperties: { rowCount: 3 } }, data: [{ rowData: [] }] },
        { properties: { title: "Full", gridProperties: { rowCount: 2 } }, data: [{ rowData: [{ values: [{ userEnteredValue: { numberValue: 1 } }] }, { values: [{ userEnteredValue: { numberValue: 2 } }] }] }] },
      ],
    };
    expect(rangesOf(extentsOf(shape))).toEqual(["'申请 Requests'!1:3", "Empty!1:1", "Full!1:2"]);
    const read = {
      spreadsheetId: "s",
      sheets: [
        {
          properties: { sheetId: 1, title: "申请 Requests", index: 0, gridProperties: { rowCount: 6, columnCount: 2 } },
          data: [{ startRow: 0, startColumn: 0, rowData: [{ values: [cellOut({ value: "Status" })] }, { values: [cellOut({ value: "pending", validation: dropdown, format: "@" })] }, { values: [cellOut({ validation: dropdown, format: "@" }), cellOut({ format: "0.00" })] }] }],
        },
      ],
    };
    const { workbook } = workbookIn(read, "owner@example.com");
    const sheet = workbook.requireSheet("申请 Requests");
    for (const row of [3, 4, 6]) {
      expect(sheet.cell(row, 1)).toEqual({ validation: dropdown, format: "@" });
      expect(sheet.cell(row, 2)).toEqual({ format: "0.00" });
    }
    // What a run appends below is written as its values alone: the formats and dropdowns Google holds there stay.
    const baseline = baselineOf(workbook);
    workbook.writeValues(sheet, { row: 5, column: 1, numRows: 1, numColumns: 1 }, [["draft"]]);
    const write = writeBackOf(baseline, workbook);
    expect(write.requests.map((r) => r.updateCells?.fields)).toEqual(["userEnteredValue,textFormatRuns"]);
  });

  it("does not extend a row that holds a value: a read that stopped there was not at the empty rows", () => {
    const read = {
      spreadsheetId: "s",
      sheets: [{ properties: { sheetId: 1, title: "T", index: 0, gridProperties: { rowCount: 5, columnCount: 1 } }, data: [{ startRow: 0, startColumn: 0, rowData: [{ values: [cellOut({ value: "x", validation: dropdown })] }] }] }],
    };
    const { workbook } = workbookIn(read, "owner@example.com");
    expect(workbook.requireSheet("T").cell(2, 1)).toBeUndefined();
  });
});
