/**
 * The members the installer's layout pass (issue 11 §1) calls, on the local host as Google
 * documents them: Sheet.hideColumns / showColumns / hideColumn / isColumnHiddenByUser
 * (https://developers.google.com/apps-script/reference/spreadsheet/sheet#hideColumns(Integer,Integer),
 * #isColumnHiddenByUser(Integer)), Spreadsheet.setActiveSheet + moveActiveSheet and deleteSheet
 * (https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#moveActiveSheet(Integer),
 * #deleteSheet(Sheet)); hidden columns survive an .xlsx save and load.
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
import { createSpreadsheetApp } from "../../src/local/spreadsheet/spreadsheetApp";
import { Workbook } from "../../src/local/spreadsheet/workbook";
import { loadXlsx, saveXlsx } from "../../src/local/spreadsheet/xlsx";

const OWNER = "owner@example.com";

function setup() {
  const context = vm.createContext({});
  const env: ServiceEnv = {
    counter: new ServiceCounter(),
    realm: new Realm(context),
    clock: new SimulatedClock(Date.parse("2026-01-05T09:00:00+08:00")),
    scriptTimeZone: "Asia/Shanghai",
    session: { activeUserEmail: OWNER, effectiveUserEmail: OWNER },
    outDir: mkdtempSync(join(tmpdir(), "marketops-layout-")),
  };
  const book = new Workbook({ owner: OWNER, timeZone: "Asia/Shanghai", sheets: ["Sheet1", "Data", "Dashboard"] });
  const app = createSpreadsheetApp(env, book, { toast: () => undefined, menus: [], alerts: [], dialogs: [] });
  Object.defineProperty(context, "SpreadsheetApp", { value: app });
  return { book, dir: env.outDir, run: (code: string): unknown => vm.runInContext(code, context) };
}

describe("hidden columns", () => {
  it("hideColumns hides a run of columns that isColumnHiddenByUser then reports, showColumns and unhideColumn show them again; past the edge is refused", () => {
    const { run } = setup();
    const out = run(`
      const s = SpreadsheetApp.getActive().getSheetByName("Data");
      s.hideColumns(3, 2);
      s.hideColumns(7);
      const a = [1, 2, 3, 4, 5, 7].map((c) => s.isColumnHiddenByUser(c));
      s.showColumns(4);
      s.unhideColumn(s.getRange("G1:G5"));
      const b = [3, 4, 7].map((c) => s.isColumnHiddenByUser(c));
      s.hideColumn(s.getRange("B:B"));
      let edge = "";
      try { s.hideColumns(26, 2); } catch (e) { edge = e.message; }
      JSON.stringify({ a, b, B: s.isColumnHiddenByUser(2), edge });
    `);
    expect(JSON.parse(out as string)).toEqual({ a: [false, false, true, true, false, true], b: [true, false, false], B: true, edge: "The coordinates of the range are outside the dimensions of the sheet." });
  });

  it("a hidden column moves right when columns are inserted before it, and survives an .xlsx save and load (the file marks it hidden too)", async () => {
    const { book, dir, run } = setup();
    run(`const s = SpreadsheetApp.getActive().getSheetByName("Data"); s.hideColumns(3); s.insertColumnsAfter(1, 2);`);
    const data = book.requireSheet("Data");
    expect([...data.hiddenColumns]).toEqual([5]);
    const path = join(dir, "layout.xlsx");
    const { sidecar } = await saveXlsx(book, path);
    const again = await loadXlsx(path, { sidecar });
    expect([...again.requireSheet("Data").hiddenColumns]).toEqual([5]);
    const withoutSidecar = await loadXlsx(path, {});
    expect([...withoutSidecar.requireSheet("Data").hiddenColumns]).toEqual([5]);
    const file = new ExcelJS.Workbook();
    await file.xlsx.readFile(path);
    expect(file.getWorksheet("Data")?.getColumn(5).hidden).toBe(true);
    expect(file.getWorksheet("Data")?.getColumn(4).hidden).toBe(false);
  });
});

describe("moving and deleting tabs", () => {
  it("setActiveSheet + moveActiveSheet(1) puts a tab first; a position outside 1 … getNumSheets() is refused; deleteSheet removes a tab but never the last", () => {
    const { run } = setup();
    const out = run(`
      const ss = SpreadsheetApp.getActive();
      ss.setActiveSheet(ss.getSheetByName("Dashboard"));
      ss.moveActiveSheet(1);
      const afterFirst = ss.getSheets().map((s) => s.getName());
      ss.setActiveSheet(ss.getSheetByName("Sheet1"));
      ss.moveActiveSheet(3);
      const afterLast = ss.getSheets().map((s) => s.getName());
      let outside = "";
      try { ss.moveActiveSheet(4); } catch (e) { outside = e.message; }
      ss.deleteSheet(ss.getSheetByName("Sheet1"));
      ss.deleteSheet(ss.getSheetByName("Data"));
      let last = "";
      try { ss.deleteSheet(ss.getSheetByName("Dashboard")); } catch (e) { last = e.message; }
      JSON.stringify({ afterFirst, afterLast, outside, left: ss.getSheets().map((s) => s.getName()), active: ss.getActiveSheet().getName(), last });
    `);
    expect(JSON.parse(out as string)).toEqual({
      afterFirst: ["Dashboard", "Sheet1", "Data"],
      afterLast: ["Dashboard", "Data", "Sheet1"],
      outside: "Invalid argument: pos (4); a sheet position is 1 … 3",
      left: ["Dashboard"],
      active: "Dashboard",
      last: "You can't remove all the sheets in a document.",
    });
  });
});
