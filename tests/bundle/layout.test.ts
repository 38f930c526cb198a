/**
 * Plumbing out of sight (issue 11 §1), in the installed workbook: after Install / upgrade, Load
 * demo data, Build forms and a submitted request, no visible cell holds JSON, every machine column
 * (approval state, lookup keys, input digests) is hidden and protected, and the tabs read Dashboard
 * first, working sheets, form-response tabs last, with no empty Sheet1. An existing workbook laid
 * out the old way gets the same on upgrade.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ANSWERS } from "../unit/approvals/fixtures";
import { templateCatalog } from "../../src/core/templates/catalog";
import { machineColumnPositions } from "../../src/core/templates/layout";
import type { LocalHost } from "../../src/local/host";
import type { SheetModel } from "../../src/local/spreadsheet/sheetModel";
import { formAnswers, formTitle } from "./approvals-helpers";
import { openHost, workbookSnapshot } from "./helpers";

const catalog = templateCatalog();
const DASHBOARD = catalog.byKey.get("dashboard")!.tabName;
const isResponses = (name: string): boolean => /^Form Responses \d+$/.test(name);

/** A cell whose text is a JSON object or array. */
function holdsJson(value: unknown): boolean {
  if (typeof value !== "string" || !/^\s*[[{]/.test(value)) return false;
  try {
    const parsed: unknown = JSON.parse(value);
    return typeof parsed === "object" && parsed !== null;
  } catch {
    return false;
  }
}

function header(host: LocalHost, sheet: SheetModel): unknown[] {
  const book = host.spreadsheet.workbook;
  return book.readValues(sheet, { row: 1, column: 1, numRows: 1, numColumns: Math.max(1, book.lastColumn(sheet)) })[0] ?? [];
}

/** Every template machine column in the workbook: [tab, 1-based column]. */
function machineColumns(host: LocalHost): [SheetModel, number][] {
  const book = host.spreadsheet.workbook;
  const out: [SheetModel, number][] = [];
  for (const template of catalog.sheets) {
    const sheet = book.sheet(template.tabName);
    if (sheet) for (const column of machineColumnPositions(template, header(host, sheet))) out.push([sheet, column]);
  }
  return out;
}

let host: LocalHost;

beforeAll(async () => {
  host = await openHost();
  await host.clickMenu("installOrUpgrade");
  await host.clickMenu("loadDemoData");
  await host.run("buildForms");
  await host.submitForm(formTitle("stock_transfer"), formAnswers(host, "stock_transfer", ANSWERS.stock_transfer), { as: "kong.linghui@example.com" });
}, 120_000);

afterAll(() => host.close());

describe("plumbing out of sight (issue 11 §1)", () => {
  it("no visible cell holds JSON: the approval state and the inputs at close sit in hidden columns", () => {
    const book = host.spreadsheet.workbook;
    const visible: string[] = [];
    let hidden = 0;
    for (const sheet of book.sheets) {
      const rows = book.readValues(sheet, { row: 1, column: 1, numRows: Math.max(1, book.lastRow(sheet)), numColumns: Math.max(1, book.lastColumn(sheet)) });
      rows.forEach((row, r) =>
        row.forEach((value, c) => {
          if (!holdsJson(value)) return;
          if (sheet.hidden || sheet.hiddenColumns.has(c + 1)) hidden += 1;
          else visible.push(`${sheet.name}!R${r + 1}C${c + 1}`);
        }),
      );
    }
    expect(visible).toEqual([]);
    // The request just submitted keeps its state (JSON), out of sight.
    expect(hidden).toBeGreaterThan(0);
  });

  it("every machine column is hidden and protected (a column or sheet protection covers it)", () => {
    const book = host.spreadsheet.workbook;
    const columns = machineColumns(host);
    expect(columns.length).toBeGreaterThanOrEqual(15);
    for (const [sheet, column] of columns) {
      expect(sheet.hiddenColumns.has(column), `${sheet.name} column ${column} hidden`).toBe(true);
      const covered = book.protections.some((p) => p.sheetName === sheet.name && (p.type === "SHEET" || (p.rect !== undefined && p.rect.column <= column && column < p.rect.column + p.rect.numColumns)));
      expect(covered, `${sheet.name} column ${column} protected`).toBe(true);
    }
  });

  it("tabs read Dashboard first, the working sheets, the form-response tabs last, and there is no empty Sheet1", () => {
    const names = host.spreadsheet.workbook.sheets.map((s) => s.name);
    expect(names[0]).toBe(DASHBOARD);
    expect(names).not.toContain("Sheet1");
    const responses = names.filter(isResponses);
    expect(responses.length).toBeGreaterThan(0);
    expect(names.slice(names.length - responses.length)).toEqual(responses);
    const templateTabs = catalog.sheets.map((s) => s.tabName);
    expect(names.slice(0, templateTabs.length)).toEqual(templateTabs);
  });

  it("an existing workbook laid out the old way (columns shown, responses tabs first, Dashboard last, an empty Sheet1) gets it on upgrade, and a second run changes nothing", async () => {
    const book = host.spreadsheet.workbook;
    for (const [sheet] of machineColumns(host)) sheet.hiddenColumns.clear();
    book.moveSheet(book.requireSheet(DASHBOARD), book.sheets.length);
    for (const name of book.sheets.map((s) => s.name).filter(isResponses)) book.moveSheet(book.requireSheet(name), 1);
    book.insertSheet("Sheet1", 0);
    await host.clickMenu("installOrUpgrade");
    const names = book.sheets.map((s) => s.name);
    expect(names[0]).toBe(DASHBOARD);
    expect(names).not.toContain("Sheet1");
    expect(isResponses(names[names.length - 1] ?? "")).toBe(true);
    for (const [sheet, column] of machineColumns(host)) expect(sheet.hiddenColumns.has(column)).toBe(true);
    expect(host.spreadsheet.toasts.at(-1)?.message ?? "").toContain("Layout:");
    const before = JSON.stringify(workbookSnapshot(host));
    await host.clickMenu("installOrUpgrade");
    expect(JSON.stringify(workbookSnapshot(host))).toBe(before);
  });
});
