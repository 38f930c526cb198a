import { describe, expect, it } from "vitest";
import { BOTTOM_N_FLAG } from "../../../src/gas/customFunctions";

const column = (values: readonly unknown[]): unknown[][] => values.map((v) => [v]);

describe("SC-53 the last 5 ordinary employees company-wide are flagged (seed 004 L388, AMB-31, AMB-66)", () => {
  it("flags the five lowest of twelve", () => {
    const scores = [71, 60, 70, 61, 69, 62, 68, 63, 67, 64, 66, 65];
    expect(BOTTOM_N_FLAG(column(scores))).toEqual(column(scores.map((s) => s <= 64)));
  });

  it("is off when the ranked headcount is at most 2 × N, and skips blank (ineligible) rows", () => {
    expect(BOTTOM_N_FLAG(column([50, 60, 70, 80, 90, 55, 65, 75, 85, 95, "", ""]))).toEqual(column([false, false, false, false, false, false, false, false, false, false]));
    expect(BOTTOM_N_FLAG(column([50, 60, 70, 80, 90]), 2)).toEqual(column([true, true, false, false, false]));
  });

  it("flags everyone tied with the N-th lowest score", () => {
    expect(BOTTOM_N_FLAG(column([50, 60, 60, 70, 80]), 2)).toEqual(column([true, true, true, false, false]));
    expect(BOTTOM_N_FLAG(column([50, 50, 60, 70, 80]), 2)).toEqual(column([true, true, false, false, false]));
  });
});
