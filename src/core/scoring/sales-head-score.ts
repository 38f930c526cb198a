/**
 * The sales head's scorecard total (销售主管考核), spec SC-01, SC-06 and SC-07, seed
 * `004_48a5b74466f8c1e3.txt` L136-164: five items, plan completion (40, up to 60 when the plan is
 * exceeded, SC-03), team attainment (20, SC-04), sales expense usage (20, SC-05), information
 * system management (信息系统管理, 15, SC-06: daily reports, customer files, market and service
 * feedback) and work attitude (工作态度, 5, SC-07). The last two have no rubric (AMB-05): the
 * appraiser enters points within the item's range. The nominal maximum is 100 but the true
 * maximum is 120 (AMB-06); the total is kept up to 120 and capped only where it feeds the
 * work indicator (`postWorkPoints`). The items' maxima follow the Settings keys that set them:
 * `SALES_PLAN_MAX_POINTS` (60), `TEAM_ATTAIN_TIERS` (the tiers' points), `INFO_SYS_MAX` (15) and
 * `ATTITUDE_MAX` (5). With `INFO_SYS_SUBITEMS` (AMB-05 [REC], off by default) the information
 * item is the optional 4-part checklist instead: the cell holds how many of the four parts
 * (daily reports, customer files, market feedback, service feedback) were met, each worth a
 * quarter of `INFO_SYS_MAX` (3.75).
 */
import type { Cell } from "./cells";
import { readAll, readNumber } from "./cells";
import { parameterDefault, readParameter } from "./parameters";
import type { Pairs } from "./parameters";
import { between, count, firstProblem, isScoreError, scoreError } from "./score-error";
import type { Field, ScoreError } from "./score-error";
import { teamTierPoints } from "./team-attainment-score";

const PLAN: Field = { zh: "销售计划完成得分", en: "plan completion points" };
const TEAM: Field = { zh: "达标率得分", en: "team attainment points" };
const EXPENSE: Field = { zh: "费用使用率得分", en: "expense usage points" };
const INFO: Field = { zh: "信息系统管理得分", en: "information system points" };
const ATTITUDE: Field = { zh: "工作态度得分", en: "work attitude points" };
const INFO_PARTS: Field = { zh: "信息系统管理达到的项数", en: "information system parts met" };

/** The SC-06 checklist's parts: daily reports, customer files, market feedback, service feedback. */
export const INFO_SYS_PARTS = 4;

/** Sales expense usage is out of 20 (SC-05). */
const EXPENSE_MAX = 20;

/** The items' maxima, from Settings (defaults: the seed's 60, tiers 20/18/15/10, 15, 5). */
export interface SalesHeadLimits {
  readonly planMax: number;
  readonly tiers: Pairs;
  readonly informationMax: number;
  readonly attitudeMax: number;
  /** `INFO_SYS_SUBITEMS`: the information item is the count of checklist parts met (0..4), not points. */
  readonly informationSubitems?: boolean;
}

export function salesHeadLimitsDefault(): SalesHeadLimits {
  return {
    planMax: parameterDefault("SALES_PLAN_MAX_POINTS"),
    tiers: parameterDefault("TEAM_ATTAIN_TIERS"),
    informationMax: parameterDefault("INFO_SYS_MAX"),
    attitudeMax: parameterDefault("ATTITUDE_MAX"),
    informationSubitems: parameterDefault("INFO_SYS_SUBITEMS"),
  };
}

/** `0、10、15、18 或 20` / `0, 10, 15, 18 or 20`. */
function listed(points: readonly number[], comma: string, or: string): string {
  const sorted = [...new Set(points)].sort((a, b) => a - b).map(String);
  return sorted.length < 2 ? sorted.join("") : `${sorted.slice(0, -1).join(comma)}${or}${sorted[sorted.length - 1] ?? ""}`;
}

/**
 * @example salesHeadScore(48, 18, 20, 12, 4) → 102
 * @example salesHeadScore(40, 20, 20, 18, 5, { ...salesHeadLimitsDefault(), informationMax: 20 }) → 103 (INFO_SYS_MAX = 20)
 * @example salesHeadScore(48, 18, 20, 3, 4, { ...salesHeadLimitsDefault(), informationSubitems: true }) → 101.25 (3 of 4 parts × 3.75)
 */
export function salesHeadScore(
  plan: number,
  team: number,
  expense: number,
  information: number,
  attitude: number,
  limits: SalesHeadLimits = salesHeadLimitsDefault(),
): number | ScoreError {
  const teamPoints = teamTierPoints(limits.tiers);
  const problem = firstProblem(
    between(plan, 0, limits.planMax, PLAN),
    teamPoints.includes(team)
      ? null
      : scoreError({ zh: "{zh}须为 {pointsZh}", en: "{en} must be {pointsEn}" }, { zh: TEAM.zh, en: TEAM.en, pointsZh: listed(teamPoints, "、", " 或 "), pointsEn: listed(teamPoints, ", ", " or ") }),
    between(expense, 0, EXPENSE_MAX, EXPENSE),
    limits.informationSubitems ? firstProblem(count(information, INFO_PARTS), between(information, 0, INFO_SYS_PARTS, INFO_PARTS)) : between(information, 0, limits.informationMax, INFO),
    between(attitude, 0, limits.attitudeMax, ATTITUDE),
  );
  if (problem) return problem;
  const informationPoints = limits.informationSubitems ? (information * limits.informationMax) / INFO_SYS_PARTS : information;
  return plan + team + expense + informationPoints + attitude;
}

/** `SALES_HEAD_SCORE(plan, team, expense, information, attitude, [planMax], [tiers], [informationMax], [attitudeMax], [informationSubitems])` for one cell. */
export function salesHeadScoreCell([plan, team, expense, information, attitude]: readonly Cell[], [planMax, tiers, informationMax, attitudeMax, subitems]: readonly Cell[] = []): number | ScoreError {
  const read = readAll([
    readNumber(plan, PLAN),
    readNumber(team, TEAM),
    readNumber(expense, EXPENSE),
    readNumber(information, INFO),
    readNumber(attitude, ATTITUDE),
    readParameter(planMax, "SALES_PLAN_MAX_POINTS"),
    readParameter(tiers, "TEAM_ATTAIN_TIERS"),
    readParameter(informationMax, "INFO_SYS_MAX"),
    readParameter(attitudeMax, "ATTITUDE_MAX"),
    readParameter(subitems, "INFO_SYS_SUBITEMS"),
  ]);
  if (isScoreError(read)) return read;
  const [p, t, e, i, a, pm, tt, im, am, sub] = read;
  return salesHeadScore(p, t, e, i, a, { planMax: pm, tiers: tt, informationMax: im, attitudeMax: am, informationSubitems: sub });
}
