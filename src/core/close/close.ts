/**
 * The monthly close (月度关账): a frozen, dated snapshot of each appraised person's month, spec
 * SC-27 (the cadence), SC-29..SC-39 (the objective appraisal 目标管理考核 and its pay), SC-43/44/55
 * (the flags) and WF-24. For every row of the objective scorecard of the month, the close gathers
 * the inputs exactly as that row's array formulas gather them (the same SUMIF / COUNTIF keys, the
 * same Settings cells) and hands them to the very rule functions the custom functions wrap
 * (src/core/scoring/*, through the one vectoriser), so each figure equals the live cell to the cent
 * and no rule is written twice. Pure: sheets come in as records by column key, time as `now`.
 *
 * Post scores (SC-01..SC-24): the information and marketing heads' scores are computed here from
 * their scorecards' ratings; the sales and customer heads' totals are read as their scorecards
 * computed them (their inputs span Plans, Actuals, Orders and Contract incidents), and become
 * inputs of the snapshot, so any change to them marks the month stale.
 *
 * The inputs of a person's month are kept with the snapshot (`inputs`) together with their digest
 * (`inputs_revision`): comparing them later says exactly which sheet and column changed (stale.ts).
 */
import { both, format } from "../i18n";
import type { Bilingual } from "../i18n";
import { parameterDefault, readingInForce, readParameter } from "../scoring/parameters";
import { payPoolWithin } from "../scoring/pay-pool-check";
import { bestEmployeeCandidates, bestEmployeeText, componentMaximaDefault } from "../scoring/best-employee-eligible";
import type { ParameterKey } from "../scoring/parameters";
import { isScoreError } from "../scoring/score-error";
import { appraisalFlagsCell } from "../scoring/appraisal-flags";
import { appraisalGradeCell } from "../scoring/appraisal-grade";
import { behaviourScoreRow } from "../scoring/behaviour-score";
import { companyPointsCell } from "../scoring/company-points";
import { objectiveScoreCell } from "../scoring/objective-score";
import { performancePayCell } from "../scoring/performance-pay";
import { toSheet, vectoriseCells, vectoriseRows } from "../scoring/vectorise";
import type { CellRule, RowRule, SheetScalar, SheetValue } from "../scoring/vectorise";
import { weightedScoreRow } from "../scoring/weighted-score";
import { workIndicatorPointsCell } from "../scoring/work-indicator";
import type { RecordValue, TableRecord } from "../templates/table";
import { countIf, rowsMatching, sumIf } from "./criteria";

/** The sheets a close reads, each once. */
export const CLOSE_SHEETS = [
  "scorecard_objective",
  "scorecard_sales_head",
  "scorecard_cust_head",
  "scorecard_info_head",
  "scorecard_mkt_head",
  "tasks",
  "actuals",
  "plans",
  "people",
] as const;
export type CloseSheet = (typeof CLOSE_SHEETS)[number];

/** A sheet's row as read: its cells by column key and where it is. */
export interface SourceRow {
  readonly row: number;
  readonly values: TableRecord;
}

export interface CloseSources {
  readonly month: string;
  /** Settings key → value as the Settings sheet holds it (what `{cfg:KEY}` reads). */
  readonly settings: Readonly<Record<string, unknown>>;
  readonly sheets: Readonly<Record<CloseSheet, readonly SourceRow[]>>;
}

/** The Settings keys the objective appraisal's formulas read; their values at the close are its readings. */
export const CLOSE_SETTING_KEYS = [
  "POST_SCORECARD_USAGE",
  "POST_SCORE_CAP",
  "OBJ_WORK_POINTS",
  "OBJ_COMPANY_METRIC",
  "OBJ_COMPANY_RATIO_CAP",
  "OBJ_WEIGHT_MODE",
  "OBJ_CUSTOM_WORK_WEIGHT",
  "OBJ_CUSTOM_BEHAVIOUR_WEIGHT",
  "OBJ_CUSTOM_COMPANY_WEIGHT",
  "SCORE_DECIMALS",
  "TIME_ZONE",
  "OBJ_BEHAVIOUR_POINTS",
  "BEHAVIOUR_SCALE",
  "OBJ_COMPANY_POINTS",
  "GRADE_BANDS",
  "INFO_HEAD_WEIGHTS",
  "MKT_HEAD_BLOCK_WEIGHTS",
  "MKT_HEAD_WORK_WEIGHTS",
  "MKT_HEAD_QUALITY_WEIGHTS",
  "PERF_PAY_POOL",
  "BEST_EMPLOYEE_SCOPE",
  "BEST_EMPLOYEE_REWARD",
] as const;

/** Readings shown with the snapshot (AMB-19/20/21/24/69): those with an ambiguity behind them. */
const READING_KEYS = ["POST_SCORECARD_USAGE", "POST_SCORE_CAP", "OBJ_COMPANY_RATIO_CAP", "OBJ_WEIGHT_MODE", "SCORE_DECIMALS", "GRADE_BANDS"] as const;

/** The objective scorecard's input columns (the ones a person types). */
const OBJECTIVE_INPUTS = [
  "work_direct",
  "attendance",
  "office_discipline",
  "org_behaviour",
  "environment",
  "team_awareness",
  "professionalism",
  "company_basis",
  "region",
  "leave_over_allowance",
  "absenteeism",
  "open_sanction",
] as const;
const INFO_INPUTS = ["accuracy", "digitization", "security", "cooperation"] as const;
const MKT_INPUTS = ["operation", "publicity", "brand", "sales_support", "awareness", "cooperation", "ability"] as const;

/** One person's month as the close computes it. */
export interface PersonMonth {
  readonly month: string;
  readonly email: string;
  readonly postScore: SheetScalar;
  readonly workPoints: SheetScalar;
  readonly behaviourPoints: SheetScalar;
  readonly companyPoints: SheetScalar;
  readonly finalScore: SheetScalar;
  readonly grade: SheetScalar;
  readonly perfPay: SheetScalar;
  /** Each flag with its rule ID first, one entry per flag (the sheet joins them with "; "). */
  readonly flags: readonly string[];
  /** SC-48: the best-employee candidate's flag (scope and reward shown), "" for everyone else. */
  readonly bestEmployee: string;
  /** `KEY=value` of each reading in force. */
  readonly readings: readonly string[];
  /** Every input cell the figures came from, by `sheet.column` (and `@row` for one of many rows). */
  readonly inputs: Readonly<Record<string, RecordValue>>;
}

/** A custom function's value for one row, as the cell shows it. */
function single(value: SheetValue): SheetScalar {
  return Array.isArray(value) ? (value[0]?.[0] ?? "") : value;
}

/** A per-cell rule over one row's inputs (each a one-cell range, as the sheet's columns are) and the Settings values. */
function cellOf(rule: CellRule, inputs: readonly unknown[], params: readonly unknown[] = []): SheetScalar {
  return single(vectoriseCells(inputs.map((v) => [[v]]), params, rule));
}

function rowOf(rule: RowRule, inputs: readonly unknown[], params: readonly unknown[] = []): SheetScalar {
  return single(vectoriseRows(inputs, params, rule));
}

function text(value: unknown): string {
  return typeof value === "string" ? value : typeof value === "number" || typeof value === "boolean" ? String(value) : "";
}

/** `{a}=TRUE()`: only a TRUE cell. */
function isTrue(value: unknown): boolean {
  return value === true;
}

/** `IF({cfg:OBJ_COMPANY_METRIC}="VOLUME","sales_volume",IF(…="COLLECTIONS","collections","sales"))`. */
function companyMetric(setting: unknown): string {
  const v = text(setting).toUpperCase();
  return v === "VOLUME" ? "sales_volume" : v === "COLLECTIONS" ? "collections" : "sales";
}

const headKey = (r: SourceRow): string => (text(r.values.month) === "" ? "" : `${text(r.values.month)}#${text(r.values.head_email)}`);
const taskKey = (r: SourceRow): string => {
  const due = text(r.values.due_on);
  const owner = text(r.values.owner_email);
  return due === "" || owner === "" ? "" : `${due.slice(0, 7)}#${owner}#`;
};
/** Actuals `key` up to the metric; the last field (target met) is matched by `*` in every criterion the close uses. */
const actualKey = (r: SourceRow): string =>
  text(r.values.period) === "" ? "" : `${text(r.values.period)}#${text(r.values.region)}#${text(r.values.person_email)}#${text(r.values.metric)}#`;
const planKey = (r: SourceRow): string =>
  text(r.values.period) === "" ? "" : `${text(r.values.period)}#${text(r.values.level)}#${text(r.values.region)}#${text(r.values.person_email)}#${text(r.values.metric)}`;
const peopleKey = (r: SourceRow): string => (text(r.values.email) === "" ? "" : `${text(r.values.email)}#${text(r.values.status)}`);

function identity(r: SourceRow): string {
  const id = text(r.values.id);
  return id !== "" ? id : `row ${r.row}`;
}

/**
 * One person's month, from their objective-scorecard row and the other sheets, the way the row's
 * formulas compute it (sheets-templates/sheets/scorecard_objective.json).
 */
export function personMonth(sources: CloseSources, row: SourceRow): PersonMonth {
  const { month, settings, sheets } = sources;
  const cfg = (key: string): unknown => settings[key] ?? "";
  const v = row.values;
  const email = text(v.employee_email);
  const inputs: Record<string, RecordValue> = {};
  for (const key of OBJECTIVE_INPUTS) inputs[`scorecard_objective.${key}`] = v[key] ?? null;

  // SC-01..SC-24: the month's post scorecards of this person, if any.
  const personKey = `${month}#${email}`;
  const infoRows = rowsMatching(sheets.scorecard_info_head, headKey, personKey);
  const mktRows = rowsMatching(sheets.scorecard_mkt_head, headKey, personKey);
  const salesRows = rowsMatching(sheets.scorecard_sales_head, headKey, personKey);
  const custRows = rowsMatching(sheets.scorecard_cust_head, headKey, personKey);
  const heads = infoRows.length + mktRows.length + salesRows.length + custRows.length;
  const numberOf = (s: SheetScalar): number => (typeof s === "number" ? s : 0);
  let postSum = 0;
  for (const r of infoRows) {
    for (const key of INFO_INPUTS) inputs[`scorecard_info_head.${key}@${r.row}`] = r.values[key] ?? null;
    postSum += numberOf(rowOf(weightedScoreRow, [[INFO_INPUTS.map((k) => r.values[k] ?? "")], "INFO_HEAD"], [cfg("INFO_HEAD_WEIGHTS")]));
  }
  for (const r of mktRows) {
    for (const key of MKT_INPUTS) inputs[`scorecard_mkt_head.${key}@${r.row}`] = r.values[key] ?? null;
    postSum += numberOf(
      rowOf(weightedScoreRow, [[MKT_INPUTS.map((k) => r.values[k] ?? "")], "MARKETING_HEAD"], [cfg("MKT_HEAD_BLOCK_WEIGHTS"), cfg("MKT_HEAD_WORK_WEIGHTS"), cfg("MKT_HEAD_QUALITY_WEIGHTS")]),
    );
  }
  for (const r of salesRows) {
    inputs[`scorecard_sales_head.total@${r.row}`] = r.values.total ?? null;
    postSum += typeof r.values.total === "number" ? r.values.total : 0;
  }
  for (const r of custRows) {
    inputs[`scorecard_cust_head.total@${r.row}`] = r.values.total ?? null;
    postSum += typeof r.values.total === "number" ? r.values.total : 0;
  }
  const postScore: number | "" = heads === 0 ? "" : postSum;

  // SC-29: the month's tasks (due that month), their ratings.
  const taskCriterion = `${month}#${email}#*`;
  const tasks = rowsMatching(sheets.tasks, taskKey, taskCriterion);
  for (const t of tasks) inputs[`tasks.rating@${identity(t)}`] = t.values.rating ?? null;
  const ratingSum = sumIf(sheets.tasks, taskKey, taskCriterion, (t) => t.values.rating);
  const taskCount = countIf(sheets.tasks, taskKey, taskCriterion);

  const workPoints = cellOf(workIndicatorPointsCell, [email, postScore, ratingSum, taskCount, v.work_direct ?? ""], [cfg("POST_SCORECARD_USAGE"), cfg("POST_SCORE_CAP"), cfg("OBJ_WORK_POINTS")]);
  const behaviourPoints = rowOf(
    behaviourScoreRow,
    (["attendance", "office_discipline", "org_behaviour", "environment", "team_awareness", "professionalism"] as const).map((k) => [[v[k] ?? ""]]),
    [cfg("OBJ_BEHAVIOUR_POINTS"), cfg("BEHAVIOUR_SCALE")],
  );

  // SC-31 / AMB-20: the month's actual ÷ plan, all regions or the person's branch.
  const metric = companyMetric(cfg("OBJ_COMPANY_METRIC"));
  const branch = text(v.company_basis) === "branch";
  const region = text(v.region);
  const actualCriterion = `${month}#${branch ? region : "*"}#*#${metric}#*`;
  const planCriterion = `${month}${branch ? `#region#${region}#*#` : "#company#*#*#"}${metric}`;
  const actual: unknown = email === "" ? "" : sumIf(sheets.actuals, actualKey, actualCriterion, (r) => r.values.amount);
  const plan: unknown = email === "" ? "" : sumIf(sheets.plans, planKey, planCriterion, (r) => r.values.amount);
  inputs["actuals.amount"] = typeof actual === "number" ? actual : null;
  inputs["plans.amount"] = typeof plan === "number" ? plan : null;
  const companyPoints = cellOf(companyPointsCell, [actual, plan], [cfg("OBJ_COMPANY_RATIO_CAP"), cfg("OBJ_COMPANY_POINTS")]);

  // SC-32 / AMB-19: the total; SC-36 / SC-43: the grade; SC-37 / SC-39: the pay.
  const finalScore = cellOf(objectiveScoreCell, [workPoints, behaviourPoints, companyPoints], [
    cfg("OBJ_WEIGHT_MODE"),
    cfg("OBJ_CUSTOM_WORK_WEIGHT"),
    cfg("OBJ_CUSTOM_BEHAVIOUR_WEIGHT"),
    cfg("OBJ_CUSTOM_COMPANY_WEIGHT"),
    cfg("SCORE_DECIMALS"),
    cfg("OBJ_WORK_POINTS"),
    cfg("OBJ_BEHAVIOUR_POINTS"),
    cfg("OBJ_COMPANY_POINTS"),
    cfg("BEHAVIOUR_SCALE"),
  ]);
  const excluded: unknown = email === "" ? "" : isTrue(v.leave_over_allowance) || isTrue(v.absenteeism) || isTrue(v.open_sanction);
  const grade = cellOf(appraisalGradeCell, [finalScore, excluded], [cfg("GRADE_BANDS")]);
  const people = rowsMatching(sheets.people, (r) => text(r.values.email), email);
  for (const p of people) {
    inputs[`people.perf_pay_base@${p.row}`] = p.values.perf_pay_base ?? null;
    inputs[`people.status@${p.row}`] = p.values.status ?? null;
    inputs[`people.reinstated_on@${p.row}`] = p.values.reinstated_on ?? null;
  }
  const base: unknown = email === "" ? "" : sumIf(sheets.people, (r) => text(r.values.email), email, (r) => r.values.perf_pay_base);
  const perfPay = cellOf(performancePayCell, [finalScore, base]);

  // SC-43 / SC-44 / SC-55: the flags, each with its rule ID.
  const reinstated = people.map((p) => text(p.values.reinstated_on)).find((d) => d !== "") ?? "";
  const dayOfPeople = (key: string): string => people.map((p) => text(p.values[key])).find((d) => d !== "") ?? "";
  const flagText = cellOf(
    appraisalFlagsCell,
    [
      email,
      v.leave_over_allowance ?? "",
      v.absenteeism ?? "",
      v.open_sanction ?? "",
      countIf(sheets.people, peopleKey, `${email}#probation`) > 0,
      countIf(sheets.people, peopleKey, `${email}#unpaid_leave`) > 0,
      reinstated,
      "",
      month,
    ],
    // SC-55 / AMB-35: until when (People's dates, PROBATION_DEFAULT_MONTHS) and who co-decides, as the scorecard's flags formula passes them.
    [cfg("TIME_ZONE"), dayOfPeople("probation_end"), dayOfPeople("probation_extended_to"), dayOfPeople("hire_date"), cfg("PROBATION_DEFAULT_MONTHS"), cfg("PROBATION_CO_DECIDER_ROLE")],
  );
  // The cell joins the flags with "; " (a flag's own text may hold one too); each flag starts with its rule ID.
  const flags = text(flagText) === "" ? [] : text(flagText).split(/; (?=[A-Z]{2,3}-\d+ )/);

  for (const key of CLOSE_SETTING_KEYS) inputs[`settings.${key}`] = settingValue(cfg(key));
  const readings = READING_KEYS.map((key) => `${key}=${text(toSheet(readingInForce(key, cfg(key))))}`);
  return { month, email, postScore, workPoints, behaviourPoints, companyPoints, finalScore, grade, perfPay, flags, bestEmployee: "", readings, inputs };
}

function settingValue(value: unknown): RecordValue {
  return typeof value === "string" || typeof value === "number" || typeof value === "boolean" ? value : null;
}

const POOL_EXCEEDED: Bilingual = {
  zh: "SC-38 本月部门绩效工资合计 {total} 元,超过设置 PERF_PAY_POOL 的 {pool} 元(请复核)",
  en: "SC-38 the department's performance pay this month adds up to {total} yuan, over the PERF_PAY_POOL of {pool} yuan (please review)",
};

/**
 * SC-38 / AMB-25: when Settings set a department pool (PERF_PAY_POOL), every person with pay is
 * flagged if the month's pays add up to more (or with what to fix on that Settings row).
 */
function withPoolCheck(people: readonly PersonMonth[], poolCell: unknown): PersonMonth[] {
  const pool = readParameter(poolCell, "PERF_PAY_POOL");
  if (pool === null) return [...people];
  const pays = people.map((p) => p.perfPay).filter((v): v is number => typeof v === "number");
  let flag: string | null = null;
  if (isScoreError(pool)) flag = `SC-38 ${both(pool.text)}`;
  else {
    const within = payPoolWithin(pays, pool);
    const total = Math.round(pays.reduce((a, b) => a + b, 0) * 100) / 100;
    if (isScoreError(within)) flag = `SC-38 ${both(within.text)}`;
    else if (!within) flag = both(format(POOL_EXCEEDED, { total, pool }));
  }
  return flag === null ? [...people] : people.map((p) => (typeof p.perfPay === "number" ? { ...p, flags: [...p.flags, flag] } : p));
}

/** SC-48: the month's candidate by the same rule the scorecard's best-employee column calls. */
function withBestEmployee(people: readonly PersonMonth[], settings: Readonly<Record<string, unknown>>): PersonMonth[] {
  const read = <K extends ParameterKey>(key: K) => {
    const v = readParameter(settings[key] ?? "", key);
    return isScoreError(v) ? parameterDefault(key) : v;
  };
  const max = { ...componentMaximaDefault(), work: read("OBJ_WORK_POINTS"), behaviour: read("OBJ_BEHAVIOUR_POINTS"), company: read("OBJ_COMPANY_POINTS") };
  const chosen = bestEmployeeCandidates(
    people.map((p) => ({ month: p.month, work: p.workPoints, behaviour: p.behaviourPoints, company: p.companyPoints, grade: p.grade, finalScore: p.finalScore })),
    max,
  );
  const text = bestEmployeeText(read("BEST_EMPLOYEE_SCOPE"), read("BEST_EMPLOYEE_REWARD"));
  return people.map((p, i) => (chosen[i] === true ? { ...p, bestEmployee: text } : p));
}

/** Every appraised person's month: one per objective-scorecard row of the month with an employee (the first row of a person counts). */
export function closeComputation(sources: CloseSources): PersonMonth[] {
  const seen = new Set<string>();
  const out: PersonMonth[] = [];
  for (const row of sources.sheets.scorecard_objective) {
    const email = text(row.values.employee_email).trim();
    if (text(row.values.month).trim() !== sources.month || email === "" || seen.has(email.toLowerCase())) continue;
    seen.add(email.toLowerCase());
    out.push(personMonth(sources, row));
  }
  return withBestEmployee(withPoolCheck(out, sources.settings.PERF_PAY_POOL ?? ""), sources.settings);
}

/** A stable digest of a person's inputs: FNV-1a (64 bits, as two 32-bit halves) over their sorted JSON. */
export function inputsDigest(inputs: Readonly<Record<string, RecordValue>>): string {
  const json = JSON.stringify(Object.keys(inputs).sort().map((k) => [k, inputs[k] ?? null]));
  let h1 = 0x811c9dc5;
  let h2 = 0x050c5d1f;
  for (let i = 0; i < json.length; i += 1) {
    const c = json.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c, 0x01000193 + 2) >>> 0;
  }
  return h1.toString(16).padStart(8, "0") + h2.toString(16).padStart(8, "0");
}
