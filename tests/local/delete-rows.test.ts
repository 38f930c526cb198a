/**
 * Sheet.deleteRows on the local host's model, as Sheets documents it
 * (https://developers.google.com/apps-script/reference/spreadsheet/sheet#deleteRows(Integer,Integer)):
 * rows below move up, formulas follow their cells, a range across the deleted rows shrinks, a
 * reference to a deleted cell becomes #REF!, and protections wholly inside the deleted rows go.
 * The Requests archive (issue 10 §3) deletes the rows it moved with it.
 */
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { LocalHost } from "../../src/local/host";
import { scratchDir } from "../bundle/helpers";

const bundlePath = join(import.meta.dirname, "../fixtures/keeper/Code.js");
const hosts: LocalHost[] = [];

async function host(): Promise<LocalHost> {
  const h = await LocalHost.open({ bundlePath, now: Date.parse("2026-03-02T08:30:00+08:00"), owner: "owner@example.com", outDir: scratchDir() });
  hosts.push(h);
  return h;
}

afterEach(() => {
  for (const h of hosts.splice(0)) h.close();
});

describe("Sheet.deleteRows on the local host", () => {
  it("moves the rows below up, shrinks ranges across them, turns references to deleted cells into #REF! and drops protections wholly inside", async () => {
    const h = await host();
    const book = h.spreadsheet.workbook;
    const data = book.insertSheet("Data", undefined, { rows: 20, columns: 3 });
    book.writeValues(data, { row: 1, column: 1, numRows: 10, numColumns: 1 }, Array.from({ length: 10 }, (_, i) => [i + 1]));
    const sums = book.insertSheet("Sums", undefined, { rows: 5, columns: 3 });
    book.writeFormulas(sums, { row: 1, column: 1, numRows: 1, numColumns: 3 }, [["=SUM(Data!A1:A10)", "=Data!A5", "=Data!A8"]]);
    const inside = book.addProtection({ type: "RANGE", sheetName: "Data", rect: { row: 4, column: 1, numRows: 2, numColumns: 1 }, description: "inside", editors: undefined, warningOnly: false, domainEdit: false, unprotected: [] });
    const across = book.addProtection({ type: "RANGE", sheetName: "Data", rect: { row: 2, column: 1, numRows: 8, numColumns: 1 }, description: "across", editors: undefined, warningOnly: false, domainEdit: false, unprotected: [] });
    expect(h.spreadsheet.read("Sums", "A1:C1")).toEqual([[55, 5, 8]]);

    book.deleteRows(data, 4, 3); // values 4, 5, 6

    expect(h.spreadsheet.read("Data", "A1:A7").flat()).toEqual([1, 2, 3, 7, 8, 9, 10]);
    expect(data.maxRows).toBe(17);
    expect(sums.cell(1, 1)?.formula).toBe("=SUM(Data!A1:A7)");
    expect(sums.cell(1, 2)?.formula).toBe("=#REF!");
    expect(sums.cell(1, 3)?.formula).toBe("=Data!A5");
    expect(h.spreadsheet.read("Sums", "A1").flat()).toEqual([40]);
    expect(h.spreadsheet.read("Sums", "C1").flat()).toEqual([8]);
    expect(book.protections).not.toContain(inside);
    expect(across.rect).toEqual({ row: 2, column: 1, numRows: 5, numColumns: 1 });
  });
});
