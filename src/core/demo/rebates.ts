/**
 * The demo's rebate data (WF-08, RP-19): the previous year's rebate policy as the Director approved
 * it (2 % from 500,000 yuan of purchases, 3 % from 1,000,000, 4 % from 2,000,000; thresholds
 * inclusive) and that year's purchases of the approved and signed dealers, one of them landing
 * exactly on the 1,000,000 threshold, so 计算返利 Compute rebates has a settlement to make early in
 * the demo year.
 */
import type { TableRecord } from "../templates/table";
import { daysInMonth, isoDay } from "./calendar";
import type { Random } from "./random";

/** The tiers of the demo policy: from (yuan, inclusive) and rate. */
export const DEMO_REBATE_TIERS: readonly (readonly [number, number])[] = [
  [500_000, 0.02],
  [1_000_000, 0.03],
  [2_000_000, 0.04],
];

/** The policy of `year`, approved by the Director on the first working days of that year. */
export function rebatePolicyRecords(year: number, director: string): TableRecord[] {
  return DEMO_REBATE_TIERS.map(([min, rate]) => ({ year, min_purchases: min, rate, state: "approved", approved_by: director }));
}

/** Year totals of the dealers that buy (yuan): one exactly on a threshold, one below the lowest tier. */
const DEALER_YEAR: readonly (readonly [string, number])[] = [
  ["D-07", 1_000_000],
  ["D-08", 2_356_000],
  ["D-09", 730_500],
  ["D-10", 420_000],
];

/** Each dealer's purchases of `year`: 6 to 12 purchases a year, their amounts adding up to its year total. */
export function dealerPurchaseRecords(year: number, random: Random): TableRecord[] {
  const records: TableRecord[] = [];
  for (const [dealer, total] of DEALER_YEAR) {
    const count = random.int(6, 12);
    const weights = Array.from({ length: count }, () => random.int(5, 20));
    const sum = weights.reduce((a, b) => a + b, 0);
    let left = total;
    weights.forEach((w, i) => {
      const amount = i === count - 1 ? left : Math.round((total * w) / sum / 100) * 100;
      left -= amount;
      const month = Math.min(12, 1 + Math.floor((i * 12) / count));
      records.push({
        id: `PO-${year}-${dealer.slice(2)}-${String(i + 1).padStart(2, "0")}`,
        dealer_id: dealer,
        purchased_on: isoDay(year, month, random.int(1, daysInMonth(year, month))),
        amount,
      });
    });
  }
  return records;
}
