import { describe, expect, it } from "vitest";
import { TYPO_RATE_OK } from "../../../src/gas/customFunctions";

describe("KPI-04 typo rate of printed documents ≤ 3 ‰ (seed 003 L119, AMB-50)", () => {
  it("accepts 3 typos in 1,000 characters and rejects 4", () => {
    expect(TYPO_RATE_OK([[3], [4], [0]], [[1_000], [1_000], [500]])).toEqual([[true], [false], [true]]);
    expect(TYPO_RATE_OK(1, 0)).toBe("抽查字数须大于0 / characters checked must be > 0");
  });
});
