import { describe, expect, it } from "vitest";
import { NO_GUEST_COMPLAINTS } from "../../../src/gas/customFunctions";

describe("KPI-14 no guest complaints (seed 003 L131)", () => {
  it("is TRUE with no complaint", () => {
    expect(NO_GUEST_COMPLAINTS([[0], [1], [""]])).toEqual([[true], [false]]);
  });
});
