import { describe, expect, it } from "vitest";
import { RAISE_ELIGIBLE } from "../../../src/gas/customFunctions";

/** Fourteen months of history per row, oldest first; blank = not appraised (yet). */
const row = (...grades: string[]): string[] => [...grades, ...Array<string>(14 - grades.length).fill("")];
const nineOfTen = row("A", "A", "A", "A", "B", "A", "A", "A", "A", "A");
const nineInARow = row("B", "A", "A", "A", "A", "A", "A", "A", "A", "A", "B", "B");
const eightOfTen = row("A", "A", "B", "A", "A", "B", "A", "A", "A", "A");
const elevenScattered = row("A", "B", "A", "A", "A", "B", "A", "A", "A", "A", "B", "A", "A", "A");

describe("SC-46 raise eligibility, the garbled 「连续9个月超过10个月」 (seed 004 L372, AMB-28)", () => {
  it("9_OF_10_CONSECUTIVE (default): an A in 9 of some 10 consecutive months", () => {
    expect(RAISE_ELIGIBLE([nineOfTen, nineInARow, eightOfTen])).toEqual([[true], [true], [false]]);
  });

  it("9_CONSECUTIVE: nine A in a row", () => {
    expect(RAISE_ELIGIBLE([nineOfTen, nineInARow], "9_CONSECUTIVE")).toEqual([[false], [true]]);
  });

  it("9_CONSECUTIVE_OR_10_CUMULATIVE: nine in a row, or more than 10 A in the history", () => {
    expect(RAISE_ELIGIBLE([nineOfTen, elevenScattered], "9_CONSECUTIVE_OR_10_CUMULATIVE")).toEqual([[false], [true]]);
  });

  it("names the allowed readings for an unknown one", () => {
    expect(RAISE_ELIGIBLE([nineOfTen], "ANY")).toEqual([
      ['「ANY」不是 RAISE_RULE 的可选值;可选:9_OF_10_CONSECUTIVE, 9_CONSECUTIVE, 9_CONSECUTIVE_OR_10_CUMULATIVE / "ANY" is not a reading of RAISE_RULE; allowed: 9_OF_10_CONSECUTIVE, 9_CONSECUTIVE, 9_CONSECUTIVE_OR_10_CUMULATIVE'],
    ]);
  });
});
