import { describe, expect, it } from "vitest";
import { WEIGHTED_SCORE } from "../../../src/gas/customFunctions";

describe("SC-23 information head: 30/30/30/10 weighted ratings (seed 004 L214-222, AMB-17)", () => {
  it("follows the spec's example: 90, 80, 100, 70 → 88", () => {
    expect(WEIGHTED_SCORE([[90, 80, 100, 70]], "INFO_HEAD")).toEqual([[88]]);
    expect(WEIGHTED_SCORE([[90, 80, 100, 70]], [[30, 30, 30, 10]])).toEqual([[88]]);
    expect(WEIGHTED_SCORE([[90, 80, 100, 70]], [[0.3, 0.3, 0.3, 0.1]])).toEqual([[88]]);
  });

  it("uses one weights row for every person and leaves blank rows blank", () => {
    expect(WEIGHTED_SCORE([[90, 80, 100, 70], ["", "", "", ""], [100, 100, 100, 100]], [[30, 30, 30, 10]])).toEqual([[88], [""], [100]]);
  });
});

describe("SC-24 marketing department head: 70 % × 30/30/20/20 + 30 % × 30/30/40 (seed 004 L110-128, AMB-18)", () => {
  it("follows the spec's example: 90/80/85/95 and 80/90/85 → 86.4", () => {
    expect(WEIGHTED_SCORE([[90, 80, 85, 95, 80, 90, 85]], "MARKETING_HEAD")).toEqual([[86.4]]);
  });

  it("says what to fix: a missing rating, a rating out of 0-100, an unknown preset", () => {
    expect(WEIGHTED_SCORE([[90, 80, 85, 95, 80, 90]], "MARKETING_HEAD")).toEqual([["请为全部7项评分(已评6项) / rate all 7 items (6 rated)"]]);
    expect(WEIGHTED_SCORE([[90, 80, 120, 70]], "INFO_HEAD")).toEqual([["评分须在0到100之间 / rating must be between 0 and 100"]]);
    expect(WEIGHTED_SCORE([[90, 80, 100, 70]], "SALES_HEAD")).toEqual([
      ['权重须为数字,或预设 INFO_HEAD、MARKETING_HEAD(现为「SALES_HEAD」) / weights must be numbers, or the preset INFO_HEAD or MARKETING_HEAD (got "SALES_HEAD")'],
    ]);
  });
});
