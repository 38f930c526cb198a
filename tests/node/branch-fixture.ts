/**
 * Branch workbooks for the Node host (issue 12), shared by tests/node/branches.test.ts and the
 * bench (bench/branches.ts): one small installed department, copied under each branch's id with
 * one actual of its own, and the Script Properties that travel with it (the decision links' secret).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { buildDemoDepartment } from "../../src/core/demo/department";
import { sheetTemplate } from "../../src/core/templates/catalog";
import { tableLayout } from "../../src/core/templates/table";
import { LocalHost } from "../../src/local/host";
import { loadXlsx } from "../../src/local/spreadsheet/xlsx";
import type { WorkbookSidecar } from "../../src/local/spreadsheet/xlsx";
import { Workbook } from "../../src/local/spreadsheet/workbook";
import { HOST_STATE_KEY } from "../../src/node/branch";
import { DEMO_NOW, writeTemplateRecords } from "../bundle/helpers";

export const BRANCH_MONTH = "2026-10";
export const BRANCH_OWNER = "director@marketops.example";

export const branchId = (i: number): string => `branch-${String(i).padStart(2, "0")}`;

/** The installed branch every copy starts from, and the Script Properties it was installed with. */
export interface BranchTemplate {
  readonly workbook: Workbook;
  readonly properties: unknown;
}

/** A copy of a workbook model under another id: every sheet, cell, protection and named range (no file round trip). */
export function copyOf(book: Workbook, id: string, name: string): Workbook {
  const copy = new Workbook({
    id,
    name,
    timeZone: book.timeZone,
    locale: book.locale,
    owner: book.owner,
    editors: book.editors,
    domainEditable: book.domainEditable,
    nextSheetId: book.nextIds.sheetId,
    nextProtectionId: book.nextIds.protectionId,
    sheets: book.sheets.map((s) => ({ name: s.name, sheetId: s.sheetId, rows: s.maxRows, columns: s.maxColumns })),
  });
  for (const from of book.sheets) {
    const to = copy.requireSheet(from.name);
    Object.assign(to, { hidden: from.hidden, frozenRows: from.frozenRows, frozenColumns: from.frozenColumns, tabColor: from.tabColor, conditionalRules: structuredClone(from.conditionalRules), charts: structuredClone(from.charts) });
    for (const [c, w] of from.columnWidths) to.columnWidths.set(c, w);
    for (const c of from.hiddenColumns) to.hiddenColumns.add(c);
    from.forEachCell((r, c, cell) => Object.assign(to.ensureCell(r, c), structuredClone(cell)));
    to.reindexFormulas();
  }
  for (const p of book.protections) copy.restoreProtection(structuredClone(p));
  for (const n of book.namedRanges()) copy.setNamedRange(n.name, structuredClone(n.target));
  copy.setActiveSheet(copy.requireSheet(book.activeSheet.name));
  return copy;
}

/** Branch `i`'s workbook: the template under its own id, with one actual of its own so no two branches close alike. */
export function branchWorkbook(template: BranchTemplate, i: number): Workbook {
  const book = copyOf(template.workbook, branchId(i), `分店 Branch ${i}`);
  const sheet = book.requireSheet(sheetTemplate("actuals").tabName);
  const header = book.readValues(sheet, { row: 1, column: 1, numRows: 1, numColumns: book.lastColumn(sheet) })[0] ?? [];
  const at = tableLayout(sheetTemplate("actuals"), header).columns.get("amount") ?? -1;
  const cell = sheet.cell(2, at + 1);
  if (typeof cell?.value === "number") cell.value += i * 1000;
  book.invalidateEngine();
  return book;
}

/** The developer metadata a branch carries when enrolled: the host's state with the template's Script Properties. */
export function enrolment(template: BranchTemplate): { key: string; value: string }[] {
  return [{ key: HOST_STATE_KEY, value: JSON.stringify({ version: 1, properties: template.properties, writeId: "", lastRun: null }) }];
}

/** The roles a branch keeps besides its sales reps: who signs, who hears of the close. */
const KEPT_ROLES = new Set(["president", "gm", "director", "hr"]);

/**
 * A small branch, saved at `dir/template.xlsx` and loaded back: the installed workbook with the demo
 * department's rows for a few people — the president, GM, Director and HR and the first `reps`
 * sales reps — written as Load demo data writes them (the same records, by column key), with the
 * company's and regions' plans and actuals.
 */
export async function makeBranchTemplate(dir: string, reps: number): Promise<BranchTemplate> {
  const templatePath = join(dir, "template.xlsx");
  const host = await LocalHost.open({ workbookPath: templatePath, outDir: dir, now: DEMO_NOW, owner: BRANCH_OWNER });
  try {
    await host.clickMenu("installOrUpgrade");
    // Writes go to the model alone; the engine is rebuilt once, when the close first reads.
    host.spreadsheet.workbook.invalidateEngine();
    const demo = buildDemoDepartment({ year: 2026, month: 10 });
    const all = demo.records.people ?? [];
    const people = [...all.filter((p) => KEPT_ROLES.has(String(p.role))), ...all.filter((p) => p.role === "sales").slice(0, reps)];
    const kept = new Set(people.map((p) => String(p.email)));
    writeTemplateRecords(host, "people", people);
    const own: Record<string, string> = { plans: "person_email", actuals: "person_email", tasks: "owner_email", contract_incidents: "head_email", scorecard_objective: "employee_email", scorecard_sales_head: "head_email", scorecard_cust_head: "head_email", scorecard_info_head: "head_email", scorecard_mkt_head: "head_email" };
    for (const [key, column] of Object.entries(own)) {
      const rows = (demo.records[key] ?? []).filter((r) => (r[column] ?? "") === "" || kept.has(String(r[column])));
      const book = host.spreadsheet.workbook;
      const sheet = book.requireSheet(sheetTemplate(key).tabName);
      if (sheet.maxRows < rows.length + 1) book.insertRows(sheet, sheet.maxRows, rows.length + 1 - sheet.maxRows);
      writeTemplateRecords(host, key, rows);
    }
    writeTemplateRecords(host, "regions", demo.records.regions ?? []);
    await host.save();
  } finally {
    host.close();
  }
  const sidecar = JSON.parse(readFileSync(join(dir, "template.host.json"), "utf8")) as { spreadsheet: WorkbookSidecar; services: { properties: unknown } };
  return { workbook: await loadXlsx(templatePath, { sidecar: sidecar.spreadsheet }), properties: sidecar.services.properties };
}
