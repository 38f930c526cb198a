/**
 * The installed 工作标准 Work standards sheet on the demo department, through dist/Code.js on the
 * local host: the month is a cell the user types, each column is one formula over open-ended
 * ranges, the diligent reps meet every standard of their post and the others do not (KPI-07..10,
 * RP-14), and the figures are the ones the monthly report counts from the same rows.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { templateCatalog } from "../../src/core/templates/catalog";
import type { LocalHost } from "../../src/local/host";
import { openHost } from "./helpers";

const catalog = templateCatalog();
const tab = (key: string): string => catalog.byKey.get(key)?.tabName ?? key;
const SHEET = tab("work_standards");
/** Layout of sheets-templates/sheets/work_standards.json: the month in B2, headers in row 5, people from row 6. */
const FIRST = 6;
const COLUMNS = 19;

function read(host: LocalHost, row: number, column: number, numRows = 1, numColumns = 1): unknown[][] {
  const book = host.spreadsheet.workbook;
  return book.readValues(book.requireSheet(SHEET), { row, column, numRows, numColumns });
}

type Line = { name: unknown; email: unknown; post: unknown; values: unknown[] };

function lines(host: LocalHost): Line[] {
  return read(host, FIRST, 1, 20, COLUMNS)
    .filter((r) => r[1] !== "")
    .map((r) => ({ name: r[0], email: r[1], post: r[2], values: r }));
}

const byEmail = (all: readonly Line[], email: string): Line | undefined => all.find((l) => l.email === email);

describe("Work standards sheet on the demo workbook (KPI-07..10, KPI-17, KPI-55, RP-14)", () => {
  let host: LocalHost;
  beforeAll(async () => {
    host = await openHost();
    await host.clickMenu("installOrUpgrade");
    await host.clickMenu("loadDemoData");
  }, 300_000);

  it("shows last month (October on the demo clock), the as-of day and the Holidays calendar's working days", () => {
    expect(read(host, 2, 1, 1, 2)[0]).toEqual(["月份 / Month", "2026-10"]);
    expect(read(host, 4, 2)[0]?.[0]).toBe(18);
    expect(read(host, 5, 1, 1, 3)[0]).toEqual(["姓名 / Name", "人员 / Person", "岗位 / Post"]);
  });

  it("lists the people whose post has standards, names beside emails, with the post in both languages", () => {
    const all = lines(host);
    expect(all.map((l) => l.email)).toEqual([
      "feng.lina@example.com",
      "jiang.yifan@example.com",
      "kong.linghui@example.com",
      "cao.xue@example.com",
      "yan.feng@example.com",
      "hua.li@example.com",
      "jin.xin@example.com",
      "wei.qiang@example.com",
    ]);
    expect(byEmail(all, "cao.xue@example.com")?.name).toBe("曹雪");
    expect(byEmail(all, "cao.xue@example.com")?.post).toBe("销售人员 / Sales Rep");
  });

  it("KPI-07, KPI-08, KPI-09, KPI-10, RP-14: the diligent reps meet all five standards, with the counts behind them", () => {
    const all = lines(host);
    for (const email of ["cao.xue@example.com", "yan.feng@example.com", "jin.xin@example.com"]) {
      const v = byEmail(all, email)?.values ?? [];
      expect(Number(v[3])).toBeGreaterThanOrEqual(8);
      expect(Number(v[4])).toBeGreaterThanOrEqual(30);
      expect([v[5], v[7], v[9], v[12], v[14]]).toEqual([true, true, true, true, true]);
      expect(v[6]).toBe(1);
      expect(v[11]).toBe(0);
      expect(v[13]).toBe(18);
      expect([v[17], v[18]]).toEqual([5, 5]);
    }
  });

  it("the other reps fall short: fewer visits in their weakest week, a stale file, missed daily reports", () => {
    const all = lines(host);
    for (const email of ["kong.linghui@example.com", "hua.li@example.com", "wei.qiang@example.com"]) {
      const v = byEmail(all, email)?.values ?? [];
      expect(v[5], email).toBe(false);
      expect(v[14], email).toBe(false);
      expect(Number(v[13])).toBeLessThan(18);
      expect(Number(v[17])).toBeLessThan(5);
      expect(v[18]).toBe(5);
    }
  });

  it("a post without a standard shows a blank cell, not a failure: the customer head is judged on files only (KPI-55), the artist on boards only when a promotion ended (KPI-17)", () => {
    const all = lines(host);
    const head = byEmail(all, "feng.lina@example.com")?.values ?? [];
    expect([head[3], head[5], head[13]]).toEqual(["", "", ""]);
    expect([head[12], head[17], head[18]]).toEqual([true, 1, 1]);
    const artist = byEmail(all, "jiang.yifan@example.com")?.values ?? [];
    expect([artist[15], artist[16], artist[18]]).toEqual(["", "", 0]);
  });

  it("the month is the user's pick: typing 2026-09 shows September, when the demo logged nothing", () => {
    const book = host.spreadsheet.workbook;
    const sheet = book.requireSheet(SHEET);
    book.writeValues(sheet, { row: 2, column: 2, numRows: 1, numColumns: 1 }, [["2026-09"]]);
    const cao = byEmail(lines(host), "cao.xue@example.com")?.values ?? [];
    expect([cao[3], cao[5], cao[13], cao[14]]).toEqual([0, false, 0, false]);
    expect(read(host, 4, 2)[0]?.[0]).toBe(22);
    book.writeValues(sheet, { row: 2, column: 2, numRows: 1, numColumns: 1 }, [["2026-10"]]);
    expect(byEmail(lines(host), "cao.xue@example.com")?.values[17]).toBe(5);
  });

  it("each column is one formula over open-ended ranges, so a row added past Activities' old last row counts without touching the sheet", () => {
    const book = host.spreadsheet.workbook;
    const sheet = book.requireSheet(SHEET);
    const formulas = book.readFormulas(sheet, { row: FIRST, column: 1, numRows: 2, numColumns: COLUMNS });
    expect(formulas[1]?.every((f) => f === "")).toBe(true);
    expect(String(formulas[0]?.[3])).toMatch(/^=WEEKLY_FEWEST\(B6:B,\$B\$2,"onsite",'人员 People'!\$B\$2:\$B,/);
    expect(String(formulas[0]?.[13])).toContain("'节假日 Holidays'!$A$2:$A");
    const before = Number(byEmail(lines(host), "hua.li@example.com")?.values[10]);
    const activities = book.requireSheet(tab("activities"));
    const oldBound = activities.maxRows;
    book.insertRows(activities, oldBound, 10);
    book.writeValues(activities, { row: oldBound + 5, column: 1, numRows: 1, numColumns: 5 }, [["A-extra", new Date("2026-10-20T00:00:00+08:00"), "hua.li@example.com", "C-NORTH-01", "file_update"]]);
    expect(Number(byEmail(lines(host), "hua.li@example.com")?.values[10])).toBe(before + 1);
  });
});
