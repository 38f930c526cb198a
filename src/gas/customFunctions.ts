/**
 * The scoring custom functions a manager types into a cell (spec §3 and §4; issue 4). Each is a thin
 * wrapper: it hands Sheets' arguments (a value or a range as a two-dimensional array,
 * https://developers.google.com/apps-script/guides/sheets/functions#arguments) to the one
 * vectoriser with the rule from `src/core/scoring/`, and returns a value or a block of values
 * (https://developers.google.com/apps-script/guides/sheets/functions#return_values). Pure: no
 * Apps Script service is called, as custom functions must not need authorization
 * (https://developers.google.com/apps-script/guides/sheets/functions#using_apps_script_services).
 * `src/gas/main.ts` re-exports every function here; the build turns each into a top-level
 * function of `dist/Code.js` with this JSDoc as its autocomplete help, so every description is in
 * zh-CN and en, with `@customfunction` and an example. Optional trailing arguments take a reading
 * or a number from the Settings sheet (a named range); blank means the default.
 */
import { annualEligibleCell } from "../core/scoring/annual-eligible";
import { appealInTimeCell } from "../core/scoring/appeal-in-time";
import { appraisalFlagsCell } from "../core/scoring/appraisal-flags";
import { annualGradeRow } from "../core/scoring/annual-grade";
import { annualReviewFlagsCell } from "../core/scoring/annual-review-flags";
import { annualScoreRow } from "../core/scoring/annual-score";
import { appraisalGradeCell } from "../core/scoring/appraisal-grade";
import { assignedWorkDeductionCell } from "../core/scoring/assigned-work-deduction";
import { behaviourScoreRow } from "../core/scoring/behaviour-score";
import { bestEmployeeEligibleCell, bestEmployeeFlagColumn } from "../core/scoring/best-employee-eligible";
import { boardsBackOnTimeCell } from "../core/scoring/boards-back-on-time";
import { bookingSentOnTimeCell } from "../core/scoring/booking-sent-on-time";
import { bottomNFlagColumn } from "../core/scoring/bottom-n-flag";
import { cardLossOkCell } from "../core/scoring/card-loss-ok";
import { collectionRateCell } from "../core/scoring/collection-rate";
import { collectionScoreCell } from "../core/scoring/collection-score";
import { companyPointsCell } from "../core/scoring/company-points";
import { competitorReportsMetCell } from "../core/scoring/competitor-reports-met";
import { contractDeductionCell } from "../core/scoring/contract-deduction";
import { customerClassColumn } from "../core/scoring/customer-class";
import { customerFileStaleCell } from "../core/scoring/customer-file-stale";
import { customerLastActivityColumn } from "../core/scoring/customer-last-activity";
import { customerVisitDueCell } from "../core/scoring/customer-visit-due";
import { customerHeadScoreRow } from "../core/scoring/customer-head-score";
import { demotionFlagRow } from "../core/scoring/demotion-flag";
import { directorRankFlagColumn } from "../core/scoring/director-rank-flag";
import { disciplineDeductionRow } from "../core/scoring/discipline-deduction";
import { expenseUsageScoreCell } from "../core/scoring/expense-usage-score";
import { foldersTidiedOnTimeCell } from "../core/scoring/folders-tidied-on-time";
import { lateCollectionDeductionCell } from "../core/scoring/late-collection-deduction";
import { newCustomerDeductionCell } from "../core/scoring/new-customer-deduction";
import { newCustomerMetCell } from "../core/scoring/new-customer-met";
import { nextCollectionPlanCell } from "../core/scoring/next-collection-plan";
import { noGuestComplaintsCell } from "../core/scoring/no-guest-complaints";
import { objectiveScoreCell } from "../core/scoring/objective-score";
import { payPoolWithinCells } from "../core/scoring/pay-pool-check";
import { readingInForce } from "../core/scoring/parameters";
import { performancePayCell } from "../core/scoring/performance-pay";
import { planSplitRow } from "../core/scoring/plan-split";
import { postWorkPointsCell } from "../core/scoring/post-work-points";
import { probationOkCell } from "../core/scoring/probation-ok";
import { raiseEligibleRow } from "../core/scoring/raise-eligible";
import { recordsDeductionCell } from "../core/scoring/records-deduction";
import { repTargetMetCell } from "../core/scoring/rep-target-met";
import { researchDeductionCell } from "../core/scoring/research-deduction";
import { salesHeadScoreCell } from "../core/scoring/sales-head-score";
import { salesPlanScoreCell } from "../core/scoring/sales-plan-score";
import { sameDayEntryCell } from "../core/scoring/same-day-entry";
import { summariesCompleteRow } from "../core/scoring/summaries-complete";
import { teamAttainmentScoreCell } from "../core/scoring/team-attainment-score";
import { topRankFlagColumn } from "../core/scoring/top-rank-flag";
import { typoRateOkCell } from "../core/scoring/typo-rate-ok";
import { toSheet, vectoriseCells, vectoriseColumns, vectoriseRows } from "../core/scoring/vectorise";
import type { SheetValue } from "../core/scoring/vectorise";
import { weeklyVisitsMetCell } from "../core/scoring/weekly-visits-met";
import { weightedScoreRow } from "../core/scoring/weighted-score";
import { workIndicatorPointsCell } from "../core/scoring/work-indicator";
import { workPointsRow } from "../core/scoring/work-points";
import {
  activityCountColumn,
  regionActivityCountColumn,
  boardsLateColumn,
  dailyReportsOnTimeColumn,
  newCustomersColumn,
  staleFilesColumn,
  weeklyFewestColumn,
  workingDaysColumn,
  workStandardPeople,
} from "../core/scoring/work-standards-columns";

// ───────────────────────── Sales head (销售主管), spec §3.1 ─────────────────────────

/**
 * 销售计划完成得分(SC-02/03):完成率 = 实际 ÷ 目标;低于60%得0分,否则40×完成率,最高60分(默认读法 PROPORTIONAL_CAPPED)。
 * Sales plan completion points (SC-02/03): rate = actual ÷ target; 0 below 60 %, else 40 × rate, at most 60 (default reading PROPORTIONAL_CAPPED).
 * 例 / Example: =SALES_PLAN_SCORE(B2:B, C2:C) → 120 % gives 48, 59 % gives 0, 180 % gives 60.
 *
 * @param {number|Array<Array<number>>} actual 实际销售额 / actual sales (a cell or a column).
 * @param {number|Array<Array<number>>} target 目标销售额,须大于0 / target sales, > 0.
 * @param {string} [mode] 读法 SALES_PLAN_MODE:PROPORTIONAL_CAPPED(默认)或 LITERAL_STEPS / reading: PROPORTIONAL_CAPPED (default) or LITERAL_STEPS.
 * @param {number} [belowTargetPoints] LITERAL_STEPS 下60%–100%的固定分;留空 = 40×完成率 / fixed points for 60–100 % under LITERAL_STEPS; blank = 40 × rate.
 * @param {number} [fullPoints] SALES_PLAN_FULL_POINTS,默认40 / points at 100 %, default 40.
 * @param {number} [maxPoints] SALES_PLAN_MAX_POINTS,默认60 / maximum points, default 60.
 * @param {number} [maxThreshold] SALES_PLAN_MAX_THRESHOLD,默认1.5 / rate earning the maximum (LITERAL_STEPS), default 1.5.
 * @param {number} [zeroBelow] SALES_PLAN_ZERO_BELOW,默认0.6 / below this rate 0 points, default 0.6.
 * @return {number|Array<Array<number|string>>} 0–60 分,或需改正之处 / points 0–60, or what to fix.
 * @customfunction
 */
export function SALES_PLAN_SCORE(
  actual: unknown,
  target: unknown,
  mode?: unknown,
  belowTargetPoints?: unknown,
  fullPoints?: unknown,
  maxPoints?: unknown,
  maxThreshold?: unknown,
  zeroBelow?: unknown,
): SheetValue {
  return vectoriseCells([actual, target], [mode, belowTargetPoints, fullPoints, maxPoints, maxThreshold, zeroBelow], salesPlanScoreCell);
}

/**
 * 销售人员是否达标(SC-04 / AMB-03):个人完成率 ≥ 阈值(默认100%)。用 COUNTIF 统计达标人数。
 * Whether a salesperson met target (SC-04 / AMB-03): personal completion ≥ threshold (default 100 %). Count the TRUEs with COUNTIF.
 * 例 / Example: =REP_TARGET_MET(D2:D, E2:E) → TRUE for 100,000 of 100,000.
 *
 * @param {number|Array<Array<number>>} actual 个人实际销售额 / personal actual sales.
 * @param {number|Array<Array<number>>} target 个人目标,须大于0 / personal target, > 0.
 * @param {number} [threshold] REP_ATTAIN_THRESHOLD,默认1 / completion needed, default 1 (= 100 %).
 * @return {boolean|Array<Array<boolean|string>>} TRUE 达标 / TRUE when met, or what to fix.
 * @customfunction
 */
export function REP_TARGET_MET(actual: unknown, target: unknown, threshold?: unknown): SheetValue {
  return vectoriseCells([actual, target], [threshold], repTargetMetCell);
}

/**
 * 营销人员达标率得分(SC-04):达标人数 ÷ 总人数 ≥90% 得20,≥80% 得18,≥70% 得15,≥60% 得10,否则0。
 * Team attainment points (SC-04): share of salespeople who met target ≥ 90 % → 20, ≥ 80 % → 18, ≥ 70 % → 15, ≥ 60 % → 10, else 0.
 * 例 / Example: =TEAM_ATTAINMENT_SCORE(F2:F, G2:G) → 8 of 10 gives 18.
 *
 * @param {number|Array<Array<number>>} met 达标人数 / salespeople who met target.
 * @param {number|Array<Array<number>>} headcount 销售人员总数,须大于0 / headcount, > 0.
 * @param {boolean} [inclusive] TIER_INCLUSIVE,“以上”含本数,默认 TRUE / tier bounds inclusive, default TRUE.
 * @param {string} [tiers] TEAM_ATTAIN_TIERS,达标率:得分,默认 "0.9:20; 0.8:18; 0.7:15; 0.6:10" / rate:points tiers.
 * @return {number|Array<Array<number|string>>} 0、10、15、18 或 20 / 0, 10, 15, 18 or 20, or what to fix.
 * @customfunction
 */
export function TEAM_ATTAINMENT_SCORE(met: unknown, headcount: unknown, inclusive?: unknown, tiers?: unknown): SheetValue {
  return vectoriseCells([met, headcount], [inclusive, tiers], teamAttainmentScoreCell);
}

/**
 * 销售费用使用率得分(SC-05 / AMB-04):不超预算得20分,每超1个百分点扣1分,最低0分。
 * Sales expense usage points (SC-05 / AMB-04): 20 within budget, 1 point off per percentage point over, never below 0.
 * 例 / Example: =EXPENSE_USAGE_SCORE(H2:H, I2:I) → 95,000 of 100,000 gives 20; 108,000 gives 12; 125,000 gives 0.
 *
 * @param {number|Array<Array<number>>} spent 实际销售费用 / expense spent.
 * @param {number|Array<Array<number>>} budget 费用预算,须大于0 / budget, > 0.
 * @param {number} [penaltyPerPp] EXPENSE_PENALTY_PER_PP,默认1 / points per percentage point over, default 1.
 * @return {number|Array<Array<number|string>>} 0–20 分 / points 0–20, or what to fix.
 * @customfunction
 */
export function EXPENSE_USAGE_SCORE(spent: unknown, budget: unknown, penaltyPerPp?: unknown): SheetValue {
  return vectoriseCells([spent, budget], [penaltyPerPp], expenseUsageScoreCell);
}

/**
 * 销售主管考核总分(SC-01/06/07):计划完成(0–60)+ 达标率(0–20)+ 费用(0–20)+ 信息系统管理(0–15)+ 工作态度(0–5),最高120。
 * Sales head total (SC-01/06/07): plan (0–60) + team (0–20) + expense (0–20) + information system (0–15) + attitude (0–5), at most 120.
 * 例 / Example: =SALES_HEAD_SCORE(J2:J, K2:K, L2:L, M2:M, N2:N) → 48 + 18 + 20 + 12 + 4 = 102.
 *
 * @param {number|Array<Array<number>>} plan 销售计划完成得分 / plan completion points (0–60).
 * @param {number|Array<Array<number>>} team 达标率得分 / team attainment points (0, 10, 15, 18, 20).
 * @param {number|Array<Array<number>>} expense 费用使用率得分 / expense usage points (0–20).
 * @param {number|Array<Array<number>>} information 信息系统管理得分 / information system points (0–15).
 * @param {number|Array<Array<number>>} attitude 工作态度得分 / work attitude points (0–5).
 * @param {number} [planMax] SALES_PLAN_MAX_POINTS,默认60 / plan points maximum, default 60.
 * @param {string} [tiers] TEAM_ATTAIN_TIERS,默认 "0.9:20; 0.8:18; 0.7:15; 0.6:10" / the team tiers.
 * @param {number} [informationMax] INFO_SYS_MAX,默认15 / information system maximum, default 15.
 * @param {number} [attitudeMax] ATTITUDE_MAX,默认5 / work attitude maximum, default 5.
 * @param {boolean} [informationSubitems] INFO_SYS_SUBITEMS,默认FALSE;TRUE 时信息系统管理填达到的项数(0–4),每项 INFO_SYS_MAX÷4 / TRUE: information holds the checklist parts met (0–4), each INFO_SYS_MAX ÷ 4.
 * @return {number|Array<Array<number|string>>} 总分 / total, or what to fix.
 * @customfunction
 */
export function SALES_HEAD_SCORE(
  plan: unknown,
  team: unknown,
  expense: unknown,
  information: unknown,
  attitude: unknown,
  planMax?: unknown,
  tiers?: unknown,
  informationMax?: unknown,
  attitudeMax?: unknown,
  informationSubitems?: unknown,
): SheetValue {
  return vectoriseCells([plan, team, expense, information, attitude], [planMax, tiers, informationMax, attitudeMax, informationSubitems], salesHeadScoreCell);
}

/**
 * 岗位考核分折算工作指标分(AMB-69 / AMB-06):40 × MIN(岗位分, 100) ÷ 100。
 * A post scorecard as work-indicator points (AMB-69 / AMB-06): 40 × MIN(post score, 100) ÷ 100.
 * 例 / Example: =POST_WORK_POINTS(O2:O) → 102 gives 40; 67 gives 26.8.
 *
 * @param {number|Array<Array<number>>} postScore 岗位考核分 / post score.
 * @param {number} [cap] POST_SCORE_CAP,默认100 / cap, default 100.
 * @param {number} [workPoints] OBJ_WORK_POINTS,默认40 / work-indicator points, default 40.
 * @return {number|Array<Array<number|string>>} 工作指标分 / work points, or what to fix.
 * @customfunction
 */
export function POST_WORK_POINTS(postScore: unknown, cap?: unknown, workPoints?: unknown): SheetValue {
  return vectoriseCells([postScore], [cap, workPoints], postWorkPointsCell);
}

// ──────────────────── Customer department head (客户部主管), spec §3.2 ────────────────────

/**
 * 销售回款完成率(SC-09/10):(财务月底入账回款 − 退货退款)÷ 本月计划回款(含滚入的未完成额)。
 * Collection completion rate (SC-09/10): (collections booked by month end − return refunds) ÷ planned collections (incl. rolled-over shortfall).
 * 例 / Example: =COLLECTION_RATE(B2:B, C2:C, D2:D) → 470,000, 20,000, 500,000 gives 0.9 (90 %).
 *
 * @param {number|Array<Array<number>>} collected 财务入账回款额 / collections booked.
 * @param {number|Array<Array<number>>} refunds 退货退款额,留空为0 / return refunds, blank = 0.
 * @param {number|Array<Array<number>>} planned 计划回款额,须大于0 / planned collections, > 0.
 * @return {number|Array<Array<number|string>>} 完成率(小数)/ rate as a fraction, or what to fix.
 * @customfunction
 */
export function COLLECTION_RATE(collected: unknown, refunds: unknown, planned: unknown): SheetValue {
  return vectoriseCells([collected, refunds, planned], [], collectionRateCell);
}

/**
 * 回款奖罚分(SC-12 / AMB-08):完成率100%不奖不扣;每超(降)1个百分点奖(罚)1分(原文缺分值,默认1)。
 * Collection bonus/penalty (SC-12 / AMB-08): 0 at 100 %; ±1 point per percentage point above/below (the seed omits N; default 1).
 * 例 / Example: =COLLECTION_SCORE(E2:E) → 90 % gives −10; 105 % gives 5.
 *
 * @param {number|Array<Array<number>>} rate 回款完成率(小数或“90%”)/ collection rate (fraction or "90%").
 * @param {number} [bonusPerPp] CUST_COLLECTION_PTS_PER_PP,默认1 / points per percentage point, default 1.
 * @param {number} [penaltyPerPp] CUST_COLLECTION_PENALTY_PER_PP,留空同奖分 / penalty per point below, blank = same.
 * @param {number} [bonusCap] CUST_COLLECTION_BONUS_CAP,留空不设上限 / bonus cap, blank = none.
 * @return {number|Array<Array<number|string>>} 奖分为正、罚分为负 / bonus positive, penalty negative.
 * @customfunction
 */
export function COLLECTION_SCORE(rate: unknown, bonusPerPp?: unknown, penaltyPerPp?: unknown, bonusCap?: unknown): SheetValue {
  return vectoriseCells([rate], [bonusPerPp, penaltyPerPp, bonusCap], collectionScoreCell);
}

/**
 * 下月回款计划(SC-11):下月基础计划 + 本月未完成回款额(超额不冲减,AMB-10)。
 * Next month's collection plan (SC-11): next month's base plan + this month's shortfall (surplus not credited, AMB-10).
 * 例 / Example: =NEXT_COLLECTION_PLAN(F2:F, D2:D, B2:B, C2:C) → 400,000 + 50,000 unmet = 450,000.
 *
 * @param {number|Array<Array<number>>} nextPlan 下月基础回款计划 / next month's base plan.
 * @param {number|Array<Array<number>>} plan 本月计划回款额 / this month's plan.
 * @param {number|Array<Array<number>>} collected 本月财务入账回款额 / collections booked this month.
 * @param {number|Array<Array<number>>} refunds 本月退货退款额,留空为0 / refunds this month, blank = 0.
 * @param {boolean} [creditSurplus] ROLLOVER_CREDIT_SURPLUS,默认 FALSE / credit over-collection, default FALSE.
 * @return {number|Array<Array<number|string>>} 下月计划回款额 / next month's plan, or what to fix.
 * @customfunction
 */
export function NEXT_COLLECTION_PLAN(nextPlan: unknown, plan: unknown, collected: unknown, refunds: unknown, creditSurplus?: unknown): SheetValue {
  return vectoriseCells([nextPlan, plan, collected, refunds], [creditSurplus], nextCollectionPlanCell);
}

/**
 * 客户开拓扣分(SC-13):每少开拓1个计划客户扣2分。
 * New-customer deduction (SC-13): −2 for each planned new customer not developed.
 * 例 / Example: =NEW_CUSTOMER_DEDUCTION(G2:G, H2:H) → planned 3, developed 1 gives −4.
 *
 * @param {number|Array<Array<number>>} planned 计划开拓客户数 / planned new customers.
 * @param {number|Array<Array<number>>} achieved 实际开拓客户数 / new customers developed.
 * @param {number} [perMiss] CUST_NEW_CUSTOMER_MISS,默认2 / points per miss, default 2.
 * @return {number|Array<Array<number|string>>} 扣分(负数)/ deduction (negative), or what to fix.
 * @customfunction
 */
export function NEW_CUSTOMER_DEDUCTION(planned: unknown, achieved: unknown, perMiss?: unknown): SheetValue {
  return vectoriseCells([planned, achieved], [perMiss], newCustomerDeductionCell);
}

/**
 * 合同管理扣分(SC-14..17):CREDIT 每损失1万元扣2;COMMUNICATION 每万元扣5、每流失1客户扣5;CLAUSE 每万元扣5、每流失1客户扣10;FOLLOW_UP 无损失每单扣2,有损失时按损失大小扣5–20(取代每单扣2,不叠加)。
 * Contract deductions (SC-14..17): CREDIT −2 per 10,000 yuan lost; COMMUNICATION −5 per 10,000 and −5 per customer lost; CLAUSE −5 per 10,000 and −10 per customer lost; FOLLOW_UP −2 per order without a loss; with a loss −5 to −20 by its size, instead of (not on top of) the −2 per order.
 * 例 / Example: =CONTRACT_DEDUCTION(B2:B, C2:C, D2:D, E2:E) → CREDIT with 25,000 lost gives −5 (PRORATA), −4 (FLOOR), −6 (CEIL).
 *
 * @param {string|Array<Array<string>>} kind 问题类型 CREDIT、COMMUNICATION、CLAUSE、FOLLOW_UP(或 SC-14..SC-17)/ incident kind.
 * @param {number|Array<Array<number>>} loss 损失金额(元),留空为0 / loss in yuan, blank = 0.
 * @param {number|Array<Array<number>>} customersLost 流失客户数,留空为0 / customers lost, blank = 0.
 * @param {number|Array<Array<number>>} orders 未按时按质按量交货单数,留空为0 / late or short orders, blank = 0.
 * @param {number|Array<Array<number>>} [lossPoints] FOLLOW_UP 有损失时的扣分(5–20,取代每单扣2)/ points for a FOLLOW_UP loss (5–20, replacing the −2 per order).
 * @param {string} [rounding] PER_10K_ROUNDING:PRORATA(默认)、FLOOR、CEIL / per-10,000 rounding.
 * @param {number} [creditLoss] CONTRACT_CREDIT_LOSS,默认2 / SC-14 points per 10,000 yuan, default 2.
 * @param {number} [commLoss] CONTRACT_COMM_LOSS,默认5 / SC-15 points per 10,000 yuan, default 5.
 * @param {number} [commCustomerLost] CONTRACT_COMM_CUSTOMER_LOST,默认5 / SC-15 points per customer lost, default 5.
 * @param {number} [clauseLoss] CONTRACT_CLAUSE_LOSS,默认5 / SC-16 points per 10,000 yuan, default 5.
 * @param {number} [clauseCustomerLost] CONTRACT_CLAUSE_CUSTOMER_LOST,默认10 / SC-16 points per customer lost, default 10.
 * @param {number} [followUpNoLoss] CONTRACT_FOLLOWUP_NO_LOSS,默认2 / SC-17 points per order without loss, default 2.
 * @param {string} [followUpWithLoss] CONTRACT_FOLLOWUP_WITH_LOSS,默认 "5..20" / SC-17 range with a loss.
 * @param {string} [lossBands] CONTRACT_LOSS_BANDS,损失金额:扣分;留空由考核人打分 / loss bands, blank = the appraiser's points.
 * @return {number|Array<Array<number|string>>} 扣分(负数)/ deduction (negative), or what to fix.
 * @customfunction
 */
export function CONTRACT_DEDUCTION(
  kind: unknown,
  loss: unknown,
  customersLost: unknown,
  orders: unknown,
  lossPoints?: unknown,
  rounding?: unknown,
  creditLoss?: unknown,
  commLoss?: unknown,
  commCustomerLost?: unknown,
  clauseLoss?: unknown,
  clauseCustomerLost?: unknown,
  followUpNoLoss?: unknown,
  followUpWithLoss?: unknown,
  lossBands?: unknown,
): SheetValue {
  return vectoriseCells(
    [kind, loss, customersLost, orders, lossPoints],
    [rounding, creditLoss, commLoss, commCustomerLost, clauseLoss, clauseCustomerLost, followUpNoLoss, followUpWithLoss, lossBands],
    contractDeductionCell,
  );
}

/**
 * 货款回笼扣分(SC-18):发货后30日内须回笼货款,每迟1天扣1分;未回款的按统计日期计。
 * Late collection deduction (SC-18): collect within 30 days of shipment, −1 per day late; unpaid orders count to the as-of date.
 * 例 / Example: =LATE_COLLECTION_DEDUCTION(B2:B, C2:C, TODAY()) → shipped 1 March, collected 5 April gives −5.
 *
 * @param {Date|Array<Array<Date>>} shipped 发货日期 / shipment date.
 * @param {Date|Array<Array<Date>>} collected 回款日期,未回款留空 / collection date, blank if unpaid.
 * @param {Date|Array<Array<Date>>} asOf 统计日期(如 TODAY())/ as-of date for unpaid orders (e.g. TODAY()).
 * @param {number} [days] COLLECTION_DAYS,默认30 / allowed days, default 30.
 * @param {number} [pointsPerDay] LATE_PTS_PER_DAY,默认1 / points per day late, default 1.
 * @param {number} [cap] LATE_CAP,留空不设上限 / cap per order, blank = none.
 * @param {string} [timeZone] TIME_ZONE,默认 Asia/Shanghai / the workbook's time zone.
 * @return {number|Array<Array<number|string>>} 扣分(负数)/ deduction (negative), or what to fix.
 * @customfunction
 */
export function LATE_COLLECTION_DEDUCTION(
  shipped: unknown,
  collected: unknown,
  asOf: unknown,
  days?: unknown,
  pointsPerDay?: unknown,
  cap?: unknown,
  timeZone?: unknown,
): SheetValue {
  return vectoriseCells([shipped, collected, asOf], [days, pointsPerDay, cap, timeZone], lateCollectionDeductionCell);
}

/**
 * 市场调研扣分(SC-19):按调研报告质量和效率酌情扣0–5分。
 * Market research deduction (SC-19): 0–5 points at the appraiser's discretion.
 * 例 / Example: =RESEARCH_DEDUCTION(I2:I) → 2 gives −2.
 *
 * @param {number|Array<Array<number>>} points 扣分(0–5)/ points to deduct (0–5).
 * @param {string} [range] RESEARCH_DEDUCTION_RANGE,默认 "0..5" / allowed range, default "0..5".
 * @return {number|Array<Array<number|string>>} 扣分(负数)/ deduction (negative), or what to fix.
 * @customfunction
 */
export function RESEARCH_DEDUCTION(points: unknown, range?: unknown): SheetValue {
  return vectoriseCells([points], [range], researchDeductionCell);
}

/**
 * 业务资料收集整理扣分(SC-20):每有一项或一次没做好扣2分。
 * Business records deduction (SC-20): −2 per item or occasion not done well.
 * 例 / Example: =RECORDS_DEDUCTION(J2:J) → 1 gives −2.
 *
 * @param {number|Array<Array<number>>} misses 未做好的项数/次数 / items or occasions not done well.
 * @param {number} [perMiss] RECORDS_MISS,默认2 / points per miss, default 2.
 * @return {number|Array<Array<number|string>>} 扣分(负数)/ deduction (negative), or what to fix.
 * @customfunction
 */
export function RECORDS_DEDUCTION(misses: unknown, perMiss?: unknown): SheetValue {
  return vectoriseCells([misses], [perMiss], recordsDeductionCell);
}

/**
 * 领导交办工作扣分(SC-21):每有1次没按时完成或不符合领导要求扣2分。
 * Assigned work deduction (SC-21): −2 per task late or not as the leader required.
 * 例 / Example: =ASSIGNED_WORK_DEDUCTION(K2:K) → 1 gives −2.
 *
 * @param {number|Array<Array<number>>} misses 未按时或未按要求完成的次数 / tasks late or not as required.
 * @param {number} [perMiss] TASK_MISS,默认2 / points per miss, default 2.
 * @return {number|Array<Array<number|string>>} 扣分(负数)/ deduction (negative), or what to fix.
 * @customfunction
 */
export function ASSIGNED_WORK_DEDUCTION(misses: unknown, perMiss?: unknown): SheetValue {
  return vectoriseCells([misses], [perMiss], assignedWorkDeductionCell);
}

/**
 * 组织纪律扣分(SC-22):每次违规违纪酌情扣2–5分;每人一行,每次违纪一格。
 * Discipline deduction (SC-22): 2–5 points per violation; one row per person, one cell per violation.
 * 例 / Example: =DISCIPLINE_DEDUCTION(L2:N) → a row with 3 gives −3.
 *
 * @param {number|Array<Array<number>>} violations 每次违纪扣分(2–5),横向排列 / points per violation across the row.
 * @param {string} [range] DISCIPLINE_RANGE,默认 "2..5" / points allowed per violation, default "2..5".
 * @return {number|Array<Array<number|string>>} 每人扣分(负数)/ deduction per person (negative), or what to fix.
 * @customfunction
 */
export function DISCIPLINE_DEDUCTION(violations: unknown, range?: unknown): SheetValue {
  return vectoriseRows([violations], [range], disciplineDeductionRow);
}

/**
 * 客户部主管考核分(SC-08 / AMB-09):基础分100 + 回款奖罚 + 各项扣分(负数),最低0分。
 * Customer department head score (SC-08 / AMB-09): base 100 + collection bonus/penalty + deductions (negative), floor 0.
 * 例 / Example: =CUSTOMER_HEAD_SCORE(B2:I) → 100 − 10 − 4 − 5 − 5 − 2 − 2 − 2 − 3 = 67.
 *
 * @param {number|Array<Array<number>>} parts 各加减分项,横向排列 / signed score parts across the row.
 * @param {number} [base] CUST_HEAD_BASE,默认100 / base score, default 100.
 * @param {number|string} [floor] CUST_HEAD_FLOOR,默认0;NONE 不设下限 / floor, default 0; NONE = no floor.
 * @param {number} [cap] CUST_HEAD_CAP,留空不设上限 / cap, blank = none.
 * @return {number|Array<Array<number|string>>} 考核分 / score, or what to fix.
 * @customfunction
 */
export function CUSTOMER_HEAD_SCORE(parts: unknown, base?: unknown, floor?: unknown, cap?: unknown): SheetValue {
  return vectoriseRows([parts], [base, floor, cap], customerHeadScoreRow);
}

// ─────────────── Information head and marketing head (信息主管、市场部主管), §3.3–3.4 ───────────────

/**
 * 加权评分(SC-23 / SC-24):各项评分(0–100)按权重加权;权重可写 INFO_HEAD(30/30/30/10)或 MARKETING_HEAD(70%×30/30/20/20 + 30%×30/30/40)。
 * Weighted rating score (SC-23 / SC-24): ratings (0–100) weighted; weights may be INFO_HEAD (30/30/30/10) or MARKETING_HEAD (70 % × 30/30/20/20 + 30 % × 30/30/40).
 * 例 / Example: =WEIGHTED_SCORE(B2:E, "INFO_HEAD") → 90, 80, 100, 70 gives 88; =WEIGHTED_SCORE(B2:H, "MARKETING_HEAD") → 86.4.
 *
 * @param {number|Array<Array<number>>} ratings 各项评分,每人一行 / item ratings, one person per row.
 * @param {number|string|Array<Array<number>>} weights 权重(一行,或每人一行),或预设名 / weights (one row, or one per person), or a preset name.
 * @param {string} [setting1] INFO_HEAD 后为 INFO_HEAD_WEIGHTS;MARKETING_HEAD 后为 MKT_HEAD_BLOCK_WEIGHTS / after INFO_HEAD: INFO_HEAD_WEIGHTS; after MARKETING_HEAD: MKT_HEAD_BLOCK_WEIGHTS.
 * @param {string} [setting2] MARKETING_HEAD 后为 MKT_HEAD_WORK_WEIGHTS / after MARKETING_HEAD: MKT_HEAD_WORK_WEIGHTS.
 * @param {string} [setting3] MARKETING_HEAD 后为 MKT_HEAD_QUALITY_WEIGHTS / after MARKETING_HEAD: MKT_HEAD_QUALITY_WEIGHTS.
 * @return {number|Array<Array<number|string>>} 加权得分 / weighted score, or what to fix.
 * @customfunction
 */
export function WEIGHTED_SCORE(ratings: unknown, weights: unknown, setting1?: unknown, setting2?: unknown, setting3?: unknown): SheetValue {
  return vectoriseRows([ratings, weights], [setting1, setting2, setting3], weightedScoreRow);
}

// ───────────── Objective-management appraisal (目标管理考核), spec §3.5 ─────────────

/**
 * 工作指标得分(SC-29):40分按当月任务数平均分配,每项按完成度(0–100%)得分;每人一行。
 * Work-indicator points (SC-29): 40 points shared equally by the month's tasks, each scored by completion (0–100 %); one person per row.
 * 例 / Example: =WORK_POINTS(B2:E) → 100 %, 100 %, 80 %, 50 % gives 10 + 10 + 8 + 5 = 33.
 *
 * @param {number|Array<Array<number>>} completions 各任务完成度,横向排列 / task completions across the row.
 * @param {number} [points] OBJ_WORK_POINTS,默认40 / points to share, default 40.
 * @return {number|Array<Array<number|string>>} 工作指标分 / work points, or what to fix.
 * @customfunction
 */
export function WORK_POINTS(completions: unknown, points?: unknown): SheetValue {
  return vectoriseRows([completions], [points], workPointsRow);
}

/**
 * 工作指标得分的来源(SC-29 / AMB-21 / AMB-69):有岗位考核分的主管按岗位分折算;否则按当月任务,40 × 完成度合计 ÷ 任务数(未评定的任务计0);没有任务时取直属上级直接打分。
 * Where the work-indicator points come from (SC-29 / AMB-21 / AMB-69): a head's post scorecard when there is one; else the month's tasks, 40 × sum of ratings ÷ tasks (an unrated task counts 0); with no task, the superior's direct score.
 * 例 / Example: =WORK_INDICATOR_POINTS(B2:B, C2:C, D2:D, E2:E, F2:F) → post score 102 gives 40; ratings 3.3 over 4 tasks give 33; no task and 30 typed gives 30.
 *
 * @param {string|Array<Array<string>>} employee 员工(每人一行,空白行不计)/ employee, one per row (blank rows stay blank).
 * @param {number|Array<Array<number>>} postScore 当月岗位考核分,没有留空 / the month's post score, blank if none.
 * @param {number|Array<Array<number>>} ratingSum 当月任务完成度合计(0.8 = 80%)/ sum of the month's task ratings (0.8 = 80 %).
 * @param {number|Array<Array<number>>} tasks 当月任务数 / number of tasks in the month.
 * @param {number|Array<Array<number>>} direct 直属上级直接打分(0–40),无任务时用 / the superior's direct 0–40, used with no task.
 * @param {string} [usage] POST_SCORECARD_USAGE:WORK_INDICATOR(默认)或 STANDALONE / reading: WORK_INDICATOR (default) or STANDALONE.
 * @param {number} [cap] POST_SCORE_CAP,默认100 / post score cap, default 100.
 * @param {number} [points] OBJ_WORK_POINTS,默认40 / work-indicator points, default 40.
 * @return {number|Array<Array<number|string>>} 工作指标分 / work points, or what to enter.
 * @customfunction
 */
export function WORK_INDICATOR_POINTS(
  employee: unknown,
  postScore: unknown,
  ratingSum: unknown,
  tasks: unknown,
  direct: unknown,
  usage?: unknown,
  cap?: unknown,
  points?: unknown,
): SheetValue {
  return vectoriseCells([employee, postScore, ratingSum, tasks, direct], [usage, cap, points], workIndicatorPointsCell);
}

/**
 * 行为指标得分(SC-30/33):作息考勤、办公纪律、组织行为、环境维护、团队意识、职业素养6项,每项1–5分,合计6–30。
 * Behaviour points (SC-30/33): six items (attendance, discipline, organizational behaviour, environment, teamwork, professionalism), each 1–5, total 6–30.
 * 例 / Example: =BEHAVIOUR_SCORE(B2:G) → 5, 4, 4, 5, 3, 4 gives 25.
 *
 * @param {number|Array<Array<number>>} r1 第1项评分,或6项横向区域 / rating 1, or all six across the row.
 * @param {number|Array<Array<number>>} [r2] 第2项 / rating 2.
 * @param {number|Array<Array<number>>} [r3] 第3项 / rating 3.
 * @param {number|Array<Array<number>>} [r4] 第4项 / rating 4.
 * @param {number|Array<Array<number>>} [r5] 第5项 / rating 5.
 * @param {number|Array<Array<number>>} [r6] 第6项 / rating 6.
 * @param {number} [points] OBJ_BEHAVIOUR_POINTS,行为指标满分,默认30 / behaviour points, default 30.
 * @param {string} [scale] BEHAVIOUR_SCALE,每项评分范围,默认 "1..5" / rating scale, default "1..5".
 * @return {number|Array<Array<number|string>>} 行为指标分 / behaviour points, or what to fix.
 * @customfunction
 */
export function BEHAVIOUR_SCORE(r1: unknown, r2?: unknown, r3?: unknown, r4?: unknown, r5?: unknown, r6?: unknown, points?: unknown, scale?: unknown): SheetValue {
  return vectoriseRows([r1, r2, r3, r4, r5, r6].filter((r) => r !== undefined), [points, scale], behaviourScoreRow);
}

/**
 * 公司经营业绩得分(SC-31 / AMB-20):当月实际完成业绩 ÷ 计划销售任务 × 40,完成率上限100%。
 * Company-performance points (SC-31 / AMB-20): actual ÷ plan × 40, ratio capped at 100 %.
 * 例 / Example: =COMPANY_POINTS(9000000, 10000000) → 36.
 *
 * @param {number|Array<Array<number>>} actual 当月实际完成业绩 / actual result.
 * @param {number|Array<Array<number>>} plan 当月计划销售任务,须大于0 / planned sales, > 0.
 * @param {number|string} [ratioCap] OBJ_COMPANY_RATIO_CAP,默认1;NONE 不设上限 / ratio cap, default 1; NONE = uncapped.
 * @param {number} [points] OBJ_COMPANY_POINTS,默认40 / points at 100 %, default 40.
 * @return {number|Array<Array<number|string>>} 公司经营业绩分 / company points, or what to fix.
 * @customfunction
 */
export function COMPANY_POINTS(actual: unknown, plan: unknown, ratioCap?: unknown, points?: unknown): SheetValue {
  return vectoriseCells([actual, plan], [ratioCap, points], companyPointsCell);
}

/**
 * 目标管理考核得分(SC-32 / AMB-19):工作 + 行为 + 公司业绩;权重合计110%,默认 ×100/110(NORMALIZE),保留1位小数。
 * Objective appraisal score (SC-32 / AMB-19): work + behaviour + company; the weights sum to 110 %, so by default × 100/110 (NORMALIZE), 1 decimal.
 * 例 / Example: =OBJECTIVE_SCORE(B2:B, C2:C, D2:D) → 33, 25, 36 gives 85.5 (B); with "CAP_100" or "LITERAL" 94 (A).
 *
 * @param {number|Array<Array<number>>} work 工作指标分(0–40)/ work points (0–40).
 * @param {number|Array<Array<number>>} behaviour 行为指标分(6–30)/ behaviour points (6–30).
 * @param {number|Array<Array<number>>} company 公司经营业绩分 / company points.
 * @param {string} [mode] OBJ_WEIGHT_MODE:NORMALIZE(默认)、CAP_100、LITERAL、CUSTOM / weight reading.
 * @param {number} [workWeight] CUSTOM 下工作权重,默认40 / work weight under CUSTOM, default 40.
 * @param {number} [behaviourWeight] CUSTOM 下行为权重,默认30 / behaviour weight under CUSTOM, default 30.
 * @param {number} [companyWeight] CUSTOM 下公司业绩权重,默认30 / company weight under CUSTOM, default 30.
 * @param {number} [decimals] SCORE_DECIMALS,默认1 / decimals, default 1.
 * @param {number} [workPoints] OBJ_WORK_POINTS,工作指标满分,默认40 / work maximum, default 40.
 * @param {number} [behaviourPoints] OBJ_BEHAVIOUR_POINTS,行为指标满分,默认30 / behaviour maximum, default 30.
 * @param {number} [companyPoints] OBJ_COMPANY_POINTS,公司业绩满分,默认40 / company maximum, default 40.
 * @param {string} [behaviourScale] BEHAVIOUR_SCALE,默认 "1..5" / behaviour rating scale, default "1..5".
 * @return {number|Array<Array<number|string>>} 考核得分 / score, or what to fix.
 * @customfunction
 */
export function OBJECTIVE_SCORE(
  work: unknown,
  behaviour: unknown,
  company: unknown,
  mode?: unknown,
  workWeight?: unknown,
  behaviourWeight?: unknown,
  companyWeight?: unknown,
  decimals?: unknown,
  workPoints?: unknown,
  behaviourPoints?: unknown,
  companyPoints?: unknown,
  behaviourScale?: unknown,
): SheetValue {
  return vectoriseCells(
    [work, behaviour, company],
    [mode, workWeight, behaviourWeight, companyWeight, decimals, workPoints, behaviourPoints, companyPoints, behaviourScale],
    objectiveScoreCell,
  );
}

/**
 * 考核等级(SC-36/43):A ≥ 90,B ≥ 70,C < 70(得分先保留1位小数);有不得评优情形的最高为B。
 * Appraisal grade (SC-36/43): A ≥ 90, B ≥ 70, C below (score rounded to 1 decimal first); an exclusion caps the grade at B.
 * 例 / Example: =APPRAISAL_GRADE(E2:E, F2:F) → 85.5 gives "B"; 94 gives "A", or "B" when excluded.
 *
 * @param {number|Array<Array<number>>} score 考核得分 / score.
 * @param {boolean|Array<Array<boolean>>} [excluded] 不得评优(请假超标、旷工、处分未抵消)/ excluded from A (leave, absenteeism, sanction).
 * @param {string} [bands] GRADE_BANDS,各等级下限,默认 "A:90; B:70; C:0" / grade lower bounds, default "A:90; B:70; C:0".
 * @return {string|Array<Array<string>>} "A"、"B" 或 "C" / "A", "B" or "C", or what to fix.
 * @customfunction
 */
export function APPRAISAL_GRADE(score: unknown, excluded?: unknown, bands?: unknown): SheetValue {
  return vectoriseCells([score, excluded], [bands], appraisalGradeCell);
}

/**
 * 绩效工资(SC-37/39 / AMB-25):MIN(得分, 100) ÷ 100 × 绩效工资基数;未参加考核(得分空白)为0。
 * Performance pay (SC-37/39 / AMB-25): MIN(score, 100) ÷ 100 × performance-pay base; no appraisal (blank score) pays 0.
 * 例 / Example: =PERFORMANCE_PAY(E2:E, G2:G) → 85.5 and 2,000 gives 1,710.
 *
 * @param {number|Array<Array<number>>} score 考核得分 / score.
 * @param {number|Array<Array<number>>} base 绩效工资基数 / performance-pay base.
 * @return {number|Array<Array<number|string>>} 绩效工资(元)/ performance pay in yuan, or what to fix.
 * @customfunction
 */
export function PERFORMANCE_PAY(score: unknown, base: unknown): SheetValue {
  return vectoriseCells([score, base], [], performancePayCell);
}

/**
 * 部门绩效工资总额控制(SC-38 / AMB-25):本月全部门绩效工资合计不超过总额时为 TRUE。
 * Department pay pool (SC-38 / AMB-25): TRUE when the month's performance pay of the whole department stays within the pool.
 * 例 / Example: =PAY_POOL_WITHIN(H2:H, Settings!B5) → 1,710 + 2,000 + 1,800 within 6,000 gives TRUE.
 *
 * @param {number|Array<Array<number>>} pays 各人绩效工资 / each person's performance pay.
 * @param {number} pool 部门绩效工资总额 / the department's pay pool.
 * @return {boolean|string} TRUE 未超总额 / TRUE when within the pool, or what to fix.
 * @customfunction
 */
export function PAY_POOL_WITHIN(pays: unknown, pool: unknown): SheetValue {
  return toSheet(payPoolWithinCells(pays, pool));
}

/**
 * 月度优秀员工资格(SC-48 / AMB-30):月度等级为A、无不得评优情形,且工作 ≥36、行为 ≥27、公司业绩 ≥36(各达满分的90%)。
 * Monthly best-employee eligibility (SC-48 / AMB-30): monthly grade A, no exclusion, and work ≥ 36, behaviour ≥ 27, company ≥ 36 (90 % of each maximum).
 * 例 / Example: =BEST_EMPLOYEE_ELIGIBLE(B2:B, C2:C, D2:D, F2:F, G2:G) → 38, 28, 36, "A" gives TRUE.
 *
 * @param {number|Array<Array<number>>} work 工作指标分 / work points.
 * @param {number|Array<Array<number>>} behaviour 行为指标分 / behaviour points.
 * @param {number|Array<Array<number>>} company 公司经营业绩分 / company points.
 * @param {string|Array<Array<string>>} grade 月度等级 / monthly grade.
 * @param {boolean|Array<Array<boolean>>} [excluded] 不得评优 / excluded from A.
 * @return {boolean|Array<Array<boolean|string>>} TRUE 可参评 / TRUE when eligible, or what to fix.
 * @customfunction
 */
export function BEST_EMPLOYEE_ELIGIBLE(work: unknown, behaviour: unknown, company: unknown, grade: unknown, excluded?: unknown): SheetValue {
  return vectoriseCells([work, behaviour, company, grade, excluded], [], bestEmployeeEligibleCell);
}

/**
 * 月度优秀员工候选(SC-48 / AMB-30):每月月度A且各项均达满分90%者中最终得分最高者;显示评选范围与奖励,由人评定。
 * Monthly best-employee candidate (SC-48 / AMB-30): per month, the top final score among those graded A with every component at 90 %; shows the scope and reward; a person selects.
 * 例 / Example: =BEST_EMPLOYEE_FLAG(A2:A, R2:R, S2:S, T2:T, V2:V, U2:U) → the candidate's row shows the flag.
 *
 * @param {string|Array<Array<string>>} month 考核月份 / month (one column).
 * @param {number|Array<Array<number>>} work 工作指标分 / work points.
 * @param {number|Array<Array<number>>} behaviour 行为指标分 / behaviour points.
 * @param {number|Array<Array<number>>} company 公司经营业绩分 / company points.
 * @param {string|Array<Array<string>>} grade 月度等级 / monthly grade.
 * @param {number|Array<Array<number>>} finalScore 最终得分 / final score.
 * @param {number} [workPoints] OBJ_WORK_POINTS,默认40 / work maximum, default 40.
 * @param {number} [behaviourPoints] OBJ_BEHAVIOUR_POINTS,默认30 / behaviour maximum, default 30.
 * @param {number} [companyPoints] OBJ_COMPANY_POINTS,默认40 / company maximum, default 40.
 * @param {string} [scope] BEST_EMPLOYEE_SCOPE:DEPARTMENT(默认)或 COMPANY / selection scope.
 * @param {number} [reward] BEST_EMPLOYEE_REWARD,一次性加薪奖励(元)/ one-time raise reward in yuan.
 * @return {Array<Array<string>>} 候选人的标记,其他为空 / the candidate's flag, blank otherwise.
 * @customfunction
 */
export function BEST_EMPLOYEE_FLAG(
  month: unknown,
  work: unknown,
  behaviour: unknown,
  company: unknown,
  grade: unknown,
  finalScore: unknown,
  workPoints?: unknown,
  behaviourPoints?: unknown,
  companyPoints?: unknown,
  scope?: unknown,
  reward?: unknown,
): SheetValue {
  return vectoriseColumns([month, work, behaviour, company, grade, finalScore], [workPoints, behaviourPoints, companyPoints, scope, reward], bestEmployeeFlagColumn);
}

// ───────────────────────── Annual appraisal (年度考核), spec §3.6 ─────────────────────────

/**
 * 年度等级(SC-40/41/43):月度 A=2、B=1、C=0 分累计,≥18 为A,≥12 为B,否则C;不足12个月按比例折算;有不得评优情形的最高为B。
 * Annual grade (SC-40/41/43): monthly A = 2, B = 1, C = 0 summed; ≥ 18 A, ≥ 12 B, else C; fewer than 12 months pro rata; an exclusion caps at B.
 * 例 / Example: =ANNUAL_GRADE(B2:M) → 9 A + 3 B = 21 gives "A"; 6 A + 5 B + 1 C = 17 gives "B".
 *
 * @param {string|Array<Array<string>>} monthlyGrades 12个月度等级,横向排列,未考核留空 / monthly grades across the row, blank = not appraised.
 * @param {boolean|Array<Array<boolean>>} [excluded] 不得评优 / excluded from A.
 * @param {boolean} [prorate] ANNUAL_PRORATE,默认 TRUE / scale short years, default TRUE.
 * @param {string} [bands] ANNUAL_GRADE_BANDS,累计分下限,默认 "A:18; B:12; C:0" / points-sum lower bounds, default "A:18; B:12; C:0".
 * @return {string|Array<Array<string>>} "A"、"B" 或 "C" / "A", "B" or "C", or what to fix.
 * @customfunction
 */
export function ANNUAL_GRADE(monthlyGrades: unknown, excluded?: unknown, prorate?: unknown, bands?: unknown): SheetValue {
  return vectoriseRows([monthlyGrades, excluded], [prorate, bands], annualGradeRow);
}

/**
 * 年度考核得分(SC-45 / AMB-27):0.5 × 月度平均分 + 0.25 × 民主测评平均分 + 0.25 × 直属上级测评分,保留1位小数。
 * Annual score (SC-45 / AMB-27): 0.5 × average monthly score + 0.25 × average peer rating + 0.25 × superior's rating, 1 decimal.
 * 例 / Example: =ANNUAL_SCORE(B2:M, N2:N, O2:O) → 86, 80, 90 gives 85.5.
 *
 * @param {number|Array<Array<number>>} monthlyScores 月度得分,横向排列 / monthly scores across the row.
 * @param {number|Array<Array<number>>} peer 民主测评分(0–100,可多格取平均)/ peer rating(s) 0–100, averaged.
 * @param {number|Array<Array<number>>} supervisor 直属上级测评分(0–100)/ superior's rating (0–100).
 * @param {number} [historyWeight] ANNUAL_HISTORY_WEIGHT,默认0.5 / history weight, default 0.5.
 * @param {number} [peerWeight] ANNUAL_PEER_WEIGHT,默认0.25 / peer weight, default 0.25.
 * @param {number} [supervisorWeight] ANNUAL_SUPERVISOR_WEIGHT,默认0.25 / superior weight, default 0.25.
 * @return {number|Array<Array<number|string>>} 年度得分 / annual score, or what to fix.
 * @customfunction
 */
export function ANNUAL_SCORE(
  monthlyScores: unknown,
  peer: unknown,
  supervisor: unknown,
  historyWeight?: unknown,
  peerWeight?: unknown,
  supervisorWeight?: unknown,
): SheetValue {
  return vectoriseRows([monthlyScores, peer, supervisor], [historyWeight, peerWeight, supervisorWeight], annualScoreRow);
}

/**
 * 可申请加薪(SC-46 / AMB-28):默认读法为任意连续10个月中至少9个A;仅作提示,由人决定。
 * May apply for a raise (SC-46 / AMB-28): by default an A in at least 9 of some 10 consecutive months; a flag only, a person decides.
 * 例 / Example: =RAISE_ELIGIBLE(B2:M) → A A A A B A A A A A gives TRUE.
 *
 * @param {string|Array<Array<string>>} monthlyGrades 月度等级,按时间从左到右 / monthly grades, oldest first, across the row.
 * @param {string} [rule] RAISE_RULE:9_OF_10_CONSECUTIVE(默认)、9_CONSECUTIVE、9_CONSECUTIVE_OR_10_CUMULATIVE / reading.
 * @return {boolean|Array<Array<boolean|string>>} TRUE 可申请 / TRUE when the person may apply, or what to fix.
 * @customfunction
 */
export function RAISE_ELIGIBLE(monthlyGrades: unknown, rule?: unknown): SheetValue {
  return vectoriseRows([monthlyGrades], [rule], raiseEligibleRow);
}

/**
 * 降职/降薪/解聘提示(SC-47 / AMB-29):连续6个月C,或滚动12个月内累计9个月C;仅作提示,由人决定。
 * Demotion flag (SC-47 / AMB-29): C for 6 consecutive months, or 9 C within 12 rolling months; a flag only, a person decides.
 * 例 / Example: =DEMOTION_FLAG(B2:Y) → six C in a row gives TRUE.
 *
 * @param {string|Array<Array<string>>} monthlyGrades 月度等级,按时间从左到右 / monthly grades, oldest first, across the row.
 * @param {number} [windowMonths] C_CUMULATIVE_WINDOW_MONTHS,默认12;0 = 自入职起 / rolling window, default 12; 0 = since hire.
 * @param {string} [rule] DEMOTE_RULE,默认 "consecutive:6; cumulative:9" / months of C in a row and in total.
 * @return {boolean|Array<Array<boolean|string>>} TRUE 需复核 / TRUE when flagged, or what to fix.
 * @customfunction
 */
export function DEMOTION_FLAG(monthlyGrades: unknown, windowMonths?: unknown, rule?: unknown): SheetValue {
  return vectoriseRows([monthlyGrades], [windowMonths, rule], demotionFlagRow);
}

/**
 * 考核提示及原因(SC-43 / SC-55 / SC-44):不得评为优秀(请假超标、旷工、警告以上处分未抵消);试用期(结果决定是否转正);不参加年度考核(试用、复职未满3个月、停薪留职、当年记过以上)。逐条列出规则编号与原因,由人决定。
 * Appraisal flags with their reasons (SC-43 / SC-55 / SC-44): may not be rated A (leave over the allowance, absenteeism, an open sanction); on probation (the results decide hiring); not in the annual appraisal (probationer, reinstated < 3 months, unpaid leave, demerit this year). Each flag names its rule; a person decides.
 * 例 / Example: =APPRAISAL_FLAGS(B2:B, C2:C, D2:D, E2:E, F2:F, G2:G, H2:H, I2:I, A2:A) → an absence gives "SC-43 不得评为优秀(A):有旷工记录 / SC-43 may not be rated A: absenteeism".
 *
 * @param {string|Array<Array<string>>} employee 员工(每人一行,空白行不计)/ employee, one per row (blank rows stay blank).
 * @param {boolean|Array<Array<boolean>>} leaveOver 请假超过允许天数 / leave over the allowance.
 * @param {boolean|Array<Array<boolean>>} absenteeism 有旷工记录 / absenteeism.
 * @param {boolean|Array<Array<boolean>>} openSanction 警告以上处分未抵消 / a warning or heavier sanction not offset.
 * @param {boolean|Array<Array<boolean>>} probationer 试用人员 / probationer.
 * @param {boolean|Array<Array<boolean>>} unpaidLeave 停薪留职 / on unpaid leave.
 * @param {Date|Array<Array<Date>>} reinstated 复职日期,未复职留空 / reinstatement date, blank if none.
 * @param {boolean|Array<Array<boolean>>} demerit 当年记过以上处分 / demerit or heavier this year.
 * @param {string|number|Array<Array<string|number>>} year 考核年度或月份(2026、2026-10)/ appraisal year or month (2026, 2026-10).
 * @param {string} [timeZone] TIME_ZONE,默认 Asia/Shanghai / the workbook's time zone.
 * @param {Date|Array<Array<Date>>} [probationEnd] 试用期满日期,未填留空 / the probation end date from People, blank if none.
 * @param {Date|Array<Array<Date>>} [extendedTo] 延长试用至,未延长留空 / the probation extension date, blank if none.
 * @param {Date|Array<Array<Date>>} [hireDate] 入职日期 / hire date (with no end date, probation runs PROBATION_DEFAULT_MONTHS from it).
 * @param {number} [defaultMonths] PROBATION_DEFAULT_MONTHS,默认3 / default probation in months, default 3.
 * @param {string} [coDeciderRole] PROBATION_CO_DECIDER_ROLE,默认 admin(行政部)/ the People role deciding the probation outcome with the direct leader, default admin.
 * @return {string|Array<Array<string>>} 提示及原因,以“; ”分隔;无则为空 / the flags joined by "; ", or "".
 * @customfunction
 */
export function APPRAISAL_FLAGS(
  employee: unknown,
  leaveOver: unknown,
  absenteeism: unknown,
  openSanction: unknown,
  probationer: unknown,
  unpaidLeave: unknown,
  reinstated: unknown,
  demerit: unknown,
  year: unknown,
  timeZone?: unknown,
  probationEnd?: unknown,
  extendedTo?: unknown,
  hireDate?: unknown,
  defaultMonths?: unknown,
  coDeciderRole?: unknown,
): SheetValue {
  return vectoriseCells([employee, leaveOver, absenteeism, openSanction, probationer, unpaidLeave, reinstated, demerit, year], [timeZone, probationEnd, extendedTo, hireDate, defaultMonths, coDeciderRole], appraisalFlagsCell);
}

/**
 * 年度考核资格(SC-44 / AMB-33):试用人员、复职未满3个月(以12月31日计)、停薪留职、当年记过以上处分者不参加年度考核,也不参与年度排名。
 * Annual appraisal eligibility (SC-44 / AMB-33): probationers, staff reinstated under 3 months (as of 31 Dec), on unpaid leave, or given a demerit this year are not appraised or ranked.
 * 例 / Example: =ANNUAL_ELIGIBLE(A2:A, B2:B, C2:C, D2:D, E2:E, 2026) → reinstated 1 Oct 2026 gives TRUE, 2 Oct FALSE.
 *
 * @param {string|Array<Array<string>>} employee 员工(每人一行)/ employee, one per row.
 * @param {boolean|Array<Array<boolean>>} probationer 试用人员 / probationer.
 * @param {Date|Array<Array<Date>>} reinstated 复职日期,未复职留空 / reinstatement date, blank if none.
 * @param {boolean|Array<Array<boolean>>} unpaidLeave 停薪留职 / on unpaid leave.
 * @param {boolean|Array<Array<boolean>>} demerit 当年记过以上处分 / demerit or heavier this year.
 * @param {number|Array<Array<number>>} year 考核年度 / appraisal year.
 * @param {string} [timeZone] TIME_ZONE,默认 Asia/Shanghai / the workbook's time zone.
 * @return {boolean|Array<Array<boolean|string>>} TRUE 可参加 / TRUE when eligible, or what to fix.
 * @customfunction
 */
export function ANNUAL_ELIGIBLE(
  employee: unknown,
  probationer: unknown,
  reinstated: unknown,
  unpaidLeave: unknown,
  demerit: unknown,
  year: unknown,
  timeZone?: unknown,
): SheetValue {
  return vectoriseCells([employee, probationer, reinstated, unpaidLeave, demerit, year], [timeZone], annualEligibleCell);
}

/**
 * 年度结果需复核的情形(SC-42 / SC-51 / AMB-65):年度C(调整岗位和薪酬或解聘)、年度总分50分以下(含50分,解雇);逐条列出,由人决定。
 * Annual consequences to review (SC-42 / SC-51 / AMB-65): annual C (change post and pay, or dismiss) and an annual score of 50 or less (dismiss); every flag listed, a person decides.
 * 例 / Example: =ANNUAL_REVIEW_FLAGS(N2:N, O2:O) → "C" and 45 list both flags; "B" and 72 give "".
 *
 * @param {string|Array<Array<string>>} annualGrade 年度等级 / annual grade.
 * @param {number|Array<Array<number>>} annualScore 年度考核得分 / annual score.
 * @param {number} [below] ANNUAL_DISMISS_BELOW,默认50(含本数)/ floor, inclusive, default 50.
 * @return {string|Array<Array<string>>} 触发的情形 / the flags triggered, or "".
 * @customfunction
 */
export function ANNUAL_REVIEW_FLAGS(annualGrade: unknown, annualScore: unknown, below?: unknown): SheetValue {
  return vectoriseCells([annualGrade, annualScore], [below], annualReviewFlagsCell);
}

/**
 * 同级别第一名(SC-50):全公司同级别岗位年度得分第一名可申请加薪;级别列留空则全公司一起排。
 * First place (SC-50): the top annual score among same-level posts company-wide may apply for a raise; a blank level means one company-wide pool.
 * 例 / Example: =TOP_RANK_FLAG(O2:O, P2:P) → the highest score of each post level gives TRUE.
 *
 * @param {number|Array<Array<number>>} annualScores 年度得分(一列,空白不参与排名)/ annual scores (one column; blank = not ranked).
 * @param {string|Array<Array<string>>} [postLevels] 岗位级别(一列)/ post levels (one column).
 * @return {Array<Array<boolean|string>>} TRUE 第一名 / TRUE for first place.
 * @customfunction
 */
export function TOP_RANK_FLAG(annualScores: unknown, postLevels?: unknown): SheetValue {
  return vectoriseColumns(postLevels === undefined ? [annualScores] : [annualScores, postLevels], [], topRankFlagColumn);
}

/**
 * 总监/副总监排名提示(SC-52):年度得分最后一名,或连续两年倒数第二名,提示降职或解雇;由人决定。
 * Director ranking flag (SC-52): last place this year, or second-to-last two years running, flagged for demotion or dismissal; a person decides.
 * 例 / Example: =DIRECTOR_RANK_FLAG(O2:O, Q2:Q) → the lowest of this year's scores gives TRUE.
 *
 * @param {number|Array<Array<number>>} annualScores 今年年度得分(一列)/ this year's annual scores (one column).
 * @param {number|Array<Array<number>>} previousScores 去年年度得分(同一人同一行)/ last year's scores, same person per row.
 * @param {string} [rule] DIRECTOR_LAST_RULE,默认 "last:1; second_last:2"(年数,1或2)/ years in each place, 1 or 2.
 * @return {Array<Array<boolean|string>>} TRUE 需复核 / TRUE when flagged.
 * @customfunction
 */
export function DIRECTOR_RANK_FLAG(annualScores: unknown, previousScores: unknown, rule?: unknown): SheetValue {
  return vectoriseColumns([annualScores, previousScores], [rule], directorRankFlagColumn);
}

/**
 * 末位提示(SC-53 / AMB-31):全公司普通员工年度得分最后5名提示解雇;人数不超过10人时不提示;由人决定。
 * Bottom-five flag (SC-53 / AMB-31): the last 5 ordinary employees company-wide by annual score are flagged; off for 10 or fewer; a person decides.
 * 例 / Example: =BOTTOM_N_FLAG(O2:O) → the 5 lowest of 12 scores give TRUE.
 *
 * @param {number|Array<Array<number>>} annualScores 普通员工年度得分(一列,空白不参与排名)/ ordinary employees' annual scores (one column; blank = not ranked).
 * @param {number} [n] BOTTOM_N,默认5 / how many, default 5.
 * @return {Array<Array<boolean|string>>} TRUE 需复核 / TRUE when flagged.
 * @customfunction
 */
export function BOTTOM_N_FLAG(annualScores: unknown, n?: unknown): SheetValue {
  return vectoriseColumns([annualScores], [n], bottomNFlagColumn);
}

/**
 * 申诉时限(SC-54 / AMB-34):考核结果公布后一周(7个日历日)内书面申诉为 TRUE。
 * Appeal window (SC-54 / AMB-34): TRUE when the written appeal came within one week (7 calendar days) of publication.
 * 例 / Example: =APPEAL_IN_TIME(B2:B, C2:C) → published 7 April, appealed 14 April gives TRUE; 15 April FALSE.
 *
 * @param {Date|Array<Array<Date>>} published 结果公布日期 / publication date.
 * @param {Date|Array<Array<Date>>} appealed 申诉日期 / appeal date.
 * @param {number} [days] APPEAL_DAYS,默认7 / days allowed, default 7.
 * @param {string} [timeZone] TIME_ZONE,默认 Asia/Shanghai / the workbook's time zone.
 * @return {boolean|Array<Array<boolean|string>>} TRUE 在时限内 / TRUE when in time, or what to fix.
 * @customfunction
 */
export function APPEAL_IN_TIME(published: unknown, appealed: unknown, days?: unknown, timeZone?: unknown): SheetValue {
  return vectoriseCells([published, appealed], [days, timeZone], appealInTimeCell);
}

/**
 * 试用期(SC-55 / AMB-35):1–6个月,超过6个月须总经理批准;考核不合格延长试用最多30天。
 * Probation (SC-55 / AMB-35): 1–6 months, longer only with the GM's approval; an extension after a failed appraisal at most 30 days.
 * 例 / Example: =PROBATION_OK(B2:B, C2:C, D2:D) → 3 months gives TRUE; 8 months without approval FALSE.
 *
 * @param {number|Array<Array<number>>} months 试用期月数 / probation months.
 * @param {boolean|Array<Array<boolean>>} [gmApproved] 总经理批准 / approved by the GM.
 * @param {number|Array<Array<number>>} [extensionDays] 延长试用天数,留空为0 / extension days, blank = 0.
 * @param {number} [maxMonths] PROBATION_MAX_MONTHS,默认6 / longest probation, default 6.
 * @param {number} [maxExtensionDays] PROBATION_EXTENSION_MAX_DAYS,默认30 / longest extension, default 30.
 * @return {boolean|Array<Array<boolean|string>>} TRUE 符合规定 / TRUE when within the rules, or what to fix.
 * @customfunction
 */
export function PROBATION_OK(months: unknown, gmApproved?: unknown, extensionDays?: unknown, maxMonths?: unknown, maxExtensionDays?: unknown): SheetValue {
  return vectoriseCells([months, gmApproved, extensionDays], [maxMonths, maxExtensionDays], probationOkCell);
}

// ───────────────────────── Plans (计划分解), WF-01 / WF-22 ─────────────────────────

/**
 * 计划分解(WF-01.6 / WF-22.3):按一行权重把计划总额分到各期或各区域,按取整单位取整且合计严格等于总额(最大余数法)。
 * Plan split (WF-01.6 / WF-22.3): splits a plan total by the weights across the row into multiples of the unit that add up exactly (largest remainder).
 * 例 / Example: =PLAN_SPLIT(B2:B, C2:F, 10000) → 1,200,000 by 3, 3, 2, 2 gives 360,000, 360,000, 240,000, 240,000.
 *
 * @param {number|Array<Array<number>>} total 计划总额 / plan total.
 * @param {number|Array<Array<number>>} weights 分解权重,横向排列(一行共用或每行一组)/ weights across the row (one shared row, or one per row).
 * @param {number} [unit] 取整单位,默认1元 / rounding unit, default 1 yuan.
 * @return {Array<Array<number|string>>} 各部分金额,横向排列 / the parts across the row, or what to fix.
 * @customfunction
 */
export function PLAN_SPLIT(total: unknown, weights: unknown, unit?: unknown): SheetValue {
  return vectoriseRows([total, weights], [unit], planSplitRow);
}

// ───────────────────────── Work standards (工作标准), spec §4 ─────────────────────────

/**
 * 文员标准(KPI-02):每月5日前(含5日)整理一次文件夹。
 * Clerk standard (KPI-02): folders tidied by the 5th of the month (inclusive).
 * 例 / Example: =FOLDERS_TIDIED_ON_TIME(B2:B) → 5 March gives TRUE, 6 March FALSE.
 *
 * @param {Date|Array<Array<Date>>} tidyDate 整理日期 / date the folders were tidied.
 * @param {number} [dueDay] KPI_FOLDER_TIDY_DAY,默认5 / due day of the month, default 5.
 * @param {string} [timeZone] TIME_ZONE,默认 Asia/Shanghai / the workbook's time zone.
 * @return {boolean|Array<Array<boolean|string>>} TRUE 达标 / TRUE when on time, or what to fix.
 * @customfunction
 */
export function FOLDERS_TIDIED_ON_TIME(tidyDate: unknown, dueDay?: unknown, timeZone?: unknown): SheetValue {
  return vectoriseCells([tidyDate], [dueDay, timeZone], foldersTidiedOnTimeCell);
}

/**
 * 文员标准(KPI-04):打印文件错字率(错字数 ÷ 抽查字数)不超过3‰。
 * Clerk standard (KPI-04): typo rate (typos ÷ characters checked) at most 3 ‰.
 * 例 / Example: =TYPO_RATE_OK(B2:B, C2:C) → 3 in 1,000 gives TRUE, 4 gives FALSE.
 *
 * @param {number|Array<Array<number>>} typos 错字数 / typos.
 * @param {number|Array<Array<number>>} charactersChecked 抽查字数 / characters checked.
 * @param {number} [maxRate] KPI_TYPO_RATE_MAX,默认0.003 / maximum rate, default 0.003.
 * @return {boolean|Array<Array<boolean|string>>} TRUE 达标 / TRUE when within the limit, or what to fix.
 * @customfunction
 */
export function TYPO_RATE_OK(typos: unknown, charactersChecked: unknown, maxRate?: unknown): SheetValue {
  return vectoriseCells([typos, charactersChecked], [maxRate], typoRateOkCell);
}

/**
 * 文员标准(KPI-05):会员卡损耗率(损耗数 ÷ 发放数)不超过5%。
 * Clerk standard (KPI-05): member-card loss rate (lost ÷ issued) at most 5 %.
 * 例 / Example: =CARD_LOSS_OK(B2:B, C2:C) → 5 of 100 gives TRUE, 6 gives FALSE.
 *
 * @param {number|Array<Array<number>>} cardsLost 损耗会员卡数 / cards lost or damaged.
 * @param {number|Array<Array<number>>} cardsIssued 发放会员卡数 / cards issued.
 * @param {number} [maxRate] KPI_CARD_LOSS_MAX,默认0.05 / maximum rate, default 0.05.
 * @param {boolean} [enabled] ENABLE_HOTEL_KPIS,默认TRUE;FALSE 时留空不评 / hotel standards on, default TRUE; FALSE leaves the cell blank.
 * @return {boolean|Array<Array<boolean|string>>} TRUE 达标 / TRUE when within the limit, or what to fix.
 * @customfunction
 */
export function CARD_LOSS_OK(cardsLost: unknown, cardsIssued: unknown, maxRate?: unknown, enabled?: unknown): SheetValue {
  return vectoriseCells([cardsLost, cardsIssued], [maxRate, enabled], cardLossOkCell);
}

/**
 * 销售人员标准(KPI-07):每周上门访问客户8家、电话访问客户30家。
 * Sales standard (KPI-07): 8 on-site and 30 phone customer visits a week.
 * 例 / Example: =WEEKLY_VISITS_MET(C2:C, D2:D) → 8 and 30 gives TRUE; 7 and 40 FALSE.
 *
 * @param {number|Array<Array<number>>} onsite 本周上门访问客户数 / on-site visits this week.
 * @param {number|Array<Array<number>>} phone 本周电话访问客户数 / phone visits this week.
 * @param {number} [minOnsite] KPI_WEEKLY_ONSITE_VISITS,默认8 / on-site minimum, default 8.
 * @param {number} [minPhone] KPI_WEEKLY_PHONE_VISITS,默认30 / phone minimum, default 30.
 * @return {boolean|Array<Array<boolean|string>>} TRUE 达标 / TRUE when met, or what to fix.
 * @customfunction
 */
export function WEEKLY_VISITS_MET(onsite: unknown, phone: unknown, minOnsite?: unknown, minPhone?: unknown): SheetValue {
  return vectoriseCells([onsite, phone], [minOnsite, minPhone], weeklyVisitsMetCell);
}

/**
 * 销售人员标准(KPI-08):每月至少开发新客户一家。
 * Sales standard (KPI-08): at least 1 new customer a month.
 * 例 / Example: =NEW_CUSTOMER_MET(E2:E) → 1 gives TRUE, 0 FALSE.
 *
 * @param {number|Array<Array<number>>} newCustomers 本月新客户数 / new customers this month.
 * @param {number} [minimum] KPI_MONTHLY_NEW_CUSTOMERS,默认1 / minimum, default 1.
 * @return {boolean|Array<Array<boolean|string>>} TRUE 达标 / TRUE when met, or what to fix.
 * @customfunction
 */
export function NEW_CUSTOMER_MET(newCustomers: unknown, minimum?: unknown): SheetValue {
  return vectoriseCells([newCustomers], [minimum], newCustomerMetCell);
}

/**
 * 销售人员标准(KPI-09):每周收集竞争对手信息2次并书面汇报。
 * Sales standard (KPI-09): 2 written competitor reports a week.
 * 例 / Example: =COMPETITOR_REPORTS_MET(F2:F) → 2 gives TRUE, 1 FALSE.
 *
 * @param {number|Array<Array<number>>} reports 本周书面汇报次数 / written competitor reports this week.
 * @param {number} [minimum] KPI_WEEKLY_COMPETITOR_REPORTS,默认2 / minimum, default 2.
 * @return {boolean|Array<Array<boolean|string>>} TRUE 达标 / TRUE when met, or what to fix.
 * @customfunction
 */
export function COMPETITOR_REPORTS_MET(reports: unknown, minimum?: unknown): SheetValue {
  return vectoriseCells([reports], [minimum], competitorReportsMetCell);
}

/**
 * 销售人员标准(KPI-10):客户档案至少每月更新一次;超过1个月未更新为 TRUE(需更新)。
 * Sales standard (KPI-10): customer files updated at least monthly; TRUE when more than a month old (stale).
 * 例 / Example: =CUSTOMER_FILE_STALE(G2:G, TODAY()) → updated 31 Jan, on 1 Mar gives TRUE.
 *
 * @param {Date|Array<Array<Date>>} lastUpdate 档案最后更新日期 / last update date.
 * @param {Date|Array<Array<Date>>} asOf 统计日期(如 TODAY())/ as-of date (e.g. TODAY()).
 * @param {number} [months] KPI_FILE_UPDATE_MONTHS,默认1 / months allowed, default 1.
 * @param {string} [timeZone] TIME_ZONE,默认 Asia/Shanghai / the workbook's time zone.
 * @return {boolean|Array<Array<boolean|string>>} TRUE 档案过期 / TRUE when stale, or what to fix.
 * @customfunction
 */
export function CUSTOMER_FILE_STALE(lastUpdate: unknown, asOf: unknown, months?: unknown, timeZone?: unknown): SheetValue {
  return vectoriseCells([lastUpdate, asOf], [months, timeZone], customerFileStaleCell);
}

/**
 * 客户分类(KPI-44、KPI-50、AMB-58):未成交为潜在客户;统计期(默认12个月)内成交≥6单且份额≥50%(档案有份额时)为忠诚客户;成交≥3单,或有成交且份额≥20%,为紧密型客户;其余已成交客户为松散型客户。
 * Customer class (KPI-44, KPI-50, AMB-58): no purchase yet is potential; ≥ 6 shipped orders in the window (12 months) and a share ≥ 50 % (where recorded) is loyal; ≥ 3 orders, or an order and a share ≥ 20 %, is close; any other customer who bought is loose.
 * 例 / Example: =CUSTOMER_CLASS(A2:A, L2:L, H2:H, 'Orders'!B2:B, 'Orders'!O2:O, TODAY()) → "忠诚客户 Loyal" for 8 orders this year at 60 %.
 *
 * @param {string|Array<Array<string>>} ids 客户编号列 / the customer IDs (one per row).
 * @param {Date|Array<Array<Date>>} firstDeals 首次成交日期列 / first deal dates (blank = none).
 * @param {number|Array<Array<number>>} shares 市场份额列(0–1,可空)/ our share of the customer's purchases (0–1, may be blank).
 * @param {Array<Array<string>>} orderCustomers 订单表的客户列 / the Orders sheet's customer column.
 * @param {Array<Array<Date>>} orderShippedOn 订单表的发货日期列 / the Orders sheet's shipment dates.
 * @param {Date} asOf 统计日期(如 TODAY())/ as-of date (e.g. TODAY()).
 * @param {number} [windowMonths] CUSTOMER_CLASS_WINDOW_MONTHS,默认12 / months counted, default 12.
 * @param {number} [loyalOrders] CUSTOMER_LOYAL_ORDERS,默认6 / loyal: orders at least, default 6.
 * @param {number} [loyalShare] CUSTOMER_LOYAL_SHARE,默认0.5 / loyal: share at least, default 0.5.
 * @param {number} [closeOrders] CUSTOMER_CLOSE_ORDERS,默认3 / close: orders at least, default 3.
 * @param {number} [closeShare] CUSTOMER_CLOSE_SHARE,默认0.2 / close: share at least, default 0.2.
 * @param {string} [timeZone] TIME_ZONE,默认 Asia/Shanghai / the workbook's time zone.
 * @return {Array<Array<string>>} 每行的客户分类 / each row's class, or what to fix.
 * @customfunction
 */
export function CUSTOMER_CLASS(
  ids: unknown,
  firstDeals: unknown,
  shares: unknown,
  orderCustomers: unknown,
  orderShippedOn: unknown,
  asOf: unknown,
  windowMonths?: unknown,
  loyalOrders?: unknown,
  loyalShare?: unknown,
  closeOrders?: unknown,
  closeShare?: unknown,
  timeZone?: unknown,
): SheetValue {
  return vectoriseColumns([ids, firstDeals, shares], [orderCustomers, orderShippedOn, asOf, windowMonths, loyalOrders, loyalShare, closeOrders, closeShare, timeZone], customerClassColumn);
}

/**
 * 客户最近一次活动(WF-12.3、KPI-10):每个客户在拜访与竞品表中所列类型活动的最近日期;给出档案日期列时取两者较晚者。
 * A customer's latest activity (WF-12.3, KPI-10): the latest date of an activity of the types named in Activities; with the file's own date column, whichever is later.
 * 例 / Example: =CUSTOMER_LAST_ACTIVITY(A2:A, 'Activities'!D2:D, 'Activities'!B2:B, 'Activities'!E2:E, "onsite, phone, return_visit") → the last visit.
 *
 * @param {string|Array<Array<string>>} ids 客户编号列 / the customer IDs (one per row).
 * @param {Array<Array<string>>} activityCustomers 活动表的客户列 / the Activities sheet's customer column.
 * @param {Array<Array<Date>>} activityDates 活动表的日期列 / the Activities sheet's dates.
 * @param {Array<Array<string>>} activityTypes 活动表的类型列 / the Activities sheet's types.
 * @param {string} types 要找的类型,如 "onsite, phone, return_visit" 或 "file_update" / the types to look for.
 * @param {Date|Array<Array<Date>>} [ownDates] 档案自身的日期列(如档案更新日期),可空 / the file's own date column (e.g. file updated on), optional.
 * @param {string} [timeZone] TIME_ZONE,默认 Asia/Shanghai / the workbook's time zone.
 * @return {Array<Array<Date>>} 每行的最近日期,无记录为空 / each row's latest day, blank when none.
 * @customfunction
 */
export function CUSTOMER_LAST_ACTIVITY(ids: unknown, activityCustomers: unknown, activityDates: unknown, activityTypes: unknown, types: unknown, ownDates?: unknown, timeZone?: unknown): SheetValue {
  return vectoriseColumns([ids], [activityCustomers, activityDates, activityTypes, types, ownDates, timeZone], customerLastActivityColumn);
}

/**
 * 客户拜访是否按期(WF-12.3、AMB-58):按客户分类的拜访间隔(CUSTOMER_VISIT_DAYS,默认忠诚14天、紧密型30天、松散型60天、潜在30天)给出按期、逾期天数或从未拜访。
 * Whether a customer's visits are on schedule (WF-12.3, AMB-58): by its class's interval (CUSTOMER_VISIT_DAYS, default loyal 14, close 30, loose 60, potential 30 days): on schedule, overdue by how many days, or never visited.
 * 例 / Example: =CUSTOMER_VISIT_DUE(R2:R, S2:S, TODAY()) → a loyal customer last visited 1 Nov gives "按期…下次最迟 2026-11-15" until 15 Nov.
 *
 * @param {string|Array<Array<string>>} customerClass 客户分类 / the customer's class.
 * @param {Date|Array<Array<Date>>} lastVisit 最近拜访日期(空 = 从未拜访)/ last visit date (blank = never).
 * @param {Date} asOf 统计日期(如 TODAY())/ as-of date (e.g. TODAY()).
 * @param {string} [visitDays] CUSTOMER_VISIT_DAYS,默认 loyal:14; close:30; loose:60; potential:30 / days between visits per class.
 * @param {string} [timeZone] TIME_ZONE,默认 Asia/Shanghai / the workbook's time zone.
 * @return {string|Array<Array<string>>} 拜访状态 / the visit status, or what to fix.
 * @customfunction
 */
export function CUSTOMER_VISIT_DUE(customerClass: unknown, lastVisit: unknown, asOf: unknown, visitDays?: unknown, timeZone?: unknown): SheetValue {
  return vectoriseCells([customerClass, lastVisit, asOf], [visitDays, timeZone], customerVisitDueCell);
}

/**
 * 销售人员标准(KPI-11/12):新协议、新会员资料须当天录入电脑。
 * Sales standard (KPI-11/12): new agreements and new member data are entered the same day.
 * 例 / Example: =SAME_DAY_ENTRY(H2:H, I2:I) → signed and entered on 2 March gives TRUE.
 *
 * @param {Date|Array<Array<Date>>} eventDate 签订/入会日期 / signing or joining date.
 * @param {Date|Array<Array<Date>>} entryDate 录入日期 / entry date.
 * @param {string} [timeZone] TIME_ZONE,默认 Asia/Shanghai / the workbook's time zone.
 * @return {boolean|Array<Array<boolean|string>>} TRUE 当天录入 / TRUE when entered the same day, or what to fix.
 * @customfunction
 */
export function SAME_DAY_ENTRY(eventDate: unknown, entryDate: unknown, timeZone?: unknown): SheetValue {
  return vectoriseCells([eventDate, entryDate], [timeZone], sameDayEntryCell);
}

/**
 * 销售人员标准(KPI-13):会议预订单须在会议开始前三天发送到有关部门。
 * Sales standard (KPI-13): meeting booking forms sent 3 days before the meeting starts.
 * 例 / Example: =BOOKING_SENT_ON_TIME(J2:J, K2:K) → sent 7 May for 10 May gives TRUE.
 *
 * @param {Date|Array<Array<Date>>} sentDate 发送日期 / date sent.
 * @param {Date|Array<Array<Date>>} meetingStart 会议开始日期 / meeting start date.
 * @param {number} [leadDays] KPI_BOOKING_LEAD_DAYS,默认3 / days ahead, default 3.
 * @param {string} [timeZone] TIME_ZONE,默认 Asia/Shanghai / the workbook's time zone.
 * @param {boolean} [enabled] ENABLE_HOTEL_KPIS,默认TRUE;FALSE 时留空不评 / hotel standards on, default TRUE; FALSE leaves the cell blank.
 * @return {boolean|Array<Array<boolean|string>>} TRUE 按时 / TRUE when on time, or what to fix.
 * @customfunction
 */
export function BOOKING_SENT_ON_TIME(sentDate: unknown, meetingStart: unknown, leadDays?: unknown, timeZone?: unknown, enabled?: unknown): SheetValue {
  return vectoriseCells([sentDate, meetingStart], [leadDays, timeZone, enabled], bookingSentOnTimeCell);
}

/**
 * 销售人员标准(KPI-14):不得引起客人投诉。
 * Sales standard (KPI-14): no guest complaints.
 * 例 / Example: =NO_GUEST_COMPLAINTS(L2:L) → 0 gives TRUE.
 *
 * @param {number|Array<Array<number>>} complaints 客人投诉次数 / guest complaints.
 * @return {boolean|Array<Array<boolean|string>>} TRUE 无投诉 / TRUE when none, or what to fix.
 * @customfunction
 */
export function NO_GUEST_COMPLAINTS(complaints: unknown): SheetValue {
  return vectoriseCells([complaints], [], noGuestComplaintsCell);
}

/**
 * 工作总结(SC-34 / KPI-53):每周必须有工作总结,每月必须做工作总结;缺一即为 FALSE(本月考核不完整)。每人一行:各周标记,最后一格为月总结。
 * Work summaries (SC-34 / KPI-53): a summary every week and every month; FALSE (appraisal incomplete) when one is missing. One row per person: a mark per week, then the monthly one.
 * 例 / Example: =SUMMARIES_COMPLETE(A2:A, B2:E, F2:F) → four weekly marks and the monthly mark give TRUE.
 *
 * @param {string|Array<Array<string>>} employee 员工(每人一行)/ employee, one per row.
 * @param {boolean|Array<Array<boolean>>} weeklyMarks 各周总结标记,空白为未交 / weekly summary marks across the row; blank = missing.
 * @param {boolean|Array<Array<boolean>>} monthlyMark 月总结标记 / monthly summary mark.
 * @return {boolean|Array<Array<boolean|string>>} TRUE 齐全 / TRUE when all are in, or what to fix.
 * @customfunction
 */
export function SUMMARIES_COMPLETE(employee: unknown, weeklyMarks: unknown, monthlyMark: unknown): SheetValue {
  return vectoriseRows([employee, weeklyMarks, monthlyMark], [], summariesCompleteRow);
}

/**
 * 美工标准(KPI-17):促销活动结束后一天收回广告牌。
 * Artist standard (KPI-17): ad boards back within 1 day after the promotion ends.
 * 例 / Example: =BOARDS_BACK_ON_TIME(M2:M, N2:N) → ended 30 June, back 1 July gives TRUE.
 *
 * @param {Date|Array<Array<Date>>} promotionEnd 促销结束日期 / promotion end date.
 * @param {Date|Array<Array<Date>>} returned 广告牌收回日期 / date the boards were back.
 * @param {number} [days] KPI_BOARD_RETURN_DAYS,默认1 / days allowed, default 1.
 * @param {string} [timeZone] TIME_ZONE,默认 Asia/Shanghai / the workbook's time zone.
 * @return {boolean|Array<Array<boolean|string>>} TRUE 按时 / TRUE when on time, or what to fix.
 * @customfunction
 */
export function BOARDS_BACK_ON_TIME(promotionEnd: unknown, returned: unknown, days?: unknown, timeZone?: unknown): SheetValue {
  return vectoriseCells([promotionEnd, returned], [days, timeZone], boardsBackOnTimeCell);
}

// ─────────────── Work standards sheet (工作标准表), spec §4, RP-14 ───────────────

/**
 * 工作标准表的人员(KPI-07..10、KPI-17、KPI-55、RP-14):在职且岗位有工作标准的人员,按人员表顺序,每行:姓名、邮箱、岗位。
 * The people the Work standards sheet judges (KPI-07..10, KPI-17, KPI-55, RP-14): active people whose post has work standards, in People order; each row: name, email, post.
 * 例 / Example: =WORK_STANDARD_PEOPLE('人员 People'!A2:A, '人员 People'!B2:B, '人员 People'!C2:C, '人员 People'!S2:S) → 孔令辉 | kong.linghui@example.com | 销售人员 Sales staff.
 *
 * @param {Array<Array<string>>} names 人员表姓名列 / People names.
 * @param {Array<Array<string>>} emails 人员表邮箱列 / People emails.
 * @param {Array<Array<string>>} roles 人员表岗位列 / People posts.
 * @param {Array<Array<boolean>>} active 人员表在职列,空白为在职 / People active column; blank = active.
 * @return {Array<Array<string>>} 姓名、邮箱、岗位 / name, email, post.
 * @customfunction
 */
export function WORK_STANDARD_PEOPLE(names: unknown, emails: unknown, roles: unknown, active: unknown): SheetValue {
  return workStandardPeople(names, emails, roles, active);
}

/**
 * 本月各ISO周中最少的一周的数量(KPI-07、KPI-09):上门拜访(onsite)、电话拜访含回访(phone)按不同客户计,竞品信息(competitor_report)按次计;岗位无此标准者为空白。
 * The fewest in any ISO week of the month (KPI-07, KPI-09): on-site (onsite) and phone visits with return visits (phone) count distinct customers, competitor reports (competitor_report) count reports; blank for a post without the standard.
 * 例 / Example: =WEEKLY_FEWEST(B7:B, $B$2, "onsite", '人员 People'!B2:B, '人员 People'!C2:C, '拜访与竞品 Activities'!B2:B, '拜访与竞品 Activities'!C2:C, '拜访与竞品 Activities'!E2:E, '拜访与竞品 Activities'!D2:D) → 9, 8, 12 and 8 in the weeks gives 8.
 *
 * @param {string|Array<Array<string>>} person 人员邮箱(每人一行)/ person's email, one per row.
 * @param {string} month 月份,如 2026-10 / month, e.g. 2026-10.
 * @param {string} kind onsite、phone 或 competitor_report / what to count.
 * @param {Array<Array<string>>} peopleEmails 人员表邮箱列 / People emails.
 * @param {Array<Array<string>>} peopleRoles 人员表岗位列 / People posts.
 * @param {Array<Array<Date>>} dates 拜访与竞品表日期列 / Activities dates.
 * @param {Array<Array<string>>} activityPersons 拜访与竞品表人员列 / Activities people.
 * @param {Array<Array<string>>} types 拜访与竞品表类型列 / Activities types.
 * @param {Array<Array<string>>} customers 拜访与竞品表客户列 / Activities customers.
 * @param {string} [timeZone] TIME_ZONE,默认 Asia/Shanghai / the workbook's time zone.
 * @return {number|Array<Array<number|string>>} 最少一周的数量 / the fewest in a week, or what to fix.
 * @customfunction
 */
export function WEEKLY_FEWEST(
  person: unknown,
  month: unknown,
  kind: unknown,
  peopleEmails: unknown,
  peopleRoles: unknown,
  dates: unknown,
  activityPersons: unknown,
  types: unknown,
  customers: unknown,
  timeZone?: unknown,
): SheetValue {
  return weeklyFewestColumn(person, month, kind, peopleEmails, peopleRoles, dates, activityPersons, types, customers, timeZone);
}

/**
 * 本月某类记录的条数(KPI-10 档案更新 file_update、RP-14 工作日报 daily_report 等);岗位无此标准者为空白。
 * Rows of one Activities type in the calendar month (KPI-10 file_update, RP-14 daily_report, …); blank for a post without the standard.
 * 例 / Example: =ACTIVITY_COUNT(B7:B, $B$2, "file_update", '人员 People'!B2:B, '人员 People'!C2:C, '拜访与竞品 Activities'!B2:B, '拜访与竞品 Activities'!C2:C, '拜访与竞品 Activities'!E2:E) → 4.
 *
 * @param {string|Array<Array<string>>} person 人员邮箱 / person's email.
 * @param {string} month 月份,如 2026-10 / month.
 * @param {string} type 拜访与竞品表的类型,如 file_update / the Activities type.
 * @param {Array<Array<string>>} peopleEmails 人员表邮箱列 / People emails.
 * @param {Array<Array<string>>} peopleRoles 人员表岗位列 / People posts.
 * @param {Array<Array<Date>>} dates 拜访与竞品表日期列 / Activities dates.
 * @param {Array<Array<string>>} activityPersons 拜访与竞品表人员列 / Activities people.
 * @param {Array<Array<string>>} types 拜访与竞品表类型列 / Activities types.
 * @param {string} [timeZone] TIME_ZONE,默认 Asia/Shanghai / the workbook's time zone.
 * @return {number|Array<Array<number|string>>} 条数 / rows, or what to fix.
 * @customfunction
 */
export function ACTIVITY_COUNT(
  person: unknown,
  month: unknown,
  type: unknown,
  peopleEmails: unknown,
  peopleRoles: unknown,
  dates: unknown,
  activityPersons: unknown,
  types: unknown,
  timeZone?: unknown,
): SheetValue {
  return activityCountColumn(person, month, type, peopleEmails, peopleRoles, dates, activityPersons, types, timeZone);
}

/**
 * 各区域本月某几类记录的条数(KPI-07 拜访:上门与电话),按人员表的区域归属汇总;看板每区域一行。
 * Rows of the listed Activities types in the calendar month by each region's people (KPI-07 visits: on-site and phone), one row per region as the Dashboard shows them.
 * 例 / Example: =REGION_ACTIVITY_COUNT(A8:A19, $B$3, "onsite, phone", '人员 People'!B2:B, '人员 People'!D2:D, '拜访与竞品 Activities'!B2:B, '拜访与竞品 Activities'!C2:C, '拜访与竞品 Activities'!E2:E) → 212.
 *
 * @param {string|Array<Array<string>>} region 区域代码 / region code(s).
 * @param {string} month 月份,如 2026-10 / month.
 * @param {string} types 类型,逗号分隔,如 "onsite, phone" / the Activities types, comma-separated.
 * @param {Array<Array<string>>} peopleEmails 人员表邮箱列 / People emails.
 * @param {Array<Array<string>>} peopleRegions 人员表区域列 / People regions.
 * @param {Array<Array<Date>>} dates 拜访与竞品表日期列 / Activities dates.
 * @param {Array<Array<string>>} activityPersons 拜访与竞品表人员列 / Activities people.
 * @param {Array<Array<string>>} activityTypes 拜访与竞品表类型列 / Activities types.
 * @param {string} [timeZone] TIME_ZONE,默认 Asia/Shanghai / the workbook's time zone.
 * @return {number|Array<Array<number|string>>} 条数 / rows, or what to fix.
 * @customfunction
 */
export function REGION_ACTIVITY_COUNT(
  region: unknown,
  month: unknown,
  types: unknown,
  peopleEmails: unknown,
  peopleRegions: unknown,
  dates: unknown,
  activityPersons: unknown,
  activityTypes: unknown,
  timeZone?: unknown,
): SheetValue {
  return regionActivityCountColumn(region, month, types, peopleEmails, peopleRegions, dates, activityPersons, activityTypes, timeZone);
}

/**
 * 本月新客户数(KPI-08):实绩表中本人本月的 new_customers 合计,与月报一致;岗位无此标准者为空白。
 * New customers this month (KPI-08): the person's new_customers actuals of the month, as the monthly report counts them; blank for a post without the standard.
 * 例 / Example: =NEW_CUSTOMERS(B7:B, $B$2, '人员 People'!B2:B, '人员 People'!C2:C, '实绩 Actuals'!A2:A, '实绩 Actuals'!C2:C, '实绩 Actuals'!D2:D, '实绩 Actuals'!E2:E) → 1.
 *
 * @param {string|Array<Array<string>>} person 人员邮箱 / person's email.
 * @param {string} month 月份,如 2026-10 / month.
 * @param {Array<Array<string>>} peopleEmails 人员表邮箱列 / People emails.
 * @param {Array<Array<string>>} peopleRoles 人员表岗位列 / People posts.
 * @param {Array<Array<string>>} periods 实绩表期间列 / Actuals periods.
 * @param {Array<Array<string>>} actualPersons 实绩表人员列 / Actuals people.
 * @param {Array<Array<string>>} metrics 实绩表指标列 / Actuals metrics.
 * @param {Array<Array<number>>} amounts 实绩表金额列 / Actuals amounts.
 * @param {string} [timeZone] TIME_ZONE,默认 Asia/Shanghai / the workbook's time zone.
 * @return {number|Array<Array<number|string>>} 新客户数 / new customers, or what to fix.
 * @customfunction
 */
export function NEW_CUSTOMERS(
  person: unknown,
  month: unknown,
  peopleEmails: unknown,
  peopleRoles: unknown,
  periods: unknown,
  actualPersons: unknown,
  metrics: unknown,
  amounts: unknown,
  timeZone?: unknown,
): SheetValue {
  return newCustomersColumn(person, month, peopleEmails, peopleRoles, periods, actualPersons, metrics, amounts, timeZone);
}

/**
 * 统计日过期的客户档案数(KPI-10、KPI-55):本人负责的在用客户中,客户表更新日期与最近一次“客户档案更新”记录中较晚者超过 KPI_FILE_UPDATE_MONTHS 个月者;岗位无此标准者为空白。
 * Stale customer files on the as-of day (KPI-10, KPI-55): the person's active customers whose later of the Customers update date and the latest file_update activity is more than KPI_FILE_UPDATE_MONTHS months old; blank for a post without the standard.
 * 例 / Example: =STALE_FILES(B7:B, $B$3, '人员 People'!B2:B, '人员 People'!C2:C, '客户 Customers'!A2:A, '客户 Customers'!D2:D, '客户 Customers'!K2:K, '客户 Customers'!N2:N, '拜访与竞品 Activities'!B2:B, '拜访与竞品 Activities'!E2:E, '拜访与竞品 Activities'!D2:D) → 0.
 *
 * @param {string|Array<Array<string>>} person 人员邮箱 / person's email.
 * @param {Date} asOf 统计日期 / as-of date.
 * @param {Array<Array<string>>} peopleEmails 人员表邮箱列 / People emails.
 * @param {Array<Array<string>>} peopleRoles 人员表岗位列 / People posts.
 * @param {Array<Array<string>>} ids 客户表编号列 / Customers IDs.
 * @param {Array<Array<string>>} owners 客户表负责人列 / Customers owners.
 * @param {Array<Array<Date>>} updated 客户表档案更新日期列 / Customers file-updated dates.
 * @param {Array<Array<string>>} statuses 客户表状态列 / Customers statuses.
 * @param {Array<Array<Date>>} dates 拜访与竞品表日期列 / Activities dates.
 * @param {Array<Array<string>>} types 拜访与竞品表类型列 / Activities types.
 * @param {Array<Array<string>>} customers 拜访与竞品表客户列 / Activities customers.
 * @param {number} [months] KPI_FILE_UPDATE_MONTHS,默认1 / months allowed, default 1.
 * @param {string} [timeZone] TIME_ZONE,默认 Asia/Shanghai / the workbook's time zone.
 * @return {number|Array<Array<number|string>>} 过期档案数 / stale files, or what to fix.
 * @customfunction
 */
export function STALE_FILES(
  person: unknown,
  asOf: unknown,
  peopleEmails: unknown,
  peopleRoles: unknown,
  ids: unknown,
  owners: unknown,
  updated: unknown,
  statuses: unknown,
  dates: unknown,
  types: unknown,
  customers: unknown,
  months?: unknown,
  timeZone?: unknown,
): SheetValue {
  return staleFilesColumn(person, asOf, peopleEmails, peopleRoles, ids, owners, updated, statuses, dates, types, customers, months, timeZone);
}

/**
 * 本月工作日数(RP-14、AMB-37):周一至周五,去掉节假日表的放假日,加上调休上班日;可只计到统计日。
 * Working days of the month (RP-14, AMB-37): Monday to Friday, less the Holidays sheet's holidays, plus its make-up working days; optionally up to an as-of day.
 * 例 / Example: =WORKING_DAYS("2026-10", '节假日 Holidays'!A2:A, '节假日 Holidays'!C2:C) → 18.
 *
 * @param {string|Array<Array<string>>} month 月份,如 2026-10 / month.
 * @param {Array<Array<Date>>} holidayDates 节假日表日期列 / Holidays dates.
 * @param {Array<Array<string>>} holidayKinds 节假日表类型列(holiday / workday)/ Holidays kinds.
 * @param {Date} [asOf] 统计日期,留空为整月 / as-of date; blank = the whole month.
 * @param {string} [timeZone] TIME_ZONE,默认 Asia/Shanghai / the workbook's time zone.
 * @return {number|Array<Array<number|string>>} 工作日数 / working days, or what to fix.
 * @customfunction
 */
export function WORKING_DAYS(month: unknown, holidayDates: unknown, holidayKinds: unknown, asOf?: unknown, timeZone?: unknown): SheetValue {
  return workingDaysColumn(month, holidayDates, holidayKinds, asOf, timeZone);
}

/**
 * 按时提交工作日报的工作日数(RP-14、AMB-75):本月至统计日的工作日中,当天 DAILY_REPORT_DUE(默认23:59)前有“工作日报”记录的天数;未记提交时间的按日期计。岗位无此标准者为空白。
 * Working days with a daily report in on time (RP-14, AMB-75): working days of the month up to the as-of day with a daily_report activity in by DAILY_REPORT_DUE (default 23:59) that day; a report without an entry time counts by its date. Blank for a post without the standard.
 * 例 / Example: =DAILY_REPORTS_ON_TIME(B7:B, $B$2, $B$3, '人员 People'!B2:B, '人员 People'!C2:C, '拜访与竞品 Activities'!B2:B, '拜访与竞品 Activities'!C2:C, '拜访与竞品 Activities'!E2:E, '拜访与竞品 Activities'!L2:L, '节假日 Holidays'!A2:A, '节假日 Holidays'!C2:C) → 17.
 *
 * @param {string|Array<Array<string>>} person 人员邮箱 / person's email.
 * @param {string} month 月份,如 2026-10 / month.
 * @param {Date} asOf 统计日期,留空为整月 / as-of date; blank = the whole month.
 * @param {Array<Array<string>>} peopleEmails 人员表邮箱列 / People emails.
 * @param {Array<Array<string>>} peopleRoles 人员表岗位列 / People posts.
 * @param {Array<Array<Date>>} dates 拜访与竞品表日期列 / Activities dates.
 * @param {Array<Array<string>>} activityPersons 拜访与竞品表人员列 / Activities people.
 * @param {Array<Array<string>>} types 拜访与竞品表类型列 / Activities types.
 * @param {Array<Array<Date>>} reportedAt 拜访与竞品表提交时间列 / Activities entry times.
 * @param {Array<Array<Date>>} holidayDates 节假日表日期列 / Holidays dates.
 * @param {Array<Array<string>>} holidayKinds 节假日表类型列 / Holidays kinds.
 * @param {string} [due] DAILY_REPORT_DUE,默认 23:59 / due time, default 23:59.
 * @param {string} [timeZone] TIME_ZONE,默认 Asia/Shanghai / the workbook's time zone.
 * @return {number|Array<Array<number|string>>} 按时日报天数 / days on time, or what to fix.
 * @customfunction
 */
export function DAILY_REPORTS_ON_TIME(
  person: unknown,
  month: unknown,
  asOf: unknown,
  peopleEmails: unknown,
  peopleRoles: unknown,
  dates: unknown,
  activityPersons: unknown,
  types: unknown,
  reportedAt: unknown,
  holidayDates: unknown,
  holidayKinds: unknown,
  due?: unknown,
  timeZone?: unknown,
): SheetValue {
  return dailyReportsOnTimeColumn(person, month, asOf, peopleEmails, peopleRoles, dates, activityPersons, types, reportedAt, holidayDates, holidayKinds, due, timeZone);
}

/**
 * 本月结束的促销中广告牌晚收回的场数(KPI-17):收回晚于结束后 KPI_BOARD_RETURN_DAYS 天,或过期仍未收回;美工岗位显示,其他为空白。
 * Promotions that ended in the month with their ad boards back late (KPI-17): back more than KPI_BOARD_RETURN_DAYS days after the end, or still out after that; shown for the artist, blank otherwise.
 * 例 / Example: =BOARDS_LATE(B7:B, $B$2, $B$3, '人员 People'!B2:B, '人员 People'!C2:C, '促销 Promotions'!E2:E, '促销 Promotions'!O2:O) → 1.
 *
 * @param {string|Array<Array<string>>} person 人员邮箱 / person's email.
 * @param {string} month 月份,如 2026-10 / month.
 * @param {Date} asOf 统计日期 / as-of date.
 * @param {Array<Array<string>>} peopleEmails 人员表邮箱列 / People emails.
 * @param {Array<Array<string>>} peopleRoles 人员表岗位列 / People posts.
 * @param {Array<Array<Date>>} ends 促销表结束日期列 / Promotions end dates.
 * @param {Array<Array<Date>>} returned 促销表广告牌收回日期列 / Promotions board-return dates.
 * @param {number} [days] KPI_BOARD_RETURN_DAYS,默认1 / days allowed, default 1.
 * @param {string} [timeZone] TIME_ZONE,默认 Asia/Shanghai / the workbook's time zone.
 * @return {number|Array<Array<number|string>>} 晚收回场数 / late promotions, or what to fix.
 * @customfunction
 */
export function BOARDS_LATE(
  person: unknown,
  month: unknown,
  asOf: unknown,
  peopleEmails: unknown,
  peopleRoles: unknown,
  ends: unknown,
  returned: unknown,
  days?: unknown,
  timeZone?: unknown,
): SheetValue {
  return boardsLateColumn(person, month, asOf, peopleEmails, peopleRoles, ends, returned, days, timeZone);
}

// ───────────────────────── Settings (设置), spec §0.4 and §7 ─────────────────────────

/**
 * 当前生效的评分读法(spec §0.4):设置单元格为空时给出默认读法;取值不在可选范围内时列出可选值。计分表据此显示所用读法。
 * The scoring reading in force (spec §0.4): the default when the Settings cell is blank; the allowed values when it holds something else. Scorecards show it beside their scores.
 * 例 / Example: =SCORING_SETTING("OBJ_WEIGHT_MODE", OBJ_WEIGHT_MODE) → "NORMALIZE" while the named range is blank.
 *
 * @param {string} key 设置名(CFG 键),如 SALES_PLAN_MODE / setting key, e.g. SALES_PLAN_MODE.
 * @param {string|number|boolean} value 设置单元格(通常为命名区域)/ the Settings cell, usually a named range.
 * @return {string|number|boolean} 生效的读法或数值 / the reading or number in force, or what to fix.
 * @customfunction
 */
export function SCORING_SETTING(key: unknown, value: unknown): SheetValue {
  return toSheet(readingInForce(key, value));
}
