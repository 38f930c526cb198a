/**
 * Clerk standard: typo rate of printed documents (打印文件错字率), spec KPI-04, seed
 * `003_ab0358f32ef97fc5.txt` L119: 「打印文件错字率不得超过3‰。」 The rate is typos over characters
 * checked (spec AMB-50 [REC], a sample is fine); TRUE when it does not exceed `KPI_TYPO_RATE_MAX`
 * (0.003).
 */
import type { Cell } from "./cells";
import { readAll, readNumber } from "./cells";
import { parameterDefault, readParameter } from "./parameters";
import { count, firstProblem, isScoreError, positive } from "./score-error";
import type { Field, ScoreError } from "./score-error";

const TYPOS: Field = { zh: "错字数", en: "typos" };
const CHECKED: Field = { zh: "抽查字数", en: "characters checked" };

/**
 * @example typoRateOk(3, 1_000) → true; typoRateOk(4, 1_000) → false
 */
export function typoRateOk(typos: number, checked: number, maxRate: number = parameterDefault("KPI_TYPO_RATE_MAX")): boolean | ScoreError {
  const problem = firstProblem(count(typos, TYPOS), positive(checked, CHECKED));
  if (problem) return problem;
  return typos <= maxRate * checked + 1e-9;
}

/** `TYPO_RATE_OK(typos, charactersChecked, [maxRate])` for one cell. */
export function typoRateOkCell([typos, checked]: readonly Cell[], [maxRate]: readonly Cell[]): boolean | ScoreError {
  const read = readAll([readNumber(typos, TYPOS), readNumber(checked, CHECKED), readParameter(maxRate, "KPI_TYPO_RATE_MAX")]);
  if (isScoreError(read)) return read;
  return typoRateOk(...read);
}
