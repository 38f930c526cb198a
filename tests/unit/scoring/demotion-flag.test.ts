import { describe, expect, it } from "vitest";
import { DEMOTION_FLAG } from "../../../src/gas/customFunctions";

describe("SC-47 demotion flag: 6 consecutive C, or 9 C cumulatively (seed 004 L372, AMB-29)", () => {
  it("flags six C in a row but not five; a blank month breaks the run", () => {
    expect(DEMOTION_FLAG([["B", "C", "C", "C", "C", "C", "C"], ["C", "C", "C", "C", "C", "B", "C"], ["C", "C", "C", "", "C", "C", "C"]])).toEqual([
      [true],
      [false],
      [false],
    ]);
  });

  it("counts 9 C within a rolling 12 months by default; window 0 counts since hire", () => {
    const spread = ["C", "C", "B", "C", "C", "B", "C", "C", "B", "C", "C", "B", "B", "B", "C"];
    const nineInTwelve = ["C", "C", "B", "C", "C", "B", "C", "C", "B", "C", "C", "C"];
    expect(DEMOTION_FLAG([spread, [...nineInTwelve, "", "", ""]])).toEqual([[false], [true]]);
    expect(DEMOTION_FLAG([spread], 0)).toEqual([[true]]);
  });
});
