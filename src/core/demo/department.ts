/**
 * The deterministic demo department that `npm start` and 市场部 MarketOps → 载入演示数据 load into a
 * fresh workbook: regions, people covering every role, products, customers, dealers, a year of plans,
 * one month of activity (with the month before's actuals, so collections roll over, SC-11) and that
 * month's appraisal inputs, so every scorecard shows a computed score and grade for every member of
 * the marketing department. Pure: the year, the month and the seed come in; the same inputs give the
 * same records, keyed by sheet key and then by column key, ready for the table adapter.
 */
import { both, type Bilingual } from "../i18n";
import type { TableRecord } from "../templates/table";
import { daysInMonth, isoDay, shiftMonth } from "./calendar";
import { actualRecords, activityRecords, contractIncidentRecords, orderHistoryRecords, orderRecords, taskRecords } from "./activity";
import { appraisalRecords } from "./appraisal";
import { customers, dealerRecords, emailOf, peopleRecords, productRecords, regionRecords } from "./organisation";
import { planRecords } from "./plans";
import { dealerPurchaseRecords, rebatePolicyRecords } from "./rebates";
import { seededRandom } from "./random";

export interface DemoOptions {
  /** The plan year. */
  readonly year: number;
  /** The month (1-12) of `year` whose activity is generated. */
  readonly month: number;
  /** Seed of the random source; the default gives the documented demo. */
  readonly seed?: number;
}

export interface DemoDepartment {
  readonly year: number;
  readonly month: number;
  /** Records per sheet key, in the order they are written (people before anything that refers to them). */
  readonly records: Readonly<Record<string, readonly TableRecord[]>>;
}

export const DEFAULT_DEMO_SEED = 20_260_101;

/** Sheet keys in the order `loadDemoData` writes them: the appraisals last, once their inputs are in. */
export const DEMO_SHEETS = [
  "people",
  "regions",
  "products",
  "customers",
  "dealers",
  "rebate_policy",
  "dealer_purchases",
  "plans",
  "actuals",
  "activities",
  "orders",
  "tasks",
  "contract_incidents",
  "scorecard_objective",
  "scorecard_sales_head",
  "scorecard_cust_head",
  "scorecard_info_head",
  "scorecard_mkt_head",
  "annual_appraisal",
] as const;

/**
 * Builds the demo department for `year`, with activity in `month`.
 *
 * @example buildDemoDepartment({ year: 2026, month: 10 }).records.people.length → 32
 */
export function buildDemoDepartment(options: DemoOptions): DemoDepartment {
  const { year, month } = options;
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new RangeError(`year must be 2000-2100, got ${year}`);
  if (!Number.isInteger(month) || month < 1 || month > 12) throw new RangeError(`month must be 1-12, got ${month}`);
  // Each part draws from its own stream, so changing one part never reshuffles the others.
  const stream = (part: number): ReturnType<typeof seededRandom> => seededRandom((options.seed ?? DEFAULT_DEMO_SEED) + part * 7_919 + year * 12 + month);
  const monthEnd = isoDay(year, month, daysInMonth(year, month));
  const book = customers(year, month, stream(1));
  const plans = planRecords(year);
  const tasks = taskRecords(year, month, stream(7));
  // The month before, when it is in the plan year: its collections roll over into this month (SC-11).
  const before = shiftMonth(year, month, 1);
  const earlierActuals = before.year === year ? actualRecords(before.year, before.month, plans, book.customers, stream(9)) : [];
  const records: Record<(typeof DEMO_SHEETS)[number], readonly TableRecord[]> = {
    people: peopleRecords(year, month),
    regions: regionRecords(),
    products: productRecords(monthEnd, stream(2)),
    customers: book.records,
    dealers: dealerRecords(year, month, stream(3)),
    // The previous year's approved rebate policy and purchases: the settlement 计算返利 makes (WF-08, RP-19).
    rebate_policy: rebatePolicyRecords(year - 1, emailOf("sun.lixin")),
    dealer_purchases: dealerPurchaseRecords(year - 1, stream(10)),
    plans,
    actuals: [...earlierActuals, ...actualRecords(year, month, plans, book.customers, stream(4))],
    activities: activityRecords(year, month, book.customers, stream(5)),
    // The year before first (each customer's class comes from it, KPI-44), then the demo's two months.
    orders: [...orderHistoryRecords(year, month, book.customers, stream(11)), ...orderRecords(year, month, book.customers, stream(6))],
    tasks,
    contract_incidents: contractIncidentRecords(year, month, book.customers),
    ...appraisalRecords(year, month, tasks, stream(8)),
  };
  return { year, month, records };
}

/**
 * The bilingual summary and the Audit row of a demo load: what was written per sheet, by whom,
 * when. One definition for the menu job and the bench's naive peer.
 */
export function demoLoadedAudit(args: {
  readonly year: number;
  readonly month: number;
  readonly rows: Readonly<Record<string, number>>;
  readonly at: string;
  readonly actor: string;
  readonly spreadsheetId: string;
}): { readonly summary: Bilingual; readonly record: Readonly<Record<string, string>> } {
  const summary = { zh: `已载入 ${args.year} 年计划与 ${args.month} 月的演示数据`, en: `Demo data loaded: plans for ${args.year}, activity in month ${args.month}` };
  return {
    summary,
    record: {
      at: args.at,
      actor_email: args.actor,
      action: "demo_loaded",
      object_type: "workbook",
      object_id: args.spreadsheetId,
      before: "",
      after: Object.entries(args.rows).map(([k, n]) => `${k}: ${n}`).join("; "),
      comment: both(summary),
      channel: "menu",
    },
  };
}
