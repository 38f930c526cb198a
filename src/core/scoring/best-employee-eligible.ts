/**
 * Eligibility for the monthly best employee (优秀员工), spec SC-48, seed
 * `004_48a5b74466f8c1e3.txt` L376: 「每月进行一次优秀员工评选,总共评选出一名优秀员工(根据当月考核结果,各项考核指标结果为A方可评为优秀员工)」.
 * The components have no A grades (spec AMB-30); the product's [REC] reading: eligible when the
 * monthly grade is A, no SC-43 exclusion applies, and each component reaches 90 % of its maximum
 * (work ≥ 36 of 40, behaviour ≥ 27 of 30, company ≥ 36 of 40). The highest total among the
 * eligible wins; ties go to the manager. Probationers may be eligible (AMB-68). The maxima are
 * the Settings keys `OBJ_WORK_POINTS`, `OBJ_BEHAVIOUR_POINTS` and `OBJ_COMPANY_POINTS`; the
 * month's candidate is flagged with `BEST_EMPLOYEE_SCOPE` and `BEST_EMPLOYEE_REWARD` shown (a
 * person selects and grants the reward).
 */
import type { Bilingual } from "../i18n";
import { both, format } from "../i18n";
import type { Cell, Grade } from "./cells";
import { missing, readAll, readFlag, readGrade, readNumber } from "./cells";
import { parameterDefault, readParameter } from "./parameters";
import type { ParameterValue } from "./parameters";
import { isScoreError } from "./score-error";
import type { RuleValue } from "./vectorise";
import type { Field, ScoreError } from "./score-error";

const WORK: Field = { zh: "工作指标得分", en: "work points" };
const BEHAVIOUR: Field = { zh: "行为指标得分", en: "behaviour points" };
const COMPANY: Field = { zh: "公司经营业绩得分", en: "company points" };
const GRADE: Field = { zh: "月度等级", en: "monthly grade" };
const EXCLUDED: Field = { zh: "不得评优标记", en: "exclusion mark" };

/** The share of a component's maximum that counts as an A (AMB-30). */
const A_SHARE = 0.9;

/** Component maxima (seed 004 L276-282), from Settings. */
export interface ComponentMaxima {
  readonly work: number;
  readonly behaviour: number;
  readonly company: number;
}

export function componentMaximaDefault(): ComponentMaxima {
  return { work: parameterDefault("OBJ_WORK_POINTS"), behaviour: parameterDefault("OBJ_BEHAVIOUR_POINTS"), company: parameterDefault("OBJ_COMPANY_POINTS") };
}

/**
 * @example bestEmployeeEligible(38, 28, 36, "A", false) → true
 * @example bestEmployeeEligible(38, 26, 36, "A", false) → false (behaviour below 27)
 */
export function bestEmployeeEligible(work: number, behaviour: number, company: number, grade: Grade, excluded: boolean, max: ComponentMaxima = componentMaximaDefault()): boolean {
  const each = work >= A_SHARE * max.work && behaviour >= A_SHARE * max.behaviour && company >= A_SHARE * max.company;
  return each && grade === "A" && !excluded;
}

/** `BEST_EMPLOYEE_ELIGIBLE(work, behaviour, company, grade, [excluded])` for one cell. */
export function bestEmployeeEligibleCell([work, behaviour, company, grade, excluded]: readonly Cell[]): boolean | ScoreError {
  const read = readAll([readNumber(work, WORK), readNumber(behaviour, BEHAVIOUR), readNumber(company, COMPANY), readGrade(grade, GRADE), readFlag(excluded, EXCLUDED)]);
  if (isScoreError(read)) return read;
  const [w, b, c, g, x] = read;
  return g === null ? missing(GRADE) : bestEmployeeEligible(w, b, c, g, x);
}

/** One person-month as the candidate rule reads it; non-numbers (a cell showing what to fix) are not eligible. */
export interface MonthResult {
  readonly month: string;
  readonly work: unknown;
  readonly behaviour: unknown;
  readonly company: unknown;
  readonly grade: unknown;
  readonly finalScore: unknown;
}

/** The month a row belongs to, as its cell shows it (text such as 2026-10, or a number). */
const monthKey = (v: unknown): string => (typeof v === "string" ? v.trim() : typeof v === "number" ? String(v) : "");

const n = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);

/** SC-48: per month, the eligible people (grade A, every component at A level) with the top final score. */
export function bestEmployeeCandidates(rows: readonly (MonthResult | null)[], max: ComponentMaxima = componentMaximaDefault()): boolean[] {
  const eligible = rows.map((r) => {
    if (r === null) return false;
    const [w, b, c, f] = [n(r.work), n(r.behaviour), n(r.company), n(r.finalScore)];
    return w !== null && b !== null && c !== null && f !== null && r.grade === "A" && bestEmployeeEligible(w, b, c, "A", false, max);
  });
  const top = new Map<string, number>();
  rows.forEach((r, i) => {
    if (!eligible[i] || r === null) return;
    const f = n(r.finalScore) ?? -Infinity;
    top.set(r.month, Math.max(top.get(r.month) ?? -Infinity, f));
  });
  return rows.map((r, i) => eligible[i] === true && r !== null && n(r.finalScore) === top.get(r.month));
}

const CANDIDATE: Bilingual = {
  zh: "SC-48 本月优秀员工候选(月度A、各项均达满分90%、最终得分最高;评选范围:{scopeZh};由人评定){rewardZh}",
  en: "SC-48 best-employee candidate of the month (grade A, every component at 90 % of its maximum, top final score; scope: {scopeEn}; a person selects){rewardEn}",
};
const SCOPE_TEXT: Readonly<Record<ParameterValue<"BEST_EMPLOYEE_SCOPE">, Bilingual>> = {
  DEPARTMENT: { zh: "本部门", en: "the department" },
  COMPANY: { zh: "全公司,本表只含本部门,请与其他部门的候选人比较", en: "company-wide; this workbook holds this department only, so compare with the other departments' candidates" },
};

/** The candidate flag, with the scope and the reward (BEST_EMPLOYEE_SCOPE, BEST_EMPLOYEE_REWARD) shown. */
export function bestEmployeeText(
  scope: ParameterValue<"BEST_EMPLOYEE_SCOPE"> = parameterDefault("BEST_EMPLOYEE_SCOPE"),
  reward: number | null = parameterDefault("BEST_EMPLOYEE_REWARD"),
): string {
  const s = SCOPE_TEXT[scope];
  return both(
    format(CANDIDATE, {
      scopeZh: s.zh,
      scopeEn: s.en,
      rewardZh: reward === null ? "" : `(一次性加薪奖励 ${reward} 元)`,
      rewardEn: reward === null ? "" : ` (one-time raise reward ${reward} yuan)`,
    }),
  );
}

/**
 * `BEST_EMPLOYEE_FLAG(month, work, behaviour, company, grade, finalScore, [workPoints],
 * [behaviourPoints], [companyPoints], [scope], [reward])` over a column: the candidate's flag, "" otherwise.
 */
export function bestEmployeeFlagColumn(rows: readonly (readonly Cell[] | null)[], [workMax, behaviourMax, companyMax, scope, reward]: readonly Cell[] = []): readonly RuleValue[] | ScoreError {
  const settings = readAll([
    readParameter(workMax, "OBJ_WORK_POINTS"),
    readParameter(behaviourMax, "OBJ_BEHAVIOUR_POINTS"),
    readParameter(companyMax, "OBJ_COMPANY_POINTS"),
    readParameter(scope, "BEST_EMPLOYEE_SCOPE"),
    readParameter(reward, "BEST_EMPLOYEE_REWARD"),
  ]);
  if (isScoreError(settings)) return settings;
  const [w, b, c, sc, rw] = settings;
  const results = rows.map((r): MonthResult | null =>
    r === null ? null : { month: monthKey(r[0]), work: r[1], behaviour: r[2], company: r[3], grade: r[4], finalScore: r[5] },
  );
  const text = bestEmployeeText(sc, rw);
  return bestEmployeeCandidates(results, { work: w, behaviour: b, company: c }).map((yes) => (yes ? text : ""));
}
