/**
 * The Holidays sheet ships China's official 2026 schedule: 国务院办公厅关于2026年部分节假日安排的通知
 * (State Council General Office, 4 November 2025; Xinhua's full text e.g.
 * https://politics.gmw.cn/2025-11/04/content_38391083.htm, official copy
 * https://www.gov.cn/zhengce/content/202511/content_7047090.htm). These tests read the template's
 * seed rows — what a new workbook gets — and run them through the working calendar
 * (src/core/approvals/calendar.ts), so deadlines are right around 国庆 and 春节 out of the box.
 */
import { describe, expect, it } from "vitest";
import { addWorkingDays, isWorkingDay, workCalendar, workingHoursBetween } from "../../../src/core/approvals/calendar";
import type { HolidayRow } from "../../../src/core/approvals/calendar";
import { dueDate } from "../../../src/core/close/cadence";
import { parseHolidayPaste } from "../../../src/core/holidays/paste";
import { sheetTemplate } from "../../../src/core/templates/catalog";

const seeded = sheetTemplate("holidays").seedRows ?? [];
const shipped: HolidayRow[] = seeded.map((s) => ({ date: String(s.values.date), kind: s.values.kind === "workday" ? "workday" : "holiday" }));
const calendar = workCalendar("Asia/Shanghai", shipped);

describe("the shipped 2026 holidays (国务院办公厅 2026年部分节假日安排, 2025-11-04)", () => {
  it("ship all 33 days off and 6 make-up working days of the notice, each citing it in the Source column", () => {
    expect(shipped.filter((r) => r.kind === "holiday")).toHaveLength(33);
    expect(shipped.filter((r) => r.kind === "workday").map((r) => r.date)).toEqual(["2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"]);
    for (const s of seeded) {
      expect(String(s.values.source)).toContain("国务院办公厅关于2026年部分节假日安排的通知");
      expect(s.since).toBe(3);
    }
  });

  it("SC-27 / AMB-37: a task due one working day after Wed 30 Sep falls on Thu 8 Oct (1–7 Oct 国庆 skipped), and the make-up Saturday 10 Oct counts as a working day", () => {
    expect(addWorkingDays(calendar, "2026-09-30", 1)).toBe("2026-10-08");
    for (let d = 1; d <= 7; d += 1) expect(isWorkingDay(calendar, `2026-10-0${d}`)).toBe(false);
    expect(addWorkingDays(calendar, "2026-10-09", 1)).toBe("2026-10-10");
    expect(addWorkingDays(calendar, "2026-09-30", 3)).toBe("2026-10-10");
    // Sun 20 Sep is a make-up working day too.
    expect(addWorkingDays(calendar, "2026-09-19", 0)).toBe("2026-09-20");
  });

  it("SC-27 / AMB-37: September's close, due on the 5th, moves to Thu 8 Oct; without the shipped rows it would fall on Mon 5 Oct", () => {
    expect(dueDate(calendar, "2026-09", 5)).toBe("2026-10-08");
    expect(dueDate(workCalendar("Asia/Shanghai"), "2026-09", 5)).toBe("2026-10-05");
  });

  it("SC-27 / AMB-37: a reminder 8 working hours after Fri 13 Feb 17:00 falls due on the make-up Saturday 14 Feb, and none of 15–23 Feb 春节 counts", () => {
    const from = Date.parse("2026-02-13T17:00:00+08:00");
    const to = Date.parse("2026-02-24T09:00:00+08:00");
    // Fri 1 h + Sat 14 Feb 9 h; 15–23 Feb are days off.
    expect(workingHoursBetween(calendar, from, to)).toBe(10);
  });
});

describe("pasting next year's holidays (添加次年节假日)", () => {
  it("takes date, holiday|workday (or 放假/调休上班), name and source, one day a line, tabs or commas", () => {
    const paste = parseHolidayPaste("日期\t类型\t名称\n2027-10-01\tholiday\t国庆节 National Day\n2027/9/26, 调休上班, 国庆节调休上班, https://www.gov.cn/x\n", shipped);
    expect(paste.problems).toEqual([]);
    expect(paste.rows).toEqual([
      { date: "2027-10-01", kind: "holiday", name: "国庆节 National Day", source: "" },
      { date: "2027-09-26", kind: "workday", name: "国庆节调休上班", source: "https://www.gov.cn/x" },
    ]);
  });

  it("writes nothing when a line is wrong, and says which line and what to fix in both languages", () => {
    const paste = parseHolidayPaste("2027-10-01, holiday, 国庆节\n2027-02-30, holiday, 春节\n2027-10-02, off, 国庆节\n2027-10-03, holiday,", []);
    expect(paste.rows).toEqual([]);
    expect(paste.problems.map((p) => p.en)).toEqual([
      'line 2: "2027-02-30" is not a date; write it as 2027-10-01',
      'line 3: kind "off" is not holiday (放假) or workday (调休上班)',
      "line 4: the name is missing (e.g. 国庆节 National Day)",
    ]);
    expect(paste.problems[0]?.zh).toContain("第 2 行");
  });

  it("skips days already on the sheet, and refuses a day that would be both a holiday and a working day", () => {
    expect(parseHolidayPaste("2026-10-01, holiday, 国庆节", shipped)).toEqual({ rows: [], skipped: 1, problems: [] });
    expect(parseHolidayPaste("2026-10-10, holiday, 国庆节", shipped).problems.map((p) => p.en)).toEqual(["line 1: 2026-10-10 is already a make-up working day; it cannot also be a holiday"]);
  });
});
