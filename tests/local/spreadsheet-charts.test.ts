/**
 * The local host's embedded charts (recorded, not drawn) and its handling of open-ended ranges:
 * the workbook keeps Sheets' `B2:B`, the formula engine gets them closed at the sheet's edge (and
 * again when the sheet grows), and the .xlsx holds them to the file grid's last row, which loads
 * back as `B2:B`.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import vm from "node:vm";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { SimulatedClock } from "../../src/local/clock";
import { Realm, ServiceCounter } from "../../src/local/emulation";
import type { ServiceEnv } from "../../src/local/services/env";
import { toA1 } from "../../src/local/spreadsheet/a1";
import { createSpreadsheetApp } from "../../src/local/spreadsheet/spreadsheetApp";
import { Workbook } from "../../src/local/spreadsheet/workbook";
import { fileFormula, loadXlsx, saveXlsx, sheetsFormula } from "../../src/local/spreadsheet/xlsx";

const OWNER = "owner@example.com";

function setup(book = new Workbook({ owner: OWNER, timeZone: "Asia/Shanghai", sheets: ["Data", "Board"] })) {
  const context = vm.createContext({});
  const counter = new ServiceCounter();
  const env: ServiceEnv = {
    counter,
    realm: new Realm(context),
    clock: new SimulatedClock(Date.parse("2026-11-02T09:00:00+08:00")),
    scriptTimeZone: "Asia/Shanghai",
    session: { activeUserEmail: OWNER, effectiveUserEmail: OWNER },
    outDir: mkdtempSync(join(tmpdir(), "marketops-charts-")),
  };
  Object.defineProperty(context, "SpreadsheetApp", { value: createSpreadsheetApp(env, book, { toast: () => undefined, menus: [] }) });
  const run = (code: string): unknown => vm.runInContext(code, context);
  return { book, counter, run };
}

const INSERT = `{
  const sheet = SpreadsheetApp.getActive().getSheetByName("Board");
  const chart = sheet.newChart().asColumnChart()
    .addRange(sheet.getRange("B7:D19"))
    .setNumHeaders(1)
    .setPosition(6, 21, 4, 8)
    .setOption("title", "Plan vs actual")
    .setOption("width", 560)
    .build();
  sheet.insertChart(chart);
}`;

describe("embedded charts", () => {
  it("are recorded with their type, ranges, anchor, header rows and options, and read back through getCharts", () => {
    const { book, counter, run } = setup();
    run(INSERT);
    const board = book.requireSheet("Board");
    expect(board.charts.map((c) => ({ ...c, ranges: c.ranges.map((r) => `${r.sheetName}!${toA1(r.rect)}`) }))).toEqual([
      { chartId: 1, type: "COLUMN", ranges: ["Board!B7:D19"], position: { anchorRow: 6, anchorColumn: 21, offsetX: 4, offsetY: 8 }, numHeaders: 1, options: { title: "Plan vs actual", width: 560 } },
    ]);
    const read = run(`{
      const c = SpreadsheetApp.getActive().getSheetByName("Board").getCharts()[0];
      const info = c.getContainerInfo();
      JSON.stringify([c.getChartId(), c.getId(), c.getOptions().get("title"), c.getOptions().get("colors"), c.getRanges().map((r) => r.getA1Notation()), c.getNumHeaders(), info.getAnchorRow(), info.getAnchorColumn(), info.getOffsetX(), info.getOffsetY()]);
    }`);
    expect(JSON.parse(read as string)).toEqual([1, "chart-1", "Plan vs actual", null, ["B7:D19"], 1, 6, 21, 4, 8]);
    expect(counter.snapshot()).toMatchObject({ "Sheet.newChart": 1, "EmbeddedChartBuilder.asColumnChart": 1, "EmbeddedColumnChartBuilder.build": 1, "Sheet.insertChart": 1, "Sheet.getCharts": 1 });
  });

  it("change through modify + updateChart, go with removeChart, and a chart is inserted once", () => {
    const { book, run } = setup();
    run(INSERT);
    run(`{
      const sheet = SpreadsheetApp.getActive().getSheetByName("Board");
      const pie = sheet.newChart().asPieChart().addRange(sheet.getRange("A47:B51")).setPosition(38, 21, 0, 0).build();
      sheet.insertChart(pie);
      const first = sheet.getCharts()[0];
      sheet.updateChart(first.modify().setOption("title", "Renamed").build());
    }`);
    const board = book.requireSheet("Board");
    expect(board.charts.map((c) => [c.chartId, c.type, c.options.title ?? null])).toEqual([
      [1, "COLUMN", "Renamed"],
      [2, "PIE", null],
    ]);
    expect(() => run(`{ const s = SpreadsheetApp.getActive().getSheetByName("Board"); s.insertChart(s.getCharts()[0]); }`)).toThrow("already in the spreadsheet");
    run(`{ const s = SpreadsheetApp.getActive().getSheetByName("Board"); s.removeChart(s.getCharts()[1]); }`);
    expect(board.charts.map((c) => c.type)).toEqual(["COLUMN"]);
  });

  it("throw `not emulated:` for builder members the host does not model", () => {
    const { run } = setup();
    expect(() => run(`SpreadsheetApp.getActive().getSheetByName("Board").newChart().asScatterChart()`)).toThrow("not emulated: EmbeddedChartBuilder.asScatterChart");
    expect(() => run(`SpreadsheetApp.getActive().getSheetByName("Board").newChart().asColumnChart().setStacked()`)).toThrow("not emulated: EmbeddedColumnChartBuilder.setStacked");
    expect(() => run(`SpreadsheetApp.getActive().getSheetByName("Board").newChart().build()`)).toThrow("without a chart type");
  });

  it("move with inserted rows and renamed sheets, and survive a save and load through the sidecar (the .xlsx holds none)", async () => {
    const { book, run } = setup();
    run(INSERT);
    book.insertRows(book.requireSheet("Board"), 2, 3);
    book.renameSheet(book.requireSheet("Board"), "看板 Board");
    const chart = book.requireSheet("看板 Board").charts[0];
    expect(chart?.ranges.map((r) => `${r.sheetName}!${toA1(r.rect)}`)).toEqual(["看板 Board!B10:D22"]);
    const path = join(mkdtempSync(join(tmpdir(), "marketops-charts-")), "charts.xlsx");
    const { sidecar } = await saveXlsx(book, path);
    expect(sidecar.sheets.find((s) => s.name === "看板 Board")?.charts).toEqual([chart]);
    const back = await loadXlsx(path, { sidecar });
    expect(back.requireSheet("看板 Board").charts).toEqual([chart]);
    expect((await loadXlsx(path)).requireSheet("看板 Board").charts).toEqual([]);
  });
});

describe("open-ended ranges", () => {
  it("stay B2:B in the workbook, reach the engine closed at the sheet's last row, and count rows added past it", () => {
    const book = new Workbook({ owner: OWNER, timeZone: "Asia/Shanghai", sheets: ["Data", "Board"] });
    const data = book.requireSheet("Data");
    const board = book.requireSheet("Board");
    book.writeValues(data, { row: 1, column: 1, numRows: 3, numColumns: 1 }, [["amount"], [10.25], [20.5]]);
    book.writeFormulas(board, { row: 1, column: 1, numRows: 1, numColumns: 1 }, [["=SUM(Data!$A$2:$A)"]]);
    expect(book.readFormulas(board, { row: 1, column: 1, numRows: 1, numColumns: 1 })).toEqual([["=SUM(Data!$A$2:$A)"]]);
    expect(book.engine().engineFormula("=SUM(Data!$A$2:$A)", board)).toBe(`=SUM(Data!$A$2:$A${data.maxRows})`);
    expect(book.readValues(board, { row: 1, column: 1, numRows: 1, numColumns: 1 })).toEqual([[30.75]]);
    const oldBound = data.maxRows;
    book.insertRows(data, oldBound, 5);
    book.writeValues(data, { row: oldBound + 3, column: 1, numRows: 1, numColumns: 1 }, [[100.01]]);
    book.appendRow(data, [0.99]);
    expect(data.maxRows).toBeGreaterThan(oldBound + 3);
    expect(book.readValues(board, { row: 1, column: 1, numRows: 1, numColumns: 1 })[0]?.[0]).toBeCloseTo(131.75, 2);
    expect(book.engine().engineFormula("=SUM(Data!$A$2:$A)", board)).toBe(`=SUM(Data!$A$2:$A${data.maxRows})`);
  });

  it("run to the file grid's last row in the .xlsx and load back open, with or without the sidecar", async () => {
    expect(fileFormula("=SUMIF('计划 Plans'!$M$2:$M,\"x\",'计划 Plans'!I2:I)+COUNTA(A:A)")).toBe("=SUMIF('计划 Plans'!$M$2:$M1048576,\"x\",'计划 Plans'!I2:I1048576)+COUNTA(A:A)");
    expect(sheetsFormula("=SUMIF('计划 Plans'!$M$2:$M1048576,\"x\",'计划 Plans'!I2:I1048576)+COUNTA(A:A)+SUM(C1:C1048576)")).toBe(
      "=SUMIF('计划 Plans'!$M$2:$M,\"x\",'计划 Plans'!I2:I)+COUNTA(A:A)+SUM(C1:C1048576)",
    );
    const book = new Workbook({ owner: OWNER, timeZone: "Asia/Shanghai", sheets: ["Data", "Board"] });
    book.writeValues(book.requireSheet("Data"), { row: 1, column: 1, numRows: 2, numColumns: 1 }, [["amount"], [7]]);
    book.writeFormulas(book.requireSheet("Board"), { row: 1, column: 1, numRows: 1, numColumns: 1 }, [["=SUM(Data!A2:A)"]]);
    const path = join(mkdtempSync(join(tmpdir(), "marketops-ranges-")), "ranges.xlsx");
    const { sidecar } = await saveXlsx(book, path);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    expect(wb.getWorksheet("Board")?.getCell("A1").value).toEqual({ formula: "SUM(Data!A2:A1048576)", result: 7 });
    for (const back of [await loadXlsx(path, { sidecar }), await loadXlsx(path)]) {
      const board = back.requireSheet("Board");
      expect(back.readFormulas(board, { row: 1, column: 1, numRows: 1, numColumns: 1 })).toEqual([["=SUM(Data!A2:A)"]]);
      expect(back.readValues(board, { row: 1, column: 1, numRows: 1, numColumns: 1 })).toEqual([[7]]);
    }
  });
});
