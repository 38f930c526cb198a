/**
 * Customer classes (客户分类), spec KPI-44 and WF-12.2, seed `003_ab0358f32ef97fc5.txt` L217:
 * 「每个客户均应建立详细客户档案,并按忠诚客户、紧密型客户、松散型客户、潜在客户分类管理。」 and the criteria of
 * KPI-50, seed `001_0d0e5e6f794d632b.txt` L25: 「根据客户的潜力、合作意愿、市场份额等因素对客户进行分类和优先级排序」.
 * The seeds name the four classes but define none of them (AMB-58). Reading chosen (AMB-58 [REC]:
 * "optional rule fields (purchase frequency, share); potential = no purchase yet"):
 * - 潜在客户 potential: no purchase yet: no first-deal date on the file and no shipped order;
 * - 忠诚客户 loyal: at least `CUSTOMER_LOYAL_ORDERS` (6) shipped orders in the last
 *   `CUSTOMER_CLASS_WINDOW_MONTHS` (12) months, and our share of the customer's purchases at least
 *   `CUSTOMER_LOYAL_SHARE` (50 %) where the file records a share;
 * - 紧密型客户 close: not loyal, but at least `CUSTOMER_CLOSE_ORDERS` (3) orders in the window, or at
 *   least one with a recorded share of `CUSTOMER_CLOSE_SHARE` (20 %) or more;
 * - 松散型客户 loose: bought before, and neither of the above.
 * The alternative reading, a class typed by hand, is the Customers sheet's own Class column: the
 * rule's class stands beside it and a difference is highlighted for the owner to review. The four
 * classes are exhaustive and exclusive: every customer with an ID gets exactly one. Potential and
 * willingness (KPI-50) rank customers within a class; they do not move a customer between classes.
 */
import type { Bilingual } from "../i18n";
import type { Cell } from "./cells";
import { isBlank, missing, readAll, readDay, readDayOrNull, readNumberOr } from "./cells";
import { addCalendarMonths } from "./customer-file-stale";
import { parameterDefault, readParameter } from "./parameters";
import { isScoreError, scoreError } from "./score-error";
import type { Field, ScoreError } from "./score-error";
import type { RuleValue } from "./vectorise";

export const CUSTOMER_CLASSES = ["loyal", "close", "loose", "potential"] as const;
export type CustomerClass = (typeof CUSTOMER_CLASSES)[number];

/** The Customers sheet's words for each class (its Class dropdown), shown `中文 English` in a cell. */
export const CUSTOMER_CLASS_LABELS: Readonly<Record<CustomerClass, Bilingual>> = {
  loyal: { zh: "忠诚客户", en: "Loyal" },
  close: { zh: "紧密型客户", en: "Close" },
  loose: { zh: "松散型客户", en: "Loose" },
  potential: { zh: "潜在客户", en: "Potential" },
};

/** The cell text of a class: `忠诚客户 Loyal`. */
export function customerClassText(c: CustomerClass): string {
  const label = CUSTOMER_CLASS_LABELS[c];
  return `${label.zh} ${label.en}`;
}

/** A class as a cell holds it: its key (`loyal`), its cell text (`忠诚客户 Loyal`) or either word; null otherwise. */
export function readCustomerClass(cell: Cell): CustomerClass | null {
  if (typeof cell !== "string") return null;
  const text = cell.trim().toLowerCase();
  for (const c of CUSTOMER_CLASSES) {
    const label = CUSTOMER_CLASS_LABELS[c];
    if (text === c || text === customerClassText(c).toLowerCase() || text === label.zh || text === label.en.toLowerCase()) return c;
  }
  return null;
}

export interface ClassCriteria {
  readonly windowMonths: number;
  readonly loyalOrders: number;
  readonly loyalShare: number;
  readonly closeOrders: number;
  readonly closeShare: number;
}

export function defaultClassCriteria(): ClassCriteria {
  return {
    windowMonths: parameterDefault("CUSTOMER_CLASS_WINDOW_MONTHS"),
    loyalOrders: parameterDefault("CUSTOMER_LOYAL_ORDERS"),
    loyalShare: parameterDefault("CUSTOMER_LOYAL_SHARE"),
    closeOrders: parameterDefault("CUSTOMER_CLOSE_ORDERS"),
    closeShare: parameterDefault("CUSTOMER_CLOSE_SHARE"),
  };
}

/** What the rule knows of one customer. */
export interface CustomerPurchases {
  /** Shipped orders in the window. */
  readonly ordersInWindow: number;
  /** Any purchase ever: a first-deal date or a shipped order. */
  readonly everBought: boolean;
  /** Our share of the customer's purchases (0..1), or null when the file records none. */
  readonly share: number | null;
}

/**
 * @example customerClass({ ordersInWindow: 0, everBought: false, share: null }) → "potential"
 * @example customerClass({ ordersInWindow: 8, everBought: true, share: 0.6 }) → "loyal"
 * @example customerClass({ ordersInWindow: 8, everBought: true, share: 0.3 }) → "close"
 * @example customerClass({ ordersInWindow: 1, everBought: true, share: 0.05 }) → "loose"
 */
export function customerClass(p: CustomerPurchases, criteria: ClassCriteria = defaultClassCriteria()): CustomerClass {
  if (!p.everBought && p.ordersInWindow === 0) return "potential";
  if (p.ordersInWindow >= criteria.loyalOrders && (p.share === null || p.share >= criteria.loyalShare)) return "loyal";
  if (p.ordersInWindow >= criteria.closeOrders || (p.ordersInWindow > 0 && p.share !== null && p.share >= criteria.closeShare)) return "close";
  return "loose";
}

const CUSTOMER_ID: Field = { zh: "客户编号", en: "customer ID" };
const FIRST_DEAL: Field = { zh: "首次成交日期", en: "first deal date" };
const SHARE: Field = { zh: "市场份额", en: "market share" };
const SHIPPED: Field = { zh: "订单发货日期", en: "order shipment date" };
const AS_OF: Field = { zh: "统计日期", en: "as-of date" };

const SHARE_RANGE: Bilingual = { zh: "市场份额须在0到1之间(现为「{got}」)", en: 'market share must be between 0 and 1 (got "{got}")' };
const LISTS_DIFFER: Bilingual = {
  zh: "{what}的两列行数不一致({a} 行与 {b} 行):请选同样的行",
  en: "the two columns of {whatEn} differ in length ({a} and {b} rows): select the same rows",
};
const BAD_ROW: Bilingual = { zh: "{sheetZh}第{row}行:{problem}", en: "{sheetEn} row {row}: {problemEn}" };

/** A column argument as a flat list: a range's first column, or one value. */
export function columnCells(arg: Cell): readonly Cell[] {
  if (!Array.isArray(arg)) return [arg];
  return (arg as unknown[]).map((r) => (Array.isArray(r) ? (r as unknown[])[0] : r));
}

/** Two columns of another table read side by side (customer and date), or why not. */
export function pairedColumns(a: Cell, b: Cell, what: Bilingual): { readonly keys: readonly Cell[]; readonly values: readonly Cell[] } | ScoreError {
  const keys = columnCells(a);
  const values = columnCells(b);
  if (keys.length !== values.length) return scoreError(LISTS_DIFFER, { what: what.zh, whatEn: what.en, a: keys.length, b: values.length });
  return { keys, values };
}

/** The key of a customer as its ID cell holds it (IDs match case-insensitively, as the sheets' lookups do). */
export function customerKey(cell: Cell): string | null {
  if (isBlank(cell)) return null;
  return String(cell).trim().toUpperCase();
}

/** A problem of row `row` (1-based, data rows from 2) of another sheet, named so a person finds it. */
export function otherSheetProblem(sheet: Bilingual, index: number, problem: ScoreError): ScoreError {
  return scoreError(BAD_ROW, { sheetZh: sheet.zh, sheetEn: sheet.en, row: index + 2, problem: problem.text.zh, problemEn: problem.text.en });
}

const ORDERS_SHEET: Bilingual = { zh: "订单发货表", en: "Orders" };
const ORDERS_WHAT: Bilingual = { zh: "订单(客户、发货日期)", en: "the orders (customer, shipped on)" };

/**
 * `CUSTOMER_CLASS(ids, firstDeals, shares, orderCustomers, orderShippedOn, asOf, [windowMonths],
 * [loyalOrders], [loyalShare], [closeOrders], [closeShare], [timeZone])` over the Customers
 * column: the orders are read once into per-customer counts, then each customer is classed.
 */
export function customerClassColumn(rows: readonly (readonly Cell[] | null)[], params: readonly Cell[]): readonly RuleValue[] | ScoreError {
  const [orderCustomers, orderShipped, asOfCell, windowCell, loyalOrdersCell, loyalShareCell, closeOrdersCell, closeShareCell, zoneCell] = params;
  const zone = readParameter(zoneCell, "TIME_ZONE");
  if (isScoreError(zone)) return zone;
  const settings = readAll([
    readParameter(windowCell, "CUSTOMER_CLASS_WINDOW_MONTHS"),
    readParameter(loyalOrdersCell, "CUSTOMER_LOYAL_ORDERS"),
    readParameter(loyalShareCell, "CUSTOMER_LOYAL_SHARE"),
    readParameter(closeOrdersCell, "CUSTOMER_CLOSE_ORDERS"),
    readParameter(closeShareCell, "CUSTOMER_CLOSE_SHARE"),
  ]);
  if (isScoreError(settings)) return settings;
  const [windowMonths, loyalOrders, loyalShare, closeOrders, closeShare] = settings;
  const criteria: ClassCriteria = { windowMonths, loyalOrders, loyalShare, closeOrders, closeShare };
  const asOf = readDay(Array.isArray(asOfCell) ? columnCells(asOfCell)[0] : asOfCell, AS_OF, zone);
  if (isScoreError(asOf)) return asOf;
  const orders = pairedColumns(orderCustomers, orderShipped, ORDERS_WHAT);
  if (isScoreError(orders)) return orders;
  // The window is the `windowMonths` calendar months up to the as-of day, both ends included.
  const from = addCalendarMonths(asOf, -windowMonths);
  const inWindow = new Map<string, number>();
  const bought = new Set<string>();
  for (const [i, cell] of orders.keys.entries()) {
    const key = customerKey(cell);
    const shippedCell = orders.values[i];
    if (key === null || isBlank(shippedCell)) continue;
    const shipped = readDay(shippedCell, SHIPPED, zone);
    if (isScoreError(shipped)) return otherSheetProblem(ORDERS_SHEET, i, shipped);
    if (shipped > asOf) continue;
    bought.add(key);
    if (shipped > from) inWindow.set(key, (inWindow.get(key) ?? 0) + 1);
  }
  return rows.map((row): RuleValue => {
    if (row === null) return "";
    const [idCell, firstDealCell, shareCell] = row;
    const key = customerKey(idCell);
    if (key === null) return missing(CUSTOMER_ID);
    const firstDeal = readDayOrNull(firstDealCell, FIRST_DEAL, zone);
    if (isScoreError(firstDeal)) return firstDeal;
    const share = readNumberOr(shareCell, SHARE, null);
    if (isScoreError(share)) return share;
    if (share !== null && (share < 0 || share > 1)) return scoreError(SHARE_RANGE, { got: String(share) });
    const everBought = bought.has(key) || (firstDeal !== null && firstDeal <= asOf);
    return customerClassText(customerClass({ ordersInWindow: inWindow.get(key) ?? 0, everBought, share }, criteria));
  });
}
