/**
 * The demo department's appraisal inputs for its month (spec §3, WF-24), the figures a manager, HR
 * and the direct superiors type in; the scorecards compute everything else from them and from
 * Plans, Actuals, Tasks, Orders and Contract incidents:
 * - the objective appraisal (目标管理考核) row of every member of the marketing department: six
 *   behaviour ratings 1-5 from HR (SC-30, SC-33), the direct 0-40 work score for the people who had
 *   no task that month (AMB-21), the company basis (HQ or own branch, SC-31), and the marks that
 *   keep someone from an A (SC-43: one absence, one open sanction);
 * - the four head scorecards: the sales head's information-system and attitude points (SC-06,
 *   SC-07), the customer head's research, records and discipline deductions (SC-19, SC-20, SC-22),
 *   and the information and marketing heads' item ratings with the spec's own numbers (SC-23, SC-24);
 * - the annual appraisal row of the year for everyone, with peer and superior ratings (SC-45) and
 *   the post level the rankings use (SC-50..53).
 * Pure: the year, month, people and tasks come in; the same inputs give the same rows.
 */
import type { TableRecord } from "../templates/table";
import { isoDay, shiftMonth } from "./calendar";
import type { DemoPerson } from "./organisation";
import { DEMO_PEOPLE, emailOf, holder } from "./organisation";
import type { Random } from "./random";

/** Roles of the marketing department: everyone appraised by the objective-management system (SC-25). */
export const MARKETING_ROLES: ReadonlySet<string> = new Set([
  "director",
  "deputy_director",
  "mkt_manager",
  "mkt_deputy",
  "mkt_assistant",
  "regional",
  "sales_head",
  "cust_head",
  "info_head",
  "supervisor",
  "sales",
  "promoter",
  "clerk",
  "artist",
]);

/** The people the demo appraises, in People order. */
export function appraisedPeople(): DemoPerson[] {
  return DEMO_PEOPLE.filter((p) => MARKETING_ROLES.has(p.role));
}

/** Heads whose post scorecard becomes their work points (AMB-69), by role. */
const POST_SCORECARD_ROLES = new Set(["sales_head", "cust_head", "info_head", "mkt_manager"]);

/** SC-43 marks of the demo month: one absence, one warning not yet offset. */
const ABSENT = "wei.qiang";
const OPEN_SANCTION = "tao.ran";

export interface AppraisalRecords {
  readonly scorecard_objective: TableRecord[];
  readonly scorecard_sales_head: TableRecord[];
  readonly scorecard_cust_head: TableRecord[];
  readonly scorecard_info_head: TableRecord[];
  readonly scorecard_mkt_head: TableRecord[];
  readonly annual_appraisal: TableRecord[];
}

const monthKey = (year: number, month: number): string => `${year}-${String(month).padStart(2, "0")}`;

/**
 * Appraisal rows of `year`-`month`. `tasks` are the month's Tasks rows: people who own none get a
 * direct work score from their superior.
 */
export function appraisalRecords(year: number, month: number, tasks: readonly TableRecord[], random: Random): AppraisalRecords {
  const period = monthKey(year, month);
  const next = shiftMonth(year, month, -1);
  const interviewed = isoDay(next.year, next.month, 2);
  const owners = new Set(tasks.map((t) => t.owner_email));
  const people = appraisedPeople();

  const scorecard_objective = people.map((p): TableRecord => {
    const email = emailOf(p.id);
    const direct = !owners.has(email) && !POST_SCORECARD_ROLES.has(p.role);
    const rating = (): number => random.int(3, 5);
    return {
      month: period,
      employee_email: email,
      self_summary: `${period} 工作总结:完成本月计划,按时提交周报。`,
      summaries_complete: p.id !== "zheng.yuting",
      interview_on: interviewed,
      work_direct: direct ? random.int(28, 38) : null,
      attendance: p.id === ABSENT ? 2 : rating(),
      office_discipline: rating(),
      org_behaviour: rating(),
      environment: rating(),
      team_awareness: rating(),
      professionalism: rating(),
      company_basis: p.region ? "branch" : "hq",
      region: p.region ?? null,
      leave_over_allowance: false,
      absenteeism: p.id === ABSENT,
      open_sanction: p.id === OPEN_SANCTION,
      gm_signed_on: null,
      published_on: null,
      status: "scored",
    };
  });

  const head = (role: string): string => emailOf(holder(role).id);
  const scorecard_sales_head: TableRecord[] = [
    {
      month: period,
      head_email: head("sales_head"),
      region: null,
      info_system_points: 12,
      info_system_reason: "日报表齐全,两名新人的客户档案未及时归档",
      attitude_points: 4,
      attitude_reason: "主动协调区域促销,执行有力",
    },
  ];
  const scorecard_cust_head: TableRecord[] = [
    {
      month: period,
      head_email: head("cust_head"),
      research_deduction: 2,
      records_misses: 1,
      discipline_deduction: 3,
      deduction_reasons: "调研报告晚交两天;统计报表一次未按要求;迟到一次",
    },
  ];
  const scorecard_info_head: TableRecord[] = [
    { month: period, head_email: head("info_head"), accuracy: 90, digitization: 80, security: 100, cooperation: 70, reason: "数据备份与权限检查到位,跨部门响应偏慢" },
  ];
  const scorecard_mkt_head: TableRecord[] = [
    {
      month: period,
      head_email: head("mkt_manager"),
      operation: 90,
      publicity: 80,
      brand: 85,
      sales_support: 95,
      awareness: 80,
      cooperation: 90,
      ability: 85,
      reason: "季度促销方案执行到位;行业展会曝光一般",
    },
  ];

  const annual_appraisal = people.map(
    (p): TableRecord => ({
      year,
      employee_email: emailOf(p.id),
      post_level: p.level,
      demerit_this_year: false,
      peer_score: random.int(70, 95),
      superior_score: random.int(70, 95),
      decision: null,
      decided_by: null,
      decided_on: null,
    }),
  );

  return { scorecard_objective, scorecard_sales_head, scorecard_cust_head, scorecard_info_head, scorecard_mkt_head, annual_appraisal };
}
