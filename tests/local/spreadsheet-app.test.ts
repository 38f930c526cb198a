// SpreadsheetApp as the bundle sees it inside a vm context: values in the bundle's realm, Apps
// Script's error wording, `not emulated:` for anything unmodelled, and one counted call per method.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import vm from "node:vm";
import { describe, expect, it } from "vitest";
import { SimulatedClock } from "../../src/local/clock";
import { Realm, ServiceCounter } from "../../src/local/emulation";
import type { ServiceEnv } from "../../src/local/services/env";
import { createSpreadsheetApp, createSpreadsheetService, type AlertRecord, type DialogRecord, type MenuRecord } from "../../src/local/spreadsheet/spreadsheetApp";
import { PROTECTED_MESSAGE, Workbook, type WorkbookOptions } from "../../src/local/spreadsheet/workbook";

const OWNER = "owner@example.com";

function setup(options: WorkbookOptions = {}) {
  const context = vm.createContext({});
  const counter = new ServiceCounter();
  const env: ServiceEnv = {
    counter,
    realm: new Realm(context),
    clock: new SimulatedClock(Date.parse("2026-01-05T09:00:00+08:00")),
    scriptTimeZone: "Asia/Shanghai",
    session: { activeUserEmail: OWNER, effectiveUserEmail: OWNER },
    outDir: mkdtempSync(join(tmpdir(), "marketops-app-")),
  };
  const book = new Workbook({ owner: OWNER, editors: ["rep@example.com", "lead@example.com"], timeZone: "Asia/Shanghai", sheets: ["Plans", "Requests"], ...options });
  const toasts: [string, string][] = [];
  const menus: MenuRecord[] = [];
  const alerts: AlertRecord[] = [];
  const dialogs: DialogRecord[] = [];
  const app = createSpreadsheetApp(env, book, { toast: (m, t) => toasts.push([m, t]), menus, alerts, dialogs });
  Object.defineProperty(context, "SpreadsheetApp", { value: app });
  const run = (code: string): unknown => vm.runInContext(code, context);
  return { book, env, counter, toasts, menus, alerts, dialogs, run };
}

describe("values in the bundle's realm", () => {
  it("getValues returns the context's own arrays and Dates, blanks as empty strings", () => {
    const { book, run } = setup();
    book.writeValues(book.requireSheet("Plans"), { row: 1, column: 1, numRows: 1, numColumns: 3 }, [[new Date("2026-01-05T00:00:00+08:00"), 5, ""]]);
    const out = run(`
      const v = SpreadsheetApp.getActive().getSheetByName("Plans").getRange("A1:C1").getValues();
      JSON.stringify([v instanceof Array, v[0] instanceof Array, v[0][0] instanceof Date, v[0][0].getTime(), v[0][1], v[0][2]]);
    `);
    expect(JSON.parse(out as string)).toEqual([true, true, true, Date.parse("2026-01-05T00:00:00+08:00"), 5, ""]);
  });

  it("a Date the bundle writes is stored in the spreadsheet's zone and shown as a date", () => {
    const { book, run } = setup();
    run(`SpreadsheetApp.getActive().getSheetByName("Plans").getRange("B2").setValue(new Date(Date.UTC(2026, 0, 31, 16, 0)));`);
    expect(book.display("Plans", "B2")).toEqual([["2026-02-01"]]);
    expect(run(`SpreadsheetApp.getActive().getSheetByName("Plans").getRange("B2").getDisplayValue()`)).toBe("2026-02-01");
  });
});

describe("Apps Script's behaviour and wording", () => {
  it("setValues with the wrong shape throws Apps Script's message", () => {
    const { run } = setup();
    expect(() => run(`SpreadsheetApp.getActive().getSheetByName("Plans").getRange("A1:B2").setValues([[1, 2]])`)).toThrow(
      "The number of rows in the data does not match the number of rows in the range. The data has 1 but the range has 2.",
    );
    expect(() => run(`SpreadsheetApp.getActive().getSheetByName("Plans").getRange("A1:B2").setValues([[1, 2], [3]])`)).toThrow(
      "The number of columns in the data does not match the number of columns in the range. The data has 1 but the range has 2.",
    );
  });

  it("a value starting with = becomes a formula, unless the cell is plain text or the text is quoted with an apostrophe", () => {
    const { book, run } = setup();
    run(`
      const sheet = SpreadsheetApp.getActive().getSheetByName("Requests");
      sheet.getRange("A2").setNumberFormat("@");
      sheet.getRange("A1:C1").setValues([["=1+2", "'=HYPERLINK(\\"http://evil\\")", "x"]]);
      sheet.getRange("A2").setValue("=1+2");
    `);
    expect(book.read("Requests", "A1:B2")).toEqual([[3, '=HYPERLINK("http://evil")'], ["=1+2", ""]]);
    expect(run(`JSON.stringify(SpreadsheetApp.getActive().getSheetByName("Requests").getRange("A1:B2").getFormulas())`)).toBe(JSON.stringify([["=1+2", ""], ["", ""]]));
  });

  it("setFormula over a range moves relative references for each cell, as filling down does", () => {
    const { book, run } = setup();
    run(`
      const sheet = SpreadsheetApp.getActive().getSheetByName("Plans");
      sheet.getRange("A1:A3").setValues([[1], [2], [3]]);
      sheet.getRange("B1:B3").setFormula("=A1*$A$1*10");
    `);
    expect(book.readFormulas(book.requireSheet("Plans"), { row: 1, column: 2, numRows: 3, numColumns: 1 })).toEqual([["=A1*$A$1*10"], ["=A2*$A$1*10"], ["=A3*$A$1*10"]]);
    expect(book.read("Plans", "B1:B3")).toEqual([[10], [20], [30]]);
  });

  it("an open range A2:C runs to the sheet's last row", () => {
    const { run } = setup();
    expect(run(`const r = SpreadsheetApp.getActive().getSheetByName("Plans").getRange("A2:C"); [r.getNumRows(), r.getA1Notation()].join(" ")`)).toBe("999 A2:C1000");
  });

  it("anything not modelled throws `not emulated:` instead of returning undefined", () => {
    const { run } = setup();
    expect(() => run(`SpreadsheetApp.getActive().getSheetByName("Plans").getRange("A1").getComments()`)).toThrow("not emulated: Range.getComments");
    expect(() => run(`SpreadsheetApp.openById("x")`)).toThrow("not emulated: SpreadsheetApp.openById");
    expect(() => run(`SpreadsheetApp.DataValidationCriteria.TEXT_CONTAINS`)).toThrow("not emulated: DataValidationCriteria.TEXT_CONTAINS");
  });
});

describe("call counts", () => {
  it("a job that reads once and writes once counts one call per method, and host reads count nothing", () => {
    const { book, counter, run } = setup();
    book.writeValues(book.requireSheet("Plans"), { row: 1, column: 1, numRows: 3, numColumns: 2 }, [["East", 1], ["West", 2], ["North", 3]]);
    run(`
      const sheet = SpreadsheetApp.getActive().getSheetByName("Plans");
      const rows = sheet.getRange(1, 1, 3, 2).getValues();
      sheet.getRange(1, 3, 3, 1).setValues(rows.map(r => [r[1] * 10]));
    `);
    expect(counter.snapshot()).toEqual({
      "Range.getValues": 1,
      "Range.setValues": 1,
      "Sheet.getRange": 2,
      "Spreadsheet.getSheetByName": 1,
      "SpreadsheetApp.getActive": 1,
    });
    expect(book.read("Plans", "C1:C3")).toEqual([[10], [20], [30]]);
    expect(counter.total()).toBe(6);
  });
});

describe("the host's event objects", () => {
  it("an onEdit range made by the host counts no calls until the bundle uses it", () => {
    const { book, env, counter } = setup();
    const service = createSpreadsheetService(env, book, { toast: () => undefined, menus: [] });
    book.userEdit("Requests", "B2", "42", OWNER);
    const range = service.range("Requests", "B2") as { getValue(): unknown; getA1Notation(): string };
    expect(counter.total()).toBe(0);
    expect([range.getA1Notation(), range.getValue()]).toEqual(["B2", 42]);
    expect(counter.snapshot()).toEqual({ "Range.getA1Notation": 1, "Range.getValue": 1 });
  });
});

describe("sheets, rules and the UI", () => {
  it("appendRow writes after the last row; insertSheet and named ranges work as in Sheets", () => {
    const { book, run } = setup();
    run(`
      const ss = SpreadsheetApp.getActive();
      const sheet = ss.getSheetByName("Requests");
      sheet.appendRow(["id", "amount"]);
      sheet.appendRow(["r1", 100]);
      ss.setNamedRange("Amounts", sheet.getRange("B2:B"));
      const log = ss.insertSheet("Audit", 0);
      log.getRange("A1").setFormula("=SUM(Amounts)");
    `);
    expect(book.read("Requests", "A1:B2")).toEqual([["id", "amount"], ["r1", 100]]);
    expect(book.sheets.map((s) => s.name)).toEqual(["Audit", "Plans", "Requests"]);
    expect(book.read("Audit", "A1")).toEqual([[100]]);
    expect(run(`SpreadsheetApp.getActive().getSheetByName("Requests").getLastRow()`)).toBe(2);
    expect(run(`SpreadsheetApp.getActive().getRangeByName("Amounts").getA1Notation()`)).toBe("B2:B1000");
    expect(() => run(`SpreadsheetApp.getActive().insertSheet("audit")`)).toThrow('A sheet with the name "audit" already exists. Please enter another name.');
  });

  it("appendRow row by row on a full sheet with an array formula: open ranges see every row, and the workbook is not recomputed once per appended row", () => {
    const { book, run } = setup();
    run(`
      const book = SpreadsheetApp.getActive();
      const full = book.getSheetByName("Requests");
      const rows = [];
      for (let i = 1; i <= 1000; i++) rows.push(["r" + i, 1]);
      full.getRange(1, 1, 1000, 2).setValues(rows);
      full.getRange("C1").setFormula('=ARRAYFORMULA(IF(A1:A="",,B1:B*2))');
      book.getSheetByName("Plans").getRange("A1").setFormula("=SUM(Requests!B1:B)");
    `);
    expect(book.read("Plans", "A1")).toEqual([[1000]]);
    const hf = (book.engine() as unknown as { hf: { resumeEvaluation(): void } }).hf;
    let evaluations = 0;
    const resume = hf.resumeEvaluation.bind(hf);
    hf.resumeEvaluation = () => {
      evaluations += 1;
      resume();
    };
    run(`
      const requests = SpreadsheetApp.getActive().getSheetByName("Requests");
      for (let i = 1; i <= 200; i++) requests.appendRow(["n" + i, 1]);
    `);
    expect(evaluations).toBe(0);
    expect(book.read("Plans", "A1")).toEqual([[1200]]);
    expect(book.read("Requests", "C1200")).toEqual([[2]]);
    expect(run(`SpreadsheetApp.getActive().getSheetByName("Requests").getLastRow()`)).toBe(1200);
  });

  it("a protection whose editors the script narrowed blocks other people, and script writes as the owner still pass", () => {
    const { book, env, run } = setup();
    run(`
      const range = SpreadsheetApp.getActive().getSheetByName("Requests").getRange("A1:A10");
      const p = range.protect().setDescription("Decisions");
      p.removeEditors(p.getEditors());
      p.addEditor("lead@example.com");
      if (p.canDomainEdit()) p.setDomainEdit(false);
    `);
    expect(() => book.userEdit("Requests", "A2", "Approved", "rep@example.com")).toThrow(PROTECTED_MESSAGE);
    expect(book.userEdit("Requests", "A2", "Approved", "lead@example.com").value).toBe("Approved");
    expect(JSON.parse(run(`JSON.stringify(SpreadsheetApp.getActive().getSheetByName("Requests").getProtections(SpreadsheetApp.ProtectionType.RANGE)[0].getEditors().map(u => u.getEmail()))`) as string)).toEqual([
      OWNER,
      "lead@example.com",
    ]);
    run(`SpreadsheetApp.getActive().getSheetByName("Requests").getRange("A3").setValue("by owner")`);
    env.session.effectiveUserEmail = "rep@example.com";
    expect(() => run(`SpreadsheetApp.getActive().getSheetByName("Requests").getRange("A4").setValue("by rep")`)).toThrow(PROTECTED_MESSAGE);
  });

  it("a protection of an open-ended column (C2:C) covers the rows added at the bottom later; one of a bounded range (C2:C1000) leaves them open", () => {
    const { book, run } = setup();
    run(`
      const sheet = SpreadsheetApp.getActive().getSheetByName("Requests");
      for (const [a1, column] of [["C2:C", "open"], ["D2:D" + sheet.getMaxRows(), "bounded"]]) {
        const p = sheet.getRange(a1).protect().setDescription(column);
        p.addEditor("lead@example.com");
        p.removeEditors(p.getEditors());
        if (p.canDomainEdit()) p.setDomainEdit(false);
      }
      // How a table grows past its last row: rows inserted after the last one (table.ts appendRecords).
      sheet.insertRowsAfter(sheet.getMaxRows(), 5);
    `);
    expect(book.requireSheet("Requests").maxRows).toBe(1005);
    expect(() => book.userEdit("Requests", "C1003", "approved", "rep@example.com")).toThrow(PROTECTED_MESSAGE);
    expect(() => book.userEdit("Requests", "C2", "approved", "rep@example.com")).toThrow(PROTECTED_MESSAGE);
    expect(book.userEdit("Requests", "D1003", "approved", "rep@example.com").value).toBe("approved");
    expect(() => book.userEdit("Requests", "D2", "approved", "rep@example.com")).toThrow(PROTECTED_MESSAGE);
    expect(run(`SpreadsheetApp.getActive().getSheetByName("Requests").getProtections(SpreadsheetApp.ProtectionType.RANGE)[0].getRange().getNumRows()`)).toBe(1004);
  });

  it("a dropdown's source range grows with rows inserted inside it and stays put for rows inserted below it, also after the first insert (the source index is kept between inserts)", () => {
    const { run } = setup();
    const sourceAfter = (code: string): unknown =>
      run(`{
        const ss = SpreadsheetApp.getActive();
        const plans = ss.getSheetByName("Plans");
        ${code}
        ss.getSheetByName("Requests").getRange("B5").getDataValidation().getCriteriaValues()[0].getA1Notation();
      }`);
    run(`{
      const ss = SpreadsheetApp.getActive();
      const source = ss.getSheetByName("Plans").getRange("A2:A10");
      ss.getSheetByName("Requests").getRange("B2:B5").setDataValidation(SpreadsheetApp.newDataValidation().requireValueInRange(source, true).build());
    }`);
    expect(sourceAfter(`plans.insertRowsAfter(20, 5);`)).toBe("A2:A10");
    expect(sourceAfter(`plans.insertRowsAfter(10, 5);`)).toBe("A2:A10");
    expect(sourceAfter(`plans.insertRowsAfter(4, 3);`)).toBe("A2:A13");
    expect(sourceAfter(`plans.insertRowsAfter(5, 2);`)).toBe("A2:A15");
    expect(sourceAfter(`ss.getSheetByName("Requests").insertRowsAfter(1, 2);`)).toBe("A2:A15");
  });

  it("on a file the whole domain may edit, a new protection lets the domain in until setDomainEdit(false)", () => {
    const { book, run } = setup({ domainEditable: true });
    run(`SpreadsheetApp.getActive().getSheetByName("Requests").getRange("C2:C").protect().removeEditors(["rep@example.com", "lead@example.com"])`);
    expect(run(`SpreadsheetApp.getActive().getSheetByName("Requests").getProtections(SpreadsheetApp.ProtectionType.RANGE)[0].canDomainEdit()`)).toBe(true);
    expect(book.userEdit("Requests", "C3", "x", "colleague@example.com").value).toBe("x");
    run(`SpreadsheetApp.getActive().getSheetByName("Requests").getProtections(SpreadsheetApp.ProtectionType.RANGE)[0].setDomainEdit(false)`);
    expect(() => book.userEdit("Requests", "C3", "y", "colleague@example.com")).toThrow(PROTECTED_MESSAGE);
  });

  it("a dropdown built with newDataValidation reads back with its criteria, and a person's bad choice is refused", () => {
    const { book, run } = setup();
    const type = run(`
      const rule = SpreadsheetApp.newDataValidation().requireValueInList(["Approved", "Rejected"], true).setAllowInvalid(false).setHelpText("Choose a decision").build();
      const cell = SpreadsheetApp.getActive().getSheetByName("Requests").getRange("C2:C5");
      cell.setDataValidation(rule);
      const back = cell.getDataValidation();
      [back.getCriteriaType() === SpreadsheetApp.DataValidationCriteria.VALUE_IN_LIST, back.getCriteriaValues()[0].join("|"), back.getHelpText()].join(";");
    `);
    expect(type).toBe("true;Approved|Rejected;Choose a decision");
    expect(() => book.userEdit("Requests", "C3", "Maybe", "rep@example.com")).toThrow("Choose a decision");
    expect(book.userEdit("Requests", "C3", "Approved", "rep@example.com").value).toBe("Approved");
  });

  it("conditional format rules are stored per sheet and read back", () => {
    const { book, run } = setup();
    const out = run(`
      const sheet = SpreadsheetApp.getActive().getSheetByName("Plans");
      const rule = SpreadsheetApp.newConditionalFormatRule().whenFormulaSatisfied("=$B1<0").setBackground("red").setRanges([sheet.getRange("A1:D20")]).build();
      sheet.setConditionalFormatRules(sheet.getConditionalFormatRules().concat([rule]));
      const back = sheet.getConditionalFormatRules()[0];
      [back.getRanges()[0].getA1Notation(), back.getBooleanCondition().getCriteriaType(), back.getBooleanCondition().getCriteriaValues()[0], back.getBooleanCondition().getBackground()].join(" ");
    `);
    expect(out).toBe("A1:D20 CUSTOM_FORMULA =$B1<0 #ff0000");
    expect(book.requireSheet("Plans").conditionalRules).toHaveLength(1);
  });

  it("Ui.showModalDialog records the dialog's title, HTML and size; a non-HtmlOutput is refused", () => {
    const { dialogs, run } = setup();
    const output = { getContent: () => "<p>Hi</p>", getWidth: () => 900, getHeight: () => 680 };
    Object.assign(run("this") as object, { output });
    run(`SpreadsheetApp.getUi().showModalDialog(output, "Preview")`);
    expect(dialogs).toEqual([{ title: "Preview", html: "<p>Hi</p>", width: 900, height: 680 }]);
    expect(() => run(`SpreadsheetApp.getUi().showModalDialog("<p>x</p>", "Preview")`)).toThrow();
  });

  it("menus built in onOpen, toasts and alerts reach the host", () => {
    const { menus, toasts, alerts, run } = setup();
    const answer = run(`
      const ui = SpreadsheetApp.getUi();
      ui.createMenu("MarketOps").addItem("Close month", "closeMonth").addSeparator().addSubMenu(ui.createMenu("Admin").addItem("Install", "install")).addToUi();
      SpreadsheetApp.getActive().toast("Saved", "MarketOps");
      ui.alert("Month closed") === ui.Button.OK;
    `);
    expect(answer).toBe(true);
    const install = { caption: "Install", functionName: "install" };
    expect(menus).toEqual([
      {
        name: "MarketOps",
        items: [{ caption: "Close month", functionName: "closeMonth" }, install],
        entries: [
          { kind: "item", caption: "Close month", functionName: "closeMonth" },
          { kind: "separator" },
          { kind: "submenu", menu: { name: "Admin", items: [install], entries: [{ kind: "item", ...install }] } },
        ],
      },
    ]);
    expect(toasts).toEqual([["Saved", "MarketOps"]]);
    expect(alerts).toEqual([{ title: "", prompt: "Month closed", buttons: "OK", answer: "OK" }]);
  });

  it("custom functions spill and read back through Range.getValues", () => {
    const { book, run } = setup({ customFunctions: { TRIPLE: (x: unknown) => (x as unknown[][]).map(([v]) => [typeof v === "number" ? v * 3 : ""]) } });
    book.requireSheet("Plans").maxRows = 5;
    run(`
      const sheet = SpreadsheetApp.getActive().getSheetByName("Plans");
      sheet.getRange("A1:A3").setValues([[1], [2], [3]]);
      sheet.getRange("B1").setFormula("=TRIPLE(A1:A)");
    `);
    expect(run(`JSON.stringify(SpreadsheetApp.getActive().getSheetByName("Plans").getRange("B1:B5").getValues())`)).toBe(JSON.stringify([[3], [6], [9], [""], [""]]));
  });
});
