/**
 * One month of the demo department's work: actuals against the month's plan (some people short of
 * 60 %, some above 150 %, refunds deducted from collections, SC-02/SC-10), customer visits and
 * competitor reports per ISO week (KPI-07, KPI-09), customer-file updates and daily reports (KPI-10,
 * RP-14), orders shipped and collected, some later than
 * 30 days (SC-18), tasks with owners and deadlines, some late (WF-17, SC-21), and one contract
 * incident of each kind for the customer head (SC-14..17). Everything is drawn from the seeded
 * random source, so the same year, month and seed give the same rows.
 */
import type { TableRecord } from "../templates/table";
import { isWorkingDay, workCalendar } from "../approvals/calendar";
import { sheetTemplate } from "../templates/catalog";
import { addDays, daysInMonth, isoDay, shiftMonth, weekday } from "./calendar";
import type { DemoCustomer } from "./organisation";
import { DEMO_PEOPLE, DEMO_PRODUCTS, emailOf, holder, holders } from "./organisation";
import type { Random } from "./random";

const monthKey = (year: number, month: number): string => `${year}-${String(month).padStart(2, "0")}`;

/** The month's plan amount of one person and metric, from the plan rows. */
function monthPlan(plans: readonly TableRecord[], period: string, email: string, metric: string): number {
  const row = plans.find((p) => p.level === "person" && p.period === period && p.person_email === email && p.metric === metric);
  return typeof row?.amount === "number" ? row.amount : 0;
}

const roundTo = (value: number, unit: number): number => Math.round(value / unit) * unit;

/** Actuals per person and metric; `newCustomers` counts each person's first deals in the month. */
export function actualRecords(year: number, month: number, plans: readonly TableRecord[], customers: readonly DemoCustomer[], random: Random): TableRecord[] {
  const period = monthKey(year, month);
  const rows: TableRecord[] = [];
  // Completion rates spread over the SC-03 bands: one below 60 %, one at or above 150 %.
  const salesRates = [0.55, 1.0, 0.82, 1.18, 1.52, 0.95, 0.74, 1.07, 1.31, 0.66, 0.9, 1.12];
  const targetHolders = DEMO_PEOPLE.filter((p) => p.role === "regional" || p.role === "sales");
  targetHolders.forEach((person, i) => {
    const email = emailOf(person.id);
    const region = person.region ?? null;
    const sales = roundTo(monthPlan(plans, period, email, "sales") * (salesRates[i % salesRates.length] ?? 1), 100);
    const collectionsPlan = monthPlan(plans, period, email, "collections");
    const refunds = i % 5 === 2 ? roundTo(random.between(5_000, 30_000), 100) : 0;
    const booked = roundTo(collectionsPlan * random.between(0.75, 1.15), 100);
    const expenses = roundTo(monthPlan(plans, period, email, "expense_budget") * random.between(0.8, 1.25), 100);
    const newCustomers = customers.filter((c) => c.owner === person.id && c.firstDeal?.startsWith(period)).length;
    const base = { period, region, person_email: email, source: "demo" };
    rows.push(
      { ...base, metric: "sales", amount: sales, refunds: null },
      { ...base, metric: "collections", amount: booked, refunds: refunds || null },
      { ...base, metric: "new_customers", amount: newCustomers, refunds: null },
      { ...base, metric: "expenses", amount: expenses, refunds: null },
    );
  });
  return rows;
}

const VISIT_NOTES = ["介绍新品并留下资料", "了解库存与补货计划", "跟进上月订单回款", "收集门店陈列反馈", "商谈季度促销方案", "回访售后服务满意度"] as const;
const COMPETITORS = [
  { brand: "沁源", product: "RO 净水器 X5", price: 1799, promotion: "买净水器送一年滤芯" },
  { brand: "清风", product: "空气净化器 Q8", price: 2699, promotion: "满3000减300,以旧换新" },
  { brand: "润达", product: "加湿器 M2", price: 429, promotion: "经销商返点提高2个百分点" },
] as const;

const PROSPECT_NOTE = "电话联系潜在客户,介绍产品并约访";
const FILE_NOTE = "更新客户档案:联系人、库存与月度采购计划";
const DAILY_NOTE = "今日拜访、电话与竞品情况汇总";

/**
 * The reps who keep every work standard in the demo month (KPI-07..10, RP-14): they call on each of
 * their region's customers every week, phone them and prospects not yet on file, report two or three
 * competitor sightings a week, update their customers' files and file a daily report every working
 * day. The others fall short in different ways, so the Work standards sheet shows both.
 */
export const DILIGENT_REPS: ReadonlySet<string> = new Set(["cao.xue", "yan.feng", "jin.xin"]);

/** The Holidays sheet's seeded calendar: the demo works on its working days (SC-27, AMB-37). */
const HOLIDAY_CALENDAR = workCalendar(
  "Asia/Shanghai",
  (sheetTemplate("holidays").seedRows ?? []).map((r) => ({ date: String(r.values.date), kind: r.values.kind === "workday" ? "workday" : "holiday" })),
);

/** The days of the ISO weeks (Monday to Sunday) whose Thursday falls in the month: the weeks KPI-07 and KPI-09 judge. */
function isoWeeksOfMonth(year: number, month: number): string[][] {
  const first = isoDay(year, month, 1);
  const weeks: string[][] = [];
  for (let thursday = addDays(first, (4 - weekday(first) + 7) % 7); thursday.startsWith(monthKey(year, month)); thursday = addDays(thursday, 7)) {
    weeks.push(Array.from({ length: 7 }, (_, i) => addDays(thursday, i - 3)));
  }
  return weeks;
}

/** The prospects organisation.ts adds after each region's eight customers (`C-EAST-P01`). */
const isProspect = (c: DemoCustomer): boolean => /-P\d+$/.test(c.id);

const at = (day: string, hour: number, minute: number): string => `${day}T${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}:00`;

/**
 * Visits, competitor reports, customer-file updates and daily reports over the ISO weeks of the
 * month, on the Holidays sheet's working days (so the National Day week has fewer days to do them
 * in). The diligent reps (DILIGENT_REPS) meet 8 on-site and 30 phone visits a week to distinct
 * customers (KPI-07, AMB-49), 2 competitor reports (KPI-09), update their files (KPI-10) and report
 * every working day by the due time (RP-14); the others visit fewer, some weeks report once, skip
 * some daily reports and file one after midnight; the customer head visits and phones too (KPI-55).
 */
export function activityRecords(year: number, month: number, customers: readonly DemoCustomer[], random: Random): TableRecord[] {
  const rows: TableRecord[] = [];
  let n = 0;
  const nextId = (): string => `A-${monthKey(year, month)}-${String((n += 1)).padStart(4, "0")}`;
  const visitors = [...holders("sales"), holder("cust_head")];
  for (const week of isoWeeksOfMonth(year, month)) {
    const workdays = week.filter((d) => isWorkingDay(HOLIDAY_CALENDAR, d));
    if (workdays.length === 0) continue;
    const share = Math.min(1, workdays.length / 5);
    for (const person of visitors) {
      const isHead = person.role === "cust_head";
      const diligent = DILIGENT_REPS.has(person.id);
      const own = customers.filter((c) => (isHead ? true : c.region === person.region));
      const email = emailOf(person.id);
      const visit = (type: string, customerId: string | null, notes: string): void => {
        rows.push({ id: nextId(), date: random.pick(workdays), person_email: email, customer_id: customerId, type, notes });
      };
      if (diligent) {
        // The region's eight customers and a prospect or two on site; every customer and prospect by phone.
        const filed = own.filter((c) => !isProspect(c));
        const prospects = own.filter(isProspect);
        for (const c of [...filed, ...prospects.slice(0, random.int(0, 2))]) visit("onsite", c.id, random.pick(VISIT_NOTES));
        for (const c of own) visit("phone", c.id, prospects.includes(c) ? PROSPECT_NOTE : random.pick(VISIT_NOTES));
      } else {
        const onsite = Math.round((isHead ? random.int(3, 5) : random.int(5, 10)) * share);
        const phone = Math.round((isHead ? random.int(10, 20) : random.int(22, 34)) * share);
        for (let i = 0; i < onsite; i += 1) visit("onsite", random.pick(own).id, random.pick(VISIT_NOTES));
        for (let i = 0; i < phone; i += 1) visit(isHead && i % 4 === 0 ? "return_visit" : "phone", random.pick(own).id, random.pick(VISIT_NOTES));
      }
      const reports = isHead ? 0 : diligent ? random.int(2, 3) : Math.round(random.int(1, 3) * share);
      for (let i = 0; i < reports; i += 1) {
        const competitor = random.pick(COMPETITORS);
        rows.push({
          id: nextId(),
          date: random.pick(workdays),
          person_email: email,
          customer_id: null,
          type: "competitor_report",
          notes: `${competitor.brand} 在本区域加大促销力度`,
          competitor_brand: competitor.brand,
          competitor_product: competitor.product,
          competitor_price: Math.round(competitor.price * random.between(0.9, 1.05)),
          competitor_promotion: competitor.promotion,
        });
      }
    }
  }
  // Inside the calendar month: customer-file updates (KPI-10) and daily reports (RP-14) of the sales reps.
  const monthDays = Array.from({ length: daysInMonth(year, month) }, (_, i) => isoDay(year, month, i + 1)).filter((d) => isWorkingDay(HOLIDAY_CALENDAR, d));
  for (const rep of holders("sales")) {
    const email = emailOf(rep.id);
    const diligent = DILIGENT_REPS.has(rep.id);
    if (diligent) {
      for (const c of customers.filter((x) => x.owner === rep.id)) {
        rows.push({ id: nextId(), date: random.pick(monthDays), person_email: email, customer_id: c.id, type: "file_update", notes: FILE_NOTE });
      }
    }
    monthDays.forEach((d, i) => {
      // The others miss about one working day in five and file one report after midnight.
      if (!diligent && random.chance(0.2)) return;
      const late = !diligent && i === 3;
      rows.push({
        id: nextId(),
        date: d,
        person_email: email,
        customer_id: null,
        type: "daily_report",
        notes: DAILY_NOTE,
        reported_at: late ? at(addDays(d, 1), 0, random.int(10, 50)) : at(d, random.int(17, 19), random.int(0, 59)),
      });
    });
  }
  return rows.sort((a, b) => String(a.date).localeCompare(String(b.date)) || String(a.id).localeCompare(String(b.id)));
}

const DELIVERY_UNITS = ["顺丰物流", "德邦物流", "公司车队"] as const;

/**
 * Orders: shipped last month or this month, confirmed by the sales head against formal orders
 * (WF-14); collected within 30 days, late (SC-18), or still open.
 */
export function orderRecords(year: number, month: number, customers: readonly DemoCustomer[], random: Random): TableRecord[] {
  const rows: TableRecord[] = [];
  const last = shiftMonth(year, month, 1);
  const buyers = customers.filter((c) => c.customerClass !== "potential");
  const salesHead = emailOf(holder("sales_head").id);
  const end = isoDay(year, month, daysInMonth(year, month));
  let n = 0;
  for (const rep of holders("sales")) {
    const own = buyers.filter((c) => c.region === rep.region);
    const count = random.int(3, 5);
    for (let i = 0; i < count; i += 1) {
      const customer = random.pick(own);
      const product = random.pick(DEMO_PRODUCTS);
      const quantity = product.price > 1000 ? random.int(5, 40) : random.int(50, 400);
      const earlier = i === 0;
      const shipped = earlier ? isoDay(last.year, last.month, random.int(1, 20)) : isoDay(year, month, random.int(1, 20));
      const quoted = addDays(shipped, -random.int(7, 15));
      const outcome = random.next();
      // Late (over 30 days), on time, or not yet collected by the month's end.
      const collectedAfter = earlier ? (outcome < 0.5 ? random.int(33, 45) : random.int(15, 29)) : outcome < 0.6 ? random.int(5, 25) : null;
      const collected = collectedAfter === null ? null : addDays(shipped, collectedAfter);
      rows.push({
        id: `SO-${monthKey(year, month)}-${String((n += 1)).padStart(3, "0")}`,
        customer_id: customer.id,
        region: rep.region ?? null,
        owner_email: emailOf(rep.id),
        product_sku: product.sku,
        quantity,
        amount: quantity * product.price,
        quoted_on: quoted,
        contract_ref: `HT-${year}-${String(n).padStart(4, "0")}`,
        confirmed_by: salesHead,
        confirmed_on: addDays(quoted, random.int(1, 4)),
        formal_order: true,
        delivery_unit: random.pick(DELIVERY_UNITS),
        shipped_on: shipped,
        collected_on: collected !== null && collected <= end ? collected : null,
      });
    }
  }
  return rows;
}

/** Months before the demo month in which a loyal or close customer bought (one order each): loyal monthly, close quarterly. */
const HISTORY_MONTHS: Readonly<Record<string, readonly number[]>> = {
  loyal: [12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2],
  close: [10, 7, 4],
};

/**
 * The year of orders before the demo's two months that makes a customer's class (KPI-44, AMB-58):
 * a loyal customer bought every month, a close one every quarter, a loose one not in the year (its
 * first deal is older), a potential one never. Shipped by the 20th and collected within 30 days,
 * so no payment of them falls due in the demo month (SC-18 stays the demo month's orders).
 */
export function orderHistoryRecords(year: number, month: number, customers: readonly DemoCustomer[], random: Random): TableRecord[] {
  const rows: TableRecord[] = [];
  const salesHead = emailOf(holder("sales_head").id);
  let n = 0;
  for (const customer of customers) {
    for (const back of HISTORY_MONTHS[customer.customerClass] ?? []) {
      const m = shiftMonth(year, month, back);
      const shipped = isoDay(m.year, m.month, random.int(1, 20));
      if (customer.firstDeal === null || shipped <= customer.firstDeal) continue;
      const product = random.pick(DEMO_PRODUCTS);
      const quantity = product.price > 1000 ? random.int(5, 30) : random.int(50, 300);
      const quoted = addDays(shipped, -random.int(7, 15));
      n += 1;
      rows.push({
        id: `SO-H-${monthKey(m.year, m.month)}-${String(n).padStart(3, "0")}`,
        customer_id: customer.id,
        region: customer.region,
        owner_email: emailOf(customer.owner),
        product_sku: product.sku,
        quantity,
        amount: quantity * product.price,
        quoted_on: quoted,
        contract_ref: `HT-H-${m.year}-${String(n).padStart(4, "0")}`,
        confirmed_by: salesHead,
        confirmed_on: addDays(quoted, random.int(1, 4)),
        formal_order: true,
        delivery_unit: random.pick(DELIVERY_UNITS),
        shipped_on: shipped,
        collected_on: addDays(shipped, random.int(10, 29)),
      });
    }
  }
  return rows.sort((a, b) => String(a.shipped_on).localeCompare(String(b.shipped_on)) || String(a.id).localeCompare(String(b.id)));
}

interface TaskSeed {
  readonly title: string;
  readonly assigner: string;
  readonly owner: string;
  readonly source: "leader" | "monthly_plan" | "plan_decomposition";
}

const TASKS: readonly TaskSeed[] = [
  { title: "整理本月竞品促销政策并归档", assigner: "zhou.haitao", owner: "chu.minghui", source: "leader" },
  { title: "完成华东区季度促销方案初稿", assigner: "sun.lixin", owner: "zhou.haitao", source: "leader" },
  { title: "更新重点客户档案", assigner: "zhou.haitao", owner: "feng.lina", source: "monthly_plan" },
  { title: "客户满意度回访汇总报告", assigner: "zhou.haitao", owner: "feng.lina", source: "leader" },
  { title: "市场调研报告:西南区家电渠道", assigner: "zhou.haitao", owner: "feng.lina", source: "leader" },
  { title: "统计报表按助理要求提交", assigner: "zheng.yuting", owner: "feng.lina", source: "monthly_plan" },
  { title: "核对上月发货与回款明细", assigner: "wang.jianguo", owner: "kong.linghui", source: "monthly_plan" },
  { title: "开发两家新客户", assigner: "xu.wenhua", owner: "cao.xue", source: "plan_decomposition" },
  { title: "华南区经销商资料收集", assigner: "he.jun", owner: "yan.feng", source: "leader" },
  { title: "华北区重点客户拜访计划", assigner: "lv.wei", owner: "hua.li", source: "monthly_plan" },
  { title: "西南区月度销售计划分解", assigner: "sun.lixin", owner: "shi.lei", source: "plan_decomposition" },
  { title: "华中区回款催收", assigner: "zhang.min", owner: "wei.qiang", source: "leader" },
  { title: "门店促销员排班与查岗", assigner: "zhou.haitao", owner: "chu.minghui", source: "monthly_plan" },
  { title: "促销海报与广告牌设计", assigner: "wu.xiaoyan", owner: "jiang.yifan", source: "leader" },
  { title: "文件夹按类别整理归档", assigner: "wu.xiaoyan", owner: "wei.xiaohong", source: "monthly_plan" },
  { title: "信息系统权限检查与备份", assigner: "zhou.haitao", owner: "chen.zhiqiang", source: "monthly_plan" },
  { title: "员工电脑与网络培训", assigner: "zhou.haitao", owner: "chen.zhiqiang", source: "leader" },
  { title: "年度返利政策修订稿", assigner: "sun.lixin", owner: "zhou.haitao", source: "leader" },
  { title: "库存盘点与安全库存核对", assigner: "zhou.haitao", owner: "qin.haibo", source: "leader" },
  { title: "促销现场执行总结", assigner: "chu.minghui", owner: "tao.ran", source: "leader" },
];

/** Tasks of the month: most done on time, some late or short of the requirement, some still open (rated by progress). */
export function taskRecords(year: number, month: number, random: Random): TableRecord[] {
  const days = daysInMonth(year, month);
  return TASKS.map((task, i) => {
    const assigned = isoDay(year, month, random.int(1, 8));
    const due = isoDay(year, month, Math.min(days, random.int(12, 26)));
    const outcome = i % 5;
    // 0, 1, 2: on time; 3: late; 4: open at the month's end.
    const done = outcome === 4 ? null : outcome === 3 ? addDays(due, random.int(1, 4)) : addDays(due, -random.int(0, 4));
    const meets = done === null ? null : outcome !== 3 && random.chance(0.85);
    // The superior rates each task 0-100 % of its share (SC-29, AMB-21); an open task, by how far it got.
    const rating = done === null ? Math.round(random.between(0.3, 0.7) * 10) / 10 : meets ? 1 : 0.6;
    return {
      id: `T-${monthKey(year, month)}-${String(i + 1).padStart(2, "0")}`,
      title: task.title,
      source: task.source,
      assigner_email: emailOf(task.assigner),
      owner_email: emailOf(task.owner),
      assigned_on: assigned,
      due_on: due,
      done_on: done !== null && done <= isoDay(year, month, days) ? done : null,
      meets_requirement: meets,
      rating,
      request_id: null,
      notes: null,
    };
  });
}

/** One contract incident of each kind for the customer head (SC-14..17), with the spec's example loss. */
export function contractIncidentRecords(year: number, month: number, customers: readonly DemoCustomer[]): TableRecord[] {
  const head = emailOf(holder("cust_head").id);
  const customerAt = (i: number): string | null => customers[i]?.id ?? null;
  const lost = customers.find((c) => c.region === "NORTH" && c.customerClass === "loose");
  const base = (i: number, day: number): { id: string; date: string; head_email: string } => ({
    id: `CI-${monthKey(year, month)}-${i}`,
    date: isoDay(year, month, day),
    head_email: head,
  });
  return [
    { ...base(1, 6), contract_ref: `HT-${year}-0901`, customer_id: customerAt(2), type: "credit_check", loss_amount: 25_000, customer_lost: false, order_count: null, deduction: null, reason: "资信调查未核实担保人,货款损失2.5万元" },
    { ...base(2, 12), contract_ref: `HT-${year}-0877`, customer_id: lost?.id ?? customerAt(3), type: "communication", loss_amount: null, customer_lost: true, order_count: null, deduction: null, reason: "未准确把握客户交货要求,客户流失" },
    { ...base(3, 17), contract_ref: `HT-${year}-0912`, customer_id: customerAt(10), type: "clause_error", loss_amount: 10_000, customer_lost: false, order_count: null, deduction: null, reason: "付款条款填写错误引起纠纷" },
    { ...base(4, 21), contract_ref: `HT-${year}-0930`, customer_id: customerAt(18), type: "followup_failure", loss_amount: null, customer_lost: false, order_count: 1, deduction: null, reason: "交货延迟两天,未造成损失" },
  ];
}
