import { describe, expect, it } from "vitest";
import { WORK_POINTS } from "../../../src/gas/customFunctions";

describe("SC-29 work indicators: 40 points shared equally by the month's tasks (seed 004 L276, AMB-21)", () => {
  it("follows the spec's example: 4 tasks at 100 %, 100 %, 80 %, 50 % → 10 + 10 + 8 + 5 = 33", () => {
    expect(WORK_POINTS([[1, 1, 0.8, 0.5]])).toEqual([[33]]);
    expect(WORK_POINTS([["100%", "100%", "80%", "50%", ""]])).toEqual([[33]]);
  });

  it("scores one person per row; a month without tasks stays blank for a direct score", () => {
    expect(WORK_POINTS([[1, 1, "", ""], ["", "", "", ""], [0.5, "", "", ""]])).toEqual([[40], [""], [20]]);
  });

  it("keeps a completion within 0-100 %", () => {
    expect(WORK_POINTS([[1, 80]])).toEqual([["任务完成度(0%–100%)须在0到1之间 / task completion (0%–100%) must be between 0 and 1"]]);
  });
});
