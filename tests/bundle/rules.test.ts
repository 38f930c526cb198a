/**
 * The 规则说明 Rules sheet (issue 11 §1) as a user gets it from Install / upgrade: one row per rule of
 * the project's own catalogue (src/core/rules/catalog.json) with its zh/en statement and source,
 * owner-protected; every rule ID the templates show (Settings and Routes Rule columns, column
 * notes, sheet rule lists) has its row; the IDs in Settings, Routes and the Monthly results flags
 * link to their rows (`#gid=<sheetId>&range=A<row>`); a second install changes nothing, and a row
 * that no longer matches the catalogue is written again. Also the Holidays sheet's 2026 rows and
 * the 添加次年节假日 dialog. Drives the built dist/Code.js under the local host.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allRules, ruleById } from "../../src/core/rules/catalog";
import { sheetTemplate, templateCatalog } from "../../src/core/templates/catalog";
import { tableLayout } from "../../src/core/templates/table";
import type { LocalHost } from "../../src/local/host";
import { openHost, workbookSnapshot } from "./helpers";

let host: LocalHost;

beforeAll(async () => {
  host = await openHost();
  await host.clickMenu("installOrUpgrade");
}, 180_000);

afterAll(() => host.close());

const RULE_ID = /\b(?:WF-GEN\.\d+|(?:WF|SC|KPI|RP|AMB)-\d+)\b/g;

function sheetOf(sheetKey: string) {
  const sheet = host.spreadsheet.workbook.sheet(sheetTemplate(sheetKey).tabName);
  if (!sheet) throw new Error(`no tab for ${sheetKey}`);
  return sheet;
}

function grid(sheetKey: string): unknown[][] {
  const book = host.spreadsheet.workbook;
  const sheet = sheetOf(sheetKey);
  return book.readValues(sheet, { row: 1, column: 1, numRows: Math.max(1, book.lastRow(sheet)), numColumns: Math.max(1, book.lastColumn(sheet)) });
}

/** Column (1-based) of a template column on its tab. */
function columnOf(sheetKey: string, key: string): number {
  const at = tableLayout(sheetTemplate(sheetKey), grid(sheetKey)[0] ?? []).columns.get(key);
  if (at === undefined) throw new Error(`${sheetKey} has no ${key}`);
  return at + 1;
}

/** Every rule ID the templates put in front of a user: seed rows, notes, descriptions, rule lists. */
function templateRuleIds(): Set<string> {
  const ids = new Set<string>();
  for (const sheet of templateCatalog().sheets) {
    if (sheet.key === "rules") continue;
    for (const m of JSON.stringify(sheet).matchAll(RULE_ID)) ids.add(m[0]);
  }
  return ids;
}

/** Where a link points: the Rules sheet row it names, or null. */
function linkedRow(url: string): number | null {
  const m = /^#gid=(\d+)&range=A(\d+)$/.exec(url);
  if (!m || Number(m[1]) !== sheetOf("rules").sheetId) return null;
  return Number(m[2]);
}

describe("the 规则说明 Rules sheet", () => {
  it("exists after install, owner-protected, with a row per catalogue rule: ID, zh and en statement, source", () => {
    const rows = grid("rules");
    expect(rows[0]?.slice(0, 5)).toEqual(["规则编号 / Rule ID", "类别 / Kind", "规则(中文) / Rule (Chinese)", "规则(英文) / Rule (English)", "出处 / Source"]);
    expect(rows.length - 1).toBe(allRules().length);
    const sc42 = rows.find((r) => r[0] === "SC-42");
    expect(sc42?.[2]).toBe(ruleById("SC-42")?.statement.zh);
    expect(sc42?.[3]).toBe(ruleById("SC-42")?.statement.en);
    expect(String(sc42?.[4])).toMatch(/seed-spec\.md L\d+/);
    const protections = host.spreadsheet.workbook.protections.filter((p) => p.sheetName === sheetTemplate("rules").tabName);
    expect(protections.some((p) => p.warningOnly === false)).toBe(true);
  });

  it("has a row, with both statements, for every rule ID the templates show (Settings and Routes Rule columns, notes, rule lists)", () => {
    const rows = new Map(grid("rules").slice(1).map((r) => [String(r[0]), r]));
    const ids = templateRuleIds();
    expect(ids.size).toBeGreaterThan(100);
    for (const id of ids) {
      const row = rows.get(id);
      expect(row, id).toBeDefined();
      expect(String(row?.[2]).length, `${id} zh`).toBeGreaterThan(0);
      expect(String(row?.[3]).length, `${id} en`).toBeGreaterThan(0);
    }
  });

  it("links each rule ID in the Settings Rule column to its Rules row (SC-27 and AMB-37 of WORKDAY… rows, every ID of a cell)", () => {
    const settings = sheetOf("settings");
    const column = columnOf("settings", "rule");
    const rules = grid("rules");
    let checked = 0;
    grid("settings").forEach((row, i) => {
      const cell = row[column - 1];
      const text = typeof cell === "string" ? cell : "";
      const ids = [...text.matchAll(RULE_ID)].filter((m) => ruleById(m[0]));
      if (ids.length === 0) return;
      const links = settings.cell(i + 1, column)?.links ?? [];
      expect(links.map((l) => text.slice(l.start, l.end)), text).toEqual(ids.map((m) => m[0]));
      for (const l of links) {
        const target = linkedRow(l.url);
        expect(target, l.url).not.toBeNull();
        expect(rules[(target ?? 1) - 1]?.[0]).toBe(text.slice(l.start, l.end));
      }
      checked += 1;
    });
    expect(checked).toBeGreaterThan(50);
  });

  it("links the Routes Rule and Decision ref columns (WF-01 → its row, AMB-44 → its row)", () => {
    const routes = sheetOf("routes");
    const rules = grid("rules");
    for (const key of ["rule", "decision"]) {
      const column = columnOf("routes", key);
      const link = routes.cell(2, column)?.links?.[0];
      expect(link, key).toBeDefined();
      expect(rules[(linkedRow(link?.url ?? "") ?? 1) - 1]?.[0]).toBe(grid("routes")[1]?.[column - 1]);
    }
  });

  it("changes nothing when installed again (the whole workbook compared, links included)", async () => {
    const before = workbookSnapshot(host);
    const again = await host.run<{ operations: number; summary: string }>("installOrUpgrade");
    expect(again.value.operations).toBe(0);
    expect(again.value.summary).not.toContain("Rules sheet");
    expect(workbookSnapshot(host)).toEqual(before);
  });

  it("writes a Rules row again when it no longer matches the catalogue (as after a catalogue change), and says so", async () => {
    const book = host.spreadsheet.workbook;
    const sheet = sheetOf("rules");
    const row = grid("rules").findIndex((r) => r[0] === "SC-42") + 1;
    book.writeValues(sheet, { row, column: 3, numRows: 1, numColumns: 1 }, [["旧的说明 old statement"]]);
    const again = await host.run<{ summary: string }>("installOrUpgrade");
    expect(again.value.summary).toContain(`Rules sheet: ${allRules().length} rules written from the rule catalogue`);
    expect(grid("rules")[row - 1]?.[2]).toBe(ruleById("SC-42")?.statement.zh);
  });
});

describe("the Holidays sheet after install", () => {
  it("holds the 39 days of 国务院办公厅关于2026年部分节假日安排的通知 (2025-11-04), with 1–7 Oct as 国庆 holidays and Sat 10 Oct a make-up working day", () => {
    const rows = grid("holidays");
    const date = columnOf("holidays", "date") - 1;
    const kind = columnOf("holidays", "kind") - 1;
    const source = columnOf("holidays", "source") - 1;
    // Dates read back as midnight in the workbook zone (Asia/Shanghai, UTC+8).
    const day = (v: unknown): string => (v instanceof Date ? new Date(v.getTime() + 8 * 3_600_000).toISOString().slice(0, 10) : String(v));
    const data = rows.slice(1).filter((r) => r[date] !== "");
    expect(data).toHaveLength(39);
    expect(data.filter((r) => day(r[date]).startsWith("2026-10-0")).map((r) => r[kind])).toEqual(Array(7).fill("holiday"));
    const oct10 = data.find((r) => day(r[date]) === "2026-10-10");
    expect(oct10?.[kind]).toBe("workday");
    expect(String(oct10?.[source])).toContain("国务院办公厅关于2026年部分节假日安排的通知");
  });

  it("添加次年节假日 opens a bilingual dialog saying where next year's rows come from; its button adds valid pasted rows once and refuses bad lines", async () => {
    await host.clickMenu("addNextYearHolidays");
    const dialog = host.spreadsheet.dialogs.at(-1);
    expect(dialog?.title).toBe("添加次年节假日 / Add next year's holidays");
    expect(dialog?.html).toContain("国务院办公厅");
    expect(dialog?.html).toContain("State Council");
    expect(dialog?.html).toContain("addHolidayRows");
    const before = grid("holidays").length;
    const added = await host.run<{ added: number; message: string }>("addHolidayRows", ["2027-10-01\tholiday\t国庆节 National Day\n2027-09-26\tworkday\t国庆节调休上班"]);
    expect(added.value.added).toBe(2);
    expect(added.value.message).toContain("2 days added to the Holidays sheet");
    expect(grid("holidays").length).toBe(before + 2);
    const twice = await host.run<{ added: number }>("addHolidayRows", ["2027-10-01\tholiday\t国庆节 National Day"]);
    expect(twice.value.added).toBe(0);
    await expect(host.run("addHolidayRows", ["2027-13-01, holiday, 国庆节"])).rejects.toThrow(/line 1: "2027-13-01" is not a date/);
    expect(grid("holidays").length).toBe(before + 2);
  });
});

describe("rule IDs in the Monthly results flags", () => {
  let closed: LocalHost;
  beforeAll(async () => {
    closed = await openHost();
    await closed.clickMenu("installOrUpgrade");
    await closed.run("buildForms");
    await closed.clickMenu("loadDemoData");
    await closed.run("buildForms");
    await closed.run("closeMonth", ["2026-10"]);
  }, 300_000);
  afterAll(() => closed.close());

  it("link to their Rules rows: each `SC-nn …` flag line's ID points at the row stating SC-nn", () => {
    const book = closed.spreadsheet.workbook;
    const results = book.requireSheet(sheetTemplate("monthly_results").tabName);
    const rulesSheet = book.requireSheet(sheetTemplate("rules").tabName);
    const values = book.readValues(results, { row: 1, column: 1, numRows: book.lastRow(results), numColumns: book.lastColumn(results) });
    const rules = book.readValues(rulesSheet, { row: 1, column: 1, numRows: book.lastRow(rulesSheet), numColumns: 1 });
    const flags = (tableLayout(sheetTemplate("monthly_results"), values[0] ?? []).columns.get("flags") ?? -1) + 1;
    let linked = 0;
    values.slice(1).forEach((row, i) => {
      const text = String(row[flags - 1] ?? "");
      if (text === "") return;
      const links = results.cell(i + 2, flags)?.links ?? [];
      const ids = [...text.matchAll(RULE_ID)].map((m) => m[0]);
      expect(links.map((l) => text.slice(l.start, l.end)), text).toEqual(ids);
      for (const l of links) {
        const m = /^#gid=(\d+)&range=A(\d+)$/.exec(l.url);
        expect(Number(m?.[1])).toBe(rulesSheet.sheetId);
        expect(rules[Number(m?.[2]) - 1]?.[0]).toBe(text.slice(l.start, l.end));
        linked += 1;
      }
    });
    expect(linked).toBeGreaterThan(0);
  });
});
