/**
 * The demo month's requests (issue 5), as the department lives them in November 2026 on the local
 * host: people fill in the request forms built from the menu, approvers decide through the link in
 * their email (opening the page, then posting the decision as the browser form does) or in the
 * Requests sheet's Decision column, one requester's answers need fixing, two requests are rejected
 * and one of them is revised and approved, the marketing manager's delegate decides while he is
 * away, and a request the director leaves waiting is reminded and then escalated by the hourly
 * timer as the simulated clock moves through the month. Everything is on the simulated clock and
 * in a fixed order, so two runs give the same workbook states and the same emails.
 */
import { both } from "../src/core/i18n";
import type { RequestTypeKey } from "../src/core/approvals/model";
import { choiceKey } from "../src/core/approvals/questions";
import { formQuestions, requestTypeSpec } from "../src/core/approvals/request-types";
import type { LocalHost } from "../src/local/host";

const REQUESTS = "申请 Requests";
const PEOPLE = "人员 People";
const PROMOTIONS = "促销 Promotions";

/** The demo department's people who take part (People sheet of the demo data). */
const P = {
  director: "sun.lixin@example.com",
  manager: "zhou.haitao@example.com",
  managerDeputy: "wu.xiaoyan@example.com",
  salesHead: "wang.jianguo@example.com",
  clerk: "wei.xiaohong@example.com",
  regionalEast: "xu.wenhua@example.com",
  regionalSouth: "he.jun@example.com",
  regionalNorth: "lv.wei@example.com",
  regionalSouthwest: "shi.lei@example.com",
  salesEast: "kong.linghui@example.com",
  salesEastNew: "cao.xue@example.com",
  salesSouth: "yan.feng@example.com",
  salesNorth: "hua.li@example.com",
  salesSouthwest: "jin.xin@example.com",
} as const;

/** What happened to one request, for the run's printout. */
export interface RequestLine {
  readonly id: string;
  readonly type: string;
  readonly requester: string;
  readonly status: string;
  readonly story: string;
}

export interface RequestCounts {
  readonly total: number;
  readonly byType: Record<string, number>;
  readonly byStatus: Record<string, number>;
}

type Answers = Readonly<Record<string, string>>;
type Row = Record<string, unknown>;

/** An instant of November 2026 on the Shanghai wall clock. */
function nov(day: number, time: string): number {
  return Date.parse(`2026-11-${String(day).padStart(2, "0")}T${time}:00+08:00`);
}

function countBy(values: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const v of values) counts[v] = (counts[v] ?? 0) + 1;
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
}

/** A sheet's rows as objects keyed by the English part of each header, with their 1-based row numbers. */
function rowsOf(host: LocalHost, sheetName: string): { headers: string[]; rows: { row: number; values: Row }[] } {
  const values = host.spreadsheet.read(sheetName, "A1:AD500");
  const headers = (values[0] ?? []).map((h) => String(h).split(" / ").pop() ?? "");
  const rows = values.slice(1).flatMap((r, i) => (r.some((v) => v !== "" && v !== false) ? [{ row: i + 2, values: Object.fromEntries(headers.map((h, c) => [h, r[c]])) }] : []));
  return { headers, rows };
}

/** A cell's text as the sheet shows it (empty for an empty cell). */
function text(value: unknown): string {
  return typeof value === "string" || typeof value === "number" || typeof value === "boolean" ? String(value) : "";
}

function columnLetter(index: number): string {
  let n = index + 1;
  let out = "";
  while (n > 0) {
    out = String.fromCharCode(65 + ((n - 1) % 26)) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** The Requests sheet's counts by type and by status: what `out/summary.json` reports. */
export function requestCounts(host: LocalHost): RequestCounts {
  const rows = rowsOf(host, REQUESTS).rows.filter((r) => text(r.values["Request ID"]) !== "");
  return { total: rows.length, byType: countBy(rows.map((r) => text(r.values.Type))), byStatus: countBy(rows.map((r) => text(r.values.Status))) };
}

/** The scenario's moves, bound to one host and its web app. */
function scenario(host: LocalHost, serverUrl: string) {
  const stories = new Map<string, string[]>();
  const order: string[] = [];
  const tell = (id: string, text: string): void => {
    if (!stories.has(id)) {
      stories.set(id, []);
      order.push(id);
    }
    stories.get(id)?.push(text);
  };

  const request = (id: string): Row => {
    const found = rowsOf(host, REQUESTS).rows.find((r) => r.values["Request ID"] === id);
    if (!found) throw new Error(`no request ${id} in ${REQUESTS}`);
    return found.values;
  };
  const requestRow = (id: string): number => {
    const found = rowsOf(host, REQUESTS).rows.find((r) => r.values["Request ID"] === id);
    if (!found) throw new Error(`no request ${id} in ${REQUESTS}`);
    return found.row;
  };
  const status = (id: string): string => text(request(id).Status);

  /** The person fills in the type's form: answers by question key, dropdowns matched by their key. */
  const submit = async (type: RequestTypeKey, as: string, byKey: Answers): Promise<string> => {
    const title = both(requestTypeSpec(type).label);
    const form = host.forms.find(title);
    if (!form) throw new Error(`no form ${title}: build the forms first`);
    const answers: Record<string, string> = {};
    for (const q of formQuestions(type)) {
      const raw = byKey[q.key];
      if (raw === undefined || raw === "") continue;
      const itemTitle = both(q.title);
      const item = form.items.find((i) => i.title === itemTitle);
      const choice = item?.choices.find((c) => c === raw || choiceKey(c) === choiceKey(raw));
      if (item && item.choices.length > 0 && !choice) throw new Error(`${title}: "${raw}" is not a choice of ${itemTitle}`);
      answers[itemTitle] = choice ?? raw;
    }
    const before = new Set(rowsOf(host, REQUESTS).rows.map((r) => text(r.values["Request ID"])));
    await host.submitForm(title, answers, { as });
    if (byKey.revises) {
      tell(byKey.revises, `revised by ${as} → ${status(byKey.revises)}`);
      return byKey.revises;
    }
    const mine = rowsOf(host, REQUESTS).rows.filter((r) => r.values.Requester === as && !before.has(text(r.values["Request ID"])));
    const id = text(mine[mine.length - 1]?.values["Request ID"]);
    if (id === "") throw new Error(`${title} by ${as} made no Requests row`);
    tell(id, `submitted → ${status(id)}`);
    return id;
  };

  /** The newest email with a decision link for the request: who it went to, and the link. */
  const newestLink = (id: string): { to: string; link: string } => {
    const mails = host.services.controllers.outbox.messages().filter((m) => (m.html ?? "").includes(id) && /\/exec\?t=/.test(m.html ?? ""));
    const mail = mails[mails.length - 1];
    const link = /href="(http:\/\/127\.0\.0\.1:\d+\/exec\?t=[^"]+)"/.exec(mail?.html ?? "")?.[1];
    if (!mail || !link) throw new Error(`no decision link emailed for ${id}`);
    return { to: mail.to.join(", "), link: link.replace(/&amp;/g, "&") };
  };

  /** The approver opens the emailed link (GET), then presses the button: the page's form posts the decision. */
  const decideByLink = async (id: string, decision: "approve" | "reject", comment: string): Promise<string> => {
    const { to, link } = newestLink(id);
    const page = await (await fetch(link)).text();
    const token = /name="t" value="([^"]+)"/.exec(page)?.[1];
    if (!token) throw new Error(`the page for ${id} offers no decision`);
    const body = new URLSearchParams({ t: token.replace(/&amp;/g, "&"), decision, comment });
    const result = await (await fetch(serverUrl, { method: "POST", body, headers: { "content-type": "application/x-www-form-urlencoded" } })).text();
    if (!result.includes("result-done")) throw new Error(`${to}'s ${decision} of ${id} was not applied`);
    tell(id, `${decision} by ${to} (link)`);
    return to;
  };

  /** The step's approver picks the decision in the Requests sheet, a comment first when there is one. */
  const decideInSheet = async (id: string, decision: "approve" | "reject", comment: string): Promise<void> => {
    const { headers } = rowsOf(host, REQUESTS);
    const approver = text(request(id)["Current approver"]).split(";")[0]?.trim() ?? "";
    const row = requestRow(id);
    if (comment !== "") await host.editAsUser(REQUESTS, `${columnLetter(headers.indexOf("Decision comment"))}${row}`, comment, { as: approver });
    await host.editAsUser(REQUESTS, `${columnLetter(headers.indexOf("Decision"))}${row}`, decision, { as: approver });
    tell(id, `${decision} by ${approver} (sheet)`);
  };

  /** Approves step after step by the emailed links until the request leaves `pending`, half an hour apart; `comment` is the first approver's. */
  const approveAllByLink = async (id: string, comment = "同意"): Promise<void> => {
    for (let guard = 0; status(id) === "pending" && guard < 8; guard += 1) {
      await host.advanceTo(host.clock.now() + 30 * 60_000);
      await decideByLink(id, "approve", guard === 0 ? comment : "同意");
    }
  };

  const approveAllInSheet = async (id: string, comment = ""): Promise<void> => {
    for (let guard = 0; status(id) === "pending" && guard < 8; guard += 1) {
      await host.advanceTo(host.clock.now() + 30 * 60_000);
      await decideInSheet(id, "approve", comment);
    }
  };

  /** Each request's story, with the reminders and escalations the hourly timer emailed about it. */
  const lines = (): RequestLine[] => {
    const mails = host.services.controllers.outbox.messages();
    return order.map((id) => {
      const r = request(id);
      const timer = (["reminder", "escalation"] as const).flatMap((kind) => {
        const n = mails.filter((m) => m.kind === kind && (m.html ?? m.text).includes(id)).length;
        return n > 0 ? [`${kind} ×${n}`] : [];
      });
      const story = [...(stories.get(id) ?? []), ...(timer.length ? [`timer: ${timer.join(", ")}`] : [])];
      return { id, type: text(r.Type), requester: text(r.Requester), status: text(r.Status), story: story.join("; ") };
    });
  };

  return { submit, decideByLink, decideInSheet, approveAllByLink, approveAllInSheet, lines };
}

/**
 * Runs November's requests through the approval flow. Expects the demo department loaded, the
 * forms built and the web app serving at `serverUrl`; leaves the clock at the end of the month.
 */
export async function runRequestMonth(host: LocalHost, serverUrl: string): Promise<RequestLine[]> {
  const s = scenario(host, serverUrl);
  // The next thing happens at its time, or a quarter of an hour after the business before it ran over.
  const to = (day: number, time: string) => host.advanceTo(Math.max(nov(day, time), host.clock.now() + 15 * 60_000));

  // Mon 2 Nov: the East region plans its 双十一 promotion; East sales ask for air purifiers (25 on hand, safety stock 30).
  await to(2, "10:00");
  const promotion = await s.submit("promotion_plan", P.regionalEast, {
    title: "双十一华东商超促销",
    objective: "借双十一拉动净水器和滤芯销量,提升商超渠道份额",
    start_on: "2026-11-06",
    end_on: "2026-11-11",
    region: "EAST",
    locations: "上海百货、杭州家电城",
    products: "净水器 A100、滤芯 F20",
    amount: "80000",
  });
  await s.approveAllByLink(promotion);

  await to(2, "11:00");
  const purifiers = await s.submit("stock_transfer", P.salesEast, {
    title: "华东空气净化器补货",
    product_sku: "P-300",
    region: "EAST",
    demand_qty: "60",
    on_hand_qty: "25",
    safety_stock: "30",
    quantity: "40",
    from_location: "武汉中心仓",
    to_location: "上海仓",
    reason: "双十一备货,现有库存低于安全库存",
  });
  await s.approveAllByLink(purifiers);

  // A new salesperson asks for humidifiers the warehouse already has: the form is accepted, the request needs fixing.
  await to(2, "14:00");
  await s.submit("stock_transfer", P.salesEastNew, {
    title: "杭州加湿器调货",
    product_sku: "P-400",
    region: "EAST",
    demand_qty: "100",
    on_hand_qty: "156",
    safety_stock: "80",
    quantity: "50",
    from_location: "武汉中心仓",
    to_location: "杭州仓",
    reason: "客户询价较多",
  });

  // Tue 3 Nov: an appeal of October's results; a customer exchange decided in the sheet; a return rejected for missing evidence.
  await to(3, "10:00");
  const appeal = await s.submit("appeal", P.salesSouthwest, { title: "10月考核申诉", period: "2026-10", published_on: "2026-10-30", reason: "重庆客户10月28日回款12万元已到账,未计入10月回款完成率" });
  await s.approveAllByLink(appeal, "已核实回款,同意复核");

  await to(3, "11:00");
  const exchange = await s.submit("exchange", P.salesSouth, {
    title: "深圳客户净水器换货",
    customer_id: "C-SOUTH-01",
    region: "SOUTH",
    product_sku: "P-100",
    batch: "B2609",
    purchase_date: "2026-10-18",
    quantity: "2",
    amount: "3998",
    defect: "出水口漏水,已拍照留存",
  });
  await s.approveAllInSheet(exchange, "同意换货");

  await to(3, "14:00");
  const returnAnswers = {
    title: "南京商贸加湿器退货",
    customer_id: "C-EAST-03",
    region: "EAST",
    product_sku: "P-400",
    purchase_date: "2026-10-20",
    quantity: "10",
    amount: "4990",
    defect: "外壳开裂",
  };
  const refund = await s.submit("return", P.salesEast, returnAnswers);
  await to(3, "15:00");
  await s.decideByLink(refund, "reject", "请附上质检报告编号和照片");

  // Wed 4 Nov: the return comes back with the quality report and is approved; a budget is approved in the sheet.
  await to(4, "10:00");
  await s.submit("return", P.salesEast, { ...returnAnswers, details: "质检报告 QC-2611-07,照片已上传共享盘", revises: refund });
  await s.approveAllByLink(refund);

  await to(4, "11:00");
  const budget = await s.submit("expense_budget", P.regionalSouth, { title: "华南12月促销费用预算", region: "SOUTH", period: "2026-12", category: "促销费", amount: "90000", prior_budget: "80000", prior_actual: "78500" });
  await s.approveAllInSheet(budget);

  // Thu 5 Nov: two dealers vetted; Beijing's is approved, Chongqing's rejected in the sheet (its score is low).
  await to(5, "10:00");
  const beijing = await s.submit("dealer_target", P.regionalNorth, { title: "北京恒信列为目标经销商", dealer_id: "D-03", region: "NORTH", operating_score: "93", credit_score: "88", suitability_score: "85", vetting: "经营稳定,回款及时,网点覆盖北京东部" });
  await s.approveAllByLink(beijing);

  await to(5, "11:00");
  const chongqing = await s.submit("dealer_target", P.regionalSouthwest, { title: "重庆宏达列为目标经销商", dealer_id: "D-04", region: "SOUTHWEST", operating_score: "61", credit_score: "58", suitability_score: "70", vetting: "经营一般,有逾期记录" });
  await to(5, "14:00");
  await s.decideInSheet(chongqing, "reject", "信用评分偏低,三个月后再评");

  // Fri 6 Nov: the South dealer's rebate; the marketing manager is away next week and names his deputy in People.
  await to(6, "10:00");
  const rebate = await s.submit("rebate_calc", P.regionalSouth, { title: "深圳宏达2026年返利", year: "2026", dealer_id: "D-02", region: "SOUTH", purchase_total: "860000", purchase_count: "14", amount: "17200" });
  await s.approveAllByLink(rebate);

  await to(6, "16:00");
  const people = rowsOf(host, PEOPLE);
  const managerRow = people.rows.find((r) => r.values.Email === P.manager)?.row;
  if (managerRow === undefined) throw new Error(`${P.manager} is not in ${PEOPLE}`);
  const col = (header: string) => `${columnLetter(people.headers.indexOf(header))}${managerRow}`;
  await host.editAsUser(PEOPLE, col("Delegate"), P.managerDeputy);
  await host.editAsUser(PEOPLE, col("Delegate from"), "2026-11-09");
  await host.editAsUser(PEOPLE, col("Delegate to"), "2026-11-13");

  // Mon 9 Nov: a South transfer waits on the marketing manager; his deputy decides on his behalf.
  await to(9, "10:00");
  const softeners = await s.submit("stock_transfer", P.salesSouth, {
    title: "华南软水机调货",
    product_sku: "P-500",
    region: "SOUTH",
    demand_qty: "45",
    on_hand_qty: "30",
    safety_stock: "20",
    quantity: "20",
    from_location: "武汉中心仓",
    to_location: "广州仓",
    reason: "深圳楼盘集采订单",
  });
  await s.approveAllByLink(softeners, "代周经理审批:同意");

  // Tue 10 Nov: next year's rebate policy waits on the director, who is at a trade fair: reminded, then escalated to the GM.
  await to(10, "09:30");
  const policy = await s.submit("rebate_policy", P.salesHead, { title: "2027年度经销商返利政策", year: "2027", tiers: "年进货满50万返2%;满100万返3%;满200万返4%" });
  await to(12, "17:00");
  await s.approveAllByLink(policy, "总监出差,已阅同意");

  // Thu 12 Nov: the promotion is over; the menu refreshes the forms' dropdowns so the summary can name it.
  await to(12, "17:30");
  await host.clickMenu("buildForms");
  const promotionId = text(rowsOf(host, PROMOTIONS).rows[0]?.values["Promotion ID"]);
  await to(13, "10:00");
  const summary = await s.submit("promotion_summary", P.regionalEast, {
    title: "双十一华东促销总结",
    promotion_id: promotionId,
    region: "EAST",
    exposure: "48000",
    visitors: "2900",
    buyers: "386",
    sales_amount: "412000",
    baseline_sales: "330000",
    summary: "到店转化率13.3%,销售额同比增长24.8%;滤芯连带率高于预期",
  });
  await s.approveAllByLink(summary);

  // Mon 16 Nov onwards: a process change decided in the sheet, a dealer agreement and an exchange by link, a budget.
  await to(16, "10:00");
  const change = await s.submit("process_change", P.clerk, { title: "调货申请改为线上表单", process: "调货管理", change: "调货申请改用表单提交,按审批路线逐级审批", reason: "纸质单据流转慢,难以追踪", cross_department: "否 / No", effective_on: "2026-12-01" });
  await s.approveAllInSheet(change);

  await to(17, "10:00");
  const agreement = await s.submit("distribution_agreement", P.regionalNorth, { title: "北京恒信经销协议", dealer_id: "D-03", region: "NORTH", agreement_version: "2026-v2", deviations: "账期45天(标准30天)", signed_on: "2026-11-16" });
  await s.approveAllByLink(agreement);

  await to(18, "10:00");
  const northExchange = await s.submit("exchange", P.salesNorth, {
    title: "北京客户滤芯换货",
    customer_id: "C-NORTH-02",
    region: "NORTH",
    product_sku: "P-200",
    batch: "F2608",
    purchase_date: "2026-11-02",
    quantity: "40",
    amount: "5160",
    defect: "滤芯密封圈变形",
  });
  await s.approveAllByLink(northExchange);

  await to(20, "10:00");
  const eastBudget = await s.submit("expense_budget", P.regionalEast, { title: "华东2027年1月费用预算", region: "EAST", period: "2027-01", category: "渠道费", amount: "150000", prior_budget: "120000", prior_actual: "126000" });
  await s.approveAllByLink(eastBudget);

  // Fri 27 Nov: a Southwest transfer submitted late in the month is still waiting when November ends.
  await to(27, "15:00");
  await s.submit("stock_transfer", P.salesSouthwest, {
    title: "西南净水器调货",
    product_sku: "P-100",
    region: "SOUTHWEST",
    demand_qty: "120",
    on_hand_qty: "82",
    safety_stock: "50",
    quantity: "40",
    from_location: "武汉中心仓",
    to_location: "成都仓",
    reason: "成都门店年末活动",
  });
  await to(30, "18:00");
  return s.lines();
}
