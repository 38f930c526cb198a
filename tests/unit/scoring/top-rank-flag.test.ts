import { describe, expect, it } from "vitest";
import { TOP_RANK_FLAG } from "../../../src/gas/customFunctions";

describe("SC-50 first place among same-level posts may apply for a raise (seed 004 L382, AMB-31)", () => {
  it("flags the top score of each post level; ties share first place; blank scores are not ranked", () => {
    expect(TOP_RANK_FLAG([[88], [92], [92], [75], [""], [60]], [["P3"], ["P3"], ["P4"], ["P3"], ["P3"], ["P5"]])).toEqual([
      [false],
      [true],
      [true],
      [false],
      [false],
      [true],
    ]);
    expect(TOP_RANK_FLAG([[88], [92], [92]])).toEqual([[false], [true], [true]]);
  });
});
