import { describe, expect, it } from "vitest";
import { CARD_LOSS_OK } from "../../../src/gas/customFunctions";

describe("KPI-05 member-card loss rate ≤ 5 % (seed 003 L120, AMB-50)", () => {
  it("accepts 5 of 100 and rejects 6", () => {
    expect(CARD_LOSS_OK([[5], [6]], 100)).toEqual([[true], [false]]);
    expect(CARD_LOSS_OK(6, 100, 0.06)).toBe(true);
  });
});
