import { describe, expect, it } from "vitest";
import { COMPETITOR_REPORTS_MET } from "../../../src/gas/customFunctions";

describe("KPI-09 competitor information twice a week, in writing (seed 003 L125)", () => {
  it("needs two reports", () => {
    expect(COMPETITOR_REPORTS_MET([[2], [1], [""]])).toEqual([[true], [false]]);
  });
});
