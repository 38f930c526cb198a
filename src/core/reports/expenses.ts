/**
 * Sales expenses against budget (SC-05, RP-18 budget monitoring): the month's `expenses` actuals
 * against its `expense_budget` plan, the usage rate, and the expense-usage score the sales-head
 * scorecard gives for it (`expenseUsageScore` of src/core/scoring/expense-usage-score.ts, with
 * `EXPENSE_PENALTY_PER_PP`, AMB-04). Shown only where the data exists: no budget and no spending
 * gives no line rather than a row of zeros.
 */
import { expenseUsageScore } from "../scoring/expense-usage-score";
import { isScoreError } from "../scoring/score-error";
import { cents } from "./inputs";
import type { ActualBook, FigureScope, PlanBook } from "./plan-actual";

export interface ExpenseFigure {
  readonly budget: number;
  readonly spent: number;
  /** spent ÷ budget; null without a budget. */
  readonly usage: number | null;
  /** The SC-05 score (max `EXPENSE_MAX`, 20); null without a budget. */
  readonly score: number | null;
  readonly overBudget: boolean;
}

export function expenseFigure(plans: PlanBook, actuals: ActualBook, month: string, scope: FigureScope, penaltyPerPp: number): ExpenseFigure | null {
  const budget = plans.monthPlan(month, scope, "expense_budget");
  const has = actuals.has(month, scope, "expenses");
  if (budget <= 0 && !has) return null;
  const spent = actuals.amount(month, scope, "expenses");
  const score = budget > 0 ? expenseUsageScore(spent, budget, penaltyPerPp) : null;
  return {
    budget: cents(budget),
    spent: cents(spent),
    usage: budget > 0 ? spent / budget : null,
    score: score === null || isScoreError(score) ? null : score,
    overBudget: budget > 0 && spent > budget,
  };
}
