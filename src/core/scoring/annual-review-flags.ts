/**
 * The annual consequences to review, spec SC-42 and SC-51 with the precedence of spec AMB-65
 * ("show every triggered flag; a person decides"):
 * - SC-42, seed `004_48a5b74466f8c1e3.txt` L354: 「年度考核结果为较差,予以调整岗位和薪酬或解聘」, an annual
 *   grade C (SC-41) → change of post and pay, or dismissal;
 * - SC-51, seed 004 L384: 「公司全体人员年度考核总分在50分以下的,予以解雇」, an annual score (SC-45) of
 *   `ANNUAL_DISMISS_BELOW` (50) **or less** → dismissal. 以下 is inclusive (spec §0.3; corrected
 *   2026-12-03, an earlier revision read it as "below 50"), so exactly 50 is flagged. The Settings
 *   key keeps its name so existing workbooks keep their value; its meaning is "at or below".
 * The result lists each triggered flag with its rule ID in both languages, or is empty. MarketOps
 * never acts on it (spec §0.4).
 */
import type { Bilingual } from "../i18n";
import { both, format } from "../i18n";
import type { Cell, Grade } from "./cells";
import { isBlank, readAll, readGrade, readNumberOr } from "./cells";
import { parameterDefault, readParameter } from "./parameters";
import { isScoreError } from "./score-error";
import type { Field, ScoreError } from "./score-error";

const GRADE: Field = { zh: "年度等级", en: "annual grade" };
const SCORE: Field = { zh: "年度考核得分", en: "annual score" };

export const ANNUAL_C_FLAG: Bilingual = { zh: "SC-42 年度较差:调整岗位和薪酬或解聘", en: "SC-42 annual C: change post and pay, or dismiss" };
export const ANNUAL_FLOOR_FLAG: Bilingual = { zh: "SC-51 年度总分{below}分以下(含{below}分):解雇", en: "SC-51 annual score of {below} or less: dismiss" };

/**
 * The flags triggered, in rule order. `grade` or `score` may be unknown (null).
 *
 * @example annualReviewFlags("C", 45) → [SC-42, SC-51]; annualReviewFlags("B", 50) → [SC-51]; annualReviewFlags("B", 72) → []
 */
export function annualReviewFlags(grade: Grade | null, score: number | null, below: number = parameterDefault("ANNUAL_DISMISS_BELOW")): Bilingual[] {
  const flags: Bilingual[] = [];
  if (grade === "C") flags.push(ANNUAL_C_FLAG);
  if (score !== null && score <= below) {
    flags.push(format(ANNUAL_FLOOR_FLAG, { below }));
  }
  return flags;
}

/** `ANNUAL_REVIEW_FLAGS(annualGrade, annualScore, [below])` for one cell: the flags joined by "; ", or "". */
export function annualReviewFlagsCell([grade, score]: readonly Cell[], [below]: readonly Cell[]): string | ScoreError {
  const read = readAll([readGrade(grade, GRADE), readNumberOr(score, SCORE, null), readParameter(below, "ANNUAL_DISMISS_BELOW")]);
  if (isScoreError(read)) return read;
  if (isBlank(grade) && isBlank(score)) return "";
  return annualReviewFlags(...read).map(both).join("; ");
}
