// Rich-text links as the bundle sees them (RichTextValueBuilder.setLinkUrl, Range.setRichTextValues,
// getRichTextValues, getRuns), their loss when a value replaces the text, and their round trip
// through the .xlsx sidecar. https://developers.google.com/apps-script/reference/spreadsheet/rich-text-value-builder
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import vm from "node:vm";
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
  const dir = mkdtempSync(join(tmpdir(), "marketops-rich-"));
  const env: ServiceEnv = {
    counter: new ServiceCounter(),
    realm: new Realm(context),
    clock: new SimulatedClock(Date.parse("2026-01-05T09:00:00+08:00")),
    scriptTimeZone: "Asia/Shanghai",
    session: { activeUserEmail: OWNER, effectiveUserEmail: OWNER },
    outDir: dir,
  };
  const book = new Workbook({ owner: OWNER, timeZone: "Asia/Shanghai", sheets: ["Settings", "Rules"] });
  const app = createSpreadsheetApp(env, book, { toast: () => undefined, menus: [], alerts: [], dialogs: [] });
  Object.defineProperty(context, "SpreadsheetApp", { value: app });
  return { book, dir, run: (code: string): unknown => vm.runInContext(code, context) };
}

const WRITE = `
  const sheet = SpreadsheetApp.getActive().getSheetByName("Settings");
  const v = SpreadsheetApp.newRichTextValue().setText("SC-27, AMB-37").setLinkUrl(0, 5, "#gid=1&range=A2").setLinkUrl(7, 13, "#gid=1&range=A3").build();
  sheet.getRange("A1:A2").setRichTextValues([[v], [SpreadsheetApp.newRichTextValue().setText("none").build()]]);
`;

describe("rich-text links", () => {
  it("setRichTextValues writes the text with a link over each part; getRichTextValues reads the runs back", () => {
    const { book, run } = setup();
    const out = run(`${WRITE}
      const back = sheet.getRange("A1:A3").getRichTextValues();
      JSON.stringify([back[0][0].getText(), back[0][0].getRuns().map((r) => [r.getStartIndex(), r.getEndIndex(), r.getLinkUrl()]), back[0][0].getLinkUrl(), back[1][0].getRuns().length, back[2][0].getText()]);
    `);
    expect(JSON.parse(out as string)).toEqual(["SC-27, AMB-37", [[0, 5, "#gid=1&range=A2"], [5, 7, null], [7, 13, "#gid=1&range=A3"]], null, 1, ""]);
    expect(book.read("Settings", "A1")).toEqual([["SC-27, AMB-37"]]);
    expect(book.requireSheet("Settings").cell(2, 1)?.links).toBeUndefined();
  });

  it("a value written over the cell drops its links, and a number cell reads as null", () => {
    const { book, run } = setup();
    const out = run(`${WRITE}
      sheet.getRange("A1").setValue("SC-27");
      sheet.getRange("B1").setValue(5);
      const r = sheet.getRange("A1:B1").getRichTextValues()[0];
      JSON.stringify([r[0].getRuns().length, r[0].getLinkUrl(), r[1]]);
    `);
    expect(JSON.parse(out as string)).toEqual([1, null, null]);
    expect(book.requireSheet("Settings").cell(1, 1)?.links).toBeUndefined();
  });

  it("survive saving to .xlsx and loading back with the sidecar", async () => {
    const { book, dir, run } = setup();
    run(WRITE);
    const path = join(dir, "links.xlsx");
    const { sidecar } = await saveXlsx(book, path);
    const back = await loadXlsx(path, { sidecar });
    expect(back.requireSheet("Settings").cell(1, 1)?.links).toEqual([
      { start: 0, end: 5, url: "#gid=1&range=A2" },
      { start: 7, end: 13, url: "#gid=1&range=A3" },
    ]);
  });
});
