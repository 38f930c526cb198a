/**
 * The monthly close (月度关账) as Apps Script runs it: `closeMonth(month?, reason?)` from the menu,
 * the script editor or the daily job. Under the script lock it reads Settings, Holidays, the
 * scorecards, Tasks, Actuals, Plans, People and Monthly results once each (architecture rule 4),
 * lets the core compute every appraised person's month and decide what to write
 * (src/core/close/close.ts, snapshot.ts), and writes Monthly results and Audit once each.
 * A closed month is never silently recomputed: changed inputs mark rows stale; only a re-close with
 * a reason writes new revisions.
 */
import { approvalSettings, calendarOf } from "../../core/approvals/settings";
import type { WorkCalendar } from "../../core/approvals/calendar";
import { cadenceSettings, isMonthKey, latestDueMonth } from "../../core/close/cadence";
import type { CadenceSettings } from "../../core/close/cadence";
import { CLOSE_SHEETS, closeComputation } from "../../core/close/close";
import type { CloseSheet, SourceRow } from "../../core/close/close";
import { planClose } from "../../core/close/snapshot";
import type { CloseOutcome, PersonInfo, ResultRow } from "../../core/close/snapshot";
import { both, UserError } from "../../core/i18n";
import type { Bilingual } from "../../core/i18n";
import { sheetTemplate } from "../../core/templates/catalog";
import { decide } from "../../core/approvals/machine";
import { signerRole, signOff } from "../../core/close/sign-off";
import { EffectBatch } from "../approvals/effects";
import { holidayRows, loadApprovalWorkbook, settingsByKey } from "../approvals/workbook";
import { linkRuleIds } from "../rules";
import { appendRecords, readTable, updateRecords } from "../table";

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export const RESULTS_SHEET = "monthly_results";

/** What a close run reports (the return value a person running it sees, and the toast). */
export interface CloseReport {
  readonly month: string;
  readonly outcome: CloseOutcome;
  readonly written: number;
  readonly changed: number;
  readonly stale: readonly string[];
  /** The sign-off request (SC-57) this run started, if it wrote rows. */
  readonly signRequestId: string | null;
  readonly message: string;
}

/** The Settings and calendar every monthly run starts from. */
export interface MonthlyContext {
  readonly settings: Readonly<Record<string, unknown>>;
  readonly timeZone: string;
  readonly calendar: WorkCalendar;
  readonly cadence: CadenceSettings;
}

/** Reads Settings and Holidays (one `getValues` each). */
export function monthlyContext(spreadsheet: Spreadsheet): MonthlyContext {
  const settings = settingsByKey(spreadsheet);
  const approval = approvalSettings(settings);
  const calendar = calendarOf(approval, holidayRows(readTable(spreadsheet, "holidays")));
  return { settings, timeZone: approval.timeZone, calendar, cadence: cadenceSettings(settings) };
}

/** The person running the job. https://developers.google.com/apps-script/reference/base/session#getActiveUser() */
export function actorEmail(): string {
  return Session.getActiveUser().getEmail() || Session.getEffectiveUser().getEmail();
}

function text(value: unknown): string {
  return typeof value === "string" ? value.trim() : typeof value === "number" || typeof value === "boolean" ? String(value) : "";
}

/** The month a run acts on: the one named, or the latest whose close due day has come (SC-27). */
export function monthArgument(month: unknown, now: number, context: MonthlyContext, dueDay: number): string {
  const named = typeof month === "string" ? month.trim() : "";
  if (named === "") return latestDueMonth(now, context.calendar, dueDay);
  if (!isMonthKey(named)) {
    throw new UserError("BAD_MONTH", { zh: `月份须写作 2026-10 的形式(现为「${named}」)`, en: `write the month as 2026-10 (got "${named}")` }, { sheet: sheetTemplate(RESULTS_SHEET).tabName });
  }
  return named;
}

function peopleInfo(rows: readonly SourceRow[]): Map<string, PersonInfo> {
  const out = new Map<string, PersonInfo>();
  for (const r of rows) {
    const email = text(r.values.email).toLowerCase();
    if (email !== "" && !out.has(email)) out.set(email, { name: text(r.values.name), region: text(r.values.region), post: text(r.values.role) });
  }
  return out;
}

export interface CloseRunOptions {
  readonly month: string;
  readonly reason: string | null;
  readonly checkOnly: boolean;
  readonly channel: "menu" | "trigger";
  readonly now: number;
  readonly actor: string;
}

/** One close (or stale check) of a month; the caller holds the script lock. */
export function closeRun(spreadsheet: Spreadsheet, context: MonthlyContext, options: CloseRunOptions): CloseReport {
  const sheets = {} as Record<CloseSheet, readonly SourceRow[]>;
  for (const key of CLOSE_SHEETS) sheets[key] = readTable(spreadsheet, key).rows;
  const results = readTable(spreadsheet, RESULTS_SHEET);
  const existing: ResultRow[] = results.rows.map((r) => ({ row: r.row, values: r.values }));
  const computed = closeComputation({ month: options.month, settings: context.settings, sheets });
  const plan = planClose({
    month: options.month,
    computed,
    existing,
    people: peopleInfo(sheets.people),
    now: options.now,
    actor: options.actor,
    timeZone: context.timeZone,
    reason: options.reason,
    checkOnly: options.checkOnly,
    channel: options.channel,
  });
  // SC-57: the rows written wait for the signer; one sign-off request covers them.
  let rows = plan.append;
  let signRequestId: string | null = null;
  let batch: EffectBatch | null = null;
  if (rows.length > 0) {
    const book = loadApprovalWorkbook(spreadsheet);
    const sign = signOff({
      month: options.month,
      rows,
      actor: options.actor,
      directory: book.directory,
      routes: book.routes,
      settings: book.settings,
      signerRole: signerRole(context.settings),
      existingIds: book.knownIds(),
      now: options.now,
      channel: options.channel,
    });
    const transition = decide(null, sign.event, options.now, book.context);
    batch = new EffectBatch(book, options.channel);
    batch.add(transition.effects, { response_ref: both({ zh: "月度关账", en: "monthly close" }) });
    rows = sign.rows;
    signRequestId = sign.requestId;
  }
  updateRecords(spreadsheet, RESULTS_SHEET, plan.updates);
  const firstRow = appendRecords(spreadsheet, RESULTS_SHEET, rows);
  // Issue 11 §1: each rule ID in the flags written links to its row on the Rules sheet.
  if (firstRow > 0) linkRuleIds(spreadsheet, RESULTS_SHEET, ["flags"], firstRow, rows.length);
  appendRecords(spreadsheet, "audit", plan.audit);
  batch?.flush();
  return {
    month: options.month,
    outcome: plan.outcome,
    written: rows.length,
    changed: plan.updates.length,
    stale: plan.stale,
    signRequestId,
    message: both(plan.message) + (signRequestId === null ? "" : `\n${both({ zh: `已提交签字申请 ${signRequestId}`, en: `sign-off request ${signRequestId} started` })}`),
  };
}

/** A short message in the sheet's corner. https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#toast(String,String,Number) */
export function toast(spreadsheet: Spreadsheet, message: string, title: Bilingual): void {
  spreadsheet.toast(message, both(title), 10);
}
