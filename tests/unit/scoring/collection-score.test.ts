import { describe, expect, it } from "vitest";
import { COLLECTION_RATE, COLLECTION_SCORE } from "../../../src/gas/customFunctions";

describe("SC-12 collection bonus/penalty per percentage point (seed 004 L176, AMB-08)", () => {
  it("follows the spec's worked example: rate 90 % → −10 points at the default 1 point per pp", () => {
    const rate = COLLECTION_RATE(470_000, 20_000, 500_000);
    expect(COLLECTION_SCORE(rate)).toBe(-10);
  });

  it("gives nothing at exactly 100 %, a bonus above, and reads percent text", () => {
    expect(COLLECTION_SCORE([[1], [1.05], ["107%"], [0.955]])).toEqual([[0], [5], [7], [-4.5]]);
  });

  it("takes N, a separate penalty and a bonus cap from Settings", () => {
    expect(COLLECTION_SCORE(0.9, 2)).toBe(-20);
    expect(COLLECTION_SCORE(0.9, 1, 3)).toBe(-30);
    expect(COLLECTION_SCORE(1.2, 1, "", 10)).toBe(10);
  });
});
