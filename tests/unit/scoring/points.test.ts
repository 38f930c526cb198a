import { describe, expect, it } from "vitest";
import { roundTo, tidy } from "../../../src/core/scoring/points";

describe("points: how scores and money are rounded (SC-36 AMB-24 one decimal; money to cents)", () => {
  it("removes floating-point noise at any magnitude", () => {
    expect([tidy(1.13 * 100 - 100), tidy(0.21 * 90), tidy(333_333_334.00000006), tidy(-0), tidy(0.003)]).toEqual([13, 18.9, 333_333_334, 0, 0.003]);
  });

  it("rounds half away from zero", () => {
    expect([roundTo(85.45, 1), roundTo(-85.45, 1), roundTo((94 * 100) / 110, 1), roundTo(333.335, 2)]).toEqual([85.5, -85.5, 85.5, 333.34]);
  });
});
