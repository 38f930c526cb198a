/**
 * Collections against plan with the roll-over (SC-09..11), the way the customer-head scorecard's
 * sheet formulas compute them, so the report's figures equal the sheet's to the cent:
 * - SC-10 actual collections = amount booked by Finance in the month − return refunds;
 * - SC-11 the shortfall of the month before (its plan − its net actual) rolls into this month's
 *   plan: `nextCollectionPlan(0, planBefore, bookedBefore, refundsBefore, ROLLOVER_CREDIT_SURPLUS)`
 *   — the existing rule of src/core/scoring/next-collection-plan.ts, never re-implemented here;
 * - SC-09 completion rate = net actual ÷ (plan + rolled over), by `collectionRate`.
 */
import { collectionRate } from "../scoring/collection-rate";
import { nextCollectionPlan } from "../scoring/next-collection-plan";
import { isScoreError } from "../scoring/score-error";
import { cents } from "./inputs";
import { addMonths } from "./months";
import type { ActualBook, FigureScope, PlanBook } from "./plan-actual";

export interface CollectionFigure {
  readonly plan: number;
  /** The month before's shortfall added to this month's plan (SC-11). */
  readonly rolledOver: number;
  readonly booked: number;
  readonly refunds: number;
  /** booked − refunds (SC-10). */
  readonly net: number;
  /** net ÷ (plan + rolled over) (SC-09); null when nothing was due. */
  readonly rate: number | null;
}

export function collectionFigure(plans: PlanBook, actuals: ActualBook, month: string, scope: FigureScope, creditSurplus: boolean): CollectionFigure {
  const before = addMonths(month, -1);
  const rolledRaw = nextCollectionPlan(0, plans.monthPlan(before, scope, "collections"), actuals.amount(before, scope, "collections"), actuals.refunds(before, scope, "collections"), creditSurplus);
  const rolledOver = isScoreError(rolledRaw) ? 0 : rolledRaw;
  const plan = plans.monthPlan(month, scope, "collections");
  const booked = actuals.amount(month, scope, "collections");
  const refunds = actuals.refunds(month, scope, "collections");
  const rate = plan + rolledOver > 0 ? collectionRate(booked, refunds, plan + rolledOver) : null;
  return {
    plan: cents(plan),
    rolledOver: cents(rolledOver),
    booked: cents(booked),
    refunds: cents(refunds),
    net: cents(booked - refunds),
    rate: rate === null || isScoreError(rate) ? null : rate,
  };
}
