import { describe, expect, it } from "vitest";
import { NEW_CUSTOMER_DEDUCTION } from "../../../src/gas/customFunctions";

describe("SC-13 customer development deduction (seed 004 L178-180)", () => {
  it("deducts 2 per planned customer not developed: planned 3, developed 1 → −4", () => {
    expect(NEW_CUSTOMER_DEDUCTION([[3], [3], [2]], [[1], [3], [5]])).toEqual([[-4], [0], [0]]);
  });

  it("takes the points per miss from Settings and rejects fractional customers", () => {
    expect(NEW_CUSTOMER_DEDUCTION(3, 1, 3)).toBe(-6);
    expect(NEW_CUSTOMER_DEDUCTION(3, 1.5)).toBe("实际开拓客户数须为整数 / new customers developed must be a whole number");
  });
});
