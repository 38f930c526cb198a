/**
 * Visit frequency per customer class (客户拜访频率), spec WF-12.3 and WF-12.5: the responsible person
 * visits regularly and makes return visits (回访) to maintain the customer, seed
 * `001_0d0e5e6f794d632b.txt` L26-28 and `003_ab0358f32ef97fc5.txt` L217 (classes managed apart). The
 * seeds give the weekly totals (KPI-07: 8 on-site, 30 phone) but no frequency per class (AMB-58).
 * Reading chosen: each class has a maximum number of calendar days between two visits, the Settings
 * row `CUSTOMER_VISIT_DAYS` (`loyal:14; close:30; loose:60; potential:30`: the customers who buy
 * most are seen every fortnight, close ones and prospects monthly, loose ones every two months).
 * A customer is overdue the day after its last visit plus those days; one never visited is due now.
 * The cell says it in both languages: on schedule with the next visit's last day, overdue by how
 * many days, or never visited.
 */
import type { Bilingual } from "../i18n";
import { both, format } from "../i18n";
import type { Cell } from "./cells";
import { dayParts, readDay, readDayOrNull } from "./cells";
import type { CustomerClass } from "./customer-class";
import { CUSTOMER_CLASS_LABELS, readCustomerClass } from "./customer-class";
import type { Pairs } from "./parameters";
import { parameterDefault, readParameter } from "./parameters";
import { isScoreError, scoreError } from "./score-error";
import type { Field, ScoreError } from "./score-error";

const LAST_VISIT: Field = { zh: "最近拜访日期", en: "last visit date" };
const AS_OF: Field = { zh: "统计日期", en: "as-of date" };
const NOT_A_CLASS: Bilingual = { zh: "「{got}」不是客户分类(忠诚、紧密型、松散型、潜在)", en: '"{got}" is not a customer class (loyal, close, loose, potential)' };

const M = {
  onSchedule: { zh: "按期:每{days}天一次,下次最迟 {due}", en: "On schedule: every {days} days, next by {due}" },
  overdue: { zh: "逾期 {late} 天:{class}每{days}天须拜访一次", en: "Overdue by {late} day(s): {classEn} customers are visited every {days} days" },
  never: { zh: "从未拜访:{class}每{days}天须拜访一次", en: "Never visited: {classEn} customers are visited every {days} days" },
} as const;

/** The days between visits of `c` under the `CUSTOMER_VISIT_DAYS` setting. */
export function visitDays(c: CustomerClass, setting: Pairs = parameterDefault("CUSTOMER_VISIT_DAYS")): number {
  const found = setting.find(([name]) => name === c);
  if (!found) throw new Error(`CUSTOMER_VISIT_DAYS has no ${c}`);
  return found[1];
}

export type VisitStatus =
  | { readonly kind: "on_schedule"; readonly due: number; readonly days: number }
  | { readonly kind: "overdue"; readonly late: number; readonly days: number }
  | { readonly kind: "never"; readonly days: number };

/**
 * Serial days in, the visit status out.
 * @example visitStatus("loyal", day("2026-11-01"), day("2026-11-15")) → on schedule, due 2026-11-15
 * @example visitStatus("loyal", day("2026-11-01"), day("2026-11-16")) → overdue by 1 day
 */
export function visitStatus(c: CustomerClass, lastVisit: number | null, asOf: number, setting: Pairs = parameterDefault("CUSTOMER_VISIT_DAYS")): VisitStatus {
  const days = visitDays(c, setting);
  if (lastVisit === null) return { kind: "never", days };
  const due = lastVisit + days;
  return asOf <= due ? { kind: "on_schedule", due, days } : { kind: "overdue", late: asOf - due, days };
}

function dayText(serial: number): string {
  const { year, month, day } = dayParts(serial);
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** The status as the cell shows it. */
export function visitStatusText(c: CustomerClass, status: VisitStatus): string {
  const label = CUSTOMER_CLASS_LABELS[c];
  const values = { days: status.days, class: label.zh, classEn: label.en.toLowerCase() };
  switch (status.kind) {
    case "on_schedule":
      return both(format(M.onSchedule, { ...values, due: dayText(status.due) }));
    case "overdue":
      return both(format(M.overdue, { ...values, late: status.late }));
    case "never":
      return both(format(M.never, values));
  }
}

/** `CUSTOMER_VISIT_DUE(class, lastVisit, asOf, [visitDays], [timeZone])` for one cell. */
export function customerVisitDueCell([classCell, lastVisitCell, asOfCell]: readonly Cell[], [setting, zoneCell]: readonly Cell[]): string | ScoreError {
  const zone = readParameter(zoneCell, "TIME_ZONE");
  if (isScoreError(zone)) return zone;
  const days = readParameter(setting, "CUSTOMER_VISIT_DAYS");
  if (isScoreError(days)) return days;
  const c = readCustomerClass(classCell);
  if (c === null) return scoreError(NOT_A_CLASS, { got: typeof classCell === "string" ? classCell.trim() : String(classCell) });
  const last = readDayOrNull(lastVisitCell, LAST_VISIT, zone);
  if (isScoreError(last)) return last;
  const asOf = readDay(asOfCell, AS_OF, zone);
  if (isScoreError(asOf)) return asOf;
  return visitStatusText(c, visitStatus(c, last, asOf, days));
}
