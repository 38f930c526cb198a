import { describe, expect, it } from "vitest";
import { NEW_CUSTOMER_MET } from "../../../src/gas/customFunctions";

describe("KPI-08 at least 1 new customer a month (seed 003 L124, AMB-49)", () => {
  it("needs one", () => {
    expect(NEW_CUSTOMER_MET([[1], [0], [3]])).toEqual([[true], [false], [true]]);
    expect(NEW_CUSTOMER_MET(1, 2)).toBe(false);
  });
});
