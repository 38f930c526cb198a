import { describe, expect, it } from "vitest";
import { RECORDS_DEDUCTION } from "../../../src/gas/customFunctions";

describe("SC-20 business records: −2 per item or occasion not done well (seed 004 L200-202)", () => {
  it("deducts 2 each", () => {
    expect(RECORDS_DEDUCTION([[1], [3], [0]])).toEqual([[-2], [-6], [0]]);
    expect(RECORDS_DEDUCTION(-1)).toBe("未做好的项数/次数不能为负数 / items or occasions not done well must not be negative");
  });
});
