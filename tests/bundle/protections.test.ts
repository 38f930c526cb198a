/**
 * Who may type where in the Requests sheet (issue 10 item 11), as people would try it in the
 * Sheets UI under the local host: the Decision column is open to the people the Routes can give a
 * step to (and the owner), not to every People row; Status and the other columns MarketOps keeps
 * are the owner's alone — refused, not just warned; the protections cover whole columns, so a row
 * appended past the sheet's first 1,000 is protected like row 2; and on a file the whole domain may
 * edit, the domain is not let in. The approver still decides in the sheet (WF-GEN.1).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ANSWERS } from "../unit/approvals/fixtures";
import type { RequestTypeKey } from "../../src/core/approvals/model";
import { columnLetters } from "../../src/core/templates/formulas";
import type { LocalHost } from "../../src/local/host";
import { openHost, writeTemplateRecords } from "./helpers";
import { APPROVALS, formAnswers, formTitle, REQUESTS, rowsOf } from "./approvals-helpers";

const OWNER = "director@marketops.example";
/** A sales rep: submits requests, approves nothing. */
const SALES = "kong.linghui@example.com";
/** A promoter: in People, approves nothing. */
const PROMOTER = "tao.ran@example.com";
/** The Marketing Manager: a stock transfer's first approver. */
const MANAGER = "zhou.haitao@example.com";
/** Someone of the owner's domain, not in People: the file is shared with the whole domain. */
const COLLEAGUE = "colleague@marketops.example";

let host: LocalHost;
let server: { url: string; close(): Promise<void> };

/** Submits the form as `as`; the new request's ID (the last row, read over the whole sheet). */
async function submit(type: RequestTypeKey, as: string): Promise<string> {
  await host.submitForm(formTitle(type), formAnswers(host, type, ANSWERS[type]), { as });
  const book = host.spreadsheet.workbook;
  const sheet = book.requireSheet(REQUESTS);
  const last = book.lastRow(sheet);
  const values = book.readValues(sheet, { row: last, column: 1, numRows: 1, numColumns: headers().length })[0] ?? [];
  expect(values[headers().indexOf("Requester")]).toBe(as);
  return String(values[0]);
}

/** The header row of Requests, English parts. */
function headers(): string[] {
  const sheet = host.spreadsheet.workbook.requireSheet(REQUESTS);
  const row = host.spreadsheet.workbook.readValues(sheet, { row: 1, column: 1, numRows: 1, numColumns: host.spreadsheet.workbook.lastColumn(sheet) })[0] ?? [];
  return row.map((h) => String(h).split(" / ").pop() ?? "");
}

function letter(header: string): string {
  const at = headers().indexOf(header);
  if (at < 0) throw new Error(`no column ${header}`);
  return columnLetters(at + 1);
}

/** The 1-based row of a request, over the whole sheet (past row 1,000). */
function rowOf(id: string): number {
  const book = host.spreadsheet.workbook;
  const sheet = book.requireSheet(REQUESTS);
  const ids = book.readValues(sheet, { row: 1, column: 1, numRows: book.lastRow(sheet), numColumns: 1 });
  const at = ids.findIndex((r) => r[0] === id);
  if (at < 0) throw new Error(`no request ${id}`);
  return at + 1;
}

function cell(header: string, id: string): string {
  return `${letter(header)}${rowOf(id)}`;
}

function requestAt(id: string): Record<string, unknown> {
  const book = host.spreadsheet.workbook;
  const sheet = book.requireSheet(REQUESTS);
  const values = book.readValues(sheet, { row: rowOf(id), column: 1, numRows: 1, numColumns: headers().length })[0] ?? [];
  return Object.fromEntries(headers().map((h, i) => [h, values[i]]));
}

beforeAll(async () => {
  host = await openHost();
  host.spreadsheet.workbook.domainEditable = true;
  // The web app is deployed, so decision links work (a requester's own step is decided by link).
  server = await host.serve(0);
  await host.clickMenu("installOrUpgrade");
  await host.run("buildForms");
  await host.clickMenu("loadDemoData");
  await host.run("buildForms");
}, 120_000);

afterAll(async () => {
  await server.close();
  host.close();
});

describe("the Decision column: the Routes' approvers, not every People row", () => {
  it("a requester who approves nothing cannot choose in the Decision cell of their own request", async () => {
    const id = await submit("stock_transfer", SALES);
    await expect(host.editAsUser(REQUESTS, cell("Decision", id), "approve", { as: SALES })).rejects.toThrow(/protected/);
    expect(requestAt(id).Decision).toBe("");
    expect(requestAt(id).Status).toBe("pending");
  });

  it("a People member who approves nothing (a promoter) cannot edit the Decision column", async () => {
    const id = await submit("stock_transfer", SALES);
    await expect(host.editAsUser(REQUESTS, cell("Decision", id), "approve", { as: PROMOTER })).rejects.toThrow(/protected/);
    expect(requestAt(id).Status).toBe("pending");
  });

  it("the step's approver can: the Marketing Manager's Approve in the sheet applies and is recorded", async () => {
    const id = await submit("stock_transfer", SALES);
    await host.editAsUser(REQUESTS, cell("Decision", id), "approve", { as: MANAGER });
    expect(requestAt(id)["Current step"]).toBe(2);
    expect(rowsOf(host, APPROVALS).some((a) => a["Request ID"] === id && a.Channel === "sheet" && a.Approver === MANAGER)).toBe(true);
  });
});

describe("Status and the columns MarketOps keeps: the owner's alone", () => {
  it("a requester typing `approved` into Status is refused by the protection, not just warned", async () => {
    const id = await submit("stock_transfer", SALES);
    await expect(host.editAsUser(REQUESTS, cell("Status", id), "approved", { as: SALES })).rejects.toThrow(/protected/);
    expect(requestAt(id).Status).toBe("pending");
    // Nor an approver: only MarketOps (running as the owner) writes a status.
    await expect(host.editAsUser(REQUESTS, cell("Status", id), "approved", { as: MANAGER })).rejects.toThrow(/protected/);
    for (const header of ["Request ID", "Submitted at", "Current step", "Current approver", "Status reason", "Updated at", "Revision", "Form response", "Approval state"]) {
      await expect(host.editAsUser(REQUESTS, cell(header, id), "x", { as: MANAGER }), header).rejects.toThrow(/protected/);
    }
    expect(requestAt(id).Status).toBe("pending");
  });
});

describe("whole columns: rows appended past the first 1,000", () => {
  it("row 1003, after the sheet grew past 1,000 rows by appended requests, is protected like row 2", async () => {
    // A year of closed requests fills the sheet's 1,000 rows; the next requests are appended below.
    const book = host.spreadsheet.workbook;
    const sheet = book.requireSheet(REQUESTS);
    const free = 1000 - book.lastRow(sheet);
    const filler = Array.from({ length: free }, (_, i) => ({ id: `OLD-${String(i + 1).padStart(5, "0")}`, type: "stock_transfer", title: "closed last year", requester_email: SALES, status: "closed" }));
    writeTemplateRecords(host, "requests", filler);
    expect(book.lastRow(sheet)).toBe(1000);
    const ids: string[] = [];
    for (let i = 0; i < 3; i += 1) ids.push(await submit("stock_transfer", SALES));
    const third = ids[2] ?? "";
    expect(rowOf(third)).toBe(1003);
    expect(sheet.maxRows).toBeGreaterThanOrEqual(1003);

    await expect(host.editAsUser(REQUESTS, cell("Decision", third), "approve", { as: SALES })).rejects.toThrow(/protected/);
    await expect(host.editAsUser(REQUESTS, cell("Decision", third), "approve", { as: PROMOTER })).rejects.toThrow(/protected/);
    await expect(host.editAsUser(REQUESTS, cell("Status", third), "approved", { as: SALES })).rejects.toThrow(/protected/);
    await expect(host.editAsUser(REQUESTS, cell("Approval state", third), "{}", { as: SALES })).rejects.toThrow(/protected/);
    expect(requestAt(third).Status).toBe("pending");
    await host.editAsUser(REQUESTS, cell("Decision", third), "approve", { as: MANAGER });
    expect(requestAt(third)["Current step"]).toBe(2);
  });
});

describe("on a file the whole domain may edit", () => {
  it("domain edit is off on these protections: a colleague of the owner's domain, not in People, cannot decide or set a status", async () => {
    const id = await submit("stock_transfer", SALES);
    await expect(host.editAsUser(REQUESTS, cell("Decision", id), "approve", { as: COLLEAGUE })).rejects.toThrow(/protected/);
    await expect(host.editAsUser(REQUESTS, cell("Status", id), "approved", { as: COLLEAGUE })).rejects.toThrow(/protected/);
    const book = host.spreadsheet.workbook;
    const sheet = book.requireSheet(REQUESTS);
    for (const header of ["Decision", "Status", "Approval state"]) {
      const column = headers().indexOf(header) + 1;
      const over = book.protectionsOver(sheet, { row: 2, column, numRows: 1, numColumns: 1 });
      expect(over.length, header).toBeGreaterThan(0);
      expect(over.every((p) => !p.domainEdit && !p.warningOnly), header).toBe(true);
    }
    // The owner still can: MarketOps' jobs run as the owner.
    expect(book.protectionsOver(sheet, { row: 2, column: headers().indexOf("Status") + 1, numRows: 1, numColumns: 1 }).every((p) => book.canEditProtection(p, OWNER))).toBe(true);
  });
});

describe("Withdraw: the requester's own box", () => {
  it("a requester who approves nothing withdraws by ticking Withdraw; another People member's tick is refused by the engine and cleared; someone not in People cannot tick it", async () => {
    const id = await submit("stock_transfer", SALES);
    await host.editAsUser(REQUESTS, cell("Withdraw", id), true, { as: PROMOTER });
    expect(requestAt(id).Status).toBe("pending");
    expect(requestAt(id).Withdraw).toBe(false);
    await expect(host.editAsUser(REQUESTS, cell("Withdraw", id), true, { as: COLLEAGUE })).rejects.toThrow(/protected/);
    await host.editAsUser(REQUESTS, cell("Withdraw", id), true, { as: SALES });
    expect(requestAt(id).Status).toBe("withdrawn");
    expect(requestAt(id).Withdraw).toBe(false);
  });
});

describe("Settings: keys and their descriptions are MarketOps'", () => {
  it("an editor cannot rename a setting's key or rewrite its type, options, rule or description; the value stays theirs to fill", async () => {
    const sheet = "设置 Settings";
    const book = host.spreadsheet.workbook;
    const header = (book.read(sheet, "A1:H1")[0] ?? []).map((h) => String(h).split(" / ").pop() ?? "");
    const row = book.read(sheet, "A1:A200").findIndex((r) => r[0] === "TIME_ZONE") + 1;
    expect(row).toBeGreaterThan(1);
    for (const column of ["Key", "Type", "Options", "Rule", "Description (zh)", "Description (en)"]) {
      await expect(host.editAsUser(sheet, `${columnLetters(header.indexOf(column) + 1)}${row}`, "x", { as: MANAGER }), column).rejects.toThrow(/protected/);
    }
    const value = `${columnLetters(header.indexOf("Value") + 1)}${row}`;
    const before = book.read(sheet, value)[0]?.[0];
    await host.editAsUser(sheet, value, "Asia/Shanghai", { as: MANAGER });
    expect(book.read(sheet, value)[0]?.[0]).toBe("Asia/Shanghai");
    await host.editAsUser(sheet, value, before ?? "");
  });
});
