import { describe, expect, it } from "vitest";
import { SUMMARIES_COMPLETE } from "../../../src/gas/customFunctions";

describe("SC-34 / KPI-53 a weekly and a monthly work summary are mandatory (seed 004 L286, AMB-72)", () => {
  it("is TRUE only when every week and the month are in", () => {
    const staff = [["王芳"], ["李强"], ["张伟"], ["刘洋"], [""]];
    const weeks = [
      [true, true, true, true],
      [true, "", true, true],
      [true, true, true, true],
      ["", "", "", ""],
      ["", "", "", ""],
    ];
    expect(SUMMARIES_COMPLETE(staff, weeks, [[true], [true], [""], [""], [""]])).toEqual([[true], [false], [false], [false]]);
  });
});
