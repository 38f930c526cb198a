import { describe, expect, it } from "vitest";
import { dayParts, isBlank, isDateValue, readDay, readFlag, readGrade, readNumber, serialDayOf } from "../../../src/core/scoring/cells";
import { isScoreError } from "../../../src/core/scoring/score-error";
import { both } from "../../../src/core/i18n";
import vm from "node:vm";

const AMOUNT = { zh: "金额", en: "amount" };
const DAY = { zh: "日期", en: "date" };

function text(v: unknown): string {
  return isScoreError(v) ? both(v.text) : String(v);
}

describe("reading cells as Sheets passes them", () => {
  it("treats '', null, undefined and whitespace as blank", () => {
    expect([ "", null, undefined, "  "].every(isBlank)).toBe(true);
    expect([0, false, "0"].some(isBlank)).toBe(false);
  });

  it("reads numbers, numeric text with separators and percent text", () => {
    expect(readNumber(1200, AMOUNT)).toBe(1200);
    expect(readNumber("1,200", AMOUNT)).toBe(1200);
    expect(readNumber(" 80% ", AMOUNT)).toBe(0.8);
    expect(text(readNumber("abc", AMOUNT))).toBe('金额须为数字(现为「abc」) / amount must be a number (got "abc")');
    expect(text(readNumber("", AMOUNT))).toBe("请填写金额 / enter the amount");
    expect(text(readNumber(true, AMOUNT))).toBe('金额须为数字(现为「true」) / amount must be a number (got "true")');
  });

  it("reads a Date from another realm (the bundle's vm context) as the day it falls on in the workbook's zone", () => {
    const foreign: unknown = vm.runInNewContext("new Date(Date.UTC(2026, 2, 31, 17, 0))");
    expect(foreign instanceof Date).toBe(false);
    expect(isDateValue(foreign)).toBe(true);
    // 17:00 UTC on 31 March is already 1 April in Shanghai.
    expect(readDay(foreign, DAY, "Asia/Shanghai")).toBe(serialDayOf(2026, 4, 1));
    expect(readDay(foreign, DAY, "UTC")).toBe(serialDayOf(2026, 3, 31));
  });

  it("reads serial numbers and YYYY-MM-DD text as days, and rejects impossible dates", () => {
    const day = serialDayOf(2026, 3, 1);
    expect(readDay(day + 0.75, DAY, "UTC")).toBe(day);
    expect(readDay("2026-03-01", DAY, "UTC")).toBe(day);
    expect(dayParts(day)).toEqual({ year: 2026, month: 3, day: 1 });
    expect(text(readDay("2026-02-30", DAY, "UTC"))).toBe('日期须为日期(现为「2026-02-30」) / date must be a date (got "2026-02-30")');
  });

  it("clamps a day past the month's end", () => {
    expect(dayParts(serialDayOf(2026, 2, 31))).toEqual({ year: 2026, month: 2, day: 28 });
  });

  it("reads yes/no marks and grades in both languages", () => {
    expect(readFlag("是", DAY)).toBe(true);
    expect(readFlag("", DAY)).toBe(false);
    expect(readGrade("优秀", DAY)).toBe("A");
    expect(readGrade(" c ", DAY)).toBe("C");
    expect(readGrade("", DAY)).toBeNull();
    expect(text(readGrade("D", DAY))).toBe('日期须为 A、B 或 C(现为「D」) / date must be A, B or C (got "D")');
  });
});
