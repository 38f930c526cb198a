/**
 * Menu 跟踪费用预算 Track budgets (spec WF-09, RP-18, SC-05, AMB-74): reads Requests (the approved
 * expense budget requests), Plans, Actuals, Regions, People, Settings and Budgets once, asks the core
 * for the month's lines and alerts (src/core/budgets), writes the Budgets lines (one update, one
 * append), and queues one alert email per owner whose line reached a new level through the Mail
 * queue, with an Audit row. Running it again on unchanged data sends nothing.
 */
import { requireOwnAuthority } from "./access";
import { EffectBatch } from "./approvals/effects";
import { withScriptLock } from "./approvals/submit";
import { loadApprovalWorkbook } from "./approvals/workbook";
import { actorEmail } from "./close/close";
import { appendRecords, readTable, updateRecords } from "./table";
import { holdersOf, refFor } from "../core/approvals/directory";
import { templateRecord } from "../core/approvals/records";
import { budgetAlertMail, parseShares, trackBudgets as trackMonth } from "../core/budgets/budgets";
import type { AlertLevel, BudgetLine, BudgetRequest, RegionMonthAmount } from "../core/budgets/budgets";
import { isMonthKey } from "../core/close/cadence";
import { both, format, UserError } from "../core/i18n";
import { sheetTemplate } from "../core/templates/catalog";
import type { RowUpdate, TableRecord } from "../core/templates/table";
import { dateTimeText } from "../core/templates/table";
import { monthKey } from "../core/time";

const WHAT = { zh: "跟踪费用预算", en: "Track budgets" };

const M = {
  badMonth: { zh: "月份须写成 YYYY-MM,如 2026-10(收到「{v}」)", en: "The month must read YYYY-MM, e.g. 2026-10 (got \"{v}\")" },
  badRate: { zh: "设置 BUDGET_ALERT_RATE 须为 0 到 1 之间的数字(0.9 = 90%)或留空", en: "Setting BUDGET_ALERT_RATE must be a number from 0 to 1 (0.9 = 90 %) or blank" },
  done: { zh: "{month} 费用预算已跟踪:{lines} 行,发送提醒 {alerts} 封", en: "Budgets of {month} tracked: {lines} lines, {alerts} alert(s) sent" },
} as const;

const str = (v: unknown): string => (typeof v === "string" ? v.trim() : typeof v === "number" ? String(v) : "");
const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v)) ? Number(v) : null);

/** `BUDGET_ALERT_RATE`: null when blank (no alert before over budget). */
function alertRate(value: unknown, settingsRow: number): number | null {
  if (value === null || value === undefined || str(value) === "") return null;
  const rate = num(value);
  if (rate === null || rate < 0 || rate > 1) throw new UserError("BUDGET_ALERT_RATE", M.badRate, { sheet: sheetTemplate("settings").tabName, ...(settingsRow > 0 ? { row: settingsRow } : {}), column: "value" });
  return rate;
}

/** `EXPENSE_ALERT_OVER_BUDGET` (AMB-74): on unless it reads FALSE. */
function onUnlessFalse(value: unknown): boolean {
  return !(value === false || str(value).toUpperCase() === "FALSE");
}

export interface BudgetTrackingReport {
  readonly month: string;
  readonly lines: number;
  readonly alerts: number;
  readonly message: string;
}

/**
 * Menu / top-level: tracks the month's spending against the budgets and alerts each owner once.
 * @param {string} [month] `YYYY-MM`; default the current month in the workbook's time zone
 */
export function trackBudgets(month?: unknown): BudgetTrackingReport {
  requireOwnAuthority(WHAT);
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  return withScriptLock(() => trackBudgetsRun(ss, month, "menu", Date.now()));
}

/**
 * One tracking run under the caller's script lock: the menu's, or the daily job's (`monthlyJob`
 * tracks the current month every day, so an owner hears of a passed threshold the day it happens
 * and the Budgets sheet is never older than a day).
 */
export function trackBudgetsRun(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, month: unknown, channel: "menu" | "trigger", now: number): BudgetTrackingReport {
  {
    const book = loadApprovalWorkbook(ss);
    const zone = book.settings.timeZone;
    const target = typeof month === "string" && month.trim() !== "" ? month.trim() : monthKey(now, zone);
    if (!isMonthKey(target)) throw new UserError("BUDGET_MONTH", format(M.badMonth, { v: target }));
    const settingsRows = readTable(ss, "settings").rows;
    const rateRow = settingsRows.find((r) => str(r.values.key) === "BUDGET_ALERT_RATE")?.row ?? 0;

    const requests: BudgetRequest[] = [];
    for (const row of book.byId.values()) {
      // Only approved expense budget requests: their state is parsed, no other request's.
      if (str(row.values.type) !== "expense_budget" || str(row.values.status) !== "approved") continue;
      const state = row.state;
      if (!state || state.type !== "expense_budget" || state.status !== "approved") continue;
      const amount = num(state.fields.amount ?? null);
      const region = state.region ?? str(state.fields.region);
      if (amount === null || region === "") continue;
      requests.push({ id: state.id, region, period: str(state.fields.period), amount, requester: state.requester.email });
    }
    const plans: RegionMonthAmount[] = readTable(ss, "plans")
      .rows.filter((r) => str(r.values.level) === "region" && str(r.values.metric) === "expense_budget")
      .map((r) => ({ period: str(r.values.period), region: str(r.values.region), amount: num(r.values.amount) ?? 0 }));
    const actuals: RegionMonthAmount[] = readTable(ss, "actuals")
      .rows.filter((r) => str(r.values.metric) === "expenses")
      .map((r) => ({ period: str(r.values.period), region: str(r.values.region), amount: num(r.values.amount) ?? 0 }));
    const regionOwners = new Map(readTable(ss, "regions").rows.map((r) => [str(r.values.code).toUpperCase(), str(r.values.manager_email).toLowerCase()]));
    const budgets = readTable(ss, "budgets");
    const tracked = budgets.rows.map((r) => ({ period: str(r.values.period), region: str(r.values.region), alerted: (["rate", "over"].includes(str(r.values.alerted)) ? str(r.values.alerted) : "") as AlertLevel | "", shares: parseShares(str(r.values.request_ids)) }));

    const result = trackMonth({
      month: target,
      requests,
      plans,
      actuals,
      regionOwners,
      departmentOwner: holdersOf(book.directory, "mkt_manager", null)[0]?.email ?? "",
      tracked,
      alertRate: alertRate(book.settingValues.BUDGET_ALERT_RATE, rateRow),
      alertOverBudget: onUnlessFalse(book.settingValues.EXPENSE_ALERT_OVER_BUDGET),
    });

    const at = dateTimeText(now, zone);
    const alertedNow = new Set(result.alerts.map((a) => a.line.region));
    const record = (l: BudgetLine): TableRecord => ({
      period: l.period,
      region: l.region,
      owner_email: l.ownerEmail,
      budget: l.budget,
      spent: l.spent,
      usage_rate: l.usage === null ? null : Math.round(l.usage * 10000) / 10000,
      source: l.source,
      request_ids: l.requestIds,
      alerted: l.alerted === "" ? null : l.alerted,
      ...(alertedNow.has(l.region) ? { alerted_at: at } : {}),
      tracked_at: at,
    });
    const rowOf = new Map(budgets.rows.filter((r) => str(r.values.period) === target).map((r) => [str(r.values.region).toUpperCase(), r.row]));
    const updates: RowUpdate[] = [];
    const appends: TableRecord[] = [];
    for (const l of result.lines) {
      const row = rowOf.get(l.region);
      if (row !== undefined) updates.push({ row, values: record(l) });
      else appends.push(record(l));
    }
    updateRecords(ss, "budgets", updates);
    appendRecords(ss, "budgets", appends);

    const batch = new EffectBatch(book, channel, now);
    for (const alert of result.alerts) {
      const owner = refFor(book.directory, alert.line.ownerEmail);
      batch.addMail(budgetAlertMail(alert, owner, zone));
    }
    const message = both(format(M.done, { month: target, lines: result.lines.length, alerts: result.alerts.length }));
    // A person's run is always audited; the daily job's only when it told someone, so a quiet day
    // leaves no Audit row (the Budgets line's "Tracked at" says when it last ran).
    if (channel === "menu" || result.alerts.length > 0) {
      batch.addAudit(
        templateRecord("audit", {
          at,
          actor_email: actorEmail(),
          action: "budgets.tracked",
          object_type: "budgets",
          object_id: target,
          before: null,
          after: result.alerts.map((a) => `${a.line.region || "*"} ${a.level} → ${a.line.ownerEmail}`).join("; ") || null,
          comment: message,
          channel,
        }),
      );
    }
    batch.flush();
    return { month: target, lines: result.lines.length, alerts: result.alerts.length, message };
  }
}
