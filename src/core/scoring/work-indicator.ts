/**
 * Where a person's work-indicator points (工作指标考核, weight 40) come from in a month, spec SC-29
 * with the readings of AMB-21 and AMB-69, seed `004_48a5b74466f8c1e3.txt` L276:
 * 1. a head with a post scorecard that month (SC-01..SC-24), when `POST_SCORECARD_USAGE` is
 *    `WORK_INDICATOR` (the [REC] default): the post score as work points (see post-work-points);
 * 2. otherwise the month's tasks: the 40 points shared equally by the tasks, each rated 0-100 % of
 *    its share (see work-points), i.e. 40 × the sum of the ratings ÷ the number of tasks; a task
 *    not rated yet counts 0;
 * 3. with no task (AMB-21) the direct superior's own 0-40 score.
 * A month with none of the three cannot be scored and says what to enter. The row is one person,
 * marked by its employee column; a row without an employee is blank.
 */
import type { Bilingual } from "../i18n";
import type { Cell } from "./cells";
import { isBlank, readAll, readNumberOr } from "./cells";
import { parameterDefault, readParameter } from "./parameters";
import type { ParameterValue } from "./parameters";
import { postWorkPoints } from "./post-work-points";
import { between, count, firstProblem, isScoreError, nonNegative, scoreError } from "./score-error";
import type { Field, ScoreError } from "./score-error";

const POST_SCORE: Field = { zh: "岗位考核分", en: "post score" };
const RATING_SUM: Field = { zh: "任务完成度合计", en: "sum of task ratings" };
const TASKS: Field = { zh: "任务数", en: "number of tasks" };
const DIRECT: Field = { zh: "工作指标直接打分", en: "direct work points" };

const NOTHING_TO_SCORE: Bilingual = {
  zh: "本月没有任务,也没有岗位考核分:请直属上级填写工作指标直接打分(0–{points})",
  en: "no task and no post scorecard this month: the direct superior enters the work points (0–{points})",
};
const RATINGS_OVER_TASKS: Bilingual = {
  zh: "任务完成度合计({sum})超过任务数({n}):每项任务的完成度须在0%到100%之间",
  en: "the task ratings add up to {sum}, more than the {n} tasks: each task is rated 0 % to 100 %",
};

export type PostScorecardUsage = ParameterValue<"POST_SCORECARD_USAGE">;

export interface WorkSources {
  /** The month's post score, or null without a post scorecard. */
  readonly postScore: number | null;
  /** Sum of the month's task ratings (fractions, 0.8 = 80 %). */
  readonly ratingSum: number;
  readonly tasks: number;
  /** The superior's direct 0-40, or null. */
  readonly direct: number | null;
}

/**
 * @example workIndicatorPoints({ postScore: 102, ratingSum: 0, tasks: 0, direct: null }) → 40
 * @example workIndicatorPoints({ postScore: null, ratingSum: 3.3, tasks: 4, direct: null }) → 33 (1 + 1 + 0.8 + 0.5)
 * @example workIndicatorPoints({ postScore: null, ratingSum: 0, tasks: 0, direct: 30 }) → 30
 */
export function workIndicatorPoints(
  sources: WorkSources,
  usage: PostScorecardUsage = parameterDefault("POST_SCORECARD_USAGE"),
  cap: number = parameterDefault("POST_SCORE_CAP"),
  points: number = parameterDefault("OBJ_WORK_POINTS"),
): number | ScoreError {
  if (usage === "WORK_INDICATOR" && sources.postScore !== null) return postWorkPoints(sources.postScore, cap, points);
  if (sources.tasks > 0) {
    const problem = firstProblem(count(sources.tasks, TASKS), nonNegative(sources.ratingSum, RATING_SUM));
    if (problem) return problem;
    if (sources.ratingSum > sources.tasks + 1e-9) return scoreError(RATINGS_OVER_TASKS, { sum: sources.ratingSum, n: sources.tasks });
    return (points * sources.ratingSum) / sources.tasks;
  }
  if (sources.direct !== null) return between(sources.direct, 0, points, DIRECT) ?? sources.direct;
  return scoreError(NOTHING_TO_SCORE, { points });
}

/** `WORK_INDICATOR_POINTS(employee, postScore, ratingSum, tasks, direct, [usage], [cap], [points])` for one row. */
export function workIndicatorPointsCell([employee, post, sum, tasks, direct]: readonly Cell[], [usage, cap, points]: readonly Cell[]): number | ScoreError | "" {
  if (isBlank(employee)) return "";
  const read = readAll([
    readNumberOr(post, POST_SCORE, null),
    readNumberOr(sum, RATING_SUM, 0),
    readNumberOr(tasks, TASKS, 0),
    readNumberOr(direct, DIRECT, null),
    readParameter(usage, "POST_SCORECARD_USAGE"),
    readParameter(cap, "POST_SCORE_CAP"),
    readParameter(points, "OBJ_WORK_POINTS"),
  ]);
  if (isScoreError(read)) return read;
  const [postScore, ratingSum, taskCount, directPoints, usageReading, capPoints, workPoints] = read;
  return workIndicatorPoints({ postScore, ratingSum, tasks: taskCount, direct: directPoints }, usageReading, capPoints, workPoints);
}
