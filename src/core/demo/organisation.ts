/**
 * The demo department's standing data: five regions (华东 East, 华南 South, 华北 North, 西南
 * Southwest, 华中 Central), the people holding every role of spec §1.1 that a person or department
 * contact fills (with direct superiors, leaders in charge, delegates, probation and status), the
 * products with safety stock (WF-05), customers in all four classes (KPI-44) and dealers in every
 * development status (WF-10). Records are keyed by the template column keys.
 */
import type { TableRecord } from "../templates/table";
import { addDays, daysInMonth, isoDay, shiftMonth } from "./calendar";
import type { Random } from "./random";

export const DEMO_DOMAIN = "example.com";

export interface DemoRegion {
  readonly code: string;
  readonly zh: string;
  readonly en: string;
  /** Share of the company's targets. */
  readonly weight: number;
  readonly cities: readonly string[];
}

export const DEMO_REGIONS: readonly DemoRegion[] = [
  { code: "EAST", zh: "华东", en: "East", weight: 30, cities: ["上海", "杭州", "南京", "苏州"] },
  { code: "SOUTH", zh: "华南", en: "South", weight: 25, cities: ["广州", "深圳", "厦门", "南宁"] },
  { code: "NORTH", zh: "华北", en: "North", weight: 20, cities: ["北京", "天津", "石家庄", "济南"] },
  { code: "SOUTHWEST", zh: "西南", en: "Southwest", weight: 12, cities: ["成都", "重庆", "昆明", "贵阳"] },
  { code: "CENTRAL", zh: "华中", en: "Central", weight: 13, cities: ["武汉", "长沙", "郑州", "南昌"] },
];

export type PostLevel = "executive" | "director" | "manager" | "head" | "staff";

/** A demo person: `manager` and `leader` are the `id`s of other people. */
export interface DemoPerson {
  readonly id: string;
  readonly name: string;
  readonly role: string;
  readonly level: PostLevel;
  readonly region?: string;
  readonly manager?: string;
  readonly leader?: string;
  /** Years before the demo year that the person was hired. */
  readonly hiredYearsAgo: number;
  readonly language?: "en";
}

/** Everyone, in People order. Ids are the local part of the email. */
export const DEMO_PEOPLE: readonly DemoPerson[] = [
  { id: "zhao.guohua", name: "赵国华", role: "president", level: "executive", hiredYearsAgo: 12 },
  { id: "qian.zhengming", name: "钱正明", role: "gm", level: "executive", manager: "zhao.guohua", hiredYearsAgo: 10 },
  { id: "sun.lixin", name: "孙立新", role: "director", level: "director", manager: "qian.zhengming", leader: "qian.zhengming", hiredYearsAgo: 8 },
  { id: "li.wenjing", name: "李文静", role: "deputy_director", level: "director", manager: "sun.lixin", leader: "qian.zhengming", hiredYearsAgo: 6 },
  { id: "zhou.haitao", name: "周海涛", role: "mkt_manager", level: "manager", manager: "sun.lixin", leader: "sun.lixin", hiredYearsAgo: 7 },
  { id: "wu.xiaoyan", name: "吴晓燕", role: "mkt_deputy", level: "head", manager: "zhou.haitao", leader: "sun.lixin", hiredYearsAgo: 5 },
  { id: "zheng.yuting", name: "郑雨婷", role: "mkt_assistant", level: "staff", manager: "zhou.haitao", leader: "sun.lixin", hiredYearsAgo: 3 },
  { id: "wang.jianguo", name: "王建国", role: "sales_head", level: "head", manager: "sun.lixin", leader: "sun.lixin", hiredYearsAgo: 6 },
  { id: "feng.lina", name: "冯丽娜", role: "cust_head", level: "head", manager: "zhou.haitao", leader: "sun.lixin", hiredYearsAgo: 5 },
  { id: "chen.zhiqiang", name: "陈志强", role: "info_head", level: "head", manager: "zhou.haitao", leader: "sun.lixin", hiredYearsAgo: 4, language: "en" },
  { id: "chu.minghui", name: "褚明辉", role: "supervisor", level: "head", manager: "zhou.haitao", leader: "sun.lixin", hiredYearsAgo: 4 },
  { id: "wei.xiaohong", name: "卫小红", role: "clerk", level: "staff", manager: "wu.xiaoyan", leader: "zhou.haitao", hiredYearsAgo: 2 },
  { id: "jiang.yifan", name: "蒋一帆", role: "artist", level: "staff", manager: "wu.xiaoyan", leader: "zhou.haitao", hiredYearsAgo: 2 },
  { id: "xu.wenhua", name: "许文华", role: "regional", level: "manager", region: "EAST", manager: "sun.lixin", leader: "sun.lixin", hiredYearsAgo: 6 },
  { id: "he.jun", name: "何俊", role: "regional", level: "manager", region: "SOUTH", manager: "sun.lixin", leader: "sun.lixin", hiredYearsAgo: 5 },
  { id: "lv.wei", name: "吕伟", role: "regional", level: "manager", region: "NORTH", manager: "sun.lixin", leader: "sun.lixin", hiredYearsAgo: 4 },
  { id: "shi.lei", name: "施磊", role: "regional", level: "manager", region: "SOUTHWEST", manager: "sun.lixin", leader: "sun.lixin", hiredYearsAgo: 3 },
  { id: "zhang.min", name: "张敏", role: "regional", level: "manager", region: "CENTRAL", manager: "sun.lixin", leader: "sun.lixin", hiredYearsAgo: 3 },
  { id: "kong.linghui", name: "孔令辉", role: "sales", level: "staff", region: "EAST", manager: "xu.wenhua", leader: "wang.jianguo", hiredYearsAgo: 3 },
  { id: "cao.xue", name: "曹雪", role: "sales", level: "staff", region: "EAST", manager: "xu.wenhua", leader: "wang.jianguo", hiredYearsAgo: 0 },
  { id: "yan.feng", name: "严峰", role: "sales", level: "staff", region: "SOUTH", manager: "he.jun", leader: "wang.jianguo", hiredYearsAgo: 2 },
  { id: "hua.li", name: "华丽", role: "sales", level: "staff", region: "NORTH", manager: "lv.wei", leader: "wang.jianguo", hiredYearsAgo: 4 },
  { id: "jin.xin", name: "金鑫", role: "sales", level: "staff", region: "SOUTHWEST", manager: "shi.lei", leader: "wang.jianguo", hiredYearsAgo: 2 },
  { id: "wei.qiang", name: "魏强", role: "sales", level: "staff", region: "CENTRAL", manager: "zhang.min", leader: "wang.jianguo", hiredYearsAgo: 1 },
  { id: "tao.ran", name: "陶然", role: "promoter", level: "staff", region: "EAST", manager: "chu.minghui", leader: "zhou.haitao", hiredYearsAgo: 1 },
  { id: "jiang.bo", name: "姜波", role: "promoter", level: "staff", region: "SOUTH", manager: "chu.minghui", leader: "zhou.haitao", hiredYearsAgo: 1 },
  { id: "shen.qiuyue", name: "沈秋月", role: "finance", level: "manager", manager: "qian.zhengming", hiredYearsAgo: 9 },
  { id: "han.dongmei", name: "韩冬梅", role: "hr", level: "manager", manager: "qian.zhengming", hiredYearsAgo: 8 },
  { id: "yang.jianhua", name: "杨建华", role: "admin", level: "manager", manager: "qian.zhengming", hiredYearsAgo: 7 },
  { id: "zhu.xiaofeng", name: "朱晓峰", role: "cs", level: "staff", manager: "qian.zhengming", hiredYearsAgo: 4 },
  { id: "qin.haibo", name: "秦海波", role: "warehouse", level: "staff", manager: "qian.zhengming", hiredYearsAgo: 6 },
  { id: "you.zhigang", name: "尤志刚", role: "quality", level: "staff", manager: "qian.zhengming", hiredYearsAgo: 5 },
];

export const emailOf = (id: string): string => `${id}@${DEMO_DOMAIN}`;

/** People who hold a role. */
export function holders(role: string): DemoPerson[] {
  return DEMO_PEOPLE.filter((p) => p.role === role);
}

/** The first person holding `role`; the demo department has every role. */
export function holder(role: string): DemoPerson {
  const person = DEMO_PEOPLE.find((p) => p.role === role);
  if (!person) throw new Error(`the demo department has no ${role}`);
  return person;
}

/** People who carry sales targets: regional managers and sales reps, by region. */
export function planHolders(region: string): DemoPerson[] {
  return DEMO_PEOPLE.filter((p) => p.region === region && (p.role === "regional" || p.role === "sales"));
}

const PERF_PAY_BASE: Readonly<Record<PostLevel, number | null>> = { executive: null, director: 8000, manager: 5000, head: 4000, staff: 2500 };

/** People rows for a demo month: one probationer, one reinstated rep, two delegations in the month. */
export function peopleRecords(year: number, month: number): TableRecord[] {
  const hired = (p: DemoPerson): string => isoDay(year - p.hiredYearsAgo, 1 + (p.name.codePointAt(0) ?? 0) % 12, 1 + (p.name.codePointAt(1) ?? 0) % 28);
  const delegations: Readonly<Record<string, string>> = { "sun.lixin": "li.wenjing", "zhou.haitao": "wu.xiaoyan" };
  const twoBack = shiftMonth(year, month, 2);
  return DEMO_PEOPLE.map((p) => {
    const probation = p.id === "cao.xue";
    const reinstated = p.id === "hua.li";
    const hireDate = probation ? isoDay(twoBack.year, twoBack.month, 1) : hired(p);
    const delegate = delegations[p.id];
    return {
      name: p.name,
      email: emailOf(p.id),
      role: p.role,
      region: p.region ?? null,
      org_unit: p.region ? "branch" : "hq",
      manager_email: p.manager ? emailOf(p.manager) : null,
      leader_email: p.leader ? emailOf(p.leader) : null,
      delegate_email: delegate ? emailOf(delegate) : null,
      delegate_from: delegate ? isoDay(year, month, 10) : null,
      delegate_to: delegate ? isoDay(year, month, 14) : null,
      post_level: p.level,
      hire_date: hireDate,
      status: probation ? "probation" : reinstated ? "reinstated" : "regular",
      reinstated_on: reinstated ? isoDay(year, month, 1) : null,
      probation_end: probation ? addDays(hireDate, 90) : null,
      probation_extended_to: null,
      perf_pay_base: PERF_PAY_BASE[p.level],
      language: p.language ?? "zh-CN",
      active: true,
    };
  });
}

export function regionRecords(): TableRecord[] {
  return DEMO_REGIONS.map((r) => {
    const manager = DEMO_PEOPLE.find((p) => p.role === "regional" && p.region === r.code);
    return { code: r.code, name_zh: r.zh, name_en: r.en, manager_email: manager ? emailOf(manager.id) : null, active: true };
  });
}

export interface DemoProduct {
  readonly sku: string;
  readonly name: string;
  readonly unit: string;
  readonly price: number;
  readonly safetyStock: number;
}

export const DEMO_PRODUCTS: readonly DemoProduct[] = [
  { sku: "P-100", name: "净水器 A100", unit: "台", price: 1999, safetyStock: 50 },
  { sku: "P-200", name: "滤芯 F20", unit: "支", price: 129, safetyStock: 300 },
  { sku: "P-300", name: "空气净化器 K3", unit: "台", price: 2999, safetyStock: 30 },
  { sku: "P-400", name: "加湿器 H1", unit: "台", price: 499, safetyStock: 80 },
  { sku: "P-500", name: "软水机 S5", unit: "台", price: 4999, safetyStock: 20 },
  { sku: "P-600", name: "滤网 N9", unit: "片", price: 89, safetyStock: 400 },
];

/** Stock as counted at the month's end: two products below safety stock, so a transfer is due (WF-05.3). */
export function productRecords(monthEnd: string, random: Random): TableRecord[] {
  const below = new Set(["P-300", "P-600"]);
  return DEMO_PRODUCTS.map((p) => ({
    sku: p.sku,
    name: p.name,
    unit: p.unit,
    unit_price: p.price,
    safety_stock: p.safetyStock,
    stock_on_hand: below.has(p.sku) ? Math.round(p.safetyStock * random.between(0.6, 0.95)) : Math.round(p.safetyStock * random.between(1.2, 2.5)),
    stock_counted_on: monthEnd,
    stock_counted_by: emailOf(holder("warehouse").id),
    active: true,
  }));
}

const CUSTOMER_KINDS = ["百货", "家电城", "商贸公司", "电器连锁", "建材市场", "连锁超市", "酒店", "物业公司"] as const;
// Index 1 is the month's new customer (one deal so far: loose by rule), index 3 the North region's lost one.
const CLASS_CYCLE = ["loyal", "loose", "close", "close", "loose", "potential", "loyal", "potential"] as const;
/** Our share of each class's purchases (KPI-50): a loyal customer buys half or more from us, a loose one little. */
const SHARE_RANGE: Readonly<Record<string, readonly [number, number]>> = { loyal: [0.5, 0.75], close: [0.2, 0.45], loose: [0.02, 0.15], potential: [0.02, 0.1] };
const FIRST_NAMES = ["刘", "陈", "杨", "黄", "周", "吴", "徐", "孙"] as const;

export interface DemoCustomer {
  readonly id: string;
  readonly region: string;
  readonly owner: string;
  readonly customerClass: string;
  /** First deal date, or null for a potential customer. */
  readonly firstDeal: string | null;
}

/**
 * Eight customers per region, classes loyal / close / loose / potential (AMB-58: potential = no deal
 * yet), then 24 prospects per region (potential). In each region one customer had its first deal in the demo month (KPI-08), one file is
 * stale (KPI-10), and one customer of the North region was lost.
 */
export function customers(year: number, month: number, random: Random): { records: TableRecord[]; customers: DemoCustomer[] } {
  const records: TableRecord[] = [];
  const list: DemoCustomer[] = [];
  const monthEnd = isoDay(year, month, daysInMonth(year, month));
  for (const region of DEMO_REGIONS) {
    const owners = DEMO_PEOPLE.filter((p) => p.region === region.code && p.role === "sales");
    for (let i = 0; i < 8; i += 1) {
      const id = `C-${region.code}-${String(i + 1).padStart(2, "0")}`;
      const owner = owners[i % owners.length] ?? holder("regional");
      const customerClass = CLASS_CYCLE[i] ?? "loose";
      const isNew = i === 1;
      const firstDeal = customerClass === "potential" ? null : isNew ? isoDay(year, month, 3 + random.int(0, 20)) : isoDay(year - random.int(1, 6), random.int(1, 12), random.int(1, 28));
      const stale = i === 4;
      const lost = region.code === "NORTH" && i === 3;
      records.push({
        id,
        name: `${region.cities[i % region.cities.length] ?? region.zh}${CUSTOMER_KINDS[i] ?? "客户"}`,
        region: region.code,
        owner_email: emailOf(owner.id),
        class: customerClass,
        potential: random.int(2, 5),
        willingness: random.int(1, 5),
        market_share: Math.round(random.between(...(SHARE_RANGE[customerClass] ?? [0.02, 0.15])) * 100) / 100,
        contact_name: `${FIRST_NAMES[i] ?? "王"}经理`,
        phone: `1${random.int(3, 9)}${String(random.int(0, 999_999_999)).padStart(9, "0")}`,
        file_updated_on: stale ? addDays(monthEnd, -random.int(40, 70)) : addDays(monthEnd, -random.int(0, 25)),
        first_deal_on: firstDeal,
        credit_checked_on: firstDeal ? addDays(firstDeal, -random.int(5, 20)) : null,
        status: lost ? "lost" : "active",
        lost_on: lost ? isoDay(year, month, 12) : null,
        lost_reason: lost ? "合同条款理解分歧,客户转向竞品" : null,
      });
      list.push({ id, region: region.code, owner: owner.id, customerClass, firstDeal });
    }
  }
  // Prospects (潜在客户, AMB-58: no deal yet) on file in every region, whom the reps phone and visit
  // (KPI-07 counts distinct customers a week), listed after the others so their order stays put.
  for (const region of DEMO_REGIONS) {
    const owners = DEMO_PEOPLE.filter((p) => p.region === region.code && p.role === "sales");
    for (let i = 0; i < PROSPECTS_PER_REGION; i += 1) {
      const id = `C-${region.code}-P${String(i + 1).padStart(2, "0")}`;
      const owner = owners[i % owners.length] ?? holder("regional");
      records.push({
        id,
        name: `${region.cities[i % region.cities.length] ?? region.zh}${PROSPECT_KINDS[i % PROSPECT_KINDS.length] ?? "商户"}${i + 1}号店`,
        region: region.code,
        owner_email: emailOf(owner.id),
        class: "potential",
        potential: random.int(1, 4),
        willingness: random.int(1, 3),
        market_share: null,
        contact_name: `${FIRST_NAMES[i % FIRST_NAMES.length] ?? "王"}店长`,
        phone: `1${random.int(3, 9)}${String(random.int(0, 999_999_999)).padStart(9, "0")}`,
        file_updated_on: addDays(monthEnd, -random.int(0, 25)),
        first_deal_on: null,
        credit_checked_on: null,
        status: "active",
        lost_on: null,
        lost_reason: null,
      });
      list.push({ id, region: region.code, owner: owner.id, customerClass: "potential", firstDeal: null });
    }
  }
  return { records, customers: list };
}

/** Prospects per region: enough, with the eight customers, for 30 distinct phone visits a week (KPI-07). */
const PROSPECTS_PER_REGION = 24;
const PROSPECT_KINDS = ["家电专卖", "建材门店", "装修公司", "社区超市"] as const;

const DEALER_STATUSES = ["candidate", "vetted", "target", "approved", "signed"] as const;

/** Ten dealers, two in each development status (WF-10). */
export function dealerRecords(year: number, month: number, random: Random): TableRecord[] {
  const records: TableRecord[] = [];
  DEALER_STATUSES.forEach((status, s) => {
    for (let k = 0; k < 2; k += 1) {
      const region = DEMO_REGIONS[(s * 2 + k) % DEMO_REGIONS.length] ?? DEMO_REGIONS[0];
      if (!region) continue;
      const vetted = status !== "candidate";
      const signed = status === "signed";
      const signedOn = isoDay(year, month, 5 + k * 10);
      records.push({
        id: `D-${String(s * 2 + k + 1).padStart(2, "0")}`,
        name: `${region.cities[k] ?? region.zh}${k === 0 ? "恒信" : "宏达"}贸易有限公司`,
        region: region.code,
        products: DEMO_PRODUCTS.slice(k, k + 3).map((p) => p.sku).join("; "),
        contact_name: `${FIRST_NAMES[s + k] ?? "李"}总`,
        phone: `0${random.int(10, 99)}-${String(random.int(0, 99_999_999)).padStart(8, "0")}`,
        status,
        operating_score: vetted ? random.int(60, 95) : null,
        credit_score: vetted ? random.int(60, 95) : null,
        suitability_score: vetted ? random.int(60, 95) : null,
        vetted_on: vetted ? isoDay(year, month, 2 + s) : null,
        agreement_version: signed ? "经销协议 2026 版" : null,
        agreement_deviations: signed && k === 1 ? "返利结算周期改为半年" : null,
        agreement_signed_on: signed ? signedOn : null,
        agreement_entered_on: signed ? (k === 0 ? signedOn : addDays(signedOn, 2)) : null,
      });
    }
  });
  return records;
}
