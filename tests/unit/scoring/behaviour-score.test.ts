import { describe, expect, it } from "vitest";
import { BEHAVIOUR_SCORE } from "../../../src/gas/customFunctions";

describe("SC-30/SC-33 behaviour indicators: six items rated 1-5 (seed 004 L278, L284, AMB-22)", () => {
  it("follows the spec's example: 5, 4, 4, 5, 3, 4 → 25 of 30", () => {
    expect(BEHAVIOUR_SCORE([[5, 4, 4, 5, 3, 4]])).toEqual([[25]]);
  });

  it("accepts six single-column ranges as well as one six-column range", () => {
    expect(BEHAVIOUR_SCORE([[5], [1]], [[4], [1]], [[4], [1]], [[5], [1]], [[3], [1]], [[4], [1]])).toEqual([[25], [6]]);
    expect(BEHAVIOUR_SCORE(5, 4, 4, 5, 3, 4)).toBe(25);
  });

  it("needs all six ratings, each a whole number from 1 to 5", () => {
    expect(BEHAVIOUR_SCORE([[5, 4, 4, 5, 3, ""]])).toEqual([["请为全部6项行为指标评分(现有5项) / rate all 6 behaviour items (5 given)"]]);
    expect(BEHAVIOUR_SCORE([[5, 4, 4, 5, 3, 0]])).toEqual([["行为评分须在1到5之间 / behaviour rating must be between 1 and 5"]]);
    expect(BEHAVIOUR_SCORE([[5, 4, 4, 5, 3, 3.5]])).toEqual([["行为评分须为1到5的整数 / behaviour ratings must be whole numbers from 1 to 5"]]);
  });
});
