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
import type { NumberRange, ParameterValue } from "./parameters";
import { roundTo } from "./points";
import { between, firstProblem, isScoreError, nonNegative } from "./score-error";
import type { Field, ScoreError } from "./score-error";

export type ObjectiveWeightMode = ParameterValue<"OBJ_WEIGHT_MODE">;

const WORK: Field = { zh: "工作指标得分", en: "work points" };
const BEHAVIOUR: Field = { zh: "行为指标得分", en: "behaviour points" };
const COMPANY: Field = { zh: "公司经营业绩得分", en: "company points" };

/**
 * Component maxima as written (seed 004 L276-282): 40 + 30 + 40 = 110, the Settings keys
 * `OBJ_WORK_POINTS`, `OBJ_BEHAVIOUR_POINTS` and `OBJ_COMPANY_POINTS`; `behaviourScale` is
 * `BEHAVIOUR_SCALE` (1..5), whose bottom gives the lowest behaviour total (6 of 30, SC-33, AMB-22).
 */
export interface ObjectiveMaxima {
  readonly work: number;
  readonly behaviour: number;
  readonly company: number;
  readonly behaviourScale: NumberRange;
}

/** A component's share of its maximum (0 when the Settings give it no points). */
function share(points: number, max: number): number {
  return max > 0 ? points / max : 0;
}

export function objectiveMaximaDefault(): ObjectiveMaxima {
  return {
    work: parameterDefault("OBJ_WORK_POINTS"),
    behaviour: parameterDefault("OBJ_BEHAVIOUR_POINTS"),
    company: parameterDefault("OBJ_COMPANY_POINTS"),
    behaviourScale: parameterDefault("BEHAVIOUR_SCALE"),
  };
}

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
  maxima: ObjectiveMaxima = objectiveMaximaDefault(),
): number | ScoreError {
  const minBehaviour = maxima.behaviourScale.max > 0 ? (maxima.behaviour * maxima.behaviourScale.min) / maxima.behaviourScale.max : 0;
  const problem = firstProblem(between(work, 0, maxima.work, WORK), between(behaviour, minBehaviour, maxima.behaviour, BEHAVIOUR), nonNegative(company, COMPANY));
  if (problem) return problem;
  const writtenTotal = maxima.work + maxima.behaviour + maxima.company;
  const raw = work + behaviour + company;
  let total: number;
  switch (mode) {
    case "NORMALIZE":
      total = (raw * 100) / writtenTotal;
      break;
    case "CAP_100":
      total = Math.min(raw, 100);
      break;
    case "LITERAL":
      total = raw;
      break;
    case "CUSTOM":
      total = share(work, maxima.work) * custom.work + share(behaviour, maxima.behaviour) * custom.behaviour + share(company, maxima.company) * custom.company;
      break;
  }
  return roundTo(total, decimals);
}

/**
 * `OBJECTIVE_SCORE(work, behaviour, company, [mode], [workWeight], [behaviourWeight], [companyWeight], [decimals],
 * [workPoints], [behaviourPoints], [companyPoints], [behaviourScale])` for one cell.
 */
export function objectiveScoreCell([work, behaviour, company]: readonly Cell[], [mode, w, b, c, decimals, workMax, behaviourMax, companyMax, scale]: readonly Cell[]): number | ScoreError {
  const maxima = readAll([
    readParameter(workMax, "OBJ_WORK_POINTS"),
    readParameter(behaviourMax, "OBJ_BEHAVIOUR_POINTS"),
    readParameter(companyMax, "OBJ_COMPANY_POINTS"),
    readParameter(scale, "BEHAVIOUR_SCALE"),
  ]);
  if (isScoreError(maxima)) return maxima;
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
  const [workTop, behaviourTop, companyTop, behaviourScale] = maxima;
  return objectiveScore(workPts, behaviourPts, companyPts, weightMode, { work: workWeight, behaviour: behaviourWeight, company: companyWeight }, places, {
    work: workTop,
    behaviour: behaviourTop,
    company: companyTop,
    behaviourScale,
  });
}
