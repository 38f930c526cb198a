/**
 * Plan against actual by region and by person, for the month, the quarter to date and the year to
 * date (RP-01 monthly sales evaluation, RP-02 monthly statistics, RP-28). Plans come from the Plans
 * sheet's monthly rows (WF-22: the annual plan decomposed to quarters and months, level company /
 * region / person); actuals from the Actuals sheet (`sales`, `new_customers`; collections and
 * expenses have their own modules for SC-09..11 and SC-05). A completion rate is actual ÷ plan,
 * blank when nothing was planned. Amounts are summed as stored and rounded to the cent at the end.
 */
import type { TableRecord } from "../templates/table";
import { cents, emailKey, numberOf, text } from "./inputs";
import { quarterToDate, yearToDate } from "./months";

export type PlanMetric = "sales" | "sales_volume" | "collections" | "new_customers" | "expense_budget";
export type ActualMetric = "sales" | "sales_volume" | "collections" | "new_customers" | "expenses";

/** Who a figure is about: the department, a region or a person. */
export type FigureScope = { readonly level: "department" } | { readonly level: "region"; readonly region: string } | { readonly level: "person"; readonly email: string };

export interface Figure {
  readonly plan: number;
  readonly actual: number;
  /** actual ÷ plan; null when the plan is 0. */
  readonly rate: number | null;
}

export interface PeriodFigures {
  readonly month: Figure;
  readonly quarter: Figure;
  readonly year: Figure;
}

export function figure(plan: number, actual: number): Figure {
  return { plan: cents(plan), actual: cents(actual), rate: plan > 0 ? actual / plan : null };
}

/** Monthly plan amounts by `month#level#scope#metric`, from the Plans sheet's M rows. */
export class PlanBook {
  private readonly byKey = new Map<string, number>();
  private readonly companyMetrics = new Set<string>();

  constructor(rows: readonly TableRecord[]) {
    for (const r of rows) {
      if (text(r.period_type).toUpperCase() !== "M") continue;
      const amount = numberOf(r.amount);
      if (amount === null) continue;
      const level = text(r.level).toLowerCase();
      const scope = level === "person" ? emailKey(r.person_email) : level === "region" ? text(r.region).toUpperCase() : "";
      const key = `${text(r.period)}#${level}#${scope}#${text(r.metric)}`;
      this.byKey.set(key, (this.byKey.get(key) ?? 0) + amount);
      if (level === "company") this.companyMetrics.add(text(r.metric));
    }
  }

  /** The plan of one month for a scope; the department's is the company row, else the sum of the regions. */
  monthPlan(month: string, scope: FigureScope, metric: PlanMetric): number {
    switch (scope.level) {
      case "person":
        return this.byKey.get(`${month}#person#${emailKey(scope.email)}#${metric}`) ?? 0;
      case "region":
        return this.byKey.get(`${month}#region#${scope.region}#${metric}`) ?? 0;
      case "department": {
        if (this.companyMetrics.has(metric)) return this.byKey.get(`${month}#company##${metric}`) ?? 0;
        let total = 0;
        for (const [key, amount] of this.byKey) if (key.startsWith(`${month}#region#`) && key.endsWith(`#${metric}`)) total += amount;
        return total;
      }
    }
  }
}

interface ActualSums {
  amount: number;
  refunds: number;
  rows: number;
}

/** Actual amounts (and refunds, SC-10) by month, scope and metric, from the Actuals sheet. */
export class ActualBook {
  private readonly byKey = new Map<string, ActualSums>();

  constructor(rows: readonly TableRecord[]) {
    for (const r of rows) {
      const month = text(r.period);
      const metric = text(r.metric);
      const amount = numberOf(r.amount) ?? 0;
      const refunds = numberOf(r.refunds) ?? 0;
      const region = text(r.region).toUpperCase();
      const person = emailKey(r.person_email);
      const keys = [`${month}#department##${metric}`];
      if (region !== "") keys.push(`${month}#region#${region}#${metric}`);
      if (person !== "") keys.push(`${month}#person#${person}#${metric}`);
      for (const key of keys) {
        const sums = this.byKey.get(key) ?? { amount: 0, refunds: 0, rows: 0 };
        sums.amount += amount;
        sums.refunds += refunds;
        sums.rows += 1;
        this.byKey.set(key, sums);
      }
    }
  }

  private sums(month: string, scope: FigureScope, metric: ActualMetric): ActualSums | undefined {
    const id = scope.level === "person" ? emailKey(scope.email) : scope.level === "region" ? scope.region : "";
    return this.byKey.get(`${month}#${scope.level}#${id}#${metric}`);
  }

  amount(month: string, scope: FigureScope, metric: ActualMetric): number {
    return this.sums(month, scope, metric)?.amount ?? 0;
  }

  refunds(month: string, scope: FigureScope, metric: ActualMetric): number {
    return this.sums(month, scope, metric)?.refunds ?? 0;
  }

  /** Whether any Actuals row exists for the month, scope and metric (no row: no data, not zero). */
  has(month: string, scope: FigureScope, metric: ActualMetric): boolean {
    return (this.sums(month, scope, metric)?.rows ?? 0) > 0;
  }
}

/** Plan vs actual of one metric for one scope over the month, quarter to date and year to date. */
export function planVsActual(plans: PlanBook, actuals: ActualBook, month: string, scope: FigureScope, plan: PlanMetric, actual: ActualMetric): PeriodFigures {
  const over = (months: readonly string[]): Figure => {
    let p = 0;
    let a = 0;
    for (const m of months) {
      p += plans.monthPlan(m, scope, plan);
      a += actuals.amount(m, scope, actual);
    }
    return figure(p, a);
  };
  return { month: over([month]), quarter: over(quarterToDate(month)), year: over(yearToDate(month)) };
}
