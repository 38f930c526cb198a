import { describe, expect, it } from "vitest";
import { FOLDERS_TIDIED_ON_TIME } from "../../../src/gas/customFunctions";

describe("KPI-02 folders tidied once a month before the 5th (seed 003 L116-117)", () => {
  it("accepts the 5th and earlier", () => {
    expect(FOLDERS_TIDIED_ON_TIME([["2026-03-05"], ["2026-03-06"], ["2026-04-01"], [""]])).toEqual([[true], [false], [true]]);
    expect(FOLDERS_TIDIED_ON_TIME("2026-03-06", 7)).toBe(true);
  });
});
