/**
 * Every request type, as one table: its form (bilingual questions, required answers, number and
 * date limits, dropdowns filled from the People / Regions / Products / Customers / Dealers /
 * Promotions sheets), the rules across answers, the follow-up tasks that approval creates (each
 * with an owner role, a deadline in working days and the spec step it implements, WF-GEN.2), and
 * the rows of other sheets an approval updates. The routes themselves are data in the Routes sheet
 * (routes.ts); this table only says what is asked and what happens after. Seed 002
 * (营销管理流程方案) is the source of WF-01..WF-10; 001 §四 of WF-19; 004 §十三 of WF-26.
 */
import type { Bilingual } from "../i18n";
import { DEFAULT_APPROVAL_SETTINGS } from "./settings";
import type { FollowUpDaysSetting, FollowUpMonthsSetting } from "./settings";
import { sheetTemplate } from "../templates/catalog";
import type { FieldValue, RequestTypeKey, SheetRecord } from "./model";
import type { Question } from "./questions";
import type { EscalationContext } from "./appeals";
import { escalationLink, escalationNote, escalationProblems } from "./appeals";
import type { DealerStages } from "./dealer-stages";
import { stageProblem } from "./dealer-stages";

/**
 * A follow-up task approval creates: owner by role, due `workingDays` after approval (or a date
 * answer). Its title may say `{horizon_min}` and `{horizon_max}` (the FOLLOWUP_HORIZON months).
 */
export interface FollowUpSpec {
  readonly key: string;
  readonly title: Bilingual;
  /** A People role, `requester`, or `region_manager` (the request region's manager). */
  readonly ownerRole: string;
  readonly workingDays: number;
  /** The approval setting that gives `workingDays` instead (its default is `workingDays`). */
  readonly workingDaysSetting?: FollowUpDaysSetting;
  /** The approval setting of calendar months counted before `workingDays` (the task falls due that many months on). */
  readonly monthsSetting?: FollowUpMonthsSetting;
  readonly fromField: string | null;
  readonly rule: string;
}

/** What a cross-answer rule needs to know: the submission day, the appeal window, and for an escalated appeal who submits it and the appeals already made (appeals.ts). */
export interface CheckContext extends EscalationContext {
  /** `YYYY-MM-DD` of the submission in the workbook's zone. */
  readonly today: string;
  readonly appealDays: number;
  /** The Dealers rows' stages, for the dealer requests' stage check (WF-10, dealer-stages.ts); absent: not checked. */
  readonly dealers?: DealerStages;
}

/** A rule across answers broke: the question to fix, the code and the text (`{q}` = its title). */
export interface CrossProblem {
  readonly question: string;
  readonly code: string;
  readonly text: Bilingual;
  readonly values?: Readonly<Record<string, string | number>>;
}

/** A row of another sheet that approval writes (dealer status, the promotion's plan or results). */
export interface RecordUpdate {
  readonly sheet: "dealers" | "promotions" | "monthly_results" | "annual_results" | "plans";
  readonly keyColumn: string;
  readonly key: string;
  readonly values: SheetRecord;
  readonly createIfMissing: boolean;
}

/** What a request's own hooks see of it. */
export interface RequestRef {
  readonly id: string;
  readonly fields: Readonly<Record<string, FieldValue>>;
}

export interface RequestTypeSpec {
  readonly key: RequestTypeKey;
  /** Request IDs of this type start with it: `ST-2026-0007`. */
  readonly prefix: string;
  readonly label: Bilingual;
  readonly rules: readonly string[];
  /** The type's own questions; every form also asks `title` first and `details` and `revises` last. */
  readonly questions: readonly Question[];
  readonly check: (fields: Readonly<Record<string, FieldValue>>, context: CheckContext) => readonly CrossProblem[];
  readonly followUps: readonly FollowUpSpec[];
  readonly onApproved: (request: {
    readonly id: string;
    readonly title: string;
    readonly requester: string;
    readonly fields: Readonly<Record<string, FieldValue>>;
    readonly approvedOn: string;
    /** Who gave the final approval. */
    readonly approvedBy: string;
  }) => readonly RecordUpdate[];
  /** Rows another sheet records while the request waits on its approvers (a dealer's stage and request, WF-10). */
  readonly onStarted?: (request: RequestRef) => readonly RecordUpdate[];
  /** Rows put back when the request ends without approval: rejected, closed or withdrawn (a dealer back to its stage before, WF-10.4, AMB-43). */
  readonly onClosed?: (request: RequestRef) => readonly RecordUpdate[];
  /** Started by a job (the monthly close, the annual run), not by a person filling a form: no Google Form is built for it. */
  readonly formless?: true;
  /** What the submission's Audit row says about the answers (an escalation names its first appeal), or null. */
  readonly submittedNote?: (fields: Readonly<Record<string, FieldValue>>) => Bilingual | null;
  /** An earlier request the accepted submission links to, for an Audit row under that request's ID (the first appeal of an escalation), or null. */
  readonly submittedLink?: (fields: Readonly<Record<string, FieldValue>>, id: string) => { readonly requestId: string; readonly action: string; readonly comment: Bilingual } | null;
}

const none = (): readonly CrossProblem[] => [];
const nothing = (): readonly RecordUpdate[] => [];

/** Questions every form asks. */
export const TITLE_QUESTION: Question = { key: "title", title: { zh: "标题", en: "Title" }, kind: "text", required: true, maxLength: 120 };
export const DETAILS_QUESTION: Question = { key: "details", title: { zh: "详细说明", en: "Details" }, kind: "paragraph", required: false, maxLength: 5000 };
export const REVISES_QUESTION: Question = {
  key: "revises",
  title: { zh: "修改的申请编号", en: "Request ID being revised" },
  help: { zh: "修改被退回、驳回或需更正的申请时填写原申请编号;新申请留空", en: "When revising a returned, rejected or needs-fixing request, its request ID; blank for a new request" },
  kind: "text",
  required: false,
  pattern: { regex: "^[A-Z]{2}-\\d{4}-\\d{4,}$", example: "ST-2026-0007" },
};

const region = (required: boolean): Question => ({ key: "region", title: { zh: "区域", en: "Region" }, kind: "source", source: "regions", required });
const product: Question = { key: "product_sku", title: { zh: "产品", en: "Product" }, kind: "source", source: "products", required: true };
const customer: Question = { key: "customer_id", title: { zh: "客户", en: "Customer" }, kind: "source", source: "customers", required: true };
const dealer: Question = { key: "dealer_id", title: { zh: "经销商", en: "Dealer" }, kind: "source", source: "dealers", required: true };
const year: Question = { key: "year", title: { zh: "年度", en: "Year" }, kind: "integer", required: true, min: 2000, max: 2100 };
const score = (key: string, zh: string, en: string): Question => ({ key, title: { zh, en }, kind: "integer", required: true, min: 0, max: 100 });
const period: Question = {
  key: "period",
  title: { zh: "期间", en: "Period" },
  help: { zh: "年 2026、季度 2026-Q1 或月 2026-03", en: "Year 2026, quarter 2026-Q1 or month 2026-03" },
  kind: "text",
  required: true,
  pattern: { regex: "^\\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$", example: "2026-Q1" },
};

const M = {
  endBeforeStart: { zh: "「{q}」早于开始日期", en: "\"{q}\" is before the start date" },
  sameLocation: { zh: "「{q}」与调出地相同", en: "\"{q}\" is the same as the transfer's origin" },
  stockSufficient: {
    zh: "「{q}」:库存 {stock} 既不少于需求 {demand},也不低于安全库存 {safety};库存不足或低于安全库存时才申请调货(WF-05.3)",
    en: "\"{q}\": stock {stock} meets demand {demand} and is not below safety stock {safety}; a transfer is requested only when stock is short or below safety stock (WF-05.3)",
  },
  future: { zh: "「{q}」是将来的日期", en: "\"{q}\" is in the future" },
  past: { zh: "「{q}」早于今天", en: "\"{q}\" is before today" },
  rebateOverPurchases: { zh: "「{q}」大于进货总额 {total}", en: "\"{q}\" is more than the purchases total {total}" },
  appealLate: {
    zh: "「{q}」{published} 公布的考核结果须在 {days} 天内(至 {last})申诉,今天是 {today}(SC-54)",
    en: "\"{q}\": results published on {published} may be appealed within {days} days (until {last}); today is {today} (SC-54)",
  },
  appealEarly: { zh: "「{q}」晚于今天,结果尚未公布", en: "\"{q}\" is after today: the results are not published yet" },
  periodMismatch: { zh: "「{q}」与期间类型「{kind}」不符", en: "\"{q}\" does not match the period type \"{kind}\"" },
} as const;

const dayOf = (v: FieldValue): string | null => (typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : null);
const num = (v: FieldValue): number | null => (typeof v === "number" ? v : null);
const text = (v: FieldValue): string | null => (typeof v === "string" && v !== "" ? v : null);

function daysBetween(a: string, b: string): number {
  const ms = (d: string): number => Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)));
  return Math.round((ms(b) - ms(a)) / 86_400_000);
}

/** WF-10: the dealer a request names is at the stage before (dealer-stages.ts), as a problem on the Dealer question. */
function dealerStageCheck(type: "dealer_target" | "distribution_agreement", fields: Readonly<Record<string, FieldValue>>, context: CheckContext): CrossProblem[] {
  const problem = stageProblem(type, fields, context.dealers);
  return problem ? [{ question: "dealer_id", code: problem.code, text: problem.text, values: problem.values }] : [];
}

function endNotBeforeStart(startKey: string, endKey: string) {
  return (fields: Readonly<Record<string, FieldValue>>): CrossProblem[] => {
    const start = dayOf(fields[startKey] ?? null);
    const end = dayOf(fields[endKey] ?? null);
    return start && end && end < start ? [{ question: endKey, code: "END_BEFORE_START", text: M.endBeforeStart }] : [];
  };
}

function notInFuture(key: string) {
  return (fields: Readonly<Record<string, FieldValue>>, context: CheckContext): CrossProblem[] => {
    const d = dayOf(fields[key] ?? null);
    return d && d > context.today ? [{ question: key, code: "DATE_IN_FUTURE", text: M.future }] : [];
  };
}

const PERIOD_TYPES = [
  { value: "month", label: { zh: "月度", en: "Monthly" } },
  { value: "quarter", label: { zh: "季度", en: "Quarterly" } },
  { value: "year", label: { zh: "年度", en: "Annual" } },
] as const;

/** WF-01 regional marketing plan: region, period and target, the plan itself. */
const regionalPlan: Omit<RequestTypeSpec, "label"> = {
  key: "regional_plan",
  prefix: "RP",
  rules: ["WF-01", "AMB-44"],
  questions: [
    region(true),
    { key: "period_type", title: { zh: "期间类型", en: "Period type" }, kind: "choice", choices: PERIOD_TYPES, required: true },
    period,
    { key: "amount", title: { zh: "销售目标(元)", en: "Sales target (yuan)" }, kind: "money", required: true, min: 1 },
    { key: "plan", title: { zh: "营销计划", en: "Marketing plan" }, help: { zh: "实现目标的详细计划(WF-01.4)", en: "The detailed plan to reach the target (WF-01.4)" }, kind: "paragraph", required: true, maxLength: 5000 },
  ],
  check: (fields) => {
    const kind = text(fields.period_type ?? null);
    const p = text(fields.period ?? null);
    if (!kind || !p) return [];
    const fits = kind === "year" ? /^\d{4}$/.test(p) : kind === "quarter" ? /^\d{4}-Q[1-4]$/.test(p) : /^\d{4}-\d{2}$/.test(p);
    return fits ? [] : [{ question: "period", code: "PERIOD_MISMATCH", text: M.periodMismatch, values: { kind } }];
  },
  followUps: [
    { key: "execute", title: { zh: "按分解后的任务执行区域营销计划(WF-01.7)", en: "Carry out the regional plan's decomposed tasks (WF-01.7)" }, ownerRole: "region_manager", workingDays: 5, fromField: null, rule: "WF-01.7" },
  ],
  onApproved: nothing,
};

/** WF-02 promotion plan (促销计划书): Director then President; then staffing (WF-02.4). */
const promotionPlan: Omit<RequestTypeSpec, "label"> = {
  key: "promotion_plan",
  prefix: "PP",
  rules: ["WF-02", "AMB-45"],
  questions: [
    { key: "objective", title: { zh: "促销目的", en: "Objective" }, kind: "paragraph", required: true, maxLength: 2000 },
    { key: "start_on", title: { zh: "开始日期", en: "Start date" }, kind: "date", required: true },
    { key: "end_on", title: { zh: "结束日期", en: "End date" }, kind: "date", required: true },
    region(true),
    { key: "locations", title: { zh: "地点/渠道", en: "Places / channels" }, kind: "text", required: true, maxLength: 300 },
    { key: "products", title: { zh: "促销产品", en: "Products" }, kind: "text", required: false, maxLength: 300 },
    { key: "amount", title: { zh: "预算(元)", en: "Budget (yuan)" }, help: { zh: "可选(AMB-45)", en: "Optional (AMB-45)" }, kind: "money", required: false, min: 0 },
  ],
  check: endNotBeforeStart("start_on", "end_on"),
  followUps: [
    {
      key: "staffing",
      title: { zh: "确定促销负责人、协助的区域人员、促销人员与活动日程(WF-02.4)", en: "Name the promotion owner, the regional assistant, the promoters and the schedule (WF-02.4)" },
      ownerRole: "mkt_manager",
      workingDays: 3,
      fromField: null,
      rule: "WF-02.4",
    },
    {
      key: "participant_reports",
      title: { zh: "收齐每位参与人员(促销员、区域人员)的促销活动总结报告(WF-04.2,AMB-46)", en: "Collect every participant's (promoters', regional staff's) promotion summary report (WF-04.2, AMB-46)" },
      ownerRole: "requester",
      workingDays: DEFAULT_APPROVAL_SETTINGS.promoParticipantReportDays,
      workingDaysSetting: "promoParticipantReportDays",
      fromField: "end_on",
      rule: "WF-04.2",
    },
    {
      key: "summary",
      title: { zh: "促销结束后提交促销活动总结报告(WF-04.3,AMB-46)", en: "Hand in the promotion summary report after the promotion ends (WF-04.3, AMB-46)" },
      ownerRole: "requester",
      workingDays: DEFAULT_APPROVAL_SETTINGS.promoOwnerReportDays,
      workingDaysSetting: "promoOwnerReportDays",
      fromField: "end_on",
      rule: "WF-04.3",
    },
  ],
  onApproved: ({ id, title, requester, fields }) => [
    {
      sheet: "promotions",
      keyColumn: "plan_request_id",
      key: id,
      createIfMissing: true,
      values: {
        id,
        name: title,
        objective: text(fields.objective ?? null),
        start_on: dayOf(fields.start_on ?? null),
        end_on: dayOf(fields.end_on ?? null),
        locations: text(fields.locations ?? null),
        products: text(fields.products ?? null),
        budget: num(fields.amount ?? null),
        owner_email: requester,
        status: "approved",
        plan_request_id: id,
      },
    },
  ],
};

/** WF-04 promotion summary report (促销活动总结报告) with the KPI-52 figures. */
const promotionSummary: Omit<RequestTypeSpec, "label"> = {
  key: "promotion_summary",
  prefix: "PS",
  rules: ["WF-04", "KPI-52", "AMB-45", "AMB-46"],
  questions: [
    { key: "promotion_id", title: { zh: "促销活动", en: "Promotion" }, kind: "source", source: "promotions", required: true },
    region(false),
    { key: "exposure", title: { zh: "曝光人次", en: "Exposure (people reached)" }, kind: "integer", required: true, min: 0 },
    { key: "visitors", title: { zh: "到访人数", en: "Visitors" }, kind: "integer", required: true, min: 0 },
    { key: "buyers", title: { zh: "购买人数", en: "Buyers" }, kind: "integer", required: true, min: 0 },
    { key: "sales_amount", title: { zh: "促销期销售额(元)", en: "Sales during the promotion (yuan)" }, kind: "money", required: true, min: 0 },
    { key: "baseline_sales", title: { zh: "去年同期销售额(元)", en: "Sales in the same period last year (yuan)" }, kind: "money", required: false, min: 0 },
    { key: "summary", title: { zh: "总结", en: "Summary" }, kind: "paragraph", required: true, maxLength: 5000 },
  ],
  check: (fields) => {
    const visitors = num(fields.visitors ?? null);
    const buyers = num(fields.buyers ?? null);
    return visitors !== null && buyers !== null && buyers > visitors
      ? [{ question: "buyers", code: "BUYERS_OVER_VISITORS", text: { zh: "「{q}」多于到访人数 {visitors}", en: "\"{q}\" is more than the {visitors} visitors" }, values: { visitors } }]
      : [];
  },
  followUps: [
    {
      key: "next_round",
      title: { zh: "归档总结,作为下一轮促销的依据(WF-04.6)", en: "File the summary as input for the next round of promotions (WF-04.6)" },
      ownerRole: "mkt_manager",
      workingDays: 5,
      fromField: null,
      rule: "WF-04.6",
    },
  ],
  onApproved: ({ id, fields }) => {
    const promotion = text(fields.promotion_id ?? null);
    if (!promotion) return [];
    return [
      {
        sheet: "promotions",
        keyColumn: "id",
        key: promotion,
        createIfMissing: false,
        values: {
          exposure: num(fields.exposure ?? null),
          visitors: num(fields.visitors ?? null),
          buyers: num(fields.buyers ?? null),
          sales_amount: num(fields.sales_amount ?? null),
          baseline_sales: num(fields.baseline_sales ?? null),
          status: "reported",
          summary_request_id: id,
        },
      },
    ];
  },
};

/** WF-05 stock transfer (调货申请单): manager then Director (营销总部, AMB-38); the warehouse ships. */
const stockTransfer: Omit<RequestTypeSpec, "label"> = {
  key: "stock_transfer",
  prefix: "ST",
  rules: ["WF-05", "AMB-38"],
  questions: [
    product,
    region(true),
    { key: "demand_qty", title: { zh: "市场需求数量", en: "Market demand (quantity)" }, kind: "integer", required: true, min: 0 },
    { key: "on_hand_qty", title: { zh: "现有库存", en: "Stock on hand" }, kind: "integer", required: true, min: 0 },
    { key: "safety_stock", title: { zh: "安全库存", en: "Safety stock" }, kind: "integer", required: true, min: 0 },
    { key: "quantity", title: { zh: "申请调货数量", en: "Quantity to transfer" }, kind: "integer", required: true, min: 1 },
    { key: "from_location", title: { zh: "调出地", en: "From" }, kind: "text", required: true, maxLength: 100 },
    { key: "to_location", title: { zh: "调入地", en: "To" }, kind: "text", required: true, maxLength: 100 },
    { key: "reason", title: { zh: "调货原因", en: "Reason" }, kind: "paragraph", required: true, maxLength: 2000 },
  ],
  check: (fields) => {
    const out: CrossProblem[] = [];
    const from = text(fields.from_location ?? null);
    const to = text(fields.to_location ?? null);
    if (from && to && from.toLowerCase() === to.toLowerCase()) out.push({ question: "to_location", code: "SAME_LOCATION", text: M.sameLocation });
    const stock = num(fields.on_hand_qty ?? null);
    const demand = num(fields.demand_qty ?? null);
    const safety = num(fields.safety_stock ?? null);
    if (stock !== null && demand !== null && safety !== null && stock >= demand && stock >= safety) {
      out.push({ question: "on_hand_qty", code: "STOCK_SUFFICIENT", text: M.stockSufficient, values: { stock, demand, safety } });
    }
    return out;
  },
  followUps: [
    { key: "ship", title: { zh: "仓储部按调货申请单安排调货(WF-05.7)", en: "Warehouse arranges the transfer per the approved request (WF-05.7)" }, ownerRole: "warehouse", workingDays: 2, fromField: null, rule: "WF-05.7" },
  ],
  onApproved: nothing,
};

const qualityCase = (refundLabel: Bilingual, refundRequired: boolean): readonly Question[] => [
  customer,
  region(true),
  product,
  { key: "batch", title: { zh: "批号", en: "Batch" }, kind: "text", required: false, maxLength: 60 },
  { key: "purchase_date", title: { zh: "购买日期", en: "Purchase date" }, kind: "date", required: true },
  { key: "quantity", title: { zh: "数量", en: "Quantity" }, kind: "integer", required: true, min: 1 },
  { key: "amount", title: refundLabel, kind: "money", required: refundRequired, min: refundRequired ? 0.01 : 0 },
  { key: "defect", title: { zh: "质量问题描述", en: "The quality problem" }, kind: "paragraph", required: true, maxLength: 3000 },
];

/** WF-06 exchange (换货): manager reviews (with Quality), Director approves the written application (AMB-39). */
const exchange: Omit<RequestTypeSpec, "label"> = {
  key: "exchange",
  prefix: "EX",
  rules: ["WF-06", "AMB-39"],
  questions: qualityCase({ zh: "货值(元)", en: "Value of the goods (yuan)" }, false),
  check: notInFuture("purchase_date"),
  followUps: [
    { key: "tell_customer", title: { zh: "通知客户换货已批准,安排退货返厂(WF-06.6)", en: "Tell the customer the exchange is approved and arrange the return to the factory (WF-06.6)" }, ownerRole: "region_manager", workingDays: 2, fromField: null, rule: "WF-06.6" },
    { key: "issue_goods", title: { zh: "发出换货新品(WF-06.7)", en: "Issue the replacement goods (WF-06.7)" }, ownerRole: "warehouse", workingDays: 3, fromField: null, rule: "WF-06.7" },
    { key: "feedback", title: { zh: "主动收集客户使用新品的反馈(WF-06.8)", en: "Collect the customer's feedback on the new goods (WF-06.8)" }, ownerRole: "requester", workingDays: 15, fromField: null, rule: "WF-06.8" },
  ],
  onApproved: nothing,
};

/** WF-07 return and refund (退货退款): manager, the company (Director), Finance refunds, sales confirms (AMB-40). */
const returnRefund: Omit<RequestTypeSpec, "label"> = {
  key: "return",
  prefix: "RT",
  rules: ["WF-07", "AMB-40", "SC-10"],
  questions: qualityCase({ zh: "退款金额(元)", en: "Refund amount (yuan)" }, true),
  check: notInFuture("purchase_date"),
  followUps: [
    { key: "goods_back", title: { zh: "不良品交相关部门处理并办结退货手续(WF-07.6a)", en: "Pass the defective goods to the department concerned and close the return (WF-07.6a)" }, ownerRole: "region_manager", workingDays: 3, fromField: null, rule: "WF-07.6a" },
  ],
  onApproved: nothing,
};

/** WF-08.1-2 annual rebate policy (年度销售返利政策): Director approves; then CS computes (WF-08.3a). */
const rebatePolicy: Omit<RequestTypeSpec, "label"> = {
  key: "rebate_policy",
  prefix: "RB",
  rules: ["WF-08", "AMB-41"],
  questions: [
    year,
    { key: "tiers", title: { zh: "返利档次与比例", en: "Rebate tiers and rates" }, help: { zh: "如:进货满50万返2%;满100万返3%", en: "E.g. 2 % from 500,000 yuan of purchases; 3 % from 1,000,000" }, kind: "paragraph", required: true, maxLength: 3000 },
  ],
  check: none,
  followUps: [
    { key: "compute", title: { zh: "按批准的政策计算每个经销商每一笔进货的返利(WF-08.3a)", en: "Compute the rebate of each dealer's every purchase under the approved policy (WF-08.3a)" }, ownerRole: "cs", workingDays: 10, fromField: null, rule: "WF-08.3a" },
  ],
  onApproved: nothing,
};

/** WF-08.3-5 rebate calculation and settlement (返利计算): Director, Finance verifies, President, Finance pays. */
const rebateCalc: Omit<RequestTypeSpec, "label"> = {
  key: "rebate_calc",
  prefix: "RC",
  rules: ["WF-08", "AMB-41"],
  questions: [
    year,
    dealer,
    region(false),
    { key: "purchase_total", title: { zh: "全年进货总额(元)", en: "Purchases in the year (yuan)" }, kind: "money", required: true, min: 0 },
    { key: "purchase_count", title: { zh: "进货笔数", en: "Number of purchases" }, kind: "integer", required: false, min: 0 },
    { key: "amount", title: { zh: "返利金额(元)", en: "Rebate amount (yuan)" }, kind: "money", required: true, min: 0 },
  ],
  check: (fields) => {
    const total = num(fields.purchase_total ?? null);
    const rebate = num(fields.amount ?? null);
    return total !== null && rebate !== null && rebate > total ? [{ question: "amount", code: "REBATE_OVER_PURCHASES", text: M.rebateOverPurchases, values: { total } }] : [];
  },
  followUps: [],
  onApproved: nothing,
};

/** WF-09 sales expense budget (营销费用预算表): the Director signs an opinion (AMB-42). */
const expenseBudget: Omit<RequestTypeSpec, "label"> = {
  key: "expense_budget",
  prefix: "EB",
  rules: ["WF-09", "AMB-42", "SC-05"],
  questions: [
    region(false),
    period,
    { key: "category", title: { zh: "费用类别", en: "Expense category" }, kind: "text", required: true, maxLength: 100 },
    { key: "amount", title: { zh: "预算金额(元)", en: "Budget (yuan)" }, kind: "money", required: true, min: 0.01 },
    { key: "prior_budget", title: { zh: "上期预算(元)", en: "Previous budget (yuan)" }, kind: "money", required: false, min: 0 },
    { key: "prior_actual", title: { zh: "上期实际(元)", en: "Previous actual (yuan)" }, kind: "money", required: false, min: 0 },
  ],
  check: none,
  followUps: [
    { key: "decompose", title: { zh: "分解并执行批准的费用预算,监控使用情况(WF-09.5-6)", en: "Break down and run the approved budget, monitoring its use (WF-09.5-6)" }, ownerRole: "mkt_manager", workingDays: 5, fromField: null, rule: "WF-09.5" },
  ],
  onApproved: nothing,
};

/** WF-10.3-4 target dealer (目标经销商): vetted candidate to the Director; then negotiation (WF-10.5). */
const dealerTarget: Omit<RequestTypeSpec, "label"> = {
  key: "dealer_target",
  prefix: "DT",
  rules: ["WF-10", "AMB-43"],
  questions: [
    dealer,
    region(true),
    score("operating_score", "经营状况评分", "Operating score"),
    score("credit_score", "企业信用评分", "Credit score"),
    score("suitability_score", "适合度评分", "Suitability score"),
    { key: "vetting", title: { zh: "论证意见", en: "Vetting notes" }, kind: "paragraph", required: true, maxLength: 3000 },
  ],
  check: (fields, context) => dealerStageCheck("dealer_target", fields, context),
  followUps: [
    {
      key: "negotiate",
      title: { zh: "与目标经销商洽谈,备齐资料、招商手册、样品与标准合同(WF-10.5)", en: "Negotiate with the target dealer, with the data, handbook, samples and standard contract ready (WF-10.5)" },
      ownerRole: "requester",
      workingDays: 20,
      fromField: null,
      rule: "WF-10.5",
    },
  ],
  onApproved: ({ id: request, fields, approvedOn }) => {
    const id = text(fields.dealer_id ?? null);
    return id
      ? [
          {
            sheet: "dealers",
            keyColumn: "id",
            key: id,
            createIfMissing: false,
            values: {
              status: "approved",
              operating_score: num(fields.operating_score ?? null),
              credit_score: num(fields.credit_score ?? null),
              suitability_score: num(fields.suitability_score ?? null),
              vetted_on: approvedOn,
              target_request_id: request,
            },
          },
        ]
      : [];
  },
  // WF-10.4: submitted, the vetted dealer is a target dealer waiting on the Director, linked to this request.
  onStarted: ({ id, fields }) => {
    const dealerId = text(fields.dealer_id ?? null);
    return dealerId ? [{ sheet: "dealers", keyColumn: "id", key: dealerId, createIfMissing: false, values: { status: "target", target_request_id: id } }] : [];
  },
  // WF-10.4: rejected, "collect more information and re-vet": back to vetted. Only the row this request is linked to.
  onClosed: ({ id }) => [{ sheet: "dealers", keyColumn: "target_request_id", key: id, createIfMissing: false, values: { status: "vetted", target_request_id: null } }],
};

/** WF-10.6 distribution agreement (经销协议): the Director approves the signed agreement. */
const distributionAgreement: Omit<RequestTypeSpec, "label"> = {
  key: "distribution_agreement",
  prefix: "DA",
  rules: ["WF-10", "AMB-43", "KPI-11"],
  questions: [
    dealer,
    region(true),
    { key: "agreement_version", title: { zh: "协议模板版本", en: "Agreement template version" }, kind: "text", required: true, maxLength: 40 },
    { key: "deviations", title: { zh: "对模板的改动", en: "Changes to the template" }, kind: "paragraph", required: false, maxLength: 3000 },
    { key: "signed_on", title: { zh: "签约日期", en: "Signed on" }, kind: "date", required: true },
  ],
  check: (fields, context) => [...notInFuture("signed_on")(fields, context), ...dealerStageCheck("distribution_agreement", fields, context)],
  followUps: [
    { key: "enter", title: { zh: "新协议录入系统并发送相关部门(KPI-11)", en: "Enter the new agreement and send it to the departments concerned (KPI-11)" }, ownerRole: "requester", workingDays: 0, fromField: null, rule: "KPI-11" },
  ],
  onApproved: ({ id: request, fields, approvedOn }) => {
    const id = text(fields.dealer_id ?? null);
    return id
      ? [
          {
            sheet: "dealers",
            keyColumn: "id",
            key: id,
            createIfMissing: false,
            values: {
              status: "signed",
              agreement_version: text(fields.agreement_version ?? null),
              agreement_deviations: text(fields.deviations ?? null),
              agreement_signed_on: dayOf(fields.signed_on ?? null) ?? approvedOn,
              agreement_request_id: request,
            },
          },
        ]
      : [];
  },
  // WF-10.6: the agreement waits on the Director; the dealer stays approved, linked to this request.
  onStarted: ({ id, fields }) => {
    const dealerId = text(fields.dealer_id ?? null);
    return dealerId ? [{ sheet: "dealers", keyColumn: "id", key: dealerId, createIfMissing: false, values: { agreement_request_id: id } }] : [];
  },
  // AMB-43: a rejected agreement goes back to negotiation: the dealer stays approved, the link is cleared.
  onClosed: ({ id }) => [{ sheet: "dealers", keyColumn: "agreement_request_id", key: id, createIfMissing: false, values: { agreement_request_id: null } }],
};

/** WF-19 process change (流程变更): Marketing Manager; the Director too when cross-department (AMB-55). */
const processChange: Omit<RequestTypeSpec, "label"> = {
  key: "process_change",
  prefix: "PC",
  rules: ["WF-19", "AMB-55"],
  questions: [
    { key: "process", title: { zh: "流程名称", en: "Process" }, kind: "text", required: true, maxLength: 120 },
    { key: "change", title: { zh: "变更内容", en: "The change" }, kind: "paragraph", required: true, maxLength: 3000 },
    { key: "reason", title: { zh: "变更原因", en: "Reason" }, kind: "paragraph", required: true, maxLength: 2000 },
    { key: "cross_department", title: { zh: "是否跨部门", en: "Cross-department?" }, kind: "yesno", required: true },
    { key: "effective_on", title: { zh: "生效日期", en: "Effective date" }, kind: "date", required: true },
  ],
  check: (fields, context) => {
    const d = dayOf(fields.effective_on ?? null);
    return d && d < context.today ? [{ question: "effective_on", code: "DATE_IN_PAST", text: M.past }] : [];
  },
  followUps: [
    { key: "publish", title: { zh: "更新流程手册并在生效日前通知相关人员(WF-18)", en: "Update the process manual and tell everyone concerned before the effective date (WF-18)" }, ownerRole: "requester", workingDays: 0, fromField: "effective_on", rule: "WF-18" },
  ],
  onApproved: nothing,
};

/**
 * WF-26 appraisal appeal (考核申诉): the first appeal goes to HR within APPEAL_DAYS of publication
 * (SC-54, AMB-34); an escalation to the GM office meeting names that first appeal and has its own
 * APPEAL_DAYS counted from HR's answer (appeals.ts), not from the publication.
 */
const appeal: Omit<RequestTypeSpec, "label"> = {
  key: "appeal",
  prefix: "AP",
  rules: ["WF-26", "SC-54", "AMB-34"],
  questions: [
    { key: "period", title: { zh: "考核月份", en: "Appraisal month" }, kind: "text", required: true, pattern: { regex: "^\\d{4}-(0[1-9]|1[0-2])$", example: "2026-10" } },
    { key: "published_on", title: { zh: "结果公布日期", en: "Results published on" }, kind: "date", required: true },
    { key: "reason", title: { zh: "申诉理由", en: "Grounds of the appeal" }, kind: "paragraph", required: true, maxLength: 5000 },
    {
      key: "escalated",
      title: { zh: "提请总经理办公会仲裁", en: "Ask the GM office meeting to arbitrate" },
      help: { zh: "已收到人事部答复但不接受时选「是」(WF-26.3)", en: "Yes when you have HR's reply and do not accept it (WF-26.3)" },
      kind: "yesno",
      required: false,
    },
    {
      key: "first_appeal",
      title: { zh: "首次申诉编号", en: "First appeal's request ID" },
      help: { zh: "提请仲裁时填写人事部已答复的申诉编号;首次申诉留空", en: "When escalating, the request ID of the appeal HR answered; blank for a first appeal" },
      kind: "text",
      required: false,
      pattern: { regex: "^AP-\\d{4}-\\d{4,}$", example: "AP-2026-0001" },
    },
  ],
  check: (fields, context) => {
    const published = dayOf(fields.published_on ?? null);
    if (published && published > context.today) return [{ question: "published_on", code: "APPEAL_EARLY", text: M.appealEarly }];
    // WF-26.3: the escalation's window runs from HR's answer; the publication's week binds the first appeal only.
    if (fields.escalated === true) return escalationProblems(fields, context);
    if (published && daysBetween(published, context.today) > context.appealDays) {
      const last = new Date(Date.UTC(Number(published.slice(0, 4)), Number(published.slice(5, 7)) - 1, Number(published.slice(8, 10)) + context.appealDays));
      const lastDay = last.toISOString().slice(0, 10);
      return [{ question: "published_on", code: "APPEAL_LATE", text: M.appealLate, values: { published, days: context.appealDays, last: lastDay, today: context.today } }];
    }
    return [];
  },
  submittedNote: escalationNote,
  submittedLink: escalationLink,
  followUps: [],
  onApproved: nothing,
};

/**
 * SC-57 / AMB-36 monthly appraisal sign-off (月度考核签字): an appraisal the top boss (老总,
 * Settings `APPRAISAL_SIGNER_ROLE`, default the GM) has not signed is invalid. The monthly close
 * starts one per month (no form); its `results` field lists each Monthly results row it covers as
 * `id<TAB>grade<TAB>pay`, which is what the signer sees and what approval writes back to those rows.
 */
const monthlyAppraisal: Omit<RequestTypeSpec, "label"> = {
  key: "monthly_appraisal",
  prefix: "MA",
  rules: ["SC-57", "AMB-36", "SC-27"],
  questions: [
    { key: "period", title: { zh: "考核月份", en: "Appraisal month" }, kind: "text", required: true, pattern: { regex: "^\\d{4}-(0[1-9]|1[0-2])$", example: "2026-10" } },
    { key: "results", title: { zh: "签字的考核结果", en: "Results to sign" }, kind: "paragraph", required: true, maxLength: 50000 },
  ],
  check: none,
  followUps: [
    {
      key: "follow_up",
      title: {
        zh: "与各分管领导做本月考核结果跟进(目标管理结果跟进):与同类岗位比较、需改进之处、工作计划与措施及未来{horizon_min}–{horizon_max}个月的目标、对公司的建议(WF-24.8,SC-58)",
        en: "Follow up this month's appraisal results with each leader in charge: comparison with similar posts, what to improve, the work plan and measures with goals for the next {horizon_min}–{horizon_max} months, suggestions to the company (WF-24.8, SC-58)",
      },
      ownerRole: "hr",
      workingDays: 5,
      fromField: null,
      rule: "WF-24.8",
    },
    {
      key: "goals_review",
      title: {
        zh: "检查本月考核跟进所定的{horizon_min}–{horizon_max}个月目标是否达成(WF-24.8,SC-58)",
        en: "Check whether the {horizon_min}–{horizon_max}-month goals of this month's appraisal follow-up were reached (WF-24.8, SC-58)",
      },
      ownerRole: "hr",
      workingDays: 0,
      monthsSetting: "followupHorizonMax",
      fromField: null,
      rule: "SC-58",
    },
  ],
  formless: true,
  onApproved: ({ id, fields, approvedOn, approvedBy }) => {
    const lines = (text(fields.results ?? null) ?? "").split("\n");
    const updates: RecordUpdate[] = [];
    for (const line of lines) {
      const [resultId = "", grade = "", pay = ""] = line.split("\t");
      if (resultId.trim() === "") continue;
      const amount = Number(pay);
      updates.push({
        sheet: "monthly_results",
        keyColumn: "id",
        key: resultId.trim(),
        createIfMissing: false,
        values: { state: "signed", grade: grade || null, perf_pay: pay !== "" && Number.isFinite(amount) ? amount : pay || null, signed_at: approvedOn, signed_by: approvedBy, sign_request_id: id },
      });
    }
    return updates;
  },
};

/**
 * WF-25 / SC-57 the GM's sign-off of the annual appraisal (年度考核签字): closeYear starts it with
 * the year's frozen snapshot; the signer is `APPRAISAL_SIGNER_ROLE` (default gm, AMB-36). Approval
 * marks every row of that snapshot signed; until then the annual grades show as pending.
 */
const annualAppraisal: Omit<RequestTypeSpec, "label"> = {
  key: "annual_appraisal",
  prefix: "AA",
  rules: ["WF-25", "SC-57", "AMB-36"],
  questions: [
    year,
    { key: "appraised", title: { zh: "参加年度考核人数", en: "People appraised" }, kind: "integer", required: true, min: 0, max: 100000 },
    { key: "revision", title: { zh: "快照版本", en: "Snapshot revision" }, kind: "integer", required: true, min: 1, max: 1000 },
  ],
  check: none,
  followUps: [],
  onApproved: (request) => [
    { sheet: "annual_results", keyColumn: "sign_request_id", key: request.id, values: { state: "signed", signed_at: request.approvedOn }, createIfMissing: false },
  ],
  formless: true,
};

/**
 * WF-22 / RP-09 the annual business plan (年度经营计划): drafted by General Management before the
 * due date (Settings `ANNUAL_PLAN_DUE`, default 01-05; a late one is flagged, KPI-40), approved by
 * "the company" (Settings `ANNUAL_PLAN_APPROVER`, default the GM, AMB-57). On approval the year's
 * company targets are the Plans rows every decomposition starts from (WF-22.3).
 */
const annualPlan: Omit<RequestTypeSpec, "label"> = {
  key: "annual_plan",
  prefix: "BP",
  rules: ["WF-22", "RP-09", "KPI-40", "AMB-57"],
  questions: [
    year,
    { key: "version", title: { zh: "版本", en: "Version" }, help: { zh: "当年第一版填 1,修订后的计划依次加 1", en: "1 for the year's first plan; a revised plan counts up" }, kind: "integer", required: true, min: 1, max: 99 },
    { key: "amount", title: { zh: "销售额目标(元)", en: "Sales target (yuan)" }, kind: "money", required: true, min: 0 },
    { key: "collections", title: { zh: "回款目标(元)", en: "Collections target (yuan)" }, kind: "money", required: true, min: 0 },
    { key: "new_customers", title: { zh: "新客户数目标", en: "New customers target" }, kind: "integer", required: true, min: 0, max: 100000 },
    { key: "expense_budget", title: { zh: "费用预算(元)", en: "Expense budget (yuan)" }, kind: "money", required: true, min: 0 },
    { key: "plan", title: { zh: "经营计划与措施", en: "Business plan and measures" }, help: { zh: "依据长期规划、市场分析和上年指标完成情况(WF-22.1)", en: "From the long-term plan, the market analysis and last year's completion (WF-22.1)" }, kind: "paragraph", required: true, maxLength: 5000 },
  ],
  check: none,
  followUps: [
    { key: "decompose", title: { zh: "把批准的年度经营计划分解为季度与月度计划(菜单「分解年度计划」,WF-22.3)", en: "Decompose the approved annual plan into quarters and months (menu Decompose the plan, WF-22.3)" }, ownerRole: "requester", workingDays: 5, fromField: null, rule: "WF-22.3" },
  ],
  onApproved: (request) => {
    const y = num(request.fields.year ?? null);
    if (y === null) return [];
    const targets: readonly [string, FieldValue | undefined][] = [["sales", request.fields.amount], ["collections", request.fields.collections], ["new_customers", request.fields.new_customers], ["expense_budget", request.fields.expense_budget]];
    return targets.flatMap(([metric, value]) => {
      const amount = num(value ?? null);
      if (amount === null) return [];
      const values: SheetRecord = { id: `${y}-${metric}-CO-Y`, year: y, period_type: "Y", period: String(y), level: "company", metric, amount, version: num(request.fields.version ?? null), state: "approved", approved_by: request.approvedBy };
      return [{ sheet: "plans" as const, keyColumn: "id", key: `${y}-${metric}-CO-Y`, values, createIfMissing: true }];
    });
  },
};

const SPECS: readonly Omit<RequestTypeSpec, "label">[] = [
  regionalPlan,
  promotionPlan,
  promotionSummary,
  stockTransfer,
  exchange,
  returnRefund,
  rebatePolicy,
  rebateCalc,
  expenseBudget,
  dealerTarget,
  distributionAgreement,
  processChange,
  appeal,
  monthlyAppraisal,
  annualAppraisal,
  annualPlan,
];

/** The Requests template's label of a type (its enum), so names match the sheet's dropdown. */
function templateLabel(key: string): Bilingual {
  const column = sheetTemplate("requests").columns.find((c) => c.key === "type");
  const option = column?.validation?.kind === "enum" ? column.validation.values.find((v) => v.value === key) : undefined;
  return option ? option.label : { zh: key, en: key };
}

/** Every request type, in the Requests sheet's order. */
export const REQUEST_TYPES: readonly RequestTypeSpec[] = SPECS.map((spec) => ({ ...spec, label: templateLabel(spec.key) }));

export function requestTypeSpec(key: RequestTypeKey): RequestTypeSpec {
  const spec = REQUEST_TYPES.find((t) => t.key === key);
  if (!spec) throw new Error(`unknown request type ${key}`);
  return spec;
}

export function isRequestType(key: string): key is RequestTypeKey {
  return REQUEST_TYPES.some((t) => t.key === key);
}

/** The whole form of a type: title, the type's questions, details, and the revision reference. */
export function formQuestions(key: RequestTypeKey): readonly Question[] {
  return [TITLE_QUESTION, ...requestTypeSpec(key).questions, DETAILS_QUESTION, REVISES_QUESTION];
}

/** The Requests template's label of a People / Routes role value. */
export function roleLabel(role: string): Bilingual {
  const column = sheetTemplate("routes").columns.find((c) => c.key === "role");
  const option = column?.validation?.kind === "enum" ? column.validation.values.find((v) => v.value === role) : undefined;
  return option ? option.label : { zh: role, en: role };
}
