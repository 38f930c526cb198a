import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CUSTOMER_CLASSES, customerClass, customerClassText, defaultClassCriteria, readCustomerClass } from "../../../src/core/scoring/customer-class";
import { CUSTOMER_CLASS } from "../../../src/gas/customFunctions";

/** Orders as the Orders sheet's customer and shipped-on columns. */
function orders(list: readonly (readonly [string, string])[]): [unknown[][], unknown[][]] {
  return [list.map(([c]) => [c]), list.map(([, d]) => [d])];
}

const monthly = (id: string, count: number, year = 2026): [string, string][] => Array.from({ length: count }, (_, i) => [id, `${year}-${String(i + 1).padStart(2, "0")}-10`]);

describe("KPI-44 / AMB-58 every customer is classed loyal, close, loose or potential (seed 003 L217)", () => {
  it("KPI-44 AMB-58: no purchase yet is potential; 8 orders at 60 % loyal; 8 at 30 % close; 3 orders close; 1 order at 5 % loose; an old first deal loose", () => {
    const ids = [["C-1"], ["C-2"], ["C-3"], ["C-4"], ["C-5"], ["C-6"]];
    const firstDeals = [[""], ["2025-03-01"], ["2025-03-01"], ["2025-03-01"], ["2025-03-01"], ["2020-05-01"]];
    const shares = [[""], [0.6], [0.3], [""], [0.05], [0.1]];
    const [customers, shipped] = orders([...monthly("C-2", 8), ...monthly("C-3", 8), ...monthly("c-4", 3), ["C-5", "2026-06-01"]]);
    expect(CUSTOMER_CLASS(ids, firstDeals, shares, customers, shipped, "2026-11-30")).toEqual([
      ["潜在客户 Potential"],
      ["忠诚客户 Loyal"],
      ["紧密型客户 Close"],
      ["紧密型客户 Close"],
      ["松散型客户 Loose"],
      ["松散型客户 Loose"],
    ]);
  });

  it("KPI-50: a share of 20 % with one order in the window makes a close customer; the share alone, without an order in the window, does not", () => {
    const [customers, shipped] = orders([["C-1", "2026-10-01"], ["C-2", "2024-01-01"]]);
    expect(CUSTOMER_CLASS([["C-1"], ["C-2"]], [[""], [""]], [[0.2], [0.9]], customers, shipped, "2026-11-30")).toEqual([["紧密型客户 Close"], ["松散型客户 Loose"]]);
  });

  it("AMB-58: counts only orders shipped in the last CUSTOMER_CLASS_WINDOW_MONTHS months up to the as-of day, and reads the Settings", () => {
    const [customers, shipped] = orders([...monthly("C-1", 6, 2025), ["C-1", "2026-12-05"]]);
    // Jan–Jun 2025 are more than 12 months before 30 Nov 2026; an order dated later than the as-of day is not a purchase yet.
    expect(CUSTOMER_CLASS("C-1", "", "", customers, shipped, "2026-11-30")).toBe("松散型客户 Loose");
    expect(CUSTOMER_CLASS("C-1", "", "", customers, shipped, "2026-11-30", 24)).toBe("忠诚客户 Loyal");
    expect(CUSTOMER_CLASS("C-1", "", "", customers, shipped, "2026-11-30", 24, 7)).toBe("紧密型客户 Close");
    expect(CUSTOMER_CLASS("C-1", "", 0.4, customers, shipped, "2026-11-30", 24, "", 0.3)).toBe("忠诚客户 Loyal");
    expect(CUSTOMER_CLASS("C-1", "", "", customers, shipped, "2026-11-30", 24, 7, "", 7)).toBe("松散型客户 Loose");
    expect(CUSTOMER_CLASS("C-1", "", 0.25, customers, shipped, "2026-11-30", 24, 7, "", 7, 0.25)).toBe("紧密型客户 Close");
  });

  it("KPI-44: says what to fix, naming the Orders row of a bad date, and leaves blank rows blank", () => {
    const [customers, shipped] = orders([["C-1", "2026-10-01"], ["C-1", "next week"]]);
    expect(CUSTOMER_CLASS([["C-1"]], [[""]], [[""]], customers, shipped, "2026-11-30")).toBe(
      '订单发货表第3行:订单发货日期须为日期(现为「next week」) / Orders row 3: order shipment date must be a date (got "next week")',
    );
    const [c2, s2] = orders([["C-1", "2026-10-01"]]);
    expect(CUSTOMER_CLASS([["C-1"], [""], ["C-3"], [""]], [[""], [""], [""], [""]], [[1.5], [""], [""], [""]], c2, s2, "2026-11-30")).toEqual([
      ["市场份额须在0到1之间(现为「1.5」) / market share must be between 0 and 1 (got \"1.5\")"],
      [""],
      ["潜在客户 Potential"],
    ]);
    expect(CUSTOMER_CLASS("C-1", "", "", c2, [["2026-10-01"], [""]], "2026-11-30")).toBe(
      "订单(客户、发货日期)的两列行数不一致(1 行与 2 行):请选同样的行 / the two columns of the orders (customer, shipped on) differ in length (1 and 2 rows): select the same rows",
    );
  });

  it("KPI-44 property: the four classes are exhaustive and exclusive, and potential is exactly 'never bought'", () => {
    const criteria = fc.record({
      windowMonths: fc.integer({ min: 1, max: 36 }),
      loyalOrders: fc.integer({ min: 1, max: 20 }),
      loyalShare: fc.double({ min: 0, max: 1, noNaN: true }),
      closeOrders: fc.integer({ min: 1, max: 20 }),
      closeShare: fc.double({ min: 0, max: 1, noNaN: true }),
    });
    const purchases = fc.record({ ordersInWindow: fc.nat(40), everBought: fc.boolean(), share: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null }) });
    fc.assert(
      fc.property(purchases, criteria, (p, c) => {
        const got = customerClass(p, c);
        const matches = CUSTOMER_CLASSES.filter((k) => k === got);
        expect(matches).toHaveLength(1);
        expect(got === "potential").toBe(!p.everBought && p.ordersInWindow === 0);
        if (got === "loyal") expect(p.ordersInWindow).toBeGreaterThanOrEqual(c.loyalOrders);
        if (got !== "potential" && got !== "loose") expect(p.ordersInWindow).toBeGreaterThan(0);
      }),
    );
  });

  it("KPI-44 property: more orders never lower a class (potential < loose < close < loyal)", () => {
    const rank = { potential: 0, loose: 1, close: 2, loyal: 3 } as const;
    fc.assert(
      fc.property(fc.nat(30), fc.nat(10), fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null }), (n, extra, share) => {
        const before = customerClass({ ordersInWindow: n, everBought: n > 0, share }, defaultClassCriteria());
        const after = customerClass({ ordersInWindow: n + extra, everBought: n + extra > 0, share }, defaultClassCriteria());
        expect(rank[after]).toBeGreaterThanOrEqual(rank[before]);
      }),
    );
  });

  it("reads a class from its key, its cell text or either word", () => {
    expect(readCustomerClass("loyal")).toBe("loyal");
    expect(readCustomerClass(customerClassText("close"))).toBe("close");
    expect(readCustomerClass("松散型客户")).toBe("loose");
    expect(readCustomerClass("Potential")).toBe("potential");
    expect(readCustomerClass("VIP")).toBeNull();
  });
});
