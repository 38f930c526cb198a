import { describe, expect, it } from "vitest";
import { ASSIGNED_WORK_DEDUCTION } from "../../../src/gas/customFunctions";

describe("SC-21 assigned work: −2 per task late or not as required (seed 004 L204-206)", () => {
  it("deducts 2 each", () => {
    expect(ASSIGNED_WORK_DEDUCTION([[1], [2]])).toEqual([[-2], [-4]]);
    expect(ASSIGNED_WORK_DEDUCTION(0.5)).toBe("未按时或未按要求完成的次数须为整数 / tasks late or not as required must be a whole number");
  });
});
