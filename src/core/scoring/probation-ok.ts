/**
 * Probation length (试用期), spec SC-55, seed `004_48a5b74466f8c1e3.txt` L326-334:
 * 「新进员工试用期至少1-3个月,最长不超过6个月,特殊情况由总经理批准」 and 「试用员工考核不合格,直属领导认为有必要延长试用的,最多不超过30天」.
 * Probation lasts 1 to `PROBATION_MAX_MONTHS` (6) months, longer only with the general manager's
 * approval; after a failed probation appraisal it may be extended once by at most
 * `PROBATION_EXTENSION_MAX_DAYS` (30) days (spec AMB-35 [REC]). TRUE when the planned probation
 * keeps to this.
 */
import type { Cell } from "./cells";
import { readAll, readFlag, readNumber, readNumberOr } from "./cells";
import { parameterDefault, readParameter } from "./parameters";
import { count, firstProblem, isScoreError } from "./score-error";
import type { Field, ScoreError } from "./score-error";

const MONTHS: Field = { zh: "试用期月数", en: "probation months" };
const GM_APPROVED: Field = { zh: "总经理批准标记", en: "GM approval mark" };
const EXTENSION: Field = { zh: "延长试用天数", en: "extension days" };

/** The shortest probation (seed 004 L326: 「至少1-3个月」). */
const MIN_MONTHS = 1;

/**
 * @example probationOk(3, false, 0) → true; probationOk(8, false, 0) → false; probationOk(8, true, 0) → true
 * @example probationOk(3, false, 45) → false (extension over 30 days)
 */
export function probationOk(
  months: number,
  gmApproved: boolean,
  extensionDays: number,
  maxMonths: number = parameterDefault("PROBATION_MAX_MONTHS"),
  maxExtensionDays: number = parameterDefault("PROBATION_EXTENSION_MAX_DAYS"),
): boolean | ScoreError {
  const problem = firstProblem(count(months, MONTHS), count(extensionDays, EXTENSION));
  if (problem) return problem;
  const lengthOk = months >= MIN_MONTHS && (months <= maxMonths || gmApproved);
  return lengthOk && extensionDays <= maxExtensionDays;
}

/** `PROBATION_OK(months, [gmApproved], [extensionDays], [maxMonths], [maxExtensionDays])` for one cell. */
export function probationOkCell([months, gmApproved, extension]: readonly Cell[], [maxMonths, maxExtension]: readonly Cell[]): boolean | ScoreError {
  const read = readAll([
    readNumber(months, MONTHS),
    readFlag(gmApproved, GM_APPROVED),
    readNumberOr(extension, EXTENSION, 0),
    readParameter(maxMonths, "PROBATION_MAX_MONTHS"),
    readParameter(maxExtension, "PROBATION_EXTENSION_MAX_DAYS"),
  ]);
  if (isScoreError(read)) return read;
  return probationOk(...read);
}
