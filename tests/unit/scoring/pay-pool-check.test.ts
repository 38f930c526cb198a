import { describe, expect, it } from "vitest";
import { PAY_POOL_WITHIN, PERFORMANCE_PAY } from "../../../src/gas/customFunctions";

describe("SC-38 the performance-pay pool is controlled by the department (seed 004 L344, AMB-25)", () => {
  it("checks the month's pay of the whole department against the pool", () => {
    const pays = PERFORMANCE_PAY([[85.5], [100], [90], [""]], 2_000);
    expect(pays).toEqual([[1_710], [2_000], [1_800]]);
    expect(PAY_POOL_WITHIN(pays, 6_000)).toBe(true);
    expect(PAY_POOL_WITHIN(pays, 5_000)).toBe(false);
  });

  it("names the row of an unreadable amount", () => {
    expect(PAY_POOL_WITHIN([[1_000], ["n/a"]], 5_000)).toBe('第2行:绩效工资须为数字(现为「n/a」) / row 2: performance pay must be a number (got "n/a")');
  });
});
