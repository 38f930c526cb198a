/**
 * A flag's or task note's rule ID links to its 规则说明 Rules row (issue 11 §1): the follow-up task
 * an approved stock transfer creates (WF-05.7) has its note linked by the job that wrote it (the
 * closes link their flags: tests/bundle/rules.test.ts). Links are rich text over the ID pointing at
 * `#gid=<Rules sheet id>&range=A<row>`.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ANSWERS } from "../unit/approvals/fixtures";
import { ruleRow } from "../../src/core/rules/sheet";
import { sheetTemplate } from "../../src/core/templates/catalog";
import { tableLayout } from "../../src/core/templates/table";
import type { LocalHost } from "../../src/local/host";
import { decideByLink, formAnswers, formTitle, linkIn, mailsTo, newestRequest } from "./approvals-helpers";
import { openHost } from "./helpers";

const SALES = "kong.linghui@example.com";
const MANAGER = "zhou.haitao@example.com";
const DIRECTOR = "sun.lixin@example.com";

let host: LocalHost;
let server: { url: string; close(): Promise<void> };

beforeAll(async () => {
  host = await openHost();
  host.services.controllers.outbox.setDailyQuota(1500);
  server = await host.serve(0);
  await host.clickMenu("installOrUpgrade");
  await host.clickMenu("loadDemoData");
  await host.run("buildForms");
}, 120_000);

afterAll(async () => {
  await server.close();
  host.close();
});

/** A template column's cells from row 2 down: [row, text, links]. */
function column(sheetKey: string, key: string) {
  const book = host.spreadsheet.workbook;
  const sheet = book.requireSheet(sheetTemplate(sheetKey).tabName);
  const header = book.readValues(sheet, { row: 1, column: 1, numRows: 1, numColumns: book.lastColumn(sheet) })[0] ?? [];
  const at = (tableLayout(sheetTemplate(sheetKey), header).columns.get(key) ?? -1) + 1;
  const out: { row: number; text: string; links: readonly { start: number; end: number; url: string }[] }[] = [];
  for (let row = 2; row <= book.lastRow(sheet); row++) {
    const cell = sheet.cell(row, at);
    if (typeof cell?.value === "string" && cell.value !== "") out.push({ row, text: cell.value, links: cell.links ?? [] });
  }
  return out;
}

function rulesLink(id: string): string {
  const rules = host.spreadsheet.workbook.requireSheet(sheetTemplate("rules").tabName);
  return `#gid=${rules.sheetId}&range=A${ruleRow(id)}`;
}

describe("rule IDs link to their Rules rows (issue 11 §1)", () => {
  it("WF-05.7: the Warehouse's follow-up task from an approved stock transfer has its note's rule ID linked when the job writes it", async () => {
    await host.submitForm(formTitle("stock_transfer"), formAnswers(host, "stock_transfer", ANSWERS.stock_transfer), { as: SALES });
    const id = String(newestRequest(host, SALES)["Request ID"]);
    // The Sales manager, then the Director approve from their emailed links (WF-05).
    for (const approver of [MANAGER, DIRECTOR]) {
      const mail = mailsTo(host, approver).filter((m) => m.html.includes(id) && /exec\?t=/.test(m.html)).at(-1);
      expect(mail, `a decision link for ${approver}`).toBeDefined();
      expect(await decideByLink(server.url, linkIn(mail!), "approve", "同意")).toContain("result-done");
    }
    const note = column("tasks", "notes").find((c) => c.text.includes("WF-05"));
    expect(note, "a follow-up task with a WF-05 note").toBeDefined();
    const start = note!.text.indexOf("WF-05");
    expect(note!.links).toEqual([{ start, end: start + 5, url: rulesLink("WF-05") }]);
  });
});
