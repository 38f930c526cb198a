/**
 * The tunable parameters of the scoring rules (spec §3.8 numeric table and the `CFG.*` keys of the
 * [REC] readings in spec §7), in one table: key, default, allowed values, the rule IDs that use it
 * and a bilingual description. Every rule takes its parameters as optional trailing arguments so a
 * scorecard can pass a named range from the Settings sheet; `readParameter` turns such a cell into
 * a typed value (a blank cell gives the default, which is the seed's number or the product's [REC]
 * reading, spec §0.4) or into a `ScoreError` naming the allowed values. The Settings template is
 * checked against `scoringParameterRows()`.
 */
import type { Bilingual } from "../i18n";
import { wallClock } from "../time";
import { isBlank, parseNumberText } from "./cells";
import { isScoreError, scoreError } from "./score-error";
import type { ScoreError } from "./score-error";

interface ParameterBase {
  /** Spec rule IDs that read this parameter. */
  readonly rules: readonly string[];
  /** The ambiguity (spec §7) whose [REC] reading this parameter makes configurable, if any. */
  readonly ambiguity?: string;
  readonly description: Bilingual;
}

/** One reading out of a fixed list (`SALES_PLAN_MODE = PROPORTIONAL_CAPPED | LITERAL_STEPS`). */
export interface ChoiceParameter extends ParameterBase {
  readonly kind: "choice";
  readonly values: readonly string[];
  readonly default: string;
}

/** A number within bounds; `nullable` numbers also accept `NONE` / `无` (no cap, no limit). */
export interface NumberParameter extends ParameterBase {
  readonly kind: "number";
  readonly default: number | null;
  readonly min: number;
  readonly max?: number;
  readonly integer?: boolean;
  readonly nullable?: boolean;
}

export interface BooleanParameter extends ParameterBase {
  readonly kind: "boolean";
  readonly default: boolean;
}

/** An IANA time-zone name (`Asia/Shanghai`). */
export interface TimeZoneParameter extends ParameterBase {
  readonly kind: "timeZone";
  readonly default: string;
}

/**
 * A `name:number; …` list as the Settings sheet writes it (`A:90; B:70; C:0`,
 * `0.9:20; 0.8:18`, `work:0.7; quality:0.3`). The default is that text; a `nullable` list may be
 * blank or `NONE` (the rule then falls back, e.g. the appraiser enters the points).
 */
export interface PairsParameter extends ParameterBase {
  readonly kind: "pairs";
  readonly default: string | null;
  /** The names the list must hold, each once, in any order; absent = each name is a number ≥ 0 (a rate, an amount). */
  readonly names?: readonly string[];
  /** Bounds of every value. */
  readonly min: number;
  readonly max?: number;
  /** The values must add up to this (weights: 1). */
  readonly sum?: number;
  readonly nullable?: boolean;
}

/** A `min..max` range (`0..5`, `2..5`). */
export interface RangeParameter extends ParameterBase {
  readonly kind: "range";
  readonly default: string;
  /** Bounds of both ends. */
  readonly min: number;
  readonly max?: number;
  readonly integer?: boolean;
}

export type ParameterSpec = ChoiceParameter | NumberParameter | BooleanParameter | TimeZoneParameter | PairsParameter | RangeParameter;

/** One entry of a `pairs` setting: its name (as written, upper-cased for fixed names) and its number. */
export type Pair = readonly [name: string, value: number];
export type Pairs = readonly Pair[];
/** A `range` setting: both ends inclusive. */
export interface NumberRange {
  readonly min: number;
  readonly max: number;
}

/** Every parameter a scoring function accepts, keyed by its Settings (`CFG.*`) name. */
export const SCORING_PARAMETERS = {
  SALES_PLAN_MODE: {
    kind: "choice",
    values: ["PROPORTIONAL_CAPPED", "LITERAL_STEPS"],
    default: "PROPORTIONAL_CAPPED",
    rules: ["SC-03"],
    ambiguity: "AMB-01",
    description: {
      zh: "销售计划完成得分读法:PROPORTIONAL_CAPPED = 完成率<60%得0分,否则40×完成率,最高60;LITERAL_STEPS = 60%–100%按40×完成率,100%–150%得40,≥150%得60",
      en: "Sales plan points: PROPORTIONAL_CAPPED = 0 below 60 %, else 40 × rate capped at 60; LITERAL_STEPS = 40 × rate from 60 % to 100 %, 40 up to 150 %, 60 from 150 %",
    },
  },
  SALES_PLAN_BELOW_TARGET_POINTS: {
    kind: "number",
    default: null,
    min: 0,
    max: 40,
    nullable: true,
    rules: ["SC-03"],
    ambiguity: "AMB-01",
    description: {
      zh: "LITERAL_STEPS 读法下完成率60%–100%的固定得分;留空 = 40×完成率",
      en: "Under LITERAL_STEPS, fixed points for 60 %–100 % completion; blank = 40 × rate",
    },
  },
  TIER_INCLUSIVE: {
    kind: "boolean",
    default: true,
    rules: ["SC-04"],
    ambiguity: "AMB-02",
    description: {
      zh: "“以上”含本数:达标率正好90%即得20分",
      en: "Tier bounds are inclusive (以上 = ≥): exactly 90 % earns 20",
    },
  },
  REP_ATTAIN_THRESHOLD: {
    kind: "number",
    default: 1,
    min: 0,
    rules: ["SC-04"],
    ambiguity: "AMB-03",
    description: {
      zh: "销售人员“达标”所需的个人完成率(1 = 100%)",
      en: "Personal completion rate at which a salesperson has met target (1 = 100 %)",
    },
  },
  EXPENSE_PENALTY_PER_PP: {
    kind: "number",
    default: 1,
    min: 0,
    rules: ["SC-05"],
    ambiguity: "AMB-04",
    description: {
      zh: "销售费用每超预算1个百分点扣的分数(满分20,最低0)",
      en: "Points lost per percentage point of sales expense over budget (max 20, floor 0)",
    },
  },
  POST_SCORE_CAP: {
    kind: "number",
    default: 100,
    min: 1,
    rules: ["SC-01", "SC-29"],
    ambiguity: "AMB-06",
    description: {
      zh: "岗位考核分计入工作指标前的上限(销售主管最高可得120)",
      en: "Cap on a post scorecard before it becomes work-indicator points (the sales head can reach 120)",
    },
  },
  CUST_COLLECTION_PTS_PER_PP: {
    kind: "number",
    default: 1,
    min: 0,
    rules: ["SC-12"],
    ambiguity: "AMB-08",
    description: {
      zh: "回款完成率每超(降)1个百分点奖(罚)的分数;原文缺失",
      en: "Points per percentage point of collection rate above (below) 100 %; missing in the seed",
    },
  },
  CUST_COLLECTION_PENALTY_PER_PP: {
    kind: "number",
    default: null,
    min: 0,
    nullable: true,
    rules: ["SC-12"],
    ambiguity: "AMB-08",
    description: {
      zh: "回款低于100%时每个百分点的罚分;留空 = 与奖分相同",
      en: "Penalty per percentage point below 100 %; blank = same as the bonus",
    },
  },
  CUST_COLLECTION_BONUS_CAP: {
    kind: "number",
    default: null,
    min: 0,
    nullable: true,
    rules: ["SC-12"],
    ambiguity: "AMB-08",
    description: { zh: "回款奖分上限;留空 = 不设上限", en: "Cap on the collection bonus; blank = no cap" },
  },
  COLLECTION_CUTOFF: {
    kind: "choice",
    values: ["LAST_DAY", "DAY_30"],
    default: "LAST_DAY",
    rules: ["SC-10"],
    ambiguity: "AMB-11",
    description: {
      zh: "实际回款的截止日:LAST_DAY = 当月最后一天(含2月);DAY_30 = 30日,31日入账的计入下月",
      en: "Cut-off for actual collections: LAST_DAY = the month's last calendar day (February included); DAY_30 = the 30th, a booking on the 31st counts toward the next month",
    },
  },
  ROLLOVER_CREDIT_SURPLUS: {
    kind: "boolean",
    default: false,
    rules: ["SC-11"],
    ambiguity: "AMB-10",
    description: {
      zh: "超额回款是否冲减下月计划(默认否,只滚动未完成部分)",
      en: "Whether over-collection reduces next month's plan (default no: only shortfalls roll over)",
    },
  },
  CUST_NEW_CUSTOMER_MISS: {
    kind: "number",
    default: 2,
    min: 0,
    rules: ["SC-13"],
    description: { zh: "每少开拓1个计划客户扣的分数", en: "Points deducted per planned new customer not developed" },
  },
  PER_10K_ROUNDING: {
    kind: "choice",
    values: ["PRORATA", "FLOOR", "CEIL"],
    default: "PRORATA",
    rules: ["SC-14", "SC-15", "SC-16"],
    ambiguity: "AMB-13",
    description: {
      zh: "“每损失1万元”对非整万金额的算法:PRORATA 按比例(2.5万 = 2.5),FLOOR 向下取整,CEIL 向上取整",
      en: "Per-10,000-yuan losses that are not whole multiples: PRORATA (25,000 = 2.5 units), FLOOR or CEIL",
    },
  },
  COLLECTION_DAYS: {
    kind: "number",
    default: 30,
    min: 0,
    integer: true,
    rules: ["SC-18"],
    ambiguity: "AMB-12",
    description: { zh: "发货后须回笼货款的天数", en: "Days after shipment within which payment must be collected" },
  },
  LATE_PTS_PER_DAY: {
    kind: "number",
    default: 1,
    min: 0,
    rules: ["SC-18"],
    ambiguity: "AMB-12",
    description: { zh: "货款每迟1天扣的分数", en: "Points deducted per day of late collection" },
  },
  LATE_CAP: {
    kind: "number",
    default: null,
    min: 0,
    nullable: true,
    rules: ["SC-18"],
    ambiguity: "AMB-12",
    description: { zh: "每单迟收扣分上限;留空 = 不设上限", en: "Cap on the late-collection deduction per order; blank = no cap" },
  },
  CUST_HEAD_BASE: {
    kind: "number",
    default: 100,
    min: 0,
    rules: ["SC-08"],
    ambiguity: "AMB-09",
    description: { zh: "客户部主管考核基础分", en: "Base score of the customer department head scorecard" },
  },
  CUST_HEAD_FLOOR: {
    kind: "number",
    default: 0,
    min: 0,
    nullable: true,
    rules: ["SC-08"],
    ambiguity: "AMB-09",
    description: { zh: "客户部主管考核最低分(默认0);NONE = 不设下限", en: "Floor of the customer department head score (default 0); NONE = no floor" },
  },
  CUST_HEAD_CAP: {
    kind: "number",
    default: null,
    min: 0,
    nullable: true,
    rules: ["SC-08"],
    ambiguity: "AMB-09",
    description: { zh: "客户部主管考核最高分;留空 = 不设上限", en: "Cap of the customer department head score; blank = no cap" },
  },
  POST_SCORECARD_USAGE: {
    kind: "choice",
    values: ["WORK_INDICATOR", "STANDALONE"],
    default: "WORK_INDICATOR",
    rules: ["SC-29"],
    ambiguity: "AMB-69",
    description: {
      zh: "岗位考核分的用法:WORK_INDICATOR 折算为目标考核的工作指标分;STANDALONE 单独报告",
      en: "Post scorecards: WORK_INDICATOR feeds the objective appraisal's work points; STANDALONE reports them separately",
    },
  },
  OBJ_WORK_POINTS: {
    kind: "number",
    default: 40,
    min: 0,
    rules: ["SC-29"],
    description: { zh: "工作指标满分(按当月任务数平均分配)", en: "Work-indicator points, shared equally by the month's tasks" },
  },
  OBJ_COMPANY_RATIO_CAP: {
    kind: "number",
    default: 1,
    min: 0,
    nullable: true,
    rules: ["SC-31"],
    ambiguity: "AMB-20",
    description: {
      zh: "公司经营业绩完成率上限(1 = 100%,最多40分);NONE = 不设上限",
      en: "Cap on the company completion ratio (1 = 100 %, at most 40 points); NONE = uncapped",
    },
  },
  OBJ_WEIGHT_MODE: {
    kind: "choice",
    values: ["NORMALIZE", "CAP_100", "LITERAL", "CUSTOM"],
    default: "NORMALIZE",
    rules: ["SC-32"],
    ambiguity: "AMB-19",
    description: {
      zh: "目标考核权重合计110%的处理:NORMALIZE ×100/110;CAP_100 直接相加封顶100;LITERAL 直接相加;CUSTOM 自定权重",
      en: "Objective weights sum to 110 %: NORMALIZE × 100/110; CAP_100 plain sum capped at 100; LITERAL plain sum; CUSTOM own weights",
    },
  },
  OBJ_CUSTOM_WORK_WEIGHT: {
    kind: "number",
    default: 40,
    min: 0,
    rules: ["SC-32"],
    ambiguity: "AMB-19",
    description: { zh: "CUSTOM 读法下工作指标的权重(分)", en: "Work-indicator weight (points) under CUSTOM" },
  },
  OBJ_CUSTOM_BEHAVIOUR_WEIGHT: {
    kind: "number",
    default: 30,
    min: 0,
    rules: ["SC-32"],
    ambiguity: "AMB-19",
    description: { zh: "CUSTOM 读法下行为指标的权重(分)", en: "Behaviour weight (points) under CUSTOM" },
  },
  OBJ_CUSTOM_COMPANY_WEIGHT: {
    kind: "number",
    default: 30,
    min: 0,
    rules: ["SC-32"],
    ambiguity: "AMB-19",
    description: { zh: "CUSTOM 读法下公司经营业绩的权重(分)", en: "Company-performance weight (points) under CUSTOM" },
  },
  SCORE_DECIMALS: {
    kind: "number",
    default: 1,
    min: 0,
    max: 6,
    integer: true,
    rules: ["SC-32", "SC-36", "SC-45"],
    ambiguity: "AMB-24",
    description: { zh: "最终得分保留的小数位数", en: "Decimals the final score is rounded to" },
  },
  ANNUAL_PRORATE: {
    kind: "boolean",
    default: true,
    rules: ["SC-41"],
    ambiguity: "AMB-26",
    description: {
      zh: "考核不满12个月时按比例折算年度累计分(累计分×12÷考核月数)",
      en: "With fewer than 12 appraised months, scale the points sum by 12 ÷ months appraised",
    },
  },
  ANNUAL_HISTORY_WEIGHT: {
    kind: "number",
    default: 0.5,
    min: 0,
    max: 1,
    rules: ["SC-45"],
    description: { zh: "年度考核中历史(月度)记录的权重", en: "Weight of the monthly history in the annual score" },
  },
  ANNUAL_PEER_WEIGHT: {
    kind: "number",
    default: 0.25,
    min: 0,
    max: 1,
    rules: ["SC-45"],
    description: { zh: "年度考核中民主测评的权重", en: "Weight of the peer (democratic) evaluation in the annual score" },
  },
  ANNUAL_SUPERVISOR_WEIGHT: {
    kind: "number",
    default: 0.25,
    min: 0,
    max: 1,
    rules: ["SC-45"],
    description: { zh: "年度考核中直属上级测评的权重", en: "Weight of the direct superior's rating in the annual score" },
  },
  RAISE_RULE: {
    kind: "choice",
    values: ["9_OF_10_CONSECUTIVE", "9_CONSECUTIVE", "9_CONSECUTIVE_OR_10_CUMULATIVE"],
    default: "9_OF_10_CONSECUTIVE",
    rules: ["SC-46"],
    ambiguity: "AMB-28",
    description: {
      zh: "“连续9个月超过10个月为A”的读法:任意连续10个月中至少9个A;连续9个A;或连续9个A或累计超过10个A",
      en: "Reading of the garbled raise rule: A in ≥ 9 of any 10 consecutive months; 9 consecutive A; or 9 consecutive A or more than 10 A in total",
    },
  },
  C_CUMULATIVE_WINDOW_MONTHS: {
    kind: "number",
    default: 12,
    min: 0,
    integer: true,
    rules: ["SC-47"],
    ambiguity: "AMB-29",
    description: {
      zh: "“累计9个月C”的滚动统计月数;0 = 自入职起",
      en: "Rolling window (months) for counting 9 cumulative C grades; 0 = since hire",
    },
  },
  ANNUAL_DISMISS_BELOW: {
    kind: "number",
    default: 50,
    min: 0,
    rules: ["SC-51"],
    description: { zh: "年度考核总分在此分数以下(含本数,50分以下)时标记(由人决定)", en: "Annual score at or below which the case is flagged (50 or less; a person decides)" },
  },
  BOTTOM_N: {
    kind: "number",
    default: 5,
    min: 1,
    integer: true,
    rules: ["SC-53"],
    ambiguity: "AMB-31",
    description: {
      zh: "全公司普通员工年度得分末位标记人数;人数不超过其2倍时不标记",
      en: "How many ordinary employees at the bottom of the annual ranking are flagged; off when headcount ≤ 2 × N",
    },
  },
  PROBATION_MAX_MONTHS: {
    kind: "number",
    default: 6,
    min: 1,
    integer: true,
    rules: ["SC-55"],
    ambiguity: "AMB-35",
    description: { zh: "试用期最长月数,超过须总经理批准", en: "Longest probation in months; longer needs the GM's approval" },
  },
  PROBATION_DEFAULT_MONTHS: {
    kind: "number",
    default: 3,
    min: 1,
    max: 6,
    integer: true,
    rules: ["SC-55", "WF-27"],
    ambiguity: "AMB-35",
    description: { zh: "新员工默认试用期月数:人员表未填「试用期满」时,试用期至入职日期加此月数", en: "Default probation of a new hire, in months: without a Probation ends date on People, probation runs to the hire date plus this" },
  },
  PROBATION_EXTENSION_MAX_DAYS: {
    kind: "number",
    default: 30,
    min: 0,
    integer: true,
    rules: ["SC-55"],
    ambiguity: "AMB-35",
    description: { zh: "试用考核不合格后延长试用的最多天数", en: "Longest extension of probation after a failed appraisal, in days" },
  },
  APPEAL_DAYS: {
    kind: "number",
    default: 7,
    min: 1,
    integer: true,
    rules: ["SC-54"],
    ambiguity: "AMB-34",
    description: { zh: "考核结果公布后可申诉的日历天数(一周)", en: "Calendar days after publication within which an appeal may be filed (one week)" },
  },
  KPI_TYPO_RATE_MAX: {
    kind: "number",
    default: 0.003,
    min: 0,
    max: 1,
    rules: ["KPI-04"],
    ambiguity: "AMB-50",
    description: { zh: "打印文件错字率上限(3‰)", en: "Maximum typo rate of printed documents (3 ‰)" },
  },
  ENABLE_HOTEL_KPIS: {
    kind: "boolean",
    default: true,
    rules: ["KPI-05", "KPI-12", "KPI-13", "KPI-16"],
    ambiguity: "AMB-48",
    description: {
      zh: "是否启用酒店业专用的工作标准(会员卡、会员资料、会议预订、酒店CI);关闭后 CARD_LOSS_OK、BOOKING_SENT_ON_TIME 留空不评",
      en: "Whether the hotel-specific standards are on (member cards, member data, meeting bookings, hotel CI); off, CARD_LOSS_OK and BOOKING_SENT_ON_TIME stay blank",
    },
  },
  KPI_CARD_LOSS_MAX: {
    kind: "number",
    default: 0.05,
    min: 0,
    max: 1,
    rules: ["KPI-05"],
    ambiguity: "AMB-50",
    description: { zh: "会员卡损耗率上限(5%)", en: "Maximum member-card loss rate (5 %)" },
  },
  KPI_WEEKLY_ONSITE_VISITS: {
    kind: "number",
    default: 8,
    min: 0,
    integer: true,
    rules: ["KPI-07"],
    ambiguity: "AMB-49",
    description: { zh: "每周上门访问客户数", en: "On-site customer visits per week" },
  },
  KPI_WEEKLY_PHONE_VISITS: {
    kind: "number",
    default: 30,
    min: 0,
    integer: true,
    rules: ["KPI-07"],
    ambiguity: "AMB-49",
    description: { zh: "每周电话访问客户数", en: "Phone visits per week" },
  },
  KPI_MONTHLY_NEW_CUSTOMERS: {
    kind: "number",
    default: 1,
    min: 0,
    integer: true,
    rules: ["KPI-08"],
    ambiguity: "AMB-49",
    description: { zh: "每月至少开发的新客户数", en: "New customers to develop per month, at least" },
  },
  KPI_WEEKLY_COMPETITOR_REPORTS: {
    kind: "number",
    default: 2,
    min: 0,
    integer: true,
    rules: ["KPI-09"],
    description: { zh: "每周书面汇报竞争对手信息次数", en: "Written competitor reports per week" },
  },
  KPI_FILE_UPDATE_MONTHS: {
    kind: "number",
    default: 1,
    min: 1,
    integer: true,
    rules: ["KPI-10"],
    description: { zh: "客户档案至少每几个月更新一次", en: "Customer files must be updated at least every this many months" },
  },
  KPI_BOOKING_LEAD_DAYS: {
    kind: "number",
    default: 3,
    min: 0,
    integer: true,
    rules: ["KPI-13"],
    description: { zh: "会议预订单须提前发送的天数", en: "Days before a meeting its booking form must be sent" },
  },
  KPI_BOARD_RETURN_DAYS: {
    kind: "number",
    default: 1,
    min: 0,
    integer: true,
    rules: ["KPI-17"],
    description: { zh: "促销结束后收回广告牌的天数", en: "Days after a promotion ends by which its ad boards are back" },
  },
  KPI_FOLDER_TIDY_DAY: {
    kind: "number",
    default: 5,
    min: 1,
    max: 31,
    integer: true,
    rules: ["KPI-02"],
    description: { zh: "每月整理文件夹的截止日(含)", en: "Day of the month by which the folders are tidied (inclusive)" },
  },
  CUSTOMER_CLASS_WINDOW_MONTHS: {
    kind: "number",
    default: 12,
    min: 1,
    max: 120,
    integer: true,
    rules: ["KPI-44", "KPI-50"],
    ambiguity: "AMB-58",
    description: { zh: "客户分类统计成交次数的月数(截至今天)", en: "Months up to today over which a customer's shipped orders are counted for its class" },
  },
  CUSTOMER_LOYAL_ORDERS: {
    kind: "number",
    default: 6,
    min: 1,
    integer: true,
    rules: ["KPI-44", "KPI-50"],
    ambiguity: "AMB-58",
    description: { zh: "忠诚客户:统计期内至少成交的订单数", en: "Loyal customer: shipped orders in the window, at least" },
  },
  CUSTOMER_LOYAL_SHARE: {
    kind: "number",
    default: 0.5,
    min: 0,
    max: 1,
    rules: ["KPI-44", "KPI-50"],
    ambiguity: "AMB-58",
    description: { zh: "忠诚客户:我方占客户采购的份额至少(档案记有份额时)", en: "Loyal customer: our share of the customer's purchases, at least (where the file records a share)" },
  },
  CUSTOMER_CLOSE_ORDERS: {
    kind: "number",
    default: 3,
    min: 1,
    integer: true,
    rules: ["KPI-44", "KPI-50"],
    ambiguity: "AMB-58",
    description: { zh: "紧密型客户:统计期内至少成交的订单数", en: "Close customer: shipped orders in the window, at least" },
  },
  CUSTOMER_CLOSE_SHARE: {
    kind: "number",
    default: 0.2,
    min: 0,
    max: 1,
    rules: ["KPI-44", "KPI-50"],
    ambiguity: "AMB-58",
    description: { zh: "紧密型客户:统计期内有成交且份额至少为此值", en: "Close customer: at least one order in the window and a share of at least this" },
  },
  CUSTOMER_VISIT_DAYS: {
    kind: "pairs",
    default: "loyal:14; close:30; loose:60; potential:30",
    names: ["loyal", "close", "loose", "potential"],
    min: 1,
    rules: ["WF-12", "KPI-44"],
    ambiguity: "AMB-58",
    description: { zh: "各类客户两次拜访之间最多相隔的天数:忠诚、紧密型、松散型、潜在", en: "Most calendar days between two visits per class: loyal, close, loose, potential" },
  },
  TIME_ZONE: {
    kind: "timeZone",
    default: "Asia/Shanghai",
    rules: ["SC-18", "SC-44", "SC-54", "KPI-02", "KPI-10", "KPI-11", "KPI-12", "KPI-13", "KPI-17"],
    description: { zh: "工作簿时区,决定日期属于哪一天", en: "The workbook's time zone: which calendar day a date falls on" },
  },
  // ── Seed constants made Settings keys (issue 11 §1, issue 8: no Settings key inert) ──
  SALES_PLAN_FULL_POINTS: {
    kind: "number",
    default: 40,
    min: 0,
    rules: ["SC-03"],
    description: { zh: "恰好完成销售计划(完成率100%)的得分", en: "Points for exactly meeting the sales plan (100 %)" },
  },
  SALES_PLAN_MAX_POINTS: {
    kind: "number",
    default: 60,
    min: 0,
    rules: ["SC-03"],
    description: { zh: "超额完成一半以上时的最高得分", en: "Maximum points, reached when the plan is exceeded by half or more" },
  },
  SALES_PLAN_MAX_THRESHOLD: {
    kind: "number",
    default: 1.5,
    min: 1,
    rules: ["SC-03"],
    ambiguity: "AMB-01",
    description: { zh: "得最高分所需的完成率(1.5 = 150%,“以上”含本数;LITERAL_STEPS 读法)", en: "Completion rate that earns the maximum (1.5 = 150 %, inclusive; LITERAL_STEPS)" },
  },
  SALES_PLAN_ZERO_BELOW: {
    kind: "number",
    default: 0.6,
    min: 0,
    max: 1,
    rules: ["SC-03"],
    description: { zh: "完成率低于此值得0分(0.6 = 60%)", en: "Below this completion rate the item scores 0 (0.6 = 60 %)" },
  },
  TEAM_ATTAIN_TIERS: {
    kind: "pairs",
    default: "0.9:20; 0.8:18; 0.7:15; 0.6:10",
    min: 0,
    rules: ["SC-04"],
    description: { zh: "营销人员达标率分档:达标率:得分;低于最低档得0分", en: "Team attainment tiers, rate:points; below the lowest tier scores 0" },
  },
  INFO_SYS_MAX: {
    kind: "number",
    default: 15,
    min: 0,
    rules: ["SC-06"],
    ambiguity: "AMB-05",
    description: { zh: "信息系统管理满分(考核人打分,须写理由)", en: "Maximum points of information system management (appraiser enters them with a reason)" },
  },
  INFO_SYS_SUBITEMS: {
    kind: "boolean",
    default: false,
    rules: ["SC-06"],
    ambiguity: "AMB-05",
    description: {
      zh: "是否改用四项清单打分:信息系统管理一栏填达到的项数(日报表、客户档案、市场信息反馈、服务信息反馈,0到4),每项 INFO_SYS_MAX ÷ 4(3.75)分",
      en: "Score with the 4-part checklist instead: the information system cell holds how many parts were met (daily reports, customer files, market feedback, service feedback, 0 to 4), each worth INFO_SYS_MAX ÷ 4 (3.75)",
    },
  },
  ATTITUDE_MAX: {
    kind: "number",
    default: 5,
    min: 0,
    rules: ["SC-07"],
    ambiguity: "AMB-05",
    description: { zh: "工作态度满分(考核人打分)", en: "Maximum points of work attitude (appraiser enters them)" },
  },
  CONTRACT_CREDIT_LOSS: {
    kind: "number",
    default: 2,
    min: 0,
    rules: ["SC-14"],
    description: { zh: "资信调查马虎造成货款损失,每损失1万元扣的分数", en: "Points deducted per 10,000 yuan lost through a careless credit check" },
  },
  CONTRACT_COMM_LOSS: {
    kind: "number",
    default: 5,
    min: 0,
    rules: ["SC-15"],
    description: { zh: "与客户沟通不到位造成货款损失,每1万元扣的分数", en: "Points deducted per 10,000 yuan lost through poor communication with the customer" },
  },
  CONTRACT_COMM_CUSTOMER_LOST: {
    kind: "number",
    default: 5,
    min: 0,
    rules: ["SC-15"],
    description: { zh: "沟通不到位造成客户流失,每起扣的分数", en: "Points deducted per customer lost through poor communication" },
  },
  CONTRACT_CLAUSE_LOSS: {
    kind: "number",
    default: 5,
    min: 0,
    rules: ["SC-16"],
    description: { zh: "合同条文不慎密或填写错误引起纠纷,每损失1万元扣的分数", en: "Points deducted per 10,000 yuan lost through careless clauses or filling errors" },
  },
  CONTRACT_CLAUSE_CUSTOMER_LOST: {
    kind: "number",
    default: 10,
    min: 0,
    rules: ["SC-16"],
    description: { zh: "合同条文问题造成客户流失,每起扣的分数", en: "Points deducted per customer lost through clause errors" },
  },
  CONTRACT_FOLLOWUP_NO_LOSS: {
    kind: "number",
    default: 2,
    min: 0,
    rules: ["SC-17"],
    description: { zh: "合同履行跟进不力但未造成损失,每单扣的分数", en: "Points deducted per order when weak follow-up caused no loss" },
  },
  CONTRACT_FOLLOWUP_WITH_LOSS: {
    kind: "range",
    default: "5..20",
    min: 0,
    rules: ["SC-17"],
    ambiguity: "AMB-15",
    description: { zh: "跟进不力造成损失时,考核人按损失大小扣分的范围", en: "Range the appraiser deducts from, by size of loss, when weak follow-up caused a loss" },
  },
  CONTRACT_LOSS_BANDS: {
    kind: "pairs",
    default: null,
    nullable: true,
    min: 0,
    rules: ["SC-17"],
    ambiguity: "AMB-15",
    description: {
      zh: "可选的损失分档表(损失金额:扣分,损失达到该金额即扣该分);留空由考核人在范围内打分",
      en: "Optional loss bands (loss in yuan:points, a loss of at least that amount takes those points); blank = the appraiser enters points within the range",
    },
  },
  RESEARCH_DEDUCTION_RANGE: {
    kind: "range",
    default: "0..5",
    min: 0,
    rules: ["SC-19"],
    ambiguity: "AMB-16",
    description: { zh: "市场调研按质量与效率酌情扣分的范围", en: "Range of the discretionary market-research deduction" },
  },
  RECORDS_MISS: {
    kind: "number",
    default: 2,
    min: 0,
    rules: ["SC-20"],
    description: { zh: "业务资料收集整理每项(次)做得不好扣的分数", en: "Points deducted per business-records item or occasion not done well" },
  },
  TASK_MISS: {
    kind: "number",
    default: 2,
    min: 0,
    rules: ["SC-21"],
    description: { zh: "领导交办工作每次延误或未达要求扣的分数", en: "Points deducted each time an assigned task is late or misses the requirement" },
  },
  DISCIPLINE_RANGE: {
    kind: "range",
    default: "2..5",
    min: 0,
    rules: ["SC-22"],
    ambiguity: "AMB-16",
    description: { zh: "每次违反组织纪律酌情扣分的范围", en: "Range of the discretionary deduction per discipline violation" },
  },
  INFO_HEAD_WEIGHTS: {
    kind: "pairs",
    default: "accuracy:0.3; digitization:0.3; security:0.3; cooperation:0.1",
    names: ["accuracy", "digitization", "security", "cooperation"],
    min: 0,
    rules: ["SC-23"],
    ambiguity: "AMB-17",
    description: { zh: "信息主管各项权重:信息准确性、电子化、数据安全、部门协作", en: "Information head item weights: accuracy, digitization, data security, cooperation" },
  },
  MKT_HEAD_BLOCK_WEIGHTS: {
    kind: "pairs",
    default: "work:0.7; quality:0.3",
    names: ["work", "quality"],
    min: 0,
    rules: ["SC-24"],
    ambiguity: "AMB-18",
    description: { zh: "市场部主管两大块权重:工作业绩70%、综合素质30%", en: "Marketing head block weights: work performance 70 %, overall quality 30 %" },
  },
  MKT_HEAD_WORK_WEIGHTS: {
    kind: "pairs",
    default: "operation:0.3; publicity:0.3; brand:0.2; sales_support:0.2",
    names: ["operation", "publicity", "brand", "sales_support"],
    min: 0,
    rules: ["SC-24"],
    ambiguity: "AMB-18",
    description: { zh: "工作业绩块各项权重:部门运作、宣传与影响力、品牌建设、支持销售", en: "Work-performance items: operation, publicity, brand, support to sales" },
  },
  MKT_HEAD_QUALITY_WEIGHTS: {
    kind: "pairs",
    default: "awareness:0.3; cooperation:0.3; ability:0.4",
    names: ["awareness", "cooperation", "ability"],
    min: 0,
    rules: ["SC-24"],
    description: { zh: "综合素质块各项权重:市场敏感度、协调合作、沟通组织执行能力", en: "Overall-quality items: market awareness, cooperation, communication and execution ability" },
  },
  OBJ_BEHAVIOUR_POINTS: {
    kind: "number",
    default: 30,
    min: 0,
    rules: ["SC-30", "SC-32"],
    description: { zh: "行为指标满分(6项×5分;各项评分按比例折算)", en: "Behaviour-indicator points (6 items × 5; the ratings scale to it)" },
  },
  OBJ_COMPANY_POINTS: {
    kind: "number",
    default: 40,
    min: 0,
    rules: ["SC-31", "SC-32"],
    description: { zh: "公司经营业绩满分(完成率×40)", en: "Company-performance points (completion ratio × 40)" },
  },
  BEHAVIOUR_SCALE: {
    kind: "range",
    default: "1..5",
    min: 0,
    rules: ["SC-33", "SC-32"],
    ambiguity: "AMB-22",
    description: { zh: "行为指标每项评分范围(5优秀,1不符合要求)", en: "Rating scale of each behaviour item (5 = excellent, 1 = does not meet requirements)" },
  },
  GRADE_BANDS: {
    kind: "pairs",
    default: "A:90; B:70; C:0",
    names: ["A", "B", "C"],
    min: 0,
    rules: ["SC-36"],
    ambiguity: "AMB-24",
    description: { zh: "月度等级分档(下限含本数):A ≥ 90,70 ≤ B < 90,C < 70", en: "Monthly grade bands (lower bound inclusive): A ≥ 90, 70 ≤ B < 90, C < 70" },
  },
  ANNUAL_GRADE_BANDS: {
    kind: "pairs",
    default: "A:18; B:12; C:0",
    names: ["A", "B", "C"],
    min: 0,
    rules: ["SC-41"],
    description: { zh: "年度等级分档:累计分 ≥ 18 为A,12–17 为B,< 12 为C", en: "Annual grade bands: points sum ≥ 18 A, 12–17 B, < 12 C" },
  },
  DEMOTE_RULE: {
    kind: "pairs",
    default: "consecutive:6; cumulative:9",
    names: ["consecutive", "cumulative"],
    min: 1,
    rules: ["SC-47"],
    description: { zh: "连续或累计多少个月C时标记降职、降薪或解聘(由人决定)", en: "Months of C in a row, or in total, that flag demotion, pay cut or dismissal (a person decides)" },
  },
  DIRECTOR_LAST_RULE: {
    kind: "pairs",
    default: "last:1; second_last:2",
    names: ["last", "second_last"],
    min: 1,
    max: 2,
    rules: ["SC-52"],
    ambiguity: "AMB-31",
    description: {
      zh: "总监/副总监年度排名:末位1年、倒数第二连续2年即标记降职或解聘(由人决定)",
      en: "Director ranking: last place once, or second-to-last two years running, is flagged for demotion or dismissal (a person decides)",
    },
  },
  ANNUAL_BEST_EMPLOYEE_REWARD: {
    kind: "number",
    default: null,
    min: 0,
    nullable: true,
    rules: ["SC-49"],
    ambiguity: "AMB-63",
    description: {
      zh: "年度优秀员工(本部一名、每个分公司一名)的一次性奖励金额(元),随候选人标记显示;留空 = 未设",
      en: "One-time award of the annual best employees (one for HQ, one per branch), in yuan, shown with the candidate flag; blank = not set",
    },
  },
  PERF_PAY_POOL: {
    kind: "number",
    default: null,
    min: 0,
    nullable: true,
    rules: ["SC-38"],
    ambiguity: "AMB-25",
    description: {
      zh: "部门绩效工资总额;各人绩效工资合计超过时在关账结果中提示(NONE = 不检查)",
      en: "Department performance-pay pool; the close flags it when the people's pay adds up to more (NONE = no check)",
    },
  },
  BEST_EMPLOYEE_SCOPE: {
    kind: "choice",
    values: ["DEPARTMENT", "COMPANY"],
    default: "DEPARTMENT",
    rules: ["SC-48"],
    ambiguity: "AMB-30",
    description: {
      zh: "月度优秀员工评选范围;工作簿只含本部门,COMPANY 时候选人标记提示与其他部门比较",
      en: "Scope of the monthly best-employee selection; the workbook holds one department, so under COMPANY the candidate flag says to compare with the others",
    },
  },
  BEST_EMPLOYEE_REWARD: {
    kind: "number",
    default: null,
    min: 0,
    nullable: true,
    rules: ["SC-48"],
    ambiguity: "AMB-63",
    description: { zh: "月度优秀员工的一次性加薪奖励(元),随候选人标记显示;留空 = 未设", en: "One-time raise reward of the monthly best employee (yuan), shown with the candidate flag; blank = not set" },
  },
} as const satisfies Readonly<Record<string, ParameterSpec>>;

export type ParameterKey = keyof typeof SCORING_PARAMETERS;
type Spec<K extends ParameterKey> = (typeof SCORING_PARAMETERS)[K];

/** The typed value of a parameter: a literal union for choices, `number | null` for nullable numbers. */
export type ParameterValue<K extends ParameterKey> =
  Spec<K> extends { kind: "choice"; values: readonly (infer V)[] }
    ? V
    : Spec<K> extends { kind: "number"; nullable: true }
      ? number | null
      : Spec<K> extends { kind: "number" }
        ? number
        : Spec<K> extends { kind: "boolean" }
          ? boolean
          : Spec<K> extends { kind: "pairs"; nullable: true }
            ? Pairs | null
            : Spec<K> extends { kind: "pairs" }
              ? Pairs
              : Spec<K> extends { kind: "range" }
                ? NumberRange
                : string;

/** The default (seed number or [REC] reading) of a parameter. */
export function parameterDefault<K extends ParameterKey>(key: K): ParameterValue<K> {
  const spec: ParameterSpec = SCORING_PARAMETERS[key];
  if (spec.kind !== "pairs" && spec.kind !== "range") return spec.default as ParameterValue<K>;
  if (PARSED_DEFAULTS.has(key)) return PARSED_DEFAULTS.get(key) as ParameterValue<K>;
  const parsed = spec.default === null ? null : spec.kind === "pairs" ? readPairsParameter(spec.default, key, spec) : readRangeParameter(spec.default, key, spec);
  if (isScoreError(parsed)) throw new Error(`${key}: its default does not parse: ${parsed.text.en}`);
  PARSED_DEFAULTS.set(key, parsed);
  return parsed as ParameterValue<K>;
}

const PARSED_DEFAULTS = new Map<string, Pairs | NumberRange | null>();

const NOT_A_CHOICE: Bilingual = {
  zh: "「{got}」不是 {key} 的可选值;可选:{allowed}",
  en: '"{got}" is not a reading of {key}; allowed: {allowed}',
};
const NOT_A_NUMBER: Bilingual = { zh: "{key} 须为{range}(现为「{got}」)", en: '{key} must be {rangeEn} (got "{got}")' };
const NOT_A_BOOLEAN: Bilingual = { zh: "{key} 须为 TRUE 或 FALSE(现为「{got}」)", en: '{key} must be TRUE or FALSE (got "{got}")' };
const NOT_A_TIME_ZONE: Bilingual = {
  zh: "{key} 须为时区名称,如 Asia/Shanghai(现为「{got}」)",
  en: '{key} must be a time-zone name such as Asia/Shanghai (got "{got}")',
};

const NOT_PAIRS: Bilingual = {
  zh: "设置表「{key}」行须写成「{format}」:{why}(现为「{got}」)",
  en: 'Settings row {key} must read like "{format}": {whyEn} (got "{got}")',
};
const NOT_A_RANGE: Bilingual = {
  zh: "设置表「{key}」行须写成「最小..最大」,如「{format}」:{why}(现为「{got}」)",
  en: 'Settings row {key} must read "min..max", like "{format}": {whyEn} (got "{got}")',
};

const NONE_WORDS = new Set(["NONE", "无", "不限", "N/A"]);
const TRUE_WORDS = new Set(["TRUE", "YES", "Y", "1", "是", "真"]);
const FALSE_WORDS = new Set(["FALSE", "NO", "N", "0", "否", "假"]);

function shown(value: unknown): string {
  return typeof value === "string" ? value.trim() : String(value);
}

function rangeText(spec: NumberParameter): Bilingual {
  const noun = spec.integer ? { zh: "整数", en: "a whole number" } : { zh: "数字", en: "a number" };
  const bounds =
    spec.max === undefined
      ? { zh: `≥ ${spec.min} 的`, en: `≥ ${spec.min}` }
      : { zh: `${spec.min} 到 ${spec.max} 之间的`, en: `between ${spec.min} and ${spec.max}` };
  const none = spec.nullable ? { zh: "或 NONE", en: " or NONE" } : { zh: "", en: "" };
  return { zh: `${bounds.zh}${noun.zh}${none.zh}`, en: `${noun.en} ${bounds.en}${none.en}` };
}

function readNumberParameter(cell: unknown, key: string, spec: NumberParameter): number | null | ScoreError {
  const range = rangeText(spec);
  const fail = (): ScoreError => scoreError(NOT_A_NUMBER, { key, range: range.zh, rangeEn: range.en, got: shown(cell) });
  if (typeof cell === "string" && spec.nullable && NONE_WORDS.has(cell.trim().toUpperCase())) return null;
  const n = typeof cell === "number" ? cell : typeof cell === "string" ? parseNumberText(cell) : null;
  if (n === null || !Number.isFinite(n)) return fail();
  if (n < spec.min || (spec.max !== undefined && n > spec.max) || (spec.integer && !Number.isInteger(n))) return fail();
  return n;
}

function readBooleanParameter(cell: unknown, key: string): boolean | ScoreError {
  if (typeof cell === "boolean") return cell;
  const word = shown(cell).toUpperCase();
  if (TRUE_WORDS.has(word)) return true;
  if (FALSE_WORDS.has(word)) return false;
  return scoreError(NOT_A_BOOLEAN, { key, got: shown(cell) });
}

function readChoiceParameter(cell: unknown, key: string, spec: ChoiceParameter): string | ScoreError {
  const word = shown(cell).toUpperCase();
  const match = spec.values.find((v) => v === word);
  return match ?? scoreError(NOT_A_CHOICE, { key, got: shown(cell), allowed: spec.values.join(", ") });
}

function readTimeZoneParameter(cell: unknown, key: string): string | ScoreError {
  const name = shown(cell);
  try {
    wallClock(0, name);
    return name;
  } catch {
    return scoreError(NOT_A_TIME_ZONE, { key, got: name });
  }
}

function boundsText(min: number, max: number | undefined): Bilingual {
  return max === undefined ? { zh: `≥ ${min}`, en: `≥ ${min}` } : { zh: `${min} 到 ${max} 之间`, en: `between ${min} and ${max}` };
}

/** `name:number; …` (also `,` or `；` between entries, `：` or `=` inside one). */
function readPairsParameter(cell: unknown, key: string, spec: PairsParameter): Pairs | null | ScoreError {
  const got = shown(cell);
  const format = spec.default ?? (spec.names ? spec.names.map((n) => `${n}:1`).join("; ") : "10000:5; 50000:10");
  const fail = (why: Bilingual): ScoreError => scoreError(NOT_PAIRS, { key, format, got, why: why.zh, whyEn: why.en });
  if (spec.nullable && NONE_WORDS.has(got.toUpperCase())) return null;
  const pairs: Pair[] = [];
  for (const entry of got.split(/[;；,，\n]/).map((e) => e.trim()).filter((e) => e !== "")) {
    const m = /^([^:：=]+)[:：=](.+)$/.exec(entry);
    const name = m?.[1]?.trim() ?? "";
    const value = m?.[2] === undefined ? null : parseNumberText(m[2].trim());
    if (name === "" || value === null) return fail({ zh: `「${entry}」不是「名称:数值」`, en: `"${entry}" is not name:number` });
    const bounds = boundsText(spec.min, spec.max);
    if (value < spec.min || (spec.max !== undefined && value > spec.max)) return fail({ zh: `「${entry}」的数值须${bounds.zh}`, en: `the number of "${entry}" must be ${bounds.en}` });
    if (spec.names === undefined) {
      const n = parseNumberText(name);
      if (n === null || n < 0) return fail({ zh: `「${name}」须为 ≥ 0 的数字`, en: `"${name}" must be a number ≥ 0` });
      pairs.push([String(n), value]);
    } else {
      const upper = name.toUpperCase();
      const known = spec.names.find((n) => n.toUpperCase() === upper);
      if (known === undefined) return fail({ zh: `没有「${name}」这一项;可用:${spec.names.join("、")}`, en: `there is no "${name}"; use ${spec.names.join(", ")}` });
      if (pairs.some(([n]) => n === known)) return fail({ zh: `「${known}」写了两次`, en: `"${known}" is given twice` });
      pairs.push([known, value]);
    }
  }
  if (pairs.length === 0) return fail({ zh: "不能为空", en: "it is empty" });
  const absent = (spec.names ?? []).filter((n) => !pairs.some(([p]) => p === n));
  if (absent.length > 0) return fail({ zh: `缺少 ${absent.join("、")}`, en: `${absent.join(", ")} missing` });
  if (spec.sum !== undefined) {
    const total = pairs.reduce((a, [, v]) => a + v, 0);
    if (Math.abs(total - spec.sum) > 1e-9) return fail({ zh: `各项合计须为 ${spec.sum}(现为 ${total})`, en: `the numbers must add up to ${spec.sum} (they add up to ${total})` });
  }
  return pairs;
}

/** `min..max` (also `min-max`, `min–max`, `min~max`, `min到max`). */
function readRangeParameter(cell: unknown, key: string, spec: RangeParameter): NumberRange | ScoreError {
  const got = shown(cell);
  const fail = (why: Bilingual): ScoreError => scoreError(NOT_A_RANGE, { key, format: spec.default, got, why: why.zh, whyEn: why.en });
  const m = /^(\d+(?:\.\d+)?)\s*(?:\.\.|-|–|—|~|到|至)\s*(\d+(?:\.\d+)?)$/.exec(got);
  if (!m?.[1] || !m[2]) return fail({ zh: "格式不对", en: "not a range" });
  const min = Number(m[1]);
  const max = Number(m[2]);
  const bounds = boundsText(spec.min, spec.max);
  if (min > max) return fail({ zh: "最小值大于最大值", en: "min is above max" });
  if (min < spec.min || (spec.max !== undefined && max > spec.max)) return fail({ zh: `两端须${bounds.zh}`, en: `both ends must be ${bounds.en}` });
  if (spec.integer && !(Number.isInteger(min) && Number.isInteger(max))) return fail({ zh: "两端须为整数", en: "both ends must be whole numbers" });
  return { min, max };
}

/** A `pairs` or `range` value written back as the Settings sheet holds it. */
export function settingText(value: Pairs | NumberRange): string {
  return Array.isArray(value) ? (value as Pairs).map(([n, v]) => `${n}:${v}`).join("; ") : `${(value as NumberRange).min}..${(value as NumberRange).max}`;
}

/**
 * The value of parameter `key` given in `cell` (an optional trailing argument of a custom
 * function, often a named range on Settings). Blank or omitted gives the default; anything outside
 * the allowed values gives a `ScoreError` that names them.
 */
export function readParameter<K extends ParameterKey>(cell: unknown, key: K): ParameterValue<K> | ScoreError {
  if (isBlank(cell)) return parameterDefault(key);
  const spec: ParameterSpec = SCORING_PARAMETERS[key];
  let value: unknown;
  switch (spec.kind) {
    case "choice":
      value = readChoiceParameter(cell, key, spec);
      break;
    case "number":
      value = readNumberParameter(cell, key, spec);
      break;
    case "boolean":
      value = readBooleanParameter(cell, key);
      break;
    case "timeZone":
      value = readTimeZoneParameter(cell, key);
      break;
    case "pairs":
      value = readPairsParameter(cell, key, spec);
      break;
    case "range":
      value = readRangeParameter(cell, key, spec);
      break;
  }
  return value as ParameterValue<K> | ScoreError;
}

const UNKNOWN_KEY: Bilingual = { zh: "没有名为「{got}」的评分设置", en: 'there is no scoring setting named "{got}"' };

function isParameterKey(key: string): key is ParameterKey {
  return Object.prototype.hasOwnProperty.call(SCORING_PARAMETERS, key);
}

/**
 * The reading in force for setting `key` given the Settings cell `cell`: the default for a blank
 * cell, `NONE` for "no cap", or the `ScoreError` naming the allowed values. A scorecard shows it
 * next to its scores (spec §0.4: "the scorecard shows which reading is in force").
 *
 * @example readingInForce("OBJ_WEIGHT_MODE", "") → "NORMALIZE"
 */
export function readingInForce(key: unknown, cell: unknown): string | number | boolean | ScoreError {
  const name = typeof key === "string" ? key.trim().toUpperCase() : String(key);
  if (!isParameterKey(name)) return scoreError(UNKNOWN_KEY, { got: name });
  const value: unknown = readParameter(cell, name);
  if (value === null) return "NONE";
  if (isScoreError(value)) return value;
  if (typeof value === "object") return settingText(value as Pairs | NumberRange);
  return value as string | number | boolean;
}

/** One row of the parameter table, as the Settings template check reads it. */
export interface ScoringParameterRow {
  readonly key: ParameterKey;
  readonly kind: ParameterSpec["kind"];
  readonly default: string | number | boolean | null;
  /** Allowed values in words: the choices, or the numeric range. */
  readonly allowed: string;
  readonly rules: readonly string[];
  readonly ambiguity: string | null;
  readonly description: Bilingual;
}

function allowedText(spec: ParameterSpec): string {
  switch (spec.kind) {
    case "choice":
      return spec.values.join(" | ");
    case "boolean":
      return "TRUE | FALSE";
    case "timeZone":
      return "IANA time zone";
    case "pairs":
      return `${spec.names ? spec.names.map((n) => `${n}:number`).join("; ") : "number:number; …"}${spec.nullable ? ", or blank" : ""}`;
    case "range":
      return `min..max, ${spec.integer ? "integers" : "numbers"} ≥ ${spec.min}${spec.max === undefined ? "" : `, ≤ ${spec.max}`}`;
    case "number": {
      const parts = [`${spec.integer ? "integer" : "number"} ≥ ${spec.min}`];
      if (spec.max !== undefined) parts.push(`≤ ${spec.max}`);
      if (spec.nullable) parts.push("or NONE");
      return parts.join(", ");
    }
  }
}

/** The parameter table, one row per key, in declaration order. */
export function scoringParameterRows(): ScoringParameterRow[] {
  return (Object.keys(SCORING_PARAMETERS) as ParameterKey[]).map((key) => {
    const spec: ParameterSpec = SCORING_PARAMETERS[key];
    return {
      key,
      kind: spec.kind,
      default: spec.default,
      allowed: allowedText(spec),
      rules: spec.rules,
      ambiguity: spec.ambiguity ?? null,
      description: spec.description,
    };
  });
}
