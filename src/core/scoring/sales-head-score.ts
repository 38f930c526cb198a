/**
 * The sales head's scorecard total (销售主管考核), spec SC-01, SC-06 and SC-07, seed
 * `004_48a5b74466f8c1e3.txt` L136-164: five items, plan completion (40, up to 60 when the plan is
 * exceeded, SC-03), team attainment (20, SC-04), sales expense usage (20, SC-05), information
 * system management (信息系统管理, 15, SC-06: daily reports, customer files, market and service
 * feedback) and work attitude (工作态度, 5, SC-07). The last two have no rubric (AMB-05): the
 * appraiser enters points within the item's range. The nominal maximum is 100 but the true
 * maximum is 120 (AMB-06); the total is kept up to 120 and capped only where it feeds the
 * work indicator (`postWorkPoints`).
 */
import type { Cell } from "./cells";
import { readAll, readNumber } from "./cells";
import { between, firstProblem, isScoreError, scoreError } from "./score-error";
import type { Field, ScoreError } from "./score-error";

const PLAN: Field = { zh: "销售计划完成得分", en: "plan completion points" };
const TEAM: Field = { zh: "达标率得分", en: "team attainment points" };
const EXPENSE: Field = { zh: "费用使用率得分", en: "expense usage points" };
const INFO: Field = { zh: "信息系统管理得分", en: "information system points" };
const ATTITUDE: Field = { zh: "工作态度得分", en: "work attitude points" };

/** The points team attainment can give (SC-04 tiers). */
const TEAM_TIERS: readonly number[] = [0, 10, 15, 18, 20];

/** The item maxima (seed 004 L138, L144, L154, L158, L162); plan completion can reach 60. */
export const SALES_HEAD_ITEM_MAX = { plan: 60, team: 20, expense: 20, information: 15, attitude: 5 } as const;

/**
 * @example salesHeadScore(48, 18, 20, 12, 4) → 102 (spec SC-07 worked total, of a possible 120)
 */
export function salesHeadScore(plan: number, team: number, expense: number, information: number, attitude: number): number | ScoreError {
  const problem = firstProblem(
    between(plan, 0, SALES_HEAD_ITEM_MAX.plan, PLAN),
    TEAM_TIERS.includes(team)
      ? null
      : scoreError({ zh: "{zh}须为 0、10、15、18 或 20", en: "{en} must be 0, 10, 15, 18 or 20" }, { zh: TEAM.zh, en: TEAM.en }),
    between(expense, 0, SALES_HEAD_ITEM_MAX.expense, EXPENSE),
    between(information, 0, SALES_HEAD_ITEM_MAX.information, INFO),
    between(attitude, 0, SALES_HEAD_ITEM_MAX.attitude, ATTITUDE),
  );
  if (problem) return problem;
  return plan + team + expense + information + attitude;
}

/** `SALES_HEAD_SCORE(plan, team, expense, information, attitude)` for one cell. */
export function salesHeadScoreCell([plan, team, expense, information, attitude]: readonly Cell[]): number | ScoreError {
  const read = readAll([
    readNumber(plan, PLAN),
    readNumber(team, TEAM),
    readNumber(expense, EXPENSE),
    readNumber(information, INFO),
    readNumber(attitude, ATTITUDE),
  ]);
  if (isScoreError(read)) return read;
  return salesHeadScore(...read);
}
