import { describe, expect, it } from "vitest";
import { COLLECTION_RATE } from "../../../src/gas/customFunctions";

describe("SC-09/SC-10 collection completion rate (seed 004 L172-176)", () => {
  it("divides Finance's month-end bookings minus return refunds by the planned collections: 470,000 − 20,000 of 500,000 → 90 %", () => {
    expect(COLLECTION_RATE(470_000, 20_000, 500_000)).toBe(0.9);
  });

  it("reads blank refunds as none, and says what to fix for a zero plan", () => {
    expect(COLLECTION_RATE([[500_000], [400_000], [""]], [[""], [0], [""]], [[500_000], [0], [""]])).toEqual([
      [1],
      ["计划回款额须大于0 / planned collections must be > 0"],
    ]);
  });
});
