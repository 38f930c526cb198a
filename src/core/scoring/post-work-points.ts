/**
 * A head's post scorecard as work-indicator points, spec §3 intro and AMB-69 [REC]
 * `POST_SCORECARD_USAGE = WORK_INDICATOR`: the post score (SC-01..24), capped at
 * `POST_SCORE_CAP` (default 100, AMB-06: the sales head can reach 120) and scaled to the 40
 * work-indicator points of the objective appraisal (SC-29, seed `004_48a5b74466f8c1e3.txt` L276):
 * `work = 40 × MIN(post, 100) / 100`.
 */
import type { Cell } from "./cells";
import { readAll, readNumber } from "./cells";
import { parameterDefault, readParameter } from "./parameters";
import { firstProblem, isScoreError, nonNegative } from "./score-error";
import type { Field, ScoreError } from "./score-error";

const POST_SCORE: Field = { zh: "岗位考核分", en: "post score" };

/**
 * @example postWorkPoints(102) → 40 (capped at 100)
 * @example postWorkPoints(67) → 26.8
 */
export function postWorkPoints(
  postScore: number,
  cap: number = parameterDefault("POST_SCORE_CAP"),
  workPoints: number = parameterDefault("OBJ_WORK_POINTS"),
): number | ScoreError {
  const problem = firstProblem(nonNegative(postScore, POST_SCORE));
  if (problem) return problem;
  return (workPoints * Math.min(postScore, cap)) / cap;
}

/** `POST_WORK_POINTS(postScore, [cap], [workPoints])` for one cell. */
export function postWorkPointsCell([postScore]: readonly Cell[], [cap, workPoints]: readonly Cell[]): number | ScoreError {
  const read = readAll([readNumber(postScore, POST_SCORE), readParameter(cap, "POST_SCORE_CAP"), readParameter(workPoints, "OBJ_WORK_POINTS")]);
  if (isScoreError(read)) return read;
  return postWorkPoints(...read);
}
