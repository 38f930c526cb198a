/**
 * Eligibility for the monthly best employee (优秀员工), spec SC-48, seed
 * `004_48a5b74466f8c1e3.txt` L376: 「每月进行一次优秀员工评选,总共评选出一名优秀员工(根据当月考核结果,各项考核指标结果为A方可评为优秀员工)」.
 * The components have no A grades (spec AMB-30); the product's [REC] reading: eligible when the
 * monthly grade is A, no SC-43 exclusion applies, and each component reaches 90 % of its maximum
 * (work ≥ 36 of 40, behaviour ≥ 27 of 30, company ≥ 36 of 40). The highest total among the
 * eligible wins; ties go to the manager. Probationers may be eligible (AMB-68).
 */
import type { Cell, Grade } from "./cells";
import { missing, readAll, readFlag, readGrade, readNumber } from "./cells";
import { isScoreError } from "./score-error";
import type { Field, ScoreError } from "./score-error";

const WORK: Field = { zh: "工作指标得分", en: "work points" };
const BEHAVIOUR: Field = { zh: "行为指标得分", en: "behaviour points" };
const COMPANY: Field = { zh: "公司经营业绩得分", en: "company points" };
const GRADE: Field = { zh: "月度等级", en: "monthly grade" };
const EXCLUDED: Field = { zh: "不得评优标记", en: "exclusion mark" };

/** Component maxima (seed 004 L276-282) and the share that counts as an A (AMB-30). */
const MAX = { work: 40, behaviour: 30, company: 40 } as const;
const A_SHARE = 0.9;

/**
 * @example bestEmployeeEligible(38, 28, 36, "A", false) → true
 * @example bestEmployeeEligible(38, 26, 36, "A", false) → false (behaviour below 27)
 */
export function bestEmployeeEligible(work: number, behaviour: number, company: number, grade: Grade, excluded: boolean): boolean {
  const each = work >= A_SHARE * MAX.work && behaviour >= A_SHARE * MAX.behaviour && company >= A_SHARE * MAX.company;
  return each && grade === "A" && !excluded;
}

/** `BEST_EMPLOYEE_ELIGIBLE(work, behaviour, company, grade, [excluded])` for one cell. */
export function bestEmployeeEligibleCell([work, behaviour, company, grade, excluded]: readonly Cell[]): boolean | ScoreError {
  const read = readAll([readNumber(work, WORK), readNumber(behaviour, BEHAVIOUR), readNumber(company, COMPANY), readGrade(grade, GRADE), readFlag(excluded, EXCLUDED)]);
  if (isScoreError(read)) return read;
  const [w, b, c, g, x] = read;
  return g === null ? missing(GRADE) : bestEmployeeEligible(w, b, c, g, x);
}
