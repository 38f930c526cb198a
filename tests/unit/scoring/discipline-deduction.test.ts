import { describe, expect, it } from "vitest";
import { DISCIPLINE_DEDUCTION } from "../../../src/gas/customFunctions";

describe("SC-22 discipline: −2 to −5 per violation at discretion (seed 004 L208-210)", () => {
  it("sums one person's violations across the row", () => {
    expect(DISCIPLINE_DEDUCTION([[3, "", ""], [2, 5, ""], ["", "", ""]])).toEqual([[-3], [-7]]);
  });

  it("keeps each violation within 2-5", () => {
    expect(DISCIPLINE_DEDUCTION([[1, 3]])).toEqual([["每次违纪扣分须在2到5之间 / points per violation must be between 2 and 5"]]);
  });
});
