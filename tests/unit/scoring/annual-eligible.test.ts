import { describe, expect, it } from "vitest";
import { ANNUAL_ELIGIBLE } from "../../../src/gas/customFunctions";

describe("SC-44 not eligible for the annual appraisal (seed 004 L360-366, AMB-33)", () => {
  it("excludes probationers, people on unpaid leave and people given a demerit this year", () => {
    const staff = [["王芳"], ["李强"], ["张伟"], ["刘洋"], [""]];
    expect(ANNUAL_ELIGIBLE(staff, [[true], [""], [""], [""], [""]], "", [[""], ["是"], [""], [""], [""]], [[""], [""], [true], [""], [""]], 2026)).toEqual([
      [false],
      [false],
      [false],
      [true],
    ]);
  });

  it("needs 3 months back after reinstatement, judged on 31 December", () => {
    expect(ANNUAL_ELIGIBLE([["王芳"], ["李强"]], "", [["2026-10-01"], ["2026-10-02"]], "", "", 2026)).toEqual([[true], [false]]);
  });

  it("leaves a row without an employee blank, whatever the looked-up columns hold", () => {
    expect(ANNUAL_ELIGIBLE([["王芳"], [""], [""]], [[false], [false], [false]], [[""], [""], [""]], [[false], [false], [false]], [[false], [false], [false]], [[2026], [""], [""]])).toEqual([[true]]);
  });

  it("says what to fix for an impossible year", () => {
    expect(ANNUAL_ELIGIBLE("王芳", "", "", "", "", 26.5)).toBe("考核年度须在1900到9999之间 / appraisal year must be between 1900 and 9999");
  });
});
