/**
 * Dealer rebate calculation (经销商返利计算), spec WF-08, RP-19, AMB-41; seed 002 §四4 L65-75:
 * 「一般是在下一年初计算上一年的经销商返利情况」 and 「客服部计算每个经销商每一笔进货的返利」.
 *
 * The approved policy (年度销售返利政策, WF-08.2) is a table of tiers by the dealer's purchases in the
 * year: a tier applies from its threshold **inclusive** (「满50万返2%」: reaching 500,000 yuan earns 2 %,
 * the same reading as 以上 in AMB-02). The dealer's year total picks its tier; that rate applies to
 * every purchase of the year (WF-08.3a: a rebate per purchase), each line rounded to the cent, and
 * the dealer's rebate is the sum of its lines, so the settlement's totals always equal its lines.
 * A purchase ID met twice is counted once (the later row is reported, not added).
 */
import type { Bilingual } from "../i18n";
import { format } from "../i18n";

export interface RebateTier {
  /** Year purchases from which the tier applies (inclusive), yuan. */
  readonly minPurchases: number;
  /** Rebate rate, 0.02 = 2 %. */
  readonly rate: number;
}

/** One dealer purchase (进货) as the Dealer purchases sheet holds it. */
export interface Purchase {
  readonly id: string;
  readonly dealerId: string;
  /** `YYYY-MM-DD`. */
  readonly date: string;
  readonly amount: number;
  /** Sheet row, for messages (0 when not from a sheet). */
  readonly row: number;
}

export interface RebateLine {
  readonly dealerId: string;
  readonly purchaseId: string;
  readonly date: string;
  readonly amount: number;
  readonly rate: number;
  readonly rebate: number;
}

export interface DealerRebate {
  readonly dealerId: string;
  readonly purchases: number;
  readonly count: number;
  readonly rate: number;
  readonly rebate: number;
}

export interface RebateProblem {
  readonly row: number;
  readonly column: string;
  readonly text: Bilingual;
}

export interface RebateSettlement {
  readonly year: number;
  readonly lines: readonly RebateLine[];
  readonly dealers: readonly DealerRebate[];
  readonly total: number;
  /** Rows left out (a repeated purchase ID, an amount that is not a positive number). */
  readonly problems: readonly RebateProblem[];
}

const M = {
  repeated: { zh: "进货编号 {id} 重复(第 {first} 行已计入),本行未计入返利", en: "Purchase ID {id} repeats (row {first} is counted); this row is not counted" },
  badAmount: { zh: "进货金额必须是大于 0 的数字,本行未计入返利", en: "The purchase amount must be a number above 0; this row is not counted" },
} as const;

const toCents = (amount: number): number => Math.round(amount * 100);

/**
 * The tier of a year's purchases: the one with the highest threshold not above them (inclusive);
 * rate 0 below the lowest tier.
 * @example tierRate([{ minPurchases: 500_000, rate: 0.02 }], 500_000) → 0.02
 * @example tierRate([{ minPurchases: 500_000, rate: 0.02 }], 499_999.99) → 0
 */
export function tierRate(tiers: readonly RebateTier[], purchases: number): number {
  let best: RebateTier | null = null;
  for (const t of tiers) {
    if (toCents(purchases) >= toCents(t.minPurchases) && (best === null || t.minPurchases > best.minPurchases)) best = t;
  }
  return best?.rate ?? 0;
}

/** The rebate of one purchase at a rate, to the cent. */
export function lineRebate(amount: number, rate: number): number {
  return Math.round(toCents(amount) * rate) / 100;
}

/**
 * The settlement of `year` (WF-08.3a, RP-19): each dealer's purchases dated in the year, its tier by
 * their total, a line per purchase, the dealer totals (sums of lines) and the grand total.
 */
export function computeRebates(input: { readonly year: number; readonly tiers: readonly RebateTier[]; readonly purchases: readonly Purchase[] }): RebateSettlement {
  const prefix = `${input.year}-`;
  const problems: RebateProblem[] = [];
  const seen = new Map<string, number>();
  const byDealer = new Map<string, Purchase[]>();
  for (const p of input.purchases) {
    if (!p.date.startsWith(prefix)) continue;
    const id = p.id.trim().toUpperCase();
    const first = seen.get(id);
    if (first !== undefined) {
      problems.push({ row: p.row, column: "id", text: format(M.repeated, { id: p.id.trim(), first }) });
      continue;
    }
    if (!Number.isFinite(p.amount) || toCents(p.amount) <= 0) {
      problems.push({ row: p.row, column: "amount", text: M.badAmount });
      continue;
    }
    seen.set(id, p.row);
    const dealer = p.dealerId.trim().toUpperCase();
    const list = byDealer.get(dealer) ?? [];
    list.push(p);
    byDealer.set(dealer, list);
  }
  const lines: RebateLine[] = [];
  const dealers: DealerRebate[] = [];
  let totalCents = 0;
  for (const dealerId of [...byDealer.keys()].sort()) {
    const list = [...(byDealer.get(dealerId) ?? [])].sort((a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id));
    const purchasesCents = list.reduce((s, p) => s + toCents(p.amount), 0);
    const rate = tierRate(input.tiers, purchasesCents / 100);
    let rebateCents = 0;
    for (const p of list) {
      const rebate = lineRebate(p.amount, rate);
      rebateCents += toCents(rebate);
      lines.push({ dealerId, purchaseId: p.id.trim(), date: p.date, amount: toCents(p.amount) / 100, rate, rebate });
    }
    totalCents += rebateCents;
    dealers.push({ dealerId, purchases: purchasesCents / 100, count: list.length, rate, rebate: rebateCents / 100 });
  }
  return { year: input.year, lines, dealers, total: totalCents / 100, problems };
}

/** A policy row as the Rebate policy sheet holds it. */
export interface PolicyRow {
  readonly row: number;
  readonly year: number | null;
  readonly minPurchases: number | null;
  readonly rate: number | null;
  /** Approved by the Director (WF-08.2): the row's state, or its approved rebate_policy request. */
  readonly approved: boolean;
}

const P = {
  none: { zh: "「返利政策」表中没有 {year} 年已批准的档次;请填写该年的档次并经营销总监批准(WF-08.2)", en: "The Rebate policy sheet has no approved tier for {year}: enter the year's tiers and have the Director approve them (WF-08.2)" },
  minBad: { zh: "「进货额起点」须为 ≥ 0 的数字", en: "\"From purchases\" must be a number ≥ 0" },
  rateBad: { zh: "「返利比例」须在 0 与 100% 之间", en: "\"Rebate rate\" must be between 0 and 100 %" },
  repeated: { zh: "同一年的「进货额起点」{min} 重复", en: "\"From purchases\" {min} repeats within the year" },
} as const;

/** The approved tiers of `year` (WF-08.2), or the problems that keep them from being used. */
export function approvedTiers(rows: readonly PolicyRow[], year: number): { tiers: RebateTier[]; problems: RebateProblem[] } {
  const problems: RebateProblem[] = [];
  const tiers: RebateTier[] = [];
  for (const r of rows) {
    if (r.year !== year || !r.approved) continue;
    if (r.minPurchases === null || !(r.minPurchases >= 0)) problems.push({ row: r.row, column: "min_purchases", text: P.minBad });
    else if (r.rate === null || !(r.rate >= 0 && r.rate <= 1)) problems.push({ row: r.row, column: "rate", text: P.rateBad });
    else if (tiers.some((t) => toCents(t.minPurchases) === toCents(r.minPurchases ?? 0))) problems.push({ row: r.row, column: "min_purchases", text: format(P.repeated, { min: r.minPurchases }) });
    else tiers.push({ minPurchases: r.minPurchases, rate: r.rate });
  }
  if (tiers.length === 0 && problems.length === 0) problems.push({ row: 0, column: "year", text: format(P.none, { year }) });
  return { tiers, problems };
}
