import { describe, expect, it } from "vitest";
import { ANNUAL_GRADE } from "../../../src/gas/customFunctions";

function year(counts: { A?: number; B?: number; C?: number }): string[] {
  return [...Array<string>(counts.A ?? 0).fill("A"), ...Array<string>(counts.B ?? 0).fill("B"), ...Array<string>(counts.C ?? 0).fill("C")];
}

describe("SC-40 monthly grade points A = 2, B = 1, C = 0 over 12 months (seed 004 L346)", () => {
  it("sums a year of grades read across each person's row", () => {
    expect(ANNUAL_GRADE([year({ A: 12 }), year({ C: 12 }), Array<string>(12).fill("")])).toEqual([["A"], ["C"]]);
  });
});

describe("SC-41 annual grade: ≥ 18 A, 12-17 B, < 12 C (seed 004 L348-352, AMB-26)", () => {
  it("follows the spec's examples", () => {
    const rows = [year({ A: 9, B: 3 }), year({ A: 6, B: 6 }), year({ A: 6, B: 5, C: 1 }), year({ A: 2, B: 8, C: 2 }), year({ B: 11, C: 1 })];
    expect(ANNUAL_GRADE(rows)).toEqual([["A"], ["A"], ["B"], ["B"], ["C"]]);
  });

  it("pro-rates a short year by 12 ÷ months appraised unless ANNUAL_PRORATE is FALSE", () => {
    const sixMonths = [...year({ A: 5, B: 1 }), "", "", "", "", "", ""];
    expect(ANNUAL_GRADE([sixMonths])).toEqual([["A"]]);
    expect(ANNUAL_GRADE([sixMonths], "", false)).toEqual([["C"]]);
  });

  it("says what to fix for a grade that is not A, B or C", () => {
    expect(ANNUAL_GRADE([["A", "D"]])).toEqual([['月度考核结果须为 A、B 或 C(现为「D」) / monthly grade must be A, B or C (got "D")']]);
  });
});

describe("SC-43 exclusions cap the annual grade at B (seed 004 L356)", () => {
  it("caps an annual A at B", () => {
    expect(ANNUAL_GRADE([year({ A: 12 }), year({ A: 12 })], [[true], [""]])).toEqual([["B"], ["A"]]);
  });
});
