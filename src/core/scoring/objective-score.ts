/**
 * The monthly objective-appraisal score (目标管理考核), spec SC-32, seed
 * `004_48a5b74466f8c1e3.txt` L276-282: work indicators 40 % (SC-29) + behaviour 30 % (SC-30) +
 * company performance 40 % (SC-31). The weights sum to 110 % while the grade bands assume 100
 * (spec AMB-19). The product's [REC] reading `OBJ_WEIGHT_MODE = NORMALIZE` scales the sum by
 * 100/110; `CAP_100` caps the plain sum at 100; `LITERAL` keeps it; `CUSTOM` rescales each
 * component to the weights `OBJ_CUSTOM_*_WEIGHT` (e.g. 40/30/30). The choice changes grades
 * (94 raw is 85.5 B normalised, 94 A literal), so the scorecard shows the reading in force. The
 * result is rounded to `SCORE_DECIMALS` (1, spec SC-36 / AMB-24).
 */
import type { Cell } from "./cells";
import { readAll, readNumber } from "./cells";
import { parameterDefault, readParameter } from "./parameters";
import type { ParameterValue } from "./parameters";
import { roundTo } from "./points";
import { between, firstProblem, isScoreError, nonNegative } from "./score-error";
import type { Field, ScoreError } from "./score-error";

export type ObjectiveWeightMode = ParameterValue<"OBJ_WEIGHT_MODE">;

const WORK: Field = { zh: "工作指标得分", en: "work points" };
const BEHAVIOUR: Field = { zh: "行为指标得分", en: "behaviour points" };
const COMPANY: Field = { zh: "公司经营业绩得分", en: "company points" };

/** Component maxima as written (seed 004 L276-282): 40 + 30 + 40 = 110. */
const MAX = { work: 40, behaviour: 30, company: 40 } as const;
const WRITTEN_TOTAL = MAX.work + MAX.behaviour + MAX.company;
/** The lowest behaviour total: six items rated at least 1 (SC-33, AMB-22). */
const MIN_BEHAVIOUR = 6;

export interface CustomWeights {
  readonly work: number;
  readonly behaviour: number;
  readonly company: number;
}

const DEFAULT_CUSTOM: CustomWeights = {
  work: parameterDefault("OBJ_CUSTOM_WORK_WEIGHT"),
  behaviour: parameterDefault("OBJ_CUSTOM_BEHAVIOUR_WEIGHT"),
  company: parameterDefault("OBJ_CUSTOM_COMPANY_WEIGHT"),
};

/**
 * Company points above 40 are accepted (an uncapped SC-31 reading).
 *
 * @example objectiveScore(33, 25, 36) → 85.5 (NORMALIZE: 94 × 100/110)
 * @example objectiveScore(33, 25, 36, "CAP_100") → 94; "LITERAL" → 94
 */
export function objectiveScore(
  work: number,
  behaviour: number,
  company: number,
  mode: ObjectiveWeightMode = parameterDefault("OBJ_WEIGHT_MODE"),
  custom: CustomWeights = DEFAULT_CUSTOM,
  decimals: number = parameterDefault("SCORE_DECIMALS"),
): number | ScoreError {
  const problem = firstProblem(between(work, 0, MAX.work, WORK), between(behaviour, MIN_BEHAVIOUR, MAX.behaviour, BEHAVIOUR), nonNegative(company, COMPANY));
  if (problem) return problem;
  const raw = work + behaviour + company;
  let total: number;
  switch (mode) {
    case "NORMALIZE":
      total = (raw * 100) / WRITTEN_TOTAL;
      break;
    case "CAP_100":
      total = Math.min(raw, 100);
      break;
    case "LITERAL":
      total = raw;
      break;
    case "CUSTOM":
      total = (work / MAX.work) * custom.work + (behaviour / MAX.behaviour) * custom.behaviour + (company / MAX.company) * custom.company;
      break;
  }
  return roundTo(total, decimals);
}

/** `OBJECTIVE_SCORE(work, behaviour, company, [mode], [workWeight], [behaviourWeight], [companyWeight], [decimals])` for one cell. */
export function objectiveScoreCell([work, behaviour, company]: readonly Cell[], [mode, w, b, c, decimals]: readonly Cell[]): number | ScoreError {
  const read = readAll([
    readNumber(work, WORK),
    readNumber(behaviour, BEHAVIOUR),
    readNumber(company, COMPANY),
    readParameter(mode, "OBJ_WEIGHT_MODE"),
    readParameter(w, "OBJ_CUSTOM_WORK_WEIGHT"),
    readParameter(b, "OBJ_CUSTOM_BEHAVIOUR_WEIGHT"),
    readParameter(c, "OBJ_CUSTOM_COMPANY_WEIGHT"),
    readParameter(decimals, "SCORE_DECIMALS"),
  ]);
  if (isScoreError(read)) return read;
  const [workPts, behaviourPts, companyPts, weightMode, workWeight, behaviourWeight, companyWeight, places] = read;
  return objectiveScore(workPts, behaviourPts, companyPts, weightMode, { work: workWeight, behaviour: behaviourWeight, company: companyWeight }, places);
}
