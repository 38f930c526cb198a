/**
 * The workbook as a user gets it: open the spreadsheet, see the 市场部 MarketOps menu, pick
 * 安装/升级 Install / upgrade, and find every template sheet; pick it again and nothing changes;
 * save to .xlsx and open it again. Drives the built dist/Code.js under the local host.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterEach, describe, expect, it } from "vitest";
import { templateCatalog } from "../../src/core/templates/catalog";
import type { LocalHost } from "../../src/local/host";
import { DEMO_NOW, openHost, scratchDir, workbookSnapshot } from "./helpers";

const hosts: LocalHost[] = [];
async function host(options: Parameters<typeof openHost>[0] = {}): Promise<LocalHost> {
  const h = await openHost(options);
  hosts.push(h);
  return h;
}
afterEach(() => {
  for (const h of hosts.splice(0)) h.close();
});

const catalog = templateCatalog();
const tabTitles = catalog.sheets.map((s) => s.title);

function tabName(title: { zh: string; en: string }): string {
  return `${title.zh} ${title.en}`;
}

describe("the 市场部 MarketOps menu", () => {
  it("appears when the spreadsheet opens, and every item runs a top-level function of the bundle", async () => {
    const h = await host();
    const menus = await h.openSpreadsheet();
    expect(menus.map((m) => m.name)).toEqual(["市场部 MarketOps"]);
    const items = menus[0]?.items ?? [];
    expect(items.map((i) => i.caption)).toContain("安装/升级 / Install / upgrade");
    for (const item of items) expect(h.functionNames()).toContain(item.functionName);
  });
});

describe("install / upgrade", () => {
  it("creates every template sheet with bilingual headers, frozen header rows and the Settings defaults", async () => {
    const h = await host();
    await h.clickMenu("安装/升级 / Install / upgrade");
    const names = h.spreadsheet.workbook.sheets.map((s) => s.name);
    for (const title of tabTitles) expect(names).toContain(tabName(title));
    const people = catalog.sheets.find((s) => s.key === "people");
    expect(people).toBeDefined();
    const header = h.spreadsheet.read(tabName(people!.title), "A1:C1")[0];
    expect(header?.[0]).toBe(`${people!.columns[0]!.header.zh} / ${people!.columns[0]!.header.en}`);
    expect(h.spreadsheet.workbook.sheet(tabName(people!.title))?.frozenRows).toBe(1);
    const settings = h.spreadsheet.read(tabName(catalog.sheets.find((s) => s.key === "settings")!.title), "A1:B200");
    expect(settings.some((row) => row[0] === "SALES_PLAN_MODE" && row[1] === "PROPORTIONAL_CAPPED")).toBe(true);
    expect(h.spreadsheet.toasts.length).toBeGreaterThan(0);
  });

  it("changes nothing when run a second time (the whole workbook compared)", async () => {
    const h = await host();
    await h.clickMenu("installOrUpgrade");
    const first = workbookSnapshot(h);
    await h.clickMenu("installOrUpgrade");
    expect(workbookSnapshot(h)).toEqual(first);
  });

  it("makes as many service calls on a full workbook as on an empty one (batch I/O)", async () => {
    const empty = await host();
    await empty.clickMenu("installOrUpgrade");
    empty.counter.reset();
    await empty.clickMenu("installOrUpgrade");
    const onEmpty = empty.counter.total();

    const full = await host();
    await full.clickMenu("installOrUpgrade");
    await full.clickMenu("loadDemoData");
    full.counter.reset();
    await full.clickMenu("installOrUpgrade");
    expect(full.counter.total()).toBe(onEmpty);
    expect(full.counter.snapshot()["Range.getValue"] ?? 0).toBe(0);
    expect(full.counter.snapshot()["Range.setValue"] ?? 0).toBe(0);
  });

  it("never deletes or reorders a user's rows and columns, and restores a missing template column at the end", async () => {
    const h = await host();
    await h.clickMenu("installOrUpgrade");
    await h.clickMenu("loadDemoData");
    const regions = tabName(catalog.sheets.find((s) => s.key === "regions")!.title);
    const before = h.spreadsheet.read(regions, "A1:Z20");
    // The user adds a column of their own after the template's columns.
    const width = h.spreadsheet.workbook.lastColumn(h.spreadsheet.workbook.sheet(regions)!);
    const own = String.fromCharCode(64 + width + 1);
    await h.editAsUser(regions, `${own}1`, "备注 / My note");
    await h.editAsUser(regions, `${own}2`, "keep me");
    await h.clickMenu("installOrUpgrade");
    const after = h.spreadsheet.read(regions, "A1:Z20");
    for (let r = 0; r < before.length; r++) {
      for (let c = 0; c < width; c++) expect(after[r]?.[c]).toEqual(before[r]?.[c]);
    }
    expect(after[1]?.[width]).toBe("keep me");
  });
});

describe("upgrading a workbook installed at an earlier template version", () => {
  it("template: installOrUpgrade gives an existing dropdown the values a later version added (Requests Type without the appraisal sign-offs), keeps a user's own list value and every cell, and then has nothing to do", async () => {
    const h = await host();
    await h.clickMenu("installOrUpgrade");
    const book = h.spreadsheet.workbook;
    const requests = catalog.sheets.find((s) => s.key === "requests")!;
    const sheet = book.sheet(requests.tabName)!;
    const header = book.readValues(sheet, { row: 1, column: 1, numRows: 1, numColumns: book.lastColumn(sheet) })[0] ?? [];
    const column = header.indexOf("类型 / Type") + 1;
    expect(column).toBeGreaterThan(0);
    const type = requests.columns.find((c) => c.key === "type")!.validation;
    const values = type?.kind === "enum" ? type.values.map((o) => o.value) : [];
    // As a workbook installed before v3 has it: no monthly or annual sign-off in the list; and a value a person added.
    const old = [...values.filter((v) => v !== "monthly_appraisal" && v !== "annual_appraisal"), "my_own_type"];
    const data = { row: 2, column, numRows: sheet.maxRows - 1, numColumns: 1 };
    book.updateCells(sheet, data, (cell) => {
      cell.validation = { criteria: "VALUE_IN_LIST", values: [old, true], allowInvalid: false, helpText: null };
    });
    book.writeValues(sheet, { row: 2, column, numRows: 1, numColumns: 1 }, [["stock_transfer"]]);
    const before = h.spreadsheet.read(requests.tabName, "A1:AD5");

    await h.clickMenu("installOrUpgrade");
    for (const row of [2, sheet.maxRows]) {
      const rule = sheet.cell(row, column)?.validation;
      expect(rule?.criteria).toBe("VALUE_IN_LIST");
      expect(rule?.values[0]).toEqual([...values, "my_own_type"]);
    }
    expect(h.spreadsheet.read(requests.tabName, "A1:AD5")).toEqual(before);
    const audit = h.spreadsheet.read(tabName(catalog.sheets.find((s) => s.key === "audit")!.title), "A1:J200");
    expect(audit.some((r) => r.includes("template_repaired") && r.some((v) => String(v).includes("1 dropdown list(s) updated")))).toBe(true);

    const settled = workbookSnapshot(h);
    await h.clickMenu("installOrUpgrade");
    expect(workbookSnapshot(h)).toEqual(settled);
  });
});

describe("the workbook on disk", () => {
  it("saves as .xlsx that exceljs opens with every sheet and cached formula results, and loads back unchanged", async () => {
    const dir = scratchDir();
    const workbookPath = join(dir, "workbook.xlsx");
    const h = await host({ workbookPath });
    await h.clickMenu("installOrUpgrade");
    await h.clickMenu("loadDemoData");
    await h.save();
    expect(existsSync(join(dir, "workbook.host.json"))).toBe(true);

    const file = new ExcelJS.Workbook();
    await file.xlsx.readFile(workbookPath);
    const names = file.worksheets.map((w) => w.name);
    for (const title of tabTitles) expect(names).toContain(tabName(title));
    // Every formula carries its computed value as the cached result, so a person sees numbers.
    // (exceljs reads a cached 0, "" or FALSE back as no result, so those are not compared.)
    let compared = 0;
    for (const sheet of file.worksheets) {
      sheet.eachRow((row) => row.eachCell((cell) => {
        if (cell.type !== ExcelJS.ValueType.Formula) return;
        const computed = h.spreadsheet.read(sheet.name, cell.address)[0]?.[0];
        if (computed === 0 || computed === "" || computed === false || computed instanceof Date) return;
        expect((cell.value as ExcelJS.CellFormulaValue).result, `${sheet.name}!${cell.address}`).toEqual(computed);
        compared++;
      }));
    }
    expect(compared).toBeGreaterThan(0);

    const before = workbookSnapshot(h);
    h.close();
    const reopened = await host({ workbookPath });
    expect(reopened.clock.now()).toBe(h.clock.now());
    expect(workbookSnapshot(reopened)).toEqual(before);
  });
});

describe("the demo department", () => {
  it("loads once; a second load is refused with a bilingual message and changes nothing", async () => {
    const h = await host();
    await h.clickMenu("installOrUpgrade");
    await h.clickMenu("loadDemoData");
    const loaded = workbookSnapshot(h);
    await expect(h.clickMenu("loadDemoData")).rejects.toThrow(/.+ \/ .+/);
    expect(workbookSnapshot(h)).toEqual(loaded);
  });

  it("is the same whatever the machine's time zone (the workbook says Asia/Shanghai)", async () => {
    const saved = process.env.TZ;
    const peopleTitle = tabName(catalog.sheets.find((s) => s.key === "people")!.title);
    const dump = async (tz: string) => {
      process.env.TZ = tz;
      const h = await host({ now: DEMO_NOW });
      await h.clickMenu("installOrUpgrade");
      await h.clickMenu("loadDemoData");
      return h.spreadsheet.display(peopleTitle, "A1:Z40");
    };
    try {
      const utc = await dump("UTC");
      const la = await dump("America/Los_Angeles");
      expect(la).toEqual(utc);
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });
});
