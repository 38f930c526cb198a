/**
 * The annual run (年度考核, WF-25, SC-27, SC-40..SC-57, RP-13): `closeYear` and `publishYear`, the
 * menu items and top-level functions. Thin entry points: under the script lock they read each sheet
 * once, let the core compute (src/core/annual), and write each output in one batch.
 *
 * - `closeYear(year?)` acts only within `ANNUAL_WINDOW` (default 01-01..01-15; with no argument,
 *   on the year the window says is due). It adds the year's row per appraised person to the annual
 *   appraisal sheet (year, employee, post level from People; the ratings stay as typed), freezes
 *   each person's year into the Annual results sheet (a snapshot, revision 1, state `closed`) and
 *   starts the GM's sign-off request (type `annual_appraisal`, no form). A second run with the
 *   same inputs changes nothing; with changed inputs, before publication, it writes a new revision,
 *   supersedes the old rows and withdraws their sign-off request.
 * - Approval of the request (by link or in the sheet, like every request) marks the snapshot
 *   `signed` (the engine's `update-record` effect). Until then the grades show as pending (SC-57).
 * - `publishYear(year?)` publishes a signed snapshot: state `published`, the appeal window
 *   (`APPEAL_DAYS`, SC-54), and the annual report email to the Director, GM and HR, once per
 *   recipient (the Reports log sheet records each; a re-run sends nothing twice; over the day's mail
 *   quota a recipient stays `queued` and the next run sends it).
 * https://developers.google.com/apps-script/reference/lock/lock-service#getScriptLock()
 * https://developers.google.com/apps-script/reference/mail/mail-app#getRemainingDailyQuota()
 */
import { annualRules, closeAnnual, countedSnapshots, flagsText, monthsText, readingsText, resultDigest } from "../core/annual/annual-close";
import type { AnnualFormRow, AnnualPerson, AnnualResult, MonthlySnapshot } from "../core/annual/annual-close";
import { ANNUAL_TEXT, annualReportLogId, annualReportModel, annualReportRecipients, currentSnapshot, frozenAnnualRow, signOffAnswers, signOffRoutes } from "../core/annual/annual-report";
import type { FrozenAnnualRow, ReportPerson } from "../core/annual/annual-report";
import { annualWindow, annualYearDue, isAnnualWindow } from "../core/annual/annual-window";
import { activePerson, holdersOf, refFor } from "../core/approvals/directory";
import { decide } from "../core/approvals/machine";
import { templateRecord } from "../core/approvals/records";
import { submissionEvent } from "../core/approvals/submission";
import type { Bilingual, Language } from "../core/i18n";
import { both, format, UserError } from "../core/i18n";
import { readDayOrNull } from "../core/scoring/cells";
import type { RowUpdate, TableRecord } from "../core/templates/table";
import { dateTimeText } from "../core/templates/table";
import { dayKey, fromWallClock, wallClock } from "../core/time";
import { renderAnnualReport } from "../render/annual-report";
import { EffectBatch } from "./approvals/effects";
import { requireOwnAuthority } from "./access";
import { withScriptLock } from "./approvals/submit";
import type { ApprovalWorkbook } from "./approvals/workbook";
import { loadApprovalWorkbook } from "./approvals/workbook";
import type { Table } from "./table";
import { linkRuleIds } from "./rules";
import { appendRecords, readTable, updateRecords } from "./table";

export interface AnnualRunReport {
  readonly year: number;
  readonly status: "closed" | "reclosed" | "unchanged" | "published" | "already_published";
  readonly people: number;
  readonly revision?: number;
  readonly requestId?: string;
  readonly sent?: number;
  readonly queued?: number;
  readonly message: string;
}

const str = (v: unknown): string => (typeof v === "string" ? v.trim() : typeof v === "number" || typeof v === "boolean" ? String(v) : "");
const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);
const lang = (v: unknown): Language | null => (v === "en" ? "en" : v === "zh-CN" ? "zh-CN" : null);

function actorEmail(): string {
  return Session.getActiveUser().getEmail() || Session.getEffectiveUser().getEmail();
}

function people(table: Table, timeZone: string): AnnualPerson[] {
  return table.rows
    .map((r): AnnualPerson => {
      const v = r.values;
      const day = readDayOrNull(v.reinstated_on, { zh: "复职日期", en: "reinstatement date" }, timeZone);
      return {
        email: str(v.email).toLowerCase(),
        name: str(v.name),
        role: str(v.role),
        region: str(v.region),
        orgUnit: str(v.org_unit),
        postLevel: str(v.post_level),
        status: str(v.status),
        reinstatedDay: typeof day === "number" ? day : null,
        language: lang(v.language),
        active: v.active !== false,
      };
    })
    .filter((p) => p.email !== "");
}

function snapshots(table: Table): MonthlySnapshot[] {
  return table.rows.map((r) => ({
    id: str(r.values.id),
    month: str(r.values.month),
    employeeEmail: str(r.values.employee_email).toLowerCase(),
    revision: num(r.values.revision) ?? 0,
    state: str(r.values.state),
    grade: str(r.values.grade),
    finalScore: num(r.values.final_score),
    flags: str(r.values.flags),
  }));
}

function forms(table: Table): AnnualFormRow[] {
  return table.rows
    .map((r) => ({
      year: num(r.values.year) ?? 0,
      employeeEmail: str(r.values.employee_email).toLowerCase(),
      peerScore: num(r.values.peer_score),
      superiorScore: num(r.values.superior_score),
      demeritThisYear: r.values.demerit_this_year === true,
      annualScore: num(r.values.annual_score),
    }))
    .filter((f) => f.employeeEmail !== "" && f.year > 0);
}

function frozen(table: Table): FrozenAnnualRow[] {
  return table.rows.map((r) => frozenAnnualRow(r.row, r.values));
}

/** A frozen record of one person's year. */
function resultRecord(r: AnnualResult, revision: number, extra: TableRecord): TableRecord {
  return {
    id: `${r.year}#${r.employeeEmail}#${revision}`,
    year: r.year,
    employee_email: r.employeeEmail,
    employee_name: r.employeeName,
    org_unit: r.orgUnit,
    region: r.region,
    post_level: r.postLevel,
    revision,
    eligible: r.eligible,
    eligibility: r.eligibility,
    monthly_grades: monthsText(r.months),
    months_appraised: r.monthsAppraised,
    points_sum: r.pointsSum,
    annual_grade: r.annualGrade ?? "",
    history_average: r.historyAverage,
    peer_score: r.peerScore,
    superior_score: r.superiorScore,
    annual_score: r.annualScore,
    rank_level: r.rankLevel,
    rank_company: r.rankCompany,
    flags: flagsText(r.flags),
    best_employee: r.bestEmployee ? both(r.bestEmployee) : "",
    ...extra,
  };
}

/** The same digest from a frozen row, to compare a re-run with what is frozen. */
function frozenDigest(row: Readonly<Record<string, unknown>>): string {
  const months = str(row.monthly_grades).split(",").map((g) => (g === "A" || g === "B" || g === "C" ? g : null));
  const r: AnnualResult = {
    year: num(row.year) ?? 0,
    employeeEmail: str(row.employee_email),
    employeeName: "",
    orgUnit: "",
    region: "",
    postLevel: "",
    eligible: row.eligible === true,
    eligibility: "",
    months,
    monthsAppraised: 0,
    pointsSum: 0,
    annualGrade: str(row.annual_grade) === "" ? null : (str(row.annual_grade) as "A" | "B" | "C"),
    historyAverage: num(row.history_average),
    peerScore: num(row.peer_score),
    superiorScore: num(row.superior_score),
    annualScore: num(row.annual_score),
    rankLevel: num(row.rank_level),
    rankCompany: num(row.rank_company),
    topInLevel: false,
    bottomN: false,
    directorFlag: false,
    raiseEligible: false,
    demotionFlag: false,
    flags: str(row.flags) === "" ? [] : str(row.flags).split("\n").map((line): Bilingual => ({ zh: line, en: "" })),
    bestEmployee: str(row.best_employee) === "" ? null : { zh: str(row.best_employee), en: "" },
  };
  return resultDigest(r);
}

function digestOfResult(r: AnnualResult): string {
  // Compare as frozen: flags and candidacy in their written (bilingual) form.
  return frozenDigest(resultRecord(r, 0, {}));
}

/** An Audit row about a year's annual results (object `annual_results`, id the year). */
function annualAudit(at: number, timeZone: string, actor: string, action: string, year: number, before: string | null, after: string, comment: string): TableRecord {
  return templateRecord("audit", { at: dateTimeText(at, timeZone), actor_email: actor, action, object_type: "annual_results", object_id: String(year), before, after, comment, channel: "menu" });
}

function refuse(code: string, text: Bilingual): never {
  throw new UserError(code, text);
}

/** The year to act on: the argument, else the year the window says is due; refused outside the window. */
function yearToClose(book: ApprovalWorkbook, now: number, year: number | undefined): number {
  const window = annualWindow(book.settingValues.ANNUAL_WINDOW);
  if (!isAnnualWindow(window)) refuse("ANNUAL_WINDOW_UNREADABLE", window);
  const zone = book.settings.timeZone;
  const today = wallClock(now, zone);
  const due = annualYearDue(today, window);
  if (due === null) refuse("ANNUAL_OUTSIDE_WINDOW", format(ANNUAL_TEXT.outsideWindow, { window: window.text, today: dayKey(now, zone) }));
  const wanted = typeof year === "number" && Number.isInteger(year) ? year : due;
  if (wanted > due) refuse("ANNUAL_YEAR_NOT_DUE", format(ANNUAL_TEXT.yearNotDue, { year: wanted, due }));
  return wanted;
}

/**
 * Menu / top-level: closes the annual appraisal of `year` (default: the year due) within ANNUAL_WINDOW.
 * @param {number} [year] the appraisal year, e.g. 2026
 */
export function closeYear(year?: number): AnnualRunReport {
  requireOwnAuthority({ zh: "年度关账", en: "Close the year" });
  return withScriptLock(() => {
    const ss = SpreadsheetApp.getActiveSpreadsheet();
    const now = Date.now();
    const book = loadApprovalWorkbook(ss);
    const zone = book.settings.timeZone;
    const target = yearToClose(book, now, year);
    const { rules, problems } = annualRules(book.settingValues);
    if (problems[0]) refuse("ANNUAL_SETTING_UNREADABLE", problems[0]);

    const monthly = readTable(ss, "monthly_results");
    const annualForm = readTable(ss, "annual_appraisal");
    const results = readTable(ss, "annual_results");
    const everyone = people(book.people, zone);
    const snaps = snapshots(monthly);
    const formRows = forms(annualForm);
    if (!countedSnapshots(snaps).some((s) => s.month.startsWith(`${target}-`))) refuse("ANNUAL_NOTHING_TO_CLOSE", format(ANNUAL_TEXT.nobody, { year: target }));
    const computed = closeAnnual({ year: target, people: everyone, snapshots: snaps, forms: formRows, rules });

    const ofYear = results.rows.filter((r) => num(r.values.year) === target);
    const current = ofYear.filter((r) => str(r.values.state) !== "superseded");
    const latest = Math.max(0, ...current.map((r) => num(r.values.revision) ?? 0));
    const currentRows = current.filter((r) => (num(r.values.revision) ?? 0) === latest);
    if (currentRows.some((r) => str(r.values.state) === "published")) refuse("ANNUAL_PUBLISHED", format(ANNUAL_TEXT.published, { year: target }));
    if (currentRows.length > 0) {
      const before = new Map(currentRows.map((r) => [str(r.values.employee_email).toLowerCase(), frozenDigest(r.values)]));
      const same = before.size === computed.length && computed.every((c) => before.get(c.employeeEmail) === digestOfResult(c));
      if (same) {
        return { year: target, status: "unchanged", people: computed.length, revision: latest, requestId: str(currentRows[0]?.values.sign_request_id), message: both(format(ANNUAL_TEXT.unchanged, { year: target })) };
      }
    }
    const revision = Math.max(0, ...ofYear.map((r) => num(r.values.revision) ?? 0)) + 1;
    // The request is HR's when whoever runs the close (a trigger runs as the owner) is not in People (WF-24.1: HR runs appraisals).
    const runBy = actorEmail();
    const actor = refFor(book.directory, activePerson(book.directory, runBy) ? runBy : (holdersOf(book.directory, "hr", null)[0]?.email ?? runBy));
    const batch = new EffectBatch(book, "menu");

    // The sign-off request (SC-57): built as a form submission would be, routed to APPRAISAL_SIGNER_ROLE.
    const oldRequest = str(currentRows[0]?.values.sign_request_id);
    const oldState = oldRequest === "" ? null : (book.byId.get(oldRequest.toUpperCase())?.state ?? null);
    if (oldState && oldState.status === "pending") {
      batch.add(decide(oldState, { type: "withdraw", requestId: oldState.id, actor: oldState.requester, comment: both(format(ANNUAL_TEXT.reclosedAudit, { old: oldState.id })), channel: "menu" }, now, book.context).effects);
    }
    const event = submissionEvent({
      type: "annual_appraisal",
      answers: signOffAnswers(target, computed.length, revision),
      respondent: actor.email,
      responseId: `closeYear:${target}#${revision}`,
      existingIds: book.knownIds(),
      routes: signOffRoutes(book.routes, str(book.settingValues.APPRAISAL_SIGNER_ROLE)),
      directory: book.directory,
      settings: book.settings,
      channel: "menu",
      now,
    });
    const requestId = event.requestId;
    batch.add(decide(null, event, now, book.context).effects);

    // 1. The annual appraisal form: one row per appraised person of the year, post level from People.
    const levelOf = new Map(everyone.map((p) => [p.email, p.postLevel]));
    const formRowOf = new Map(annualForm.rows.filter((r) => num(r.values.year) === target).map((r) => [str(r.values.employee_email).toLowerCase(), r]));
    const formAppends: TableRecord[] = [];
    const formUpdates: RowUpdate[] = [];
    for (const c of computed) {
      const level = levelOf.get(c.employeeEmail) ?? "";
      const existing = formRowOf.get(c.employeeEmail);
      if (!existing) formAppends.push({ year: target, employee_email: c.employeeEmail, post_level: level });
      else if (level !== "" && str(existing.values.post_level) !== level) formUpdates.push({ row: existing.row, values: { post_level: level } });
    }
    updateRecords(ss, "annual_appraisal", formUpdates);
    appendRecords(ss, "annual_appraisal", formAppends);

    // 2. The frozen snapshot; the rows it replaces become history.
    const stamp = { state: "closed", readings: readingsText(rules), closed_at: dateTimeText(now, zone), closed_by: runBy, sign_request_id: requestId };
    updateRecords(ss, "annual_results", currentRows.map((r) => ({ row: r.row, values: { state: "superseded" } })));
    const firstRow = appendRecords(ss, "annual_results", computed.map((c) => resultRecord(c, revision, stamp)));
    // Issue 11 §1: each rule ID in the flags written links to its row on the Rules sheet.
    if (firstRow > 0) linkRuleIds(ss, "annual_results", ["flags"], firstRow, computed.length);

    const comment = both(format(ANNUAL_TEXT.closedAudit, { year: target, n: computed.length, revision, request: requestId })) + (currentRows.length ? `\n${both(format(ANNUAL_TEXT.reclosedAudit, { old: oldRequest || "-" }))}` : "");
    batch.addAudit(annualAudit(now, zone, runBy, currentRows.length ? "annual.reclosed" : "annual.closed", target, currentRows.length ? `revision ${latest}` : null, `revision ${revision}, ${requestId}`, comment));
    batch.flush();
    return { year: target, status: currentRows.length ? "reclosed" : "closed", people: computed.length, revision, requestId, message: comment };
  });
}

/** The last day of the appeal window: publication day + APPEAL_DAYS calendar days (SC-54). */
function appealUntil(now: number, timeZone: string, days: number): string {
  const w = wallClock(now, timeZone);
  return dayKey(fromWallClock({ year: w.year, month: w.month, day: w.day + days, hour: 12 }, timeZone), timeZone);
}

/** The newest year with a snapshot. */
function latestYear(rows: readonly FrozenAnnualRow[]): number | null {
  const years = rows.filter((r) => r.state !== "superseded").map((r) => r.year);
  return years.length ? Math.max(...years) : null;
}

/**
 * Menu / top-level: publishes a signed annual snapshot and sends the annual report to the
 * Director, GM and HR, once each.
 * @param {number} [year] the appraisal year; default the newest closed year
 */
export function publishYear(year?: number): AnnualRunReport {
  requireOwnAuthority({ zh: "公布年度结果", en: "Publish the year" });
  return withScriptLock(() => {
    const ss = SpreadsheetApp.getActiveSpreadsheet();
    const now = Date.now();
    const book = loadApprovalWorkbook(ss);
    const zone = book.settings.timeZone;
    const results = readTable(ss, "annual_results");
    const all = frozen(results);
    const target = typeof year === "number" && Number.isInteger(year) ? year : latestYear(all);
    if (target === null) refuse("ANNUAL_NOT_CLOSED", format(ANNUAL_TEXT.notClosed, { year: "-" }));
    const snapshot = currentSnapshot(all, target);
    if (snapshot.length === 0) refuse("ANNUAL_NOT_CLOSED", format(ANNUAL_TEXT.notClosed, { year: target }));
    const pending = snapshot.filter((r) => r.state !== "signed" && r.state !== "published");
    if (pending.length) refuse("ANNUAL_NOT_SIGNED", format(ANNUAL_TEXT.notSigned, { year: target, request: pending[0]?.signRequestId || "-" }));

    const actor = actorEmail();
    const toPublish = snapshot.filter((r) => r.state === "signed");
    const until = toPublish.length ? appealUntil(now, zone, book.settings.appealDays) : (snapshot[0]?.appealUntil ?? "");
    if (toPublish.length) {
      updateRecords(ss, "annual_results", toPublish.map((r) => ({ row: r.row, values: { state: "published", published_at: dateTimeText(now, zone), appeal_until: until } })));
    }
    const published = snapshot.map((r) => ({ ...r, state: "published", appealUntil: r.state === "published" ? r.appealUntil : until }));

    // The annual report, once per recipient: the Reports log says who has it.
    const log = readTable(ss, "reports_log");
    const logRow = new Map(log.rows.map((r) => [str(r.values.id).toLowerCase(), r]));
    const readers: ReportPerson[] = book.people.rows.map((r) => ({ email: str(r.values.email), name: str(r.values.name), role: str(r.values.role), language: lang(r.values.language), active: r.values.active !== false }));
    const recipients = annualReportRecipients(readers, book.settings.language).filter((p) => str(logRow.get(annualReportLogId(target, p.email))?.values.status) !== "sent");
    const model = annualReportModel(target, published);
    let quota = recipients.length ? MailApp.getRemainingDailyQuota() : 0;
    const sheetUrl = ss.getUrl();
    const logAppends: TableRecord[] = [];
    const logUpdates: RowUpdate[] = [];
    let sent = 0;
    let queued = 0;
    for (const p of recipients) {
      const id = annualReportLogId(target, p.email);
      let values: TableRecord;
      if (quota > 0) {
        const mail = renderAnnualReport({ model, reader: { name: p.name, language: p.language }, sheetUrl });
        try {
          MailApp.sendEmail({ to: p.email, subject: mail.subject, body: mail.textBody, htmlBody: mail.htmlBody, name: "MarketOps" });
          values = { status: "sent", sent_at: dateTimeText(Date.now(), zone), error: null };
          sent += 1;
          quota -= 1;
        } catch (error) {
          values = { status: "failed", error: error instanceof Error ? error.message : String(error) };
        }
      } else {
        values = { status: "queued", error: both({ zh: "今日邮件配额已用完,下次运行「公布年度结果」时发送", en: "Today's mail quota is used up; the next Publish the year run sends it" }) };
        queued += 1;
      }
      const existing = logRow.get(id.toLowerCase());
      if (existing) logUpdates.push({ row: existing.row, values });
      else logAppends.push({ id, period: String(target), report: "annual_results", recipient_email: p.email, scope: "ALL", ...values });
    }
    updateRecords(ss, "reports_log", logUpdates);
    appendRecords(ss, "reports_log", logAppends);

    const status = toPublish.length ? "published" : "already_published";
    const comment = both(format(ANNUAL_TEXT.publishedAudit, { year: target, n: snapshot.length, until }));
    if (toPublish.length || sent || queued) {
      appendRecords(ss, "audit", [annualAudit(now, zone, actor, toPublish.length ? "annual.published" : "annual.report_sent", target, null, `report sent ${sent}, queued ${queued}`, comment)]);
    }
    return { year: target, status, people: snapshot.length, sent, queued, message: comment };
  });
}
