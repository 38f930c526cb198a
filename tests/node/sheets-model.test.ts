/**
 * The workbook model in the Sheets API's terms (src/node/sheets-model.ts): a cell's every part
 * survives CellData both ways; what a run changed becomes absolute updateCells requests naming
 * only the parts that changed, one per run of rows; and a change the Node host does not write back
 * is refused before any request exists.
 */
import { describe, expect, it } from "vitest";
import type { Cell } from "../../src/local/spreadsheet/cells";
import { Workbook } from "../../src/local/spreadsheet/workbook";
import { baselineOf, cellIn, cellOut, NotWrittenBackError, writeBackOf } from "../../src/node/sheets-model";

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
