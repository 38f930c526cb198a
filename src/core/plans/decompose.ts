/**
 * Plan decomposition (任务分解), spec WF-01.6 and WF-22.3 (RP-09 "annual business plan + quarterly
 * breakdown"): one annual company target per metric (sales 销售额, collections 回款, new customers
 * 新客户数, expense budget 费用预算) is split company → regions → people by weights or explicit
 * percentage shares, and each leaf's year → quarters → months by the seasonal weights of Settings
 * (`PLAN_SEASONAL_WEIGHTS`, even when blank). A scope with children takes its quarters and months as
 * the sums of its children's, so at every level and in both directions every parent equals the sum
 * of its children exactly (largest-remainder rounding, `splitByWeights`, to the rounding unit).
 *
 * A row set by hand (Plans "Set by hand" ticked) keeps its amount; the rest of its parent is
 * re-spread over its siblings by their weights, and both the row and its siblings say so in their
 * note, in both languages. Pure and deterministic: the same plan, weights and hand-set rows give
 * the same rows, so decomposing an unchanged plan changes nothing (`planChanges`).
 */
import type { Bilingual, CellLocation } from "../i18n";
import { both, format } from "../i18n";
import { splitByWeights } from "./split";

export type PlanMetric = "sales" | "collections" | "new_customers" | "expense_budget";
export const PLAN_METRICS: readonly PlanMetric[] = ["sales", "collections", "new_customers", "expense_budget"];

export type PlanLevel = "company" | "region" | "person";
export type PeriodType = "Y" | "Q" | "M";

/** A weight (relative) or an explicit percentage share of the parent; null = the default weight 1 (even). */
export interface Share {
  readonly value: number;
  readonly percent: boolean;
}

/** The company's annual plan of one metric: the root every other row is decomposed from. */
export interface PlanRoot {
  readonly id: string;
  readonly year: number;
  readonly metric: PlanMetric;
  readonly amount: number;
  readonly version: number | null;
  readonly state: string | null;
  readonly approvedBy: string | null;
}

export interface PlanRegion {
  readonly code: string;
  readonly share: Share | null;
}

export interface PlanPerson {
  readonly email: string;
  readonly region: string;
  readonly share: Share | null;
}

export interface DecompositionInput {
  readonly root: PlanRoot;
  /** Active regions, in sheet order; none = the company is the only scope. */
  readonly regions: readonly PlanRegion[];
  /** People who carry targets, in sheet order. */
  readonly people: readonly PlanPerson[];
  /** Twelve month weights (January first), or null for even months. */
  readonly seasonal: readonly number[] | null;
  /** Rounding unit (the currency unit, 1 yuan; 1 for a count). */
  readonly unit: number;
  /** Rows set by hand: plan row id → amount. */
  readonly overrides: ReadonlyMap<string, number>;
  /** Where the hand-set rows are (for problems), plan row id → sheet row. */
  readonly overrideRows?: ReadonlyMap<string, number>;
}

/** One Plans row as the decomposition writes it (the columns it owns). */
export interface PlanRow {
  readonly id: string;
  readonly year: number;
  readonly period_type: PeriodType;
  readonly period: string;
  readonly level: PlanLevel;
  readonly region: string | null;
  readonly person_email: string | null;
  readonly metric: PlanMetric;
  readonly amount: number;
  readonly source_plan_id: string | null;
  readonly version: number | null;
  readonly state: string | null;
  readonly approved_by: string | null;
  readonly manual: boolean;
  readonly note: string | null;
}

/** The Plans columns the decomposition owns; every other column (accepted, accepted on, …) is left as it is. */
export const DECOMPOSED_COLUMNS = ["id", "year", "period_type", "period", "level", "region", "person_email", "metric", "amount", "source_plan_id", "version", "state", "approved_by", "manual", "note"] as const;

export interface PlanProblem {
  readonly code: string;
  readonly text: Bilingual;
  readonly at?: CellLocation;
}

export type Decomposition = { readonly ok: true; readonly rows: readonly PlanRow[] } | { readonly ok: false; readonly problems: readonly PlanProblem[] };

const PLANS_TAB = "计划 Plans";
const SETTINGS_TAB = "设置 Settings";

const M = {
  setByHand: { zh: "手工调整为 {amount}(按权重应为 {was});{parent} 的其余 {rest} 已重新分摊到 {n} 个同级", en: "Set by hand to {amount} (by weight it would be {was}); the rest of {parent}, {rest}, was re-spread over its {n} siblings" },
  respread: { zh: "因 {ids} 手工调整,{parent} 的其余 {rest} 按权重重新分摊", en: "Re-spread: {ids} was set by hand, so the rest of {parent}, {rest}, is shared by weight" },
  overParent: { zh: "手工调整的 {ids} 合计 {sum} 超过上级计划 {parent} 的 {amount};请调低这些行的计划值", en: "The rows set by hand, {ids}, add up to {sum}, more than their parent {parent} ({amount}); lower their amounts" },
  allFixed: { zh: "{parent} 的所有下级都被手工调整,合计 {sum} 不等于 {amount};请取消其中一行的「手工调整」", en: "Every part of {parent} is set by hand and they add up to {sum}, not {amount}; untick \"Set by hand\" on one of them" },
  notUnit: { zh: "手工调整的计划值 {amount} 不是取整单位 {unit} 的整数倍", en: "The hand-set amount {amount} is not a multiple of the rounding unit {unit}" },
  negative: { zh: "手工调整的计划值不能为负:{amount}", en: "A hand-set amount cannot be negative: {amount}" },
  rootNotUnit: { zh: "年度计划 {id} 的计划值 {amount} 须为不小于 0 且为 {unit} 整数倍的数", en: "The annual plan {id} must be a number ≥ 0 and a multiple of {unit}, not {amount}" },
  aggregate: { zh: "{id} 是下级之和,不能手工调整;请在下级(区域或个人)的行上调整", en: "{id} is the sum of its parts and cannot be set by hand; set one of its parts (a region's or a person's row) instead" },
  mixedShares: { zh: "{what} 的分配比例须全部写成百分比(合计 100%)或全部写成权重:{keys}", en: "The shares of {whatEn} must all be percentages (adding up to 100%) or all weights: {keys}" },
  percentSum: { zh: "{what} 的百分比合计为 {sum}%,须为 100%", en: "The percentage shares of {whatEn} add up to {sum}%, not 100%" },
} as const;

/** Where a hand-set row is on Plans. */
function locate(input: DecompositionInput, id: string, column: string): CellLocation {
  const row = input.overrideRows?.get(id);
  return row === undefined ? { sheet: PLANS_TAB, column } : { sheet: PLANS_TAB, row, column };
}

const money = (n: number): string => String(Math.round(n * 100) / 100);

const periodOf = (year: number, type: PeriodType, index: number): string =>
  type === "Y" ? String(year) : type === "Q" ? `${year}-Q${index + 1}` : `${year}-${String(index + 1).padStart(2, "0")}`;

const codeOf = (type: PeriodType, index: number): string => (type === "Y" ? "Y" : type === "Q" ? `Q${index + 1}` : `M${String(index + 1).padStart(2, "0")}`);

/** The row key of one scope and period: `2026-sales-EAST-Q1`, `2026-sales-li.na-M03` (a person by their email's name part). */
export function planRowId(year: number, metric: string, scope: string, type: PeriodType, index = 0): string {
  return `${year}-${metric}-${scope}-${codeOf(type, index)}`;
}

/** The company root's row key: `2026-sales-CO-Y`. */
export const companyPlanId = (year: number, metric: string): string => planRowId(year, metric, "CO", "Y");

const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);

/** Twelve months of one scope, by quarter (4 × 3). */
type Grid = number[][];

interface Part {
  readonly id: string;
  readonly weight: number;
}

interface SplitResult {
  readonly amounts: number[];
  readonly notes: (Bilingual | null)[];
}

class Problems {
  readonly list: PlanProblem[] = [];
  add(code: string, text: Bilingual, at?: CellLocation): void {
    this.list.push(at ? { code, text, at } : { code, text });
  }
}

/**
 * Splits `amount` over `parts` by weight, keeping the hand-set ones: the rest of the parent goes to
 * the others by their weights (evenly when all their weights are 0), and the notes say so.
 */
function splitParent(parentId: string, amount: number, parts: readonly Part[], input: DecompositionInput, problems: Problems): SplitResult | null {
  const { unit, overrides } = input;
  const weights = parts.map((p) => p.weight);
  const byWeight = splitByWeights(amount, sum(weights) > 0 ? weights : weights.map(() => 1), unit);
  const fixedIdx = parts.map((p, i) => (overrides.has(p.id) ? i : -1)).filter((i) => i >= 0);
  if (fixedIdx.length === 0) return { amounts: byWeight, notes: parts.map(() => null) };
  const rowOf = (id: string): CellLocation => locate(input, id, "amount");
  let bad = false;
  for (const i of fixedIdx) {
    const id = parts[i]?.id ?? "";
    const value = overrides.get(id) ?? 0;
    if (value < 0) {
      problems.add("PLAN_OVERRIDE_NEGATIVE", format(M.negative, { amount: money(value) }), rowOf(id));
      bad = true;
    } else if (Math.abs(Math.round(value / unit) * unit - value) > 1e-9 * Math.max(1, Math.abs(value))) {
      problems.add("PLAN_OVERRIDE_UNIT", format(M.notUnit, { amount: money(value), unit }), rowOf(id));
      bad = true;
    }
  }
  if (bad) return null;
  const fixedIds = fixedIdx.map((i) => parts[i]?.id ?? "");
  const fixedSum = sum(fixedIds.map((id) => overrides.get(id) ?? 0));
  const rest = Math.round((amount - fixedSum) / unit) * unit;
  const freeIdx = parts.map((_, i) => i).filter((i) => !fixedIdx.includes(i));
  const ids = fixedIds.join(", ");
  if (rest < 0) {
    problems.add("PLAN_OVERRIDE_OVER_PARENT", format(M.overParent, { ids, sum: money(fixedSum), parent: parentId, amount: money(amount) }), rowOf(fixedIds[0] ?? ""));
    return null;
  }
  if (freeIdx.length === 0) {
    if (rest !== 0) {
      problems.add("PLAN_OVERRIDE_ALL_FIXED", format(M.allFixed, { parent: parentId, sum: money(fixedSum), amount: money(amount) }), rowOf(fixedIds[0] ?? ""));
      return null;
    }
    return { amounts: parts.map((p) => overrides.get(p.id) ?? 0), notes: parts.map((_, i) => format(M.setByHand, { amount: money(overrides.get(parts[i]?.id ?? "") ?? 0), was: money(byWeight[i] ?? 0), parent: parentId, rest: "0", n: 0 })) };
  }
  const freeWeights = freeIdx.map((i) => weights[i] ?? 0);
  const spread = splitByWeights(rest, sum(freeWeights) > 0 ? freeWeights : freeWeights.map(() => 1), unit);
  const amounts: number[] = [];
  const notes: (Bilingual | null)[] = [];
  parts.forEach((part, i) => {
    const f = freeIdx.indexOf(i);
    if (f < 0) {
      amounts.push(overrides.get(part.id) ?? 0);
      notes.push(format(M.setByHand, { amount: money(overrides.get(part.id) ?? 0), was: money(byWeight[i] ?? 0), parent: parentId, rest: money(rest), n: freeIdx.length }));
    } else {
      amounts.push(spread[f] ?? 0);
      notes.push(format(M.respread, { ids, parent: parentId, rest: money(rest) }));
    }
  });
  return { amounts, notes };
}

/** Weights of siblings from their shares: all percentages (adding up to 100) or all weights; blank = 1. */
function weightsOf(shares: readonly (Share | null)[], what: Bilingual, keys: readonly string[], settingKey: string, problems: Problems): number[] | null {
  const percent = shares.filter((s) => s?.percent).length;
  if (percent === 0) return shares.map((s) => (s === null ? 1 : s.value));
  const at = { sheet: SETTINGS_TAB, column: settingKey };
  if (percent !== shares.length) {
    problems.add("PLAN_SHARES_MIXED", format(M.mixedShares, { what: what.zh, whatEn: what.en, keys: keys.join(", ") }), at);
    return null;
  }
  const total = sum(shares.map((s) => s?.value ?? 0));
  if (Math.abs(total - 100) > 1e-9) {
    problems.add("PLAN_SHARES_SUM", format(M.percentSum, { what: what.zh, whatEn: what.en, sum: money(total) }), at);
    return null;
  }
  return shares.map((s) => s?.value ?? 0);
}

interface Scope {
  readonly level: PlanLevel;
  readonly code: string;
  readonly region: string | null;
  readonly person: string | null;
  readonly parentId: string | null;
  readonly amount: number;
  readonly note: Bilingual | null;
  readonly children: Scope[];
}

/**
 * Decomposes one metric's annual company plan into every Plans row: the company, each region and
 * each person, each for the year, its four quarters and twelve months.
 * @example decomposePlan({ root: 2026 sales 60 000 000, regions EAST:30 SOUTH:25 …, seasonal null, unit 1 })
 *   → 2026-sales-CO-Y 60 000 000; 2026-sales-EAST-Y 18 000 000 (decomposed from 2026-sales-CO-Y); …
 */
export function decomposePlan(input: DecompositionInput): Decomposition {
  const { root, unit } = input;
  const problems = new Problems();
  const units = Math.round(root.amount / unit);
  if (!(root.amount >= 0) || Math.abs(units * unit - root.amount) > 1e-9 * Math.max(1, root.amount)) {
    return { ok: false, problems: [{ code: "PLAN_ROOT_AMOUNT", text: format(M.rootNotUnit, { id: root.id, amount: String(root.amount), unit }), at: { sheet: PLANS_TAB, column: "amount" } }] };
  }
  const idY = (code: string): string => planRowId(root.year, root.metric, code, "Y");
  // a person's rows are keyed by the email's name part (li.na), or the whole email when two people share it
  const local = (email: string): string => email.split("@")[0] ?? email;
  const taken = new Map<string, number>();
  for (const p of input.people) taken.set(local(p.email).toLowerCase(), (taken.get(local(p.email).toLowerCase()) ?? 0) + 1);
  const personCode = (email: string): string => ((taken.get(local(email).toLowerCase()) ?? 0) > 1 ? email : local(email));

  // company → regions → people, by weights, keeping the rows set by hand
  const regionWeights = weightsOf(input.regions.map((r) => r.share), { zh: "各区域", en: "the regions" }, input.regions.map((r) => r.code), "PLAN_REGION_WEIGHTS", problems);
  const regionSplit = regionWeights && input.regions.length > 0 ? splitParent(root.id, root.amount, input.regions.map((r, i) => ({ id: idY(r.code), weight: regionWeights[i] ?? 0 })), input, problems) : null;
  const regions: Scope[] = [];
  if (regionSplit) {
    input.regions.forEach((region, r) => {
      const amount = regionSplit.amounts[r] ?? 0;
      const holders = input.people.filter((p) => p.region === region.code);
      const children: Scope[] = [];
      if (holders.length > 0) {
        const w = weightsOf(holders.map((p) => p.share), { zh: `区域 ${region.code} 的人员`, en: `the people of region ${region.code}` }, holders.map((p) => p.email), "PLAN_PERSON_WEIGHTS", problems);
        const split = w ? splitParent(idY(region.code), amount, holders.map((p, i) => ({ id: idY(personCode(p.email)), weight: w[i] ?? 0 })), input, problems) : null;
        if (split) {
          holders.forEach((p, i) =>
            children.push({ level: "person", code: personCode(p.email), region: region.code, person: p.email, parentId: idY(region.code), amount: split.amounts[i] ?? 0, note: split.notes[i] ?? null, children: [] }),
          );
        }
      }
      regions.push({ level: "region", code: region.code, region: region.code, person: null, parentId: root.id, amount, note: regionSplit.notes[r] ?? null, children });
    });
  }
  const company: Scope = { level: "company", code: "CO", region: null, person: null, parentId: null, amount: root.amount, note: null, children: regions };

  // year → quarters → months: leaves by the seasonal weights, every other scope as the sum of its children
  const months = input.seasonal && sum(input.seasonal) > 0 ? input.seasonal : Array.from({ length: 12 }, () => 1);
  const quarterWeights = [0, 1, 2, 3].map((q) => sum(months.slice(q * 3, q * 3 + 3)));
  const rows: PlanRow[] = [];
  const timeNotes = new Map<string, Bilingual | null>();
  const grids = new Map<Scope, Grid>();
  const gridOf = (scope: Scope): Grid | null => {
    const grid = scopeGrid(scope);
    if (grid) grids.set(scope, grid);
    return grid;
  };
  const scopeGrid = (scope: Scope): Grid | null => {
    const id = (type: PeriodType, index: number): string => planRowId(root.year, root.metric, scope.code, type, index);
    if (scope.children.length > 0) {
      for (let i = 0; i < 12; i += 1) {
        const ids = [id("M", i), ...(i < 4 ? [id("Q", i)] : [])];
        for (const own of ids) if (input.overrides.has(own)) problems.add("PLAN_OVERRIDE_AGGREGATE", format(M.aggregate, { id: own }), locate(input, own, "manual"));
      }
      const parts = scope.children.map(gridOf);
      if (parts.some((g) => g === null)) return null;
      return [0, 1, 2, 3].map((q) => [0, 1, 2].map((m) => sum(parts.map((g) => g?.[q]?.[m] ?? 0))));
    }
    const quarters = splitParent(id("Y", 0), scope.amount, [0, 1, 2, 3].map((q) => ({ id: id("Q", q), weight: quarterWeights[q] ?? 0 })), input, problems);
    if (!quarters) return null;
    const grid: Grid = [];
    for (let q = 0; q < 4; q += 1) {
      timeNotes.set(id("Q", q), quarters.notes[q] ?? null);
      const split = splitParent(id("Q", q), quarters.amounts[q] ?? 0, [0, 1, 2].map((m) => ({ id: id("M", q * 3 + m), weight: months[q * 3 + m] ?? 0 })), input, problems);
      if (!split) return null;
      split.notes.forEach((n, m) => timeNotes.set(id("M", q * 3 + m), n));
      grid.push(split.amounts);
    }
    return grid;
  };
  const emit = (scope: Scope, grid: Grid): void => {
    const id = (type: PeriodType, index: number): string => (scope.level === "company" && type === "Y" ? root.id : planRowId(root.year, root.metric, scope.code, type, index));
    const row = (type: PeriodType, index: number, amount: number, source: string | null, note: Bilingual | null): PlanRow => ({
      id: id(type, index),
      year: root.year,
      period_type: type,
      period: periodOf(root.year, type, index),
      level: scope.level,
      region: scope.region,
      person_email: scope.person,
      metric: root.metric,
      amount,
      source_plan_id: source,
      version: root.version,
      state: root.state,
      approved_by: root.approvedBy,
      manual: scope.level !== "company" || type !== "Y" ? input.overrides.has(id(type, index)) : false,
      note: note ? both(note) : null,
    });
    rows.push(row("Y", 0, scope.amount, scope.parentId, scope.note));
    grid.forEach((quarter, q) => {
      rows.push(row("Q", q, sum(quarter), id("Y", 0), timeNotes.get(id("Q", q)) ?? null));
      quarter.forEach((amount, m) => rows.push(row("M", q * 3 + m, amount, id("Q", q), timeNotes.get(id("M", q * 3 + m)) ?? null)));
    });
  };
  const top = problems.list.length === 0 ? gridOf(company) : null;
  if (problems.list.length > 0 || !top) return { ok: false, problems: problems.list };
  const emitAll = (scope: Scope): void => {
    emit(scope, grids.get(scope) ?? []);
    for (const child of scope.children) emitAll(child);
  };
  emitAll(company);
  return { ok: true, rows };
}
