/**
 * Raw responses stay raw (architecture rule 8, issue 10 §6): what a person typed into a request form
 * is kept exactly in the linked responses sheet, whatever it starts with (an apostrophe, a tab, a
 * carriage return, a space, `=`), and Requests shows it as text: a leading `=` never becomes a
 * formula there.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ANSWERS } from "../unit/approvals/fixtures";
import type { LocalHost } from "../../src/local/host";
import { openHost } from "./helpers";
import { formAnswers, formTitle, newestRequest, REQUESTS } from "./approvals-helpers";

const SALES = "kong.linghui@example.com";

let host: LocalHost;

beforeAll(async () => {
  host = await openHost();
  host.services.controllers.outbox.setDailyQuota(1500);
  await host.clickMenu("installOrUpgrade");
  await host.run("buildForms");
  await host.clickMenu("loadDemoData");
  await host.run("buildForms");
}, 180_000);

afterAll(() => {
  host.close();
});

/** The title cell of a response row, and the Requests row the response made (its Title value and formula). */
async function submitTitle(title: string): Promise<{ response: unknown; requestTitle: unknown; requestFormula: string }> {
  const submitted = await host.submitForm(formTitle("stock_transfer"), formAnswers(host, "stock_transfer", { ...ANSWERS.stock_transfer, title }), { as: SALES });
  const sheetName = submitted.sheetName ?? "";
  const headers = host.spreadsheet.read(sheetName, "A1:Z1")[0] ?? [];
  const titleColumn = headers.findIndex((h) => String(h).endsWith("/ Title") || String(h).startsWith("标题"));
  expect(titleColumn).toBeGreaterThan(0);
  const response = host.spreadsheet.read(sheetName, `A${submitted.row}:Z${submitted.row}`)[0]?.[titleColumn];
  const request = newestRequest(host, SALES);
  const book = host.spreadsheet.workbook;
  const sheet = book.requireSheet(REQUESTS);
  const requestHeaders = (book.readValues(sheet, { row: 1, column: 1, numRows: 1, numColumns: sheet.contentLastColumn() })[0] ?? []).map(String);
  const rowNumber = book.readValues(sheet, { row: 1, column: 1, numRows: sheet.contentLastRow(), numColumns: 1 }).findIndex((r) => r[0] === request["Request ID"]) + 1;
  const titleAt = requestHeaders.findIndex((h) => h.endsWith("Title")) + 1;
  const requestFormula = String(book.readFormulas(sheet, { row: rowNumber, column: titleAt, numRows: 1, numColumns: 1 })[0]?.[0] ?? "");
  return { response, requestTitle: request.Title, requestFormula };
}

describe("raw responses stay raw: the response row holds exactly what was submitted (issue 10 §6)", () => {
  for (const [what, typed] of [
    ["a leading apostrophe", "'引号开头的标题"],
    ["a leading space before =", " =1+1"],
    ["a leading tab", "\t华东补货"],
    ["a leading carriage return", "\r华东补货"],
    ["a leading =", "=HYPERLINK(\"http://x\",\"y\")"],
  ] as const) {
    it(`keeps ${what} in the response row and shows the answer as text in Requests`, async () => {
      const { response, requestTitle, requestFormula } = await submitTitle(typed);
      expect(response).toBe(typed);
      expect(requestFormula).toBe("");
      // Requests keeps the answer as the core read it (trimmed), as text: written with the
      // apostrophe guard, which the local host keeps visible in a plain-text (@) column.
      expect(String(requestTitle).replace(/^'/, "")).toBe(typed.trim());
    });
  }
});
