/** Dealer rebates (WF-08, RP-19): examples from the policy's own wording and fast-check properties. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { approvedTiers, computeRebates, tierRate } from "../../../src/core/rebates/rebates";
import type { Purchase, RebateTier } from "../../../src/core/rebates/rebates";

/** The form's example policy: 2 % from 500,000 yuan of purchases; 3 % from 1,000,000. */
const TIERS: RebateTier[] = [
  { minPurchases: 500_000, rate: 0.02 },
  { minPurchases: 1_000_000, rate: 0.03 },
];

const buy = (id: string, dealerId: string, date: string, amount: number, row = 0): Purchase => ({ id, dealerId, date, amount, row });

describe("rebates (WF-08, RP-19)", () => {
  it("WF-08.3a: a dealer at exactly 500,000 yuan reaches the 2 % tier (满 = inclusive), each purchase gets its own line", () => {
    const s = computeRebates({ year: 2025, tiers: TIERS, purchases: [buy("P1", "D1", "2025-03-01", 200_000), buy("P2", "D1", "2025-09-01", 300_000)] });
    expect(s.lines.map((l) => [l.purchaseId, l.rate, l.rebate])).toEqual([["P1", 0.02, 4000], ["P2", 0.02, 6000]]);
    expect(s.dealers).toEqual([{ dealerId: "D1", purchases: 500_000, count: 2, rate: 0.02, rebate: 10_000 }]);
    expect(s.total).toBe(10_000);
  });

  it("WF-08.3a: one cent below a threshold stays in the tier below; 1,000,000 earns 3 %", () => {
    expect(tierRate(TIERS, 499_999.99)).toBe(0);
    expect(tierRate(TIERS, 999_999.99)).toBe(0.02);
    expect(tierRate(TIERS, 1_000_000)).toBe(0.03);
  });

  it("RP-19: only the settled year's purchases count, and a purchase ID met twice counts once with the row reported", () => {
    const s = computeRebates({ year: 2025, tiers: TIERS, purchases: [buy("P1", "D1", "2025-12-31", 600_000, 2), buy("P1", "D1", "2025-12-31", 600_000, 3), buy("P9", "D1", "2026-01-01", 900_000, 4)] });
    expect(s.lines).toHaveLength(1);
    expect(s.total).toBe(12_000);
    expect(s.problems).toEqual([expect.objectContaining({ row: 3, column: "id" })]);
  });

  it("WF-08.2: only tiers the Director approved are used; none approved is a problem naming the sheet", () => {
    const rows = [
      { row: 2, year: 2025, minPurchases: 500_000, rate: 0.02, approved: true },
      { row: 3, year: 2025, minPurchases: 1_000_000, rate: 0.05, approved: false },
    ];
    expect(approvedTiers(rows, 2025)).toEqual({ tiers: [{ minPurchases: 500_000, rate: 0.02 }], problems: [] });
    const none = approvedTiers(rows, 2024);
    expect(none.tiers).toEqual([]);
    expect(none.problems[0]?.text.en).toContain("Rebate policy sheet has no approved tier for 2024");
  });

  describe("properties (fast-check)", () => {
    const tiers = fc.uniqueArray(fc.record({ minPurchases: fc.integer({ min: 0, max: 2_000_000 }), rate: fc.integer({ min: 0, max: 100 }).map((r) => r / 1000) }), { selector: (t) => t.minPurchases, maxLength: 4 });
    const purchases = fc.array(
      fc.record({
        id: fc.integer({ min: 1, max: 40 }).map((n) => `P${n}`),
        dealerId: fc.constantFrom("D1", "D2", "D3"),
        date: fc.constantFrom("2024-12-31", "2025-01-01", "2025-06-15", "2025-12-31", "2026-01-01"),
        amount: fc.integer({ min: 1, max: 50_000_000 }).map((c) => c / 100),
        row: fc.nat(),
      }),
      { maxLength: 60 },
    );

    it("WF-08.3a: no purchase is counted twice, and every purchase of the year is counted once", () => {
      fc.assert(
        fc.property(tiers, purchases, (t, ps) => {
          const s = computeRebates({ year: 2025, tiers: t, purchases: ps });
          const ids = s.lines.map((l) => l.purchaseId);
          expect(new Set(ids).size).toBe(ids.length);
          expect(new Set(ids)).toEqual(new Set(ps.filter((p) => p.date.startsWith("2025-")).map((p) => p.id)));
        }),
      );
    });

    it("RP-19: each dealer's rebate is the sum of its lines and the total the sum of the dealers", () => {
      fc.assert(
        fc.property(tiers, purchases, (t, ps) => {
          const s = computeRebates({ year: 2025, tiers: t, purchases: ps });
          const cents = (x: number): number => Math.round(x * 100);
          for (const d of s.dealers) {
            const mine = s.lines.filter((l) => l.dealerId === d.dealerId);
            expect(cents(d.rebate)).toBe(mine.reduce((a, l) => a + cents(l.rebate), 0));
            expect(cents(d.purchases)).toBe(mine.reduce((a, l) => a + cents(l.amount), 0));
          }
          expect(cents(s.total)).toBe(s.lines.reduce((a, l) => a + cents(l.rebate), 0));
        }),
      );
    });

    it("WF-08.3a: a tier applies from its threshold inclusive, and not one cent below", () => {
      fc.assert(
        fc.property(tiers.filter((t) => t.length > 0), fc.nat({ max: 3 }), (t, pick) => {
          const tier = t[pick % t.length] as RebateTier;
          // A purchase of nothing is refused, so a threshold of 0 is met by the smallest purchase, one cent.
          const amount = Math.max(tier.minPurchases, 0.01);
          const at = computeRebates({ year: 2025, tiers: t, purchases: [buy("A", "D1", "2025-05-05", amount)] });
          const expected = Math.max(...t.filter((x) => x.minPurchases <= amount).map((x) => x.minPurchases));
          expect(at.dealers[0]?.rate ?? 0).toBe(t.find((x) => x.minPurchases === expected)?.rate);
          if (tier.minPurchases >= 0.01) {
            const below = tierRate(t, tier.minPurchases - 0.01);
            const lower = t.filter((x) => x.minPurchases < tier.minPurchases);
            expect(below).toBe(lower.length ? lower.reduce((a, b) => (b.minPurchases > a.minPurchases ? b : a)).rate : 0);
          }
        }),
      );
    });
  });
});
