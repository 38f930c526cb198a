/**
 * A small department for the approval tests: People and Regions rows as the sheets hold them, the
 * default Routes rows straight from the Routes template (the engine must take those rows as data),
 * Settings, a holiday calendar, and helpers that submit a request and decide on it.
 */
import { sheetTemplate } from "../../../src/core/templates/catalog";
import { fromWallClock } from "../../../src/core/time";
import type { HolidayRow } from "../../../src/core/approvals/calendar";
import type { Directory, SheetRow } from "../../../src/core/approvals/directory";
import { peopleDirectory, refFor } from "../../../src/core/approvals/directory";
import type { ApprovalContext, ApprovalEvent } from "../../../src/core/approvals/machine";
import { decide } from "../../../src/core/approvals/machine";
import type { Effect, EmailMessage, PersonRef, RequestState, RequestTypeKey, Transition } from "../../../src/core/approvals/model";
import type { AnswerInput } from "../../../src/core/approvals/questions";
import type { RouteTable } from "../../../src/core/approvals/routes";
import { routeRowsFrom } from "../../../src/core/approvals/routes";
import type { ApprovalSettings } from "../../../src/core/approvals/settings";
import { approvalSettings, calendarOf } from "../../../src/core/approvals/settings";
import { submissionEvent } from "../../../src/core/approvals/submission";

export const ZONE = "Asia/Shanghai";

/** An instant on the Shanghai wall clock. */
export function at(day: string, time = "09:00"): number {
  const [y, m, d] = day.split("-").map(Number);
  const [h, mi] = time.split(":").map(Number);
  return fromWallClock({ year: y ?? 0, month: m ?? 1, day: d ?? 1, hour: h ?? 0, minute: mi ?? 0 }, ZONE);
}

type PersonSpec = { email: string; name: string; role: string; region?: string; manager?: string; delegate?: string; from?: string; to?: string; language?: "en"; active?: boolean };

const D = "example.com";
export const E = {
  president: `zhao.guohua@${D}`,
  gm: `qian.zhengming@${D}`,
  director: `sun.lixin@${D}`,
  deputy: `li.wenjing@${D}`,
  manager: `zhou.haitao@${D}`,
  assistant: `zheng.yuting@${D}`,
  regionalEast: `xu.wenhua@${D}`,
  regionalSouth: `he.jun@${D}`,
  salesEast: `kong.linghui@${D}`,
  salesSouth: `yan.feng@${D}`,
  finance: `shen.qiuyue@${D}`,
  hr: `han.dongmei@${D}`,
  cs: `zhu.xiaofeng@${D}`,
  warehouse: `qin.haibo@${D}`,
  quality: `you.zhigang@${D}`,
  clerk: `wei.xiaohong@${D}`,
} as const;

export const PEOPLE: readonly PersonSpec[] = [
  { email: E.president, name: "赵国华", role: "president" },
  { email: E.gm, name: "钱正明", role: "gm", manager: E.president },
  { email: E.director, name: "孙立新", role: "director", manager: E.gm },
  { email: E.deputy, name: "李文静", role: "deputy_director", manager: E.director },
  { email: E.manager, name: "周海涛", role: "mkt_manager", manager: E.director },
  { email: E.assistant, name: "郑雨婷", role: "mkt_assistant", manager: E.manager },
  { email: E.regionalEast, name: "许文华", role: "regional", region: "EAST", manager: E.director },
  { email: E.regionalSouth, name: "何俊", role: "regional", region: "SOUTH", manager: E.director },
  { email: E.salesEast, name: "孔令辉", role: "sales", region: "EAST", manager: E.regionalEast },
  { email: E.salesSouth, name: "严峰", role: "sales", region: "SOUTH", manager: E.regionalSouth, language: "en" },
  { email: E.finance, name: "沈秋月", role: "finance", manager: E.gm },
  { email: E.hr, name: "韩冬梅", role: "hr", manager: E.gm },
  { email: E.cs, name: "朱晓峰", role: "cs", manager: E.gm },
  { email: E.warehouse, name: "秦海波", role: "warehouse", manager: E.gm },
  { email: E.quality, name: "尤志刚", role: "quality", manager: E.gm },
  { email: E.clerk, name: "卫小红", role: "clerk", manager: E.manager },
];

export function peopleRows(people: readonly PersonSpec[] = PEOPLE): SheetRow[] {
  return people.map((p, i) => ({
    row: i + 2,
    values: {
      name: p.name,
      email: p.email,
      role: p.role,
      region: p.region ?? null,
      manager_email: p.manager ?? null,
      delegate_email: p.delegate ?? null,
      delegate_from: p.from ?? null,
      delegate_to: p.to ?? null,
      language: p.language ?? null,
      active: p.active ?? true,
    },
  }));
}

export const REGION_ROWS: readonly SheetRow[] = [
  { row: 2, values: { code: "EAST", name_zh: "华东", name_en: "East", manager_email: E.regionalEast, active: true } },
  { row: 3, values: { code: "SOUTH", name_zh: "华南", name_en: "South", manager_email: E.regionalSouth, active: true } },
];

/** The Routes template's seed rows, as the installer writes them to the sheet. */
export function defaultRouteRows(): SheetRow[] {
  return (sheetTemplate("routes").seedRows ?? []).map((seed, i) => ({ row: i + 2, values: seed.values }));
}

export const SETTINGS: ApprovalSettings = approvalSettings({ TIME_ZONE: ZONE, LANGUAGE: "zh-CN" });

/** National Day 2026 (1-7 Oct holidays) and the make-up Saturday 10 Oct; and Monday 16 Nov 2026 as a company holiday. */
export const HOLIDAYS: readonly HolidayRow[] = [
  ...["01", "02", "03", "04", "05", "06", "07"].map((d) => ({ date: `2026-10-${d}`, kind: "holiday" as const })),
  { date: "2026-10-10", kind: "workday" },
  { date: "2026-11-16", kind: "holiday" },
];

export const CONTEXT: ApprovalContext = { calendar: calendarOf(SETTINGS, HOLIDAYS), settings: SETTINGS };

export function directory(people: readonly PersonSpec[] = PEOPLE): Directory {
  return peopleDirectory(peopleRows(people), REGION_ROWS, SETTINGS);
}

export const ROUTES: RouteTable = routeRowsFrom(defaultRouteRows());

export function person(email: string, dir: Directory = directory()): PersonRef {
  return refFor(dir, email);
}

/** Valid answers for every request type, by question key. */
export const ANSWERS: Readonly<Record<RequestTypeKey, Readonly<Record<string, AnswerInput>>>> = {
  regional_plan: { title: "华东2026年Q4营销计划", region: "EAST · 华东 East", period_type: "季度 / Quarterly", period: "2026-Q4", amount: "3,600,000", plan: "重点开拓杭州、苏州商超渠道" },
  promotion_plan: { title: "双十二杭州商超促销", objective: "提升礼盒销量", start_on: "2026-12-10", end_on: "2026-12-14", region: "EAST", locations: "杭州银泰、苏州万达", products: "白酒礼盒", amount: "80000" },
  promotion_summary: { title: "国庆促销总结", promotion_id: "PR-2026-01", exposure: "52000", visitors: "3100", buyers: "420", sales_amount: "386000", baseline_sales: "301000", summary: "转化率13.5%" },
  stock_transfer: { title: "华东补货", product_sku: "SKU-001 · 白酒礼盒", region: "EAST", demand_qty: "1200", on_hand_qty: "300", safety_stock: "500", quantity: "900", from_location: "武汉仓", to_location: "上海仓", reason: "双十一备货" },
  exchange: { title: "客户换货", customer_id: "C-0012", region: "EAST", product_sku: "SKU-002", batch: "B2609", purchase_date: "2026-10-20", quantity: "20", amount: "5600", defect: "瓶盖漏液" },
  return: { title: "客户退货", customer_id: "C-0012", region: "EAST", product_sku: "SKU-002", purchase_date: "2026-10-20", quantity: "10", amount: "2800", defect: "包装破损" },
  rebate_policy: { title: "2027年度返利政策", year: "2027", tiers: "满50万返2%;满100万返3%" },
  rebate_calc: { title: "华东经销商2026返利", year: "2026", dealer_id: "D-003", region: "EAST", purchase_total: "1,250,000", purchase_count: "18", amount: "37500" },
  expense_budget: { title: "华东12月费用预算", region: "EAST", period: "2026-12", category: "促销费", amount: "120000", prior_budget: "100000", prior_actual: "96000" },
  dealer_target: { title: "杭州新经销商", dealer_id: "D-007", region: "EAST", operating_score: "82", credit_score: "90", suitability_score: "76", vetting: "经营稳定,信用良好" },
  distribution_agreement: { title: "杭州经销协议", dealer_id: "D-007", region: "EAST", agreement_version: "2026-v2", deviations: "账期45天", signed_on: "2026-10-30" },
  process_change: { title: "调货审批改为线上", process: "调货管理", change: "改用表单提交", reason: "提高效率", cross_department: "是 / Yes", effective_on: "2026-12-01" },
  appeal: { title: "10月考核申诉", period: "2026-10", published_on: "2026-10-30", reason: "客户回款已到账但未计入" },
  monthly_appraisal: { title: "2026-10 月度考核签字", period: "2026-10", results: "2026-10#li.na@example.com#1\tB\t1710" },
  annual_appraisal: { title: "2026年度考核签字", year: "2026", appraised: "12", revision: "1" },
  annual_plan: { title: "2027年度经营计划", year: "2027", version: "1", amount: "60,000,000", collections: "54000000", new_customers: "120", expense_budget: "3600000", plan: "依据五年规划与上年完成情况" },
};

let responses = 0;

/** Submits a request of `type` by `requester` at `now` through the same path the form trigger takes. */
export function submit(type: RequestTypeKey, requester: string, now: number, options: { answers?: Readonly<Record<string, AnswerInput>>; dir?: Directory; routes?: RouteTable; state?: RequestState | null; existing?: readonly string[]; responseId?: string; settings?: ApprovalSettings } = {}): Transition {
  const dir = options.dir ?? directory();
  responses += 1;
  const event = submissionEvent({
    type,
    answers: options.answers ?? ANSWERS[type],
    respondent: requester,
    responseId: options.responseId ?? `resp-${responses}`,
    existingIds: options.existing ?? [],
    routes: options.routes ?? ROUTES,
    directory: dir,
    settings: options.settings ?? SETTINGS,
    now,
  });
  return decide(options.state ?? null, event, now, CONTEXT);
}

/** An approver's decision on the request's current step. */
export function decision(state: RequestState, type: "approve" | "reject" | "return", actor: string, now: number, comment = "", channel: "link" | "sheet" = "link"): Transition {
  const step = state.current === null ? undefined : state.steps[state.current];
  const event: ApprovalEvent = { type, requestId: state.id, revision: state.revision, step: step?.step ?? 1, actor: person(actor), comment, channel };
  return decide(state, event, now, CONTEXT);
}

export function emails(t: Transition): EmailMessage[] {
  return t.effects.filter((e): e is Extract<Effect, { kind: "send-email" }> => e.kind === "send-email").map((e) => e.message);
}

export function effectsOf<K extends Effect["kind"]>(t: Transition, kind: K): Extract<Effect, { kind: K }>[] {
  return t.effects.filter((e): e is Extract<Effect, { kind: K }> => e.kind === kind);
}

export function must(state: RequestState | null): RequestState {
  if (!state) throw new Error("no state");
  return state;
}

/** Approves step after step as each step's first assignee until the request leaves `pending`. */
export function approveAll(state: RequestState, now: number): { state: RequestState; transitions: Transition[] } {
  let s = state;
  const transitions: Transition[] = [];
  for (let guard = 0; s.status === "pending" && guard < 20; guard += 1) {
    const step = s.steps[s.current ?? 0];
    const who = step?.slots.find((x) => x.decision === null)?.assignee.email;
    if (!who) throw new Error("no open slot");
    const t = decision(s, "approve", who, now, "同意");
    transitions.push(t);
    s = must(t.state);
  }
  return { state: s, transitions };
}
