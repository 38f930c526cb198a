/**
 * The pure half of the table adapter: records keyed by column key in and out of a sheet's 2D values.
 * Untrusted text stays text (architecture rule 9), dates are read and written on the workbook's
 * calendar whatever the machine's zone, computed columns are never written, and an update rewrites
 * the cells it does not change exactly as they were.
 */
import vm from "node:vm";
import { describe, expect, it } from "vitest";
import { sheetTemplate } from "../../src/core/templates/catalog";
import { headerText } from "../../src/core/templates/columns";
import { appendBlocks, fromCell, lastDataRow, readRows, tableLayout, textCell, toCell, updateBlocks } from "../../src/core/templates/table";

const ZONE = "Asia/Shanghai";
const tasks = sheetTemplate("tasks");
const taskHeader = tasks.columns.map(headerText);

describe("untrusted text stays text", () => {
  it.each([
    ["=IMPORTXML(\"http://evil\",\"//a\")", "'=IMPORTXML(\"http://evil\",\"//a\")"],
    ["+86 138 0000 0000", "'+86 138 0000 0000"],
    ["-5", "'-5"],
    ["@all 请看", "'@all 请看"],
    ["'quoted", "''quoted"],
    ["华东区回款", "华东区回款"],
    [" =1+1", "' =1+1"],
    ["\t=1+1", "'\t=1+1"],
    ["\r\n=HYPERLINK(\"http://x\")", "'\r\n=HYPERLINK(\"http://x\")"],
    ["  华东", "'  华东"],
  ])("writes %j as %j (raw text stays raw: leading whitespace is kept, never trimmed into a formula)", (typed, written) => {
    expect(textCell(typed)).toBe(written);
    expect(toCell(typed, "text", ZONE)).toBe(written);
  });

  it("writes non-numeric text in a number column as text, not as a formula", () => {
    expect(toCell("=1+1", "money", ZONE)).toBe("'=1+1");
    expect(toCell(" 12.5 ", "money", ZONE)).toBe(12.5);
  });
});

describe("dates on the workbook's calendar", () => {
  it("writes an ISO date as midnight in the workbook's zone", () => {
    const cell = toCell("2026-03-05", "date", ZONE);
    expect(cell).toBeInstanceOf(Date);
    expect((cell as Date).toISOString()).toBe("2026-03-04T16:00:00.000Z");
    expect((toCell("2026-03-05T14:30", "datetime", ZONE) as Date).toISOString()).toBe("2026-03-05T06:30:00.000Z");
  });

  it("reads Dates, also from another realm (the Apps Script host's vm context), as ISO text", () => {
    const foreign: unknown = vm.runInNewContext('new Date("2026-03-04T16:00:00Z")');
    expect(foreign instanceof Date).toBe(false);
    expect(fromCell(foreign, "date", ZONE)).toBe("2026-03-05");
    expect(fromCell(new Date("2026-03-05T06:30:00Z"), "datetime", ZONE)).toBe("2026-03-05T14:30:00");
    expect(fromCell(46086, "date", ZONE)).toBe("2026-03-05");
  });

  it("keeps other values and reads blanks as null", () => {
    expect(fromCell("", "text", ZONE)).toBeNull();
    expect(fromCell(true, "boolean", ZONE)).toBe(true);
    expect(fromCell(12, "integer", ZONE)).toBe(12);
  });
});

describe("reading a table", () => {
  const header = [taskHeader[1], "我的备注 Mine", ...taskHeader.filter((_, i) => i !== 1)];
  const layout = tableLayout(tasks, header);
  const at = (key: string): number => layout.columns.get(key) ?? -1;
  const row = (values: Record<string, unknown>): unknown[] => {
    const cells: unknown[] = header.map(() => "");
    for (const [k, v] of Object.entries(values)) cells[k === "mine" ? 1 : at(k)] = v;
    return cells;
  };
  const values = [
    header,
    row({ id: "T-1", title: "整理竞品信息", owner_email: "a@example.com", due_on: new Date("2026-03-09T16:00:00Z"), is_late: false }),
    row({ is_late: "", meets_requirement: false }),
    row({ id: "T-2", title: "=HYPERLINK(\"x\")", owner_email: "b@example.com", mine: "备注", is_late: true }),
    row({ is_late: "" }),
  ];

  it("returns data rows keyed by column key with their sheet row numbers, skipping blank rows", () => {
    const rows = readRows(layout, values, ZONE);
    expect(rows.map((r) => r.row)).toEqual([2, 4]);
    expect(rows[0]?.values).toMatchObject({ id: "T-1", title: "整理竞品信息", due_on: "2026-03-10", is_late: false, done_on: null });
    expect(rows[1]?.extra).toEqual({ "我的备注 Mine": "备注" });
    expect(lastDataRow(layout, values)).toBe(4);
  });

  it("appends below the last data row, skipping the computed column and the user's column values", () => {
    const blocks = appendBlocks(layout, [{ id: "T-3", title: "=cmd|' /C calc'!A0", owner_email: "c@example.com", due_on: "2026-03-20" }], 4, ZONE);
    expect(blocks).toHaveLength(1);
    const [block] = blocks;
    expect(block?.row).toBe(5);
    expect(block?.column).toBe(1);
    // The two computed columns (is_late, key) end the header, so the block stops before them.
    expect(block?.values[0]).toHaveLength(header.length - 2);
    expect(block?.values[0]?.[at("title")]).toBe("'=cmd|' /C calc'!A0");
    expect(block?.values[0]?.[1]).toBe("");
    expect(block?.values[0]?.[at("is_late")]).toBeUndefined();
  });

  it("splits the write around a computed column the user moved into the middle", () => {
    const isLate = headerText(tasks.columns.find((c) => c.key === "is_late") ?? tasks.columns[0]!);
    const rest = taskHeader.filter((h) => h !== isLate);
    const moved = [...rest.slice(0, 3), isLate, ...rest.slice(3)];
    const blocks = appendBlocks(tableLayout(tasks, moved), [{ id: "T-9", title: "t", owner_email: "x@example.com", due_on: "2026-03-01" }], 1, ZONE);
    // 11 after the moved column: Tasks gained "Reminders sent" and "Escalated to" (issue 11 §2, since 3).
    expect(blocks.map((b) => [b.column, b.values[0]?.length])).toEqual([
      [1, 3],
      [5, 11],
    ]);
  });

  it("refuses to write a computed column or a column the template does not have", () => {
    expect(() => appendBlocks(layout, [{ is_late: true }], 1, ZONE)).toThrow("tasks.is_late is computed");
    expect(() => appendBlocks(layout, [{ colour: "red" }], 1, ZONE)).toThrow("tasks has no column colour");
  });

  it("updates some columns of some rows in one block per run of columns, rewriting the rest as it was", () => {
    const span = values.slice(1, 4);
    const formulas = span.map((r) => r.map(() => ""));
    const titleAt = at("title");
    formulas[1]![titleAt] = '=CONCAT("a","b")';
    const blocks = updateBlocks(
      layout,
      [
        { row: 2, values: { done_on: "2026-03-08" } },
        { row: 4, values: { done_on: "2026-03-12", meets_requirement: true } },
      ],
      2,
      span,
      formulas,
      ZONE,
    );
    expect(blocks).toHaveLength(1);
    const block = blocks[0];
    expect(block?.row).toBe(2);
    expect(block?.column).toBe(at("done_on") + 1);
    expect(block?.values).toHaveLength(3);
    expect((block?.values[0]?.[0] as Date).toISOString()).toBe("2026-03-07T16:00:00.000Z");
    expect(block?.values[1]).toEqual(["", false]);
    expect(block?.values[2]?.[1]).toBe(true);
  });

  it("writes back a formula as a formula and text that looks like one as text", () => {
    const span = values.slice(1, 5);
    const formulas = span.map((r) => r.map(() => ""));
    formulas[1]![at("title")] = '=CONCAT("a","b")';
    const blocks = updateBlocks(layout, [{ row: 2, values: { title: "新标题" } }, { row: 5, values: { title: "收尾" } }], 2, span, formulas, ZONE);
    expect(blocks).toHaveLength(1);
    expect(blocks[0]?.values.map((r) => r[0])).toEqual(["新标题", '=CONCAT("a","b")', "'=HYPERLINK(\"x\")", "收尾"]);
  });

  it("refuses rows outside what was read", () => {
    expect(() => updateBlocks(layout, [{ row: 9, values: { title: "x" } }], 2, values.slice(1), [], ZONE)).toThrow("outside");
    expect(() => updateBlocks(layout, [{ row: 1, values: { title: "x" } }], 1, values, [], ZONE)).toThrow("not a data row");
  });
});
