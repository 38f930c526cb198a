import { describe, expect, it } from "vitest";
import { BOARDS_BACK_ON_TIME } from "../../../src/gas/customFunctions";

describe("KPI-17 ad boards back one day after the promotion ends (seed 003 L135)", () => {
  it("accepts the next day, not two days later", () => {
    expect(BOARDS_BACK_ON_TIME("2026-06-30", [["2026-07-01"], ["2026-07-02"], ["2026-06-30"]])).toEqual([[true], [false], [true]]);
  });
});
