import { describe, expect, it } from "vitest";
import { BOOKING_SENT_ON_TIME } from "../../../src/gas/customFunctions";

describe("KPI-13 meeting booking forms sent 3 days before the meeting (seed 003 L129-130)", () => {
  it("accepts 3 days ahead, not 2", () => {
    expect(BOOKING_SENT_ON_TIME([["2026-05-07"], ["2026-05-08"]], "2026-05-10")).toEqual([[true], [false]]);
  });
});
