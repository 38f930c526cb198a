/**
 * Sales expense budget tracking (营销费用预算表与预算监控), spec WF-09, RP-18, SC-05, AMB-42, AMB-74;
 * seed 002 §五1 L77-89.
 *
 * - WF-09.2-4: each region's expense budget is an `expense_budget` request the Director approved;
 *   a request for a year or a quarter is spread evenly over its months to the cent
 *   (largest remainder, so the months add up to the request exactly). Several approved requests
 *   of one region and month (categories) add up. A region-month no approved request covers keeps
 *   the budget of the approved plan (Plans, region level, `expense_budget`), so SC-05 is scored
 *   against the same figure it was before budgets were requested.
 * - WF-09.3: the department budget is the sum of the regional budgets (one line, region blank).
 * - WF-09.6 / RP-18: the month's spending is the `expenses` actuals of the region and month;
 *   usage rate = spent ÷ budget (the rate SC-05 scores, `EXPENSE_USAGE_SCORE`).
 * - Alerts: when usage reaches `BUDGET_ALERT_RATE` the budget's owner is told once; when it passes
 *   100 % and `EXPENSE_ALERT_OVER_BUDGET` is on (AMB-74) they are told once more. The level already
 *   told is recorded on the line, so running the tracking again sends nothing twice.
 */
import type { Language } from "../i18n";
import { splitByWeights } from "../plans/split";

/** An approved `expense_budget` request (WF-09.2). */
export interface BudgetRequest {
  readonly id: string;
  readonly region: string;
  /** `2026`, `2026-Q1` or `2026-03`. */
  readonly period: string;
  readonly amount: number;
  readonly requester: string;
}

/** An amount of one region and month (a Plans region-level budget row, an `expenses` actual). */
export interface RegionMonthAmount {
  readonly period: string;
  readonly region: string;
  readonly amount: number;
}

/** A Budgets line already in the sheet: the alert level it has told its owner. */
export interface TrackedLine {
  readonly period: string;
  readonly region: string;
  readonly alerted: AlertLevel | "";
  /** The request shares the line recorded ("Budget requests"), read back by `parseShares`. */
  readonly shares?: readonly RequestShare[];
}

/** One approved request's part of a month's budget, as a Budgets line records it. */
export interface RequestShare {
  readonly id: string;
  readonly amount: number;
}

export type AlertLevel = "rate" | "over";

export interface BudgetTrackingInput {
  /** `YYYY-MM`. */
  readonly month: string;
  readonly requests: readonly BudgetRequest[];
  readonly plans: readonly RegionMonthAmount[];
  readonly actuals: readonly RegionMonthAmount[];
  /** Region code → its manager's email (the regional budget's owner). */
  readonly regionOwners: ReadonlyMap<string, string>;
  /** The department budget's owner (the marketing manager, WF-09.5-6). */
  readonly departmentOwner: string;
  readonly tracked: readonly TrackedLine[];
  /** `BUDGET_ALERT_RATE` (0.9 = 90 %); null turns the rate alert off. */
  readonly alertRate: number | null;
  /** `EXPENSE_ALERT_OVER_BUDGET`. */
  readonly alertOverBudget: boolean;
}

export interface BudgetLine {
  readonly period: string;
  /** "" for the department line. */
  readonly region: string;
  readonly ownerEmail: string;
  readonly budget: number;
  readonly spent: number;
  /** spent ÷ budget; null without a budget. */
  readonly usage: number | null;
  /** Where the budget comes from. */
  readonly source: "requests" | "plans" | "none";
  /** The approved requests behind the budget with their shares (`formatShares`). */
  readonly requestIds: string;
  /** The alert level told so far, after this run. */
  readonly alerted: AlertLevel | "";
}

export interface BudgetAlert {
  readonly line: BudgetLine;
  readonly level: AlertLevel;
  /** The threshold passed (the rate, or 1 for over budget). */
  readonly threshold: number;
}

export interface BudgetTracking {
  readonly lines: readonly BudgetLine[];
  readonly alerts: readonly BudgetAlert[];
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const QUARTER = /^(\d{4})-Q([1-4])$/;
const YEAR = /^(\d{4})$/;

/** The months a request period covers, or [] for a period that is none of year, quarter, month. */
export function periodMonths(period: string): string[] {
  const p = period.trim();
  const pad = (m: number): string => String(m).padStart(2, "0");
  if (MONTH.test(p)) return [p];
  const q = QUARTER.exec(p);
  if (q) return [1, 2, 3].map((i) => `${q[1]}-${pad((Number(q[2]) - 1) * 3 + i)}`);
  const y = YEAR.exec(p);
  if (y) return Array.from({ length: 12 }, (_, i) => `${y[1]}-${pad(i + 1)}`);
  return [];
}

/** Cents, as an integer, of an amount. */
const toCents = (amount: number): number => Math.round(amount * 100);

/**
 * The part of a request that falls in `month`, to the cent: the request spread evenly over its
 * months by largest remainder (WF-09.5 decomposition), so its months add up to it exactly.
 * @example monthShare({ period: "2026-Q4", amount: 100 }, "2026-10") → 33.34
 */
export function monthShare(request: Pick<BudgetRequest, "period" | "amount">, month: string): number {
  const months = periodMonths(request.period);
  const at = months.indexOf(month);
  if (at < 0) return 0;
  const parts = splitByWeights(toCents(request.amount), months.map(() => 1));
  return (parts[at] ?? 0) / 100;
}

/** Which alert a usage deserves, given the settings: the highest level reached, or "". */
export function alertLevel(usage: number | null, alertRate: number | null, alertOverBudget: boolean): AlertLevel | "" {
  if (usage === null) return "";
  if (alertOverBudget && usage > 1) return "over";
  if (alertRate !== null && usage >= alertRate) return "rate";
  return "";
}

const RANK: Record<AlertLevel | "", number> = { "": 0, rate: 1, over: 2 };

/**
 * The "Budget requests" cell of a line: each request with its share of the month, so a request the
 * yearly archive later moves out of Requests still counts (its share is read back from the line).
 * @example formatShares([{ id: "BR-2026-0001", amount: 12000 }]) → "BR-2026-0001: 12000"
 */
export function formatShares(shares: readonly RequestShare[]): string {
  return shares.map((s) => `${s.id}: ${s.amount}`).join("; ");
}

/** The shares of a "Budget requests" cell; an entry without an amount (typed by hand) is skipped. */
export function parseShares(text: string): RequestShare[] {
  const out: RequestShare[] = [];
  for (const part of text.split(";")) {
    const m = /^\s*([^:\s]+)\s*:\s*(-?\d+(?:\.\d+)?)\s*$/.exec(part);
    if (m?.[1] && m[2]) out.push({ id: m[1], amount: Number(m[2]) });
  }
  return out;
}

/**
 * The month's Budgets lines (each region with a budget or spending, then the department) and the
 * alerts this run sends: a line whose level rose above the one recorded (WF-09.6, AMB-74).
 */
export function trackBudgets(input: BudgetTrackingInput): BudgetTracking {
  const { month } = input;
  const norm = (code: string): string => code.trim().toUpperCase();
  const requested = new Map<string, { cents: number; shares: RequestShare[] }>();
  const add = (region: string, id: string, share: number): void => {
    const key = norm(region);
    const entry = requested.get(key) ?? { cents: 0, shares: [] };
    entry.cents += toCents(share);
    entry.shares.push({ id, amount: share });
    requested.set(key, entry);
  };
  const live = new Set(input.requests.map((r) => r.id));
  for (const r of input.requests) {
    const share = monthShare(r, month);
    if (share === 0 && periodMonths(r.period).indexOf(month) < 0) continue;
    add(r.region, r.id, share);
  }
  // An approved request is final; one the line recorded that is no longer among the approved
  // requests read has been archived (REQUESTS_ARCHIVE_DAYS): its recorded share still counts.
  for (const t of input.tracked) {
    if (t.period.trim() !== month || norm(t.region) === "") continue;
    for (const s of t.shares ?? []) if (!live.has(s.id)) add(t.region, s.id, s.amount);
  }
  const sumBy = (rows: readonly RegionMonthAmount[]): Map<string, number> => {
    const out = new Map<string, number>();
    for (const r of rows) {
      if (r.period.trim() !== month || norm(r.region) === "") continue;
      out.set(norm(r.region), (out.get(norm(r.region)) ?? 0) + toCents(r.amount));
    }
    return out;
  };
  const planned = sumBy(input.plans);
  const spent = sumBy(input.actuals);
  const told = new Map(input.tracked.filter((t) => t.period.trim() === month).map((t) => [norm(t.region), t.alerted]));
  const regions = [...new Set([...requested.keys(), ...planned.keys(), ...spent.keys()])].filter((r) => r !== "").sort();

  const lines: BudgetLine[] = [];
  const alerts: BudgetAlert[] = [];
  const line = (region: string, ownerEmail: string, budgetCents: number, spentCents: number, source: BudgetLine["source"], requestIds: string): void => {
    const usage = budgetCents > 0 ? spentCents / budgetCents : null;
    const before = told.get(region) ?? "";
    const level = alertLevel(usage, input.alertRate, input.alertOverBudget);
    const alerted = RANK[level] > RANK[before] ? level : before;
    const made: BudgetLine = { period: month, region, ownerEmail, budget: budgetCents / 100, spent: spentCents / 100, usage, source, requestIds, alerted };
    lines.push(made);
    if (level !== "" && RANK[level] > RANK[before] && ownerEmail !== "") {
      alerts.push({ line: made, level, threshold: level === "over" ? 1 : (input.alertRate ?? 1) });
    }
  };
  let totalBudget = 0;
  let totalSpent = 0;
  for (const region of regions) {
    const req = requested.get(region);
    const budget = req ? req.cents : (planned.get(region) ?? 0);
    const source = req ? "requests" : planned.has(region) ? "plans" : "none";
    const used = spent.get(region) ?? 0;
    totalBudget += budget;
    totalSpent += used;
    line(region, input.regionOwners.get(region) ?? "", budget, used, source, req ? formatShares(req.shares) : "");
  }
  if (regions.length > 0) {
    const sources = new Set(lines.map((l) => l.source));
    line("", input.departmentOwner, totalBudget, totalSpent, sources.has("requests") ? "requests" : sources.has("plans") ? "plans" : "none", "");
  }
  return { lines, alerts };
}

/** The budget alert email's data (WF-09.6, AMB-74): sent through the Mail queue like every email. */
export interface BudgetAlertMail {
  readonly kind: "budget-alert";
  readonly to: readonly string[];
  readonly cc: readonly string[];
  readonly language: Language;
  readonly recipientName: string;
  readonly timeZone: string;
  readonly period: string;
  /** "" for the department. */
  readonly region: string;
  readonly budget: number;
  readonly spent: number;
  readonly usage: number;
  readonly level: AlertLevel;
  readonly threshold: number;
  readonly replyTo: string | null;
}

/** The email of one alert, to the budget's owner. */
export function budgetAlertMail(alert: BudgetAlert, owner: { readonly email: string; readonly name: string; readonly language: Language }, timeZone: string): BudgetAlertMail {
  const l = alert.line;
  return { kind: "budget-alert", to: [owner.email], cc: [], language: owner.language, recipientName: owner.name, timeZone, period: l.period, region: l.region, budget: l.budget, spent: l.spent, usage: l.usage ?? 0, level: alert.level, threshold: alert.threshold, replyTo: null };
}
