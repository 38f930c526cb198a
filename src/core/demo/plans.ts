/**
 * The demo department's plan for a year (营销计划, spec WF-01 and WF-22): company targets for sales,
 * collections, new customers and the expense budget, decomposed to regions and to the people who
 * carry targets (regional managers and sales reps), and each person's annual target to quarters
 * and months, every split by `splitByWeights` so the parts add up exactly. Region and company rows
 * for quarters and months are the sums of the people's rows, so at every level
 * annual = Σ quarters = Σ months and region = Σ people.
 */
import { splitByWeights } from "../plans/split";
import type { TableRecord } from "../templates/table";
import { isoDay } from "./calendar";
import { DEMO_REGIONS, emailOf, planHolders } from "./organisation";

export type PlanMetric = "sales" | "collections" | "new_customers" | "expense_budget";

interface MetricPlan {
  readonly metric: PlanMetric;
  /** The company's annual target. */
  readonly annual: number;
  /** Rounding unit at each step: company → regions → people → quarters → months. */
  readonly units: readonly [number, number, number, number];
  readonly quarterWeights: readonly number[];
  readonly monthWeights: readonly number[];
}

/** Sales peak in the fourth quarter and in each quarter's last month; budgets are even. */
export const DEMO_METRICS: readonly MetricPlan[] = [
  { metric: "sales", annual: 60_000_000, units: [10_000, 1_000, 100, 100], quarterWeights: [22, 24, 25, 29], monthWeights: [30, 33, 37] },
  { metric: "collections", annual: 54_000_000, units: [10_000, 1_000, 100, 100], quarterWeights: [21, 24, 26, 29], monthWeights: [31, 33, 36] },
  { metric: "new_customers", annual: 120, units: [1, 1, 1, 1], quarterWeights: [1, 1, 1, 1], monthWeights: [1, 1, 1] },
  { metric: "expense_budget", annual: 3_600_000, units: [10_000, 1_000, 100, 100], quarterWeights: [1, 1, 1, 1], monthWeights: [1, 1, 1] },
];

/** A regional manager carries 40 % of the region's targets; the reps share the rest equally. */
const REGIONAL_WEIGHT = 40;
const REPS_WEIGHT = 60;

/** Twelve months of one scope's target, by quarter. */
type Months = readonly (readonly number[])[];

const periodOf = (year: number, type: "Y" | "Q" | "M", index: number): string =>
  type === "Y" ? String(year) : type === "Q" ? `${year}-Q${index + 1}` : `${year}-${String(index + 1).padStart(2, "0")}`;

const codeOf = (type: "Y" | "Q" | "M", index: number): string => (type === "Y" ? "Y" : type === "Q" ? `Q${index + 1}` : `M${String(index + 1).padStart(2, "0")}`);

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

/** Adds scope grids month by month. */
function addMonths(grids: readonly Months[]): number[][] {
  return [0, 1, 2, 3].map((q) => [0, 1, 2].map((m) => sum(grids.map((g) => g[q]?.[m] ?? 0))));
}

interface Scope {
  readonly level: "company" | "region" | "person";
  readonly code: string;
  readonly region: string | null;
  readonly person: string | null;
  readonly parentId: string | null;
}

function scopeRows(year: number, metric: PlanMetric, scope: Scope, months: Months): TableRecord[] {
  const id = (type: "Y" | "Q" | "M", index: number): string => `${year}-${metric}-${scope.code}-${codeOf(type, index)}`;
  const accepted = scope.level === "region";
  const row = (type: "Y" | "Q" | "M", index: number, amount: number, source: string | null): TableRecord => ({
    id: id(type, index),
    year,
    period_type: type,
    period: periodOf(year, type, index),
    level: scope.level,
    region: scope.region,
    person_email: scope.person,
    metric,
    amount,
    source_plan_id: source,
    accepted: accepted ? true : null,
    accepted_on: accepted ? isoDay(year, 1, 5) : null,
  });
  const rows: TableRecord[] = [row("Y", 0, sum(months.map(sum)), scope.parentId)];
  months.forEach((quarter, q) => {
    rows.push(row("Q", q, sum(quarter), id("Y", 0)));
    quarter.forEach((amount, m) => rows.push(row("M", q * 3 + m, amount, id("Q", q))));
  });
  return rows;
}

/** Plan rows of the demo year: per metric, company, region and person rows for Y, Q1-4 and M01-12. */
export function planRecords(year: number): TableRecord[] {
  const rows: TableRecord[] = [];
  for (const plan of DEMO_METRICS) {
    const [regionUnit, personUnit, quarterUnit, monthUnit] = plan.units;
    const companyId = `${year}-${plan.metric}-CO-Y`;
    const regionTotals = splitByWeights(plan.annual, DEMO_REGIONS.map((r) => r.weight), regionUnit);
    const regionGrids: Months[] = [];
    const personRows: TableRecord[] = [];
    const regionRows: TableRecord[] = [];
    DEMO_REGIONS.forEach((region, r) => {
      const people = planHolders(region.code);
      const reps = people.filter((p) => p.role === "sales").length;
      const weights = people.map((p) => (p.role === "regional" ? REGIONAL_WEIGHT : REPS_WEIGHT / reps));
      const personTotals = splitByWeights(regionTotals[r] ?? 0, weights, personUnit);
      const regionId = `${year}-${plan.metric}-${region.code}-Y`;
      const grids = people.map((person, p) => {
        const quarters = splitByWeights(personTotals[p] ?? 0, plan.quarterWeights, quarterUnit);
        const months = quarters.map((q) => splitByWeights(q, plan.monthWeights, monthUnit));
        personRows.push(...scopeRows(year, plan.metric, { level: "person", code: person.id, region: region.code, person: emailOf(person.id), parentId: regionId }, months));
        return months;
      });
      const regionGrid = addMonths(grids);
      regionGrids.push(regionGrid);
      regionRows.push(...scopeRows(year, plan.metric, { level: "region", code: region.code, region: region.code, person: null, parentId: companyId }, regionGrid));
    });
    rows.push(...scopeRows(year, plan.metric, { level: "company", code: "CO", region: null, person: null, parentId: null }, addMonths(regionGrids)), ...regionRows, ...personRows);
  }
  return rows;
}
