import { describe, expect, it } from "vitest";
import { APPRAISAL_GRADE } from "../../../src/gas/customFunctions";

describe("SC-36 grade bands A ≥ 90, B ≥ 70, C below (seed 004 L342, AMB-24)", () => {
  it("grades a column of scores, rounding to 1 decimal first", () => {
    expect(APPRAISAL_GRADE([[94], [90], [89.94], [89.96], [85.5], [70], [69.9], [""]])).toEqual([["A"], ["A"], ["B"], ["A"], ["B"], ["B"], ["C"]]);
  });
});

describe("SC-43 exclusions cap the grade at B (seed 004 L356)", () => {
  it("caps an A at B when the person is excluded, and leaves B and C alone", () => {
    expect(APPRAISAL_GRADE([[95], [80], [50]], [[true], ["是"], [true]])).toEqual([["B"], ["B"], ["C"]]);
    expect(APPRAISAL_GRADE(95, "maybe")).toBe('不得评优标记须为 TRUE 或 FALSE(现为「maybe」) / exclusion mark must be TRUE or FALSE (got "maybe")');
  });
});
