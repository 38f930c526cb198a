/**
 * The Work standards sheet's columns (工作标准, sheets-templates/sheets/work_standards.json): each
 * custom function takes the sheet's column of people (or months) and the whole source tables as
 * Sheets passes them, reads each table once, and gives one value per person with the rules of
 * work-standards.ts and working-days.ts. A person whose post does not have the standard gets a
 * blank cell, so the verdict columns beside it (`WEEKLY_VISITS_MET`, `NEW_CUSTOMER_MET`, …) stay
 * blank too. Tables are open-ended columns (`'拜访与竞品 Activities'!B2:B`), so the formulas never
 * need widening as the sheets grow.
 */
import { both } from "../i18n";
import type { Bilingual } from "../i18n";
import { sheetTemplate } from "../templates/catalog";
import type { Cell } from "./cells";
import { isBlank, readDay, readFlag, readNumber } from "./cells";
import { readParameter } from "./parameters";
import { isScoreError, scoreError } from "./score-error";
import type { Field, ScoreError } from "./score-error";
import type { SheetScalar, SheetValue } from "./vectorise";
import { vectoriseKeys } from "./vectorise";
import {
  activityRowsOf,
  boardsLate,
  dailyReportsOnTime,
  emailKey,
  fewestInWeek,
  latestFileUpdates,
  POST_STANDARDS,
  postHasStandard,
  promotionsEnded,
  readDueTime,
  staleFilesByOwner,
  tallyActivities,
  typeCount,
} from "./work-standards";
import type { CustomerFile, PersonTally, StandardKey, WeeklyKind } from "./work-standards";
import { columnCells, readHolidays, readMonth, workingDaysCell, workingDaysOf } from "./working-days";
import type { MonthSpan } from "./working-days";

const MONTH: Field = { zh: "月份", en: "month" };
const AS_OF: Field = { zh: "统计日期", en: "as-of date" };
const AMOUNT: Field = { zh: "实绩金额", en: "actual amount" };

const NOT_A_KIND: Bilingual = {
  zh: "统计类型须为 onsite(上门)、phone(电话)或 competitor_report(竞品信息)(现为「{got}」)",
  en: 'the kind must be onsite, phone or competitor_report (got "{got}")',
};
const NOT_A_TYPE: Bilingual = { zh: "「{got}」不是拜访与竞品表的类型;可用:{allowed}", en: '"{got}" is not an Activities type; use {allowed}' };

/** The People role options: value and both labels, so a role cell reads whether it holds the key or a label. */
function roleOf(value: Cell): string {
  const text = typeof value === "string" ? value.trim() : "";
  const column = sheetTemplate("people").columns.find((c) => c.key === "role");
  const options = column?.validation?.kind === "enum" ? column.validation.values : [];
  const found = options.find((o) => o.value === text || o.label.zh === text || o.label.en === text || both(o.label) === text);
  return found?.value ?? text.toLowerCase();
}

/** Email key → role key, from the People email and role columns. */
function rolesByEmail(emails: unknown, roles: unknown): Map<string, string> {
  const e = columnCells(emails);
  const r = columnCells(roles);
  const out = new Map<string, string>();
  for (let i = 0; i < e.length; i += 1) {
    const key = emailKey(e[i]);
    if (key !== "") out.set(key, roleOf(r[i]));
  }
  return out;
}

/** A cell as text for a message or a name: trimmed text, numbers and booleans as written, anything else empty. */
function cellText(value: Cell): string {
  if (typeof value === "string") return value.trim();
  return typeof value === "number" || typeof value === "boolean" ? String(value) : "";
}

function activityTypes(): readonly string[] {
  const column = sheetTemplate("activities").columns.find((c) => c.key === "type");
  return column?.validation?.kind === "enum" ? column.validation.values.map((o) => o.value) : [];
}

/**
 * The people the sheet judges, in People order: active people (a blank Active counts as active)
 * whose post has work standards here, as rows of name, email and the post's bilingual label.
 */
export function workStandardPeople(names: unknown, emails: unknown, roles: unknown, active: unknown): SheetValue {
  const n = columnCells(names);
  const e = columnCells(emails);
  const r = columnCells(roles);
  const a = columnCells(active);
  const column = sheetTemplate("people").columns.find((c) => c.key === "role");
  const options = column?.validation?.kind === "enum" ? column.validation.values : [];
  const out: SheetScalar[][] = [];
  for (let i = 0; i < e.length; i += 1) {
    const email = typeof e[i] === "string" ? (e[i] as string).trim() : "";
    if (email === "") continue;
    const flag = isBlank(a[i]) ? true : readFlag(a[i], { zh: "在职", en: "active" });
    if (flag !== true) continue;
    const role = roleOf(r[i]);
    if ((POST_STANDARDS[role] ?? []).length === 0) continue;
    const label = options.find((o) => o.value === role)?.label;
    out.push([cellText(n[i]), email, label ? both(label) : role]);
  }
  return out.length > 0 ? out : [["", "", ""]];
}

/** Reads the month and the time zone every per-person column needs. */
function monthAndZone(month: Cell, zone: Cell): { span: MonthSpan; timeZone: string } | ScoreError {
  const timeZone = readParameter(zone, "TIME_ZONE");
  if (isScoreError(timeZone)) return timeZone;
  const span = readMonth(month, MONTH, timeZone);
  if (isScoreError(span)) return span;
  return { span, timeZone };
}

/** The people asked for, as email keys (only their activity is tallied). */
function askedFor(persons: unknown): Set<string> {
  return new Set(columnCells(persons).map(emailKey).filter((k) => k !== ""));
}

/** A per-person rule that blanks people whose post lacks `standard`. */
function forPost(roles: Map<string, string>, standard: StandardKey, rule: (person: string) => number | ScoreError): (key: Cell) => number | string | ScoreError {
  return (key) => {
    const person = emailKey(key);
    return postHasStandard(roles.get(person) ?? "", standard) ? rule(person) : "";
  };
}

const STANDARD_OF_KIND: Readonly<Record<WeeklyKind, StandardKey>> = { onsite: "visits", phone: "visits", competitor_report: "competitor_reports" };

/** `WEEKLY_FEWEST(person, month, kind, people.email, people.role, activities.date, activities.person_email, activities.type, activities.customer_id, [timeZone])`. */
export function weeklyFewestColumn(
  persons: unknown,
  month: Cell,
  kind: Cell,
  peopleEmails: unknown,
  peopleRoles: unknown,
  dates: unknown,
  activityPersons: unknown,
  types: unknown,
  customers: unknown,
  zone: Cell,
): SheetValue {
  return vectoriseKeys(persons, () => {
    const k = typeof kind === "string" ? kind.trim().toLowerCase() : "";
    if (k !== "onsite" && k !== "phone" && k !== "competitor_report") return scoreError(NOT_A_KIND, { got: cellText(kind) });
    const mz = monthAndZone(month, zone);
    if (isScoreError(mz)) return mz;
    const rows = activityRowsOf(columnCells(dates), columnCells(activityPersons), columnCells(types), columnCells(customers), null, mz.timeZone);
    const tally = tallyActivities(rows, mz.span, askedFor(persons));
    return forPost(rolesByEmail(peopleEmails, peopleRoles), STANDARD_OF_KIND[k], (p) => fewestInWeek(tally.get(p), mz.span, k));
  });
}

const STANDARD_OF_TYPE: Readonly<Record<string, StandardKey>> = {
  onsite: "visits",
  phone: "visits",
  return_visit: "visits",
  competitor_report: "competitor_reports",
  file_update: "customer_files",
  daily_report: "daily_reports",
};

/** `ACTIVITY_COUNT(person, month, type, people.email, people.role, activities.date, activities.person_email, activities.type, [timeZone])`: rows of a type in the calendar month. */
export function activityCountColumn(
  persons: unknown,
  month: Cell,
  type: Cell,
  peopleEmails: unknown,
  peopleRoles: unknown,
  dates: unknown,
  activityPersons: unknown,
  types: unknown,
  zone: Cell,
): SheetValue {
  return vectoriseKeys(persons, () => {
    const t = typeof type === "string" ? type.trim() : "";
    const standard = STANDARD_OF_TYPE[t];
    if (standard === undefined) return scoreError(NOT_A_TYPE, { got: cellText(type), allowed: activityTypes().join(", ") });
    const mz = monthAndZone(month, zone);
    if (isScoreError(mz)) return mz;
    const rows = activityRowsOf(columnCells(dates), columnCells(activityPersons), columnCells(types), null, null, mz.timeZone);
    const tally = tallyActivities(rows, mz.span, askedFor(persons));
    return forPost(rolesByEmail(peopleEmails, peopleRoles), standard, (p) => typeCount(tally.get(p), t));
  });
}

/** The region of each person, from the People email and region columns (email key → region code). */
function regionsByEmail(emails: unknown, regions: unknown): Map<string, string> {
  const e = columnCells(emails);
  const r = columnCells(regions);
  const out = new Map<string, string>();
  for (let i = 0; i < e.length; i += 1) {
    const key = emailKey(e[i]);
    if (key !== "") out.set(key, cellText(r[i]));
  }
  return out;
}

/**
 * `REGION_ACTIVITY_COUNT(region, month, types, people.email, people.region, activities.date,
 * activities.person_email, activities.type, [timeZone])`: the calendar month's Activities rows of the
 * listed types (`"onsite, phone"`) by the people of each region (KPI-07's visits, as the Dashboard
 * shows them per region). One pass over Activities for the whole column of regions, so the count
 * costs the same for 12 regions as for one, where a COUNTIF per person of the region per region
 * would compare every Activities row once per person.
 */
export function regionActivityCountColumn(
  regions: unknown,
  month: Cell,
  typeList: Cell,
  peopleEmails: unknown,
  peopleRegions: unknown,
  dates: unknown,
  activityPersons: unknown,
  types: unknown,
  zone: Cell,
): SheetValue {
  return vectoriseKeys(regions, () => {
    const wanted = new Set(cellText(typeList).split(/[,，\s]+/).filter((t) => t !== ""));
    const known = activityTypes();
    const unknown = [...wanted].find((t) => !known.includes(t));
    if (wanted.size === 0 || unknown !== undefined) return scoreError(NOT_A_TYPE, { got: unknown ?? "", allowed: known.join(", ") });
    const mz = monthAndZone(month, zone);
    if (isScoreError(mz)) return mz;
    const regionOf = regionsByEmail(peopleEmails, peopleRegions);
    const counts = new Map<string, number>();
    for (const row of activityRowsOf(columnCells(dates), columnCells(activityPersons), columnCells(types), null, null, mz.timeZone)) {
      if (row.day < mz.span.first || row.day > mz.span.last || !wanted.has(row.type)) continue;
      const region = regionOf.get(row.person);
      if (region !== undefined && region !== "") counts.set(region, (counts.get(region) ?? 0) + 1);
    }
    return (key) => counts.get(cellText(key)) ?? 0;
  });
}

/**
 * `NEW_CUSTOMERS(person, month, people.email, people.role, actuals.period, actuals.person_email, actuals.metric, actuals.amount)`:
 * the month's `new_customers` actuals of each person (KPI-08), as the monthly report counts them.
 */
export function newCustomersColumn(
  persons: unknown,
  month: Cell,
  peopleEmails: unknown,
  peopleRoles: unknown,
  periods: unknown,
  actualPersons: unknown,
  metrics: unknown,
  amounts: unknown,
  zone: Cell,
): SheetValue {
  return vectoriseKeys(persons, () => {
    const mz = monthAndZone(month, zone);
    if (isScoreError(mz)) return mz;
    const p = columnCells(periods);
    const who = columnCells(actualPersons);
    const m = columnCells(metrics);
    const a = columnCells(amounts);
    const totals = new Map<string, number>();
    for (let i = 0; i < p.length; i += 1) {
      if (m[i] !== "new_customers") continue;
      const period = readMonth(p[i], MONTH, mz.timeZone);
      if (isScoreError(period) || period.first !== mz.span.first) continue;
      const amount = readNumber(a[i], AMOUNT);
      if (isScoreError(amount)) continue;
      const person = emailKey(who[i]);
      totals.set(person, (totals.get(person) ?? 0) + amount);
    }
    return forPost(rolesByEmail(peopleEmails, peopleRoles), "new_customers", (person) => totals.get(person) ?? 0);
  });
}

/**
 * `STALE_FILES(person, asOf, people.email, people.role, customers.id, customers.owner_email, customers.file_updated_on,
 * customers.status, activities.date, activities.type, activities.customer_id, [months], [timeZone])`: the person's active
 * customers whose file is stale on the as-of day (KPI-10).
 */
export function staleFilesColumn(
  persons: unknown,
  asOf: Cell,
  peopleEmails: unknown,
  peopleRoles: unknown,
  ids: unknown,
  owners: unknown,
  updated: unknown,
  statuses: unknown,
  dates: unknown,
  types: unknown,
  customers: unknown,
  monthsCell: Cell,
  zone: Cell,
): SheetValue {
  return vectoriseKeys(persons, () => {
    const timeZone = readParameter(zone, "TIME_ZONE");
    if (isScoreError(timeZone)) return timeZone;
    const months = readParameter(monthsCell, "KPI_FILE_UPDATE_MONTHS");
    if (isScoreError(months)) return months;
    const day = readDay(asOf, AS_OF, timeZone);
    if (isScoreError(day)) return day;
    const id = columnCells(ids);
    const owner = columnCells(owners);
    const up = columnCells(updated);
    const status = columnCells(statuses);
    const files: CustomerFile[] = [];
    for (let i = 0; i < id.length; i += 1) {
      const key = typeof id[i] === "string" ? (id[i] as string).trim() : typeof id[i] === "number" ? String(id[i]) : "";
      if (key === "") continue;
      const u = isBlank(up[i]) ? null : readDay(up[i], AS_OF, timeZone);
      files.push({ id: key, owner: emailKey(owner[i]), updated: u === null || isScoreError(u) ? null : u, lost: status[i] === "lost" });
    }
    const rows = activityRowsOf(columnCells(dates), null, columnCells(types), columnCells(customers), null, timeZone);
    const stale = staleFilesByOwner(files, latestFileUpdates(rows, day), day, months);
    return forPost(rolesByEmail(peopleEmails, peopleRoles), "customer_files", (person) => stale.get(person) ?? 0);
  });
}

/** `WORKING_DAYS(month, holidays.date, holidays.kind, [asOf], [timeZone])`: one value per month cell. */
export function workingDaysColumn(months: unknown, holidayDates: unknown, holidayKinds: unknown, asOf: Cell, zone: Cell): SheetValue {
  return vectoriseKeys(months, () => {
    const timeZone = readParameter(zone, "TIME_ZONE");
    if (isScoreError(timeZone)) return timeZone;
    const calendar = readHolidays(columnCells(holidayDates), columnCells(holidayKinds), timeZone);
    if (isScoreError(calendar)) return calendar;
    return (month) => workingDaysCell(month, asOf, calendar, timeZone);
  });
}

/**
 * `DAILY_REPORTS_ON_TIME(person, month, asOf, people.email, people.role, activities.date, activities.person_email,
 * activities.type, activities.reported_at, holidays.date, holidays.kind, [due], [timeZone])`: working days of the month
 * up to the as-of day with a daily report in by `DAILY_REPORT_DUE` (RP-14, AMB-75).
 */
export function dailyReportsOnTimeColumn(
  persons: unknown,
  month: Cell,
  asOf: Cell,
  peopleEmails: unknown,
  peopleRoles: unknown,
  dates: unknown,
  activityPersons: unknown,
  types: unknown,
  reportedAt: unknown,
  holidayDates: unknown,
  holidayKinds: unknown,
  dueCell: Cell,
  zone: Cell,
): SheetValue {
  return vectoriseKeys(persons, () => {
    const mz = monthAndZone(month, zone);
    if (isScoreError(mz)) return mz;
    const due = readDueTime(dueCell, mz.timeZone);
    if (isScoreError(due)) return due;
    const until = isBlank(asOf) ? null : readDay(asOf, AS_OF, mz.timeZone);
    if (isScoreError(until)) return until;
    const calendar = readHolidays(columnCells(holidayDates), columnCells(holidayKinds), mz.timeZone);
    if (isScoreError(calendar)) return calendar;
    const days = workingDaysOf(mz.span, calendar, until);
    const rows = activityRowsOf(columnCells(dates), columnCells(activityPersons), columnCells(types), null, columnCells(reportedAt), mz.timeZone);
    const tally: Map<string, PersonTally> = tallyActivities(rows, mz.span, askedFor(persons));
    return forPost(rolesByEmail(peopleEmails, peopleRoles), "daily_reports", (p) => dailyReportsOnTime(tally.get(p), days, due));
  });
}

/**
 * `BOARDS_LATE(person, month, asOf, people.email, people.role, promotions.end_on, promotions.boards_returned_on, [days], [timeZone])`:
 * promotions that ended in the month with their ad boards back late (KPI-17), shown for the artist;
 * blank in a month in which no promotion ended.
 */
export function boardsLateColumn(
  persons: unknown,
  month: Cell,
  asOf: Cell,
  peopleEmails: unknown,
  peopleRoles: unknown,
  ends: unknown,
  returned: unknown,
  daysCell: Cell,
  zone: Cell,
): SheetValue {
  return vectoriseKeys(persons, () => {
    const mz = monthAndZone(month, zone);
    if (isScoreError(mz)) return mz;
    const days = readParameter(daysCell, "KPI_BOARD_RETURN_DAYS");
    if (isScoreError(days)) return days;
    const day = readDay(asOf, AS_OF, mz.timeZone);
    if (isScoreError(day)) return day;
    const e = columnCells(ends);
    const r = columnCells(returned);
    const promotions = e.map((end, i) => {
      const endDay = isBlank(end) ? null : readDay(end, AS_OF, mz.timeZone);
      const back = isBlank(r[i]) ? null : readDay(r[i], AS_OF, mz.timeZone);
      return { end: endDay === null || isScoreError(endDay) ? null : endDay, returned: back === null || isScoreError(back) ? null : back };
    });
    // A month in which no promotion ended has nothing to judge: blank, not a vacuous "met".
    const ended = promotionsEnded(promotions, mz.span);
    const late = boardsLate(promotions, mz.span, day, days);
    const roles = rolesByEmail(peopleEmails, peopleRoles);
    return (key) => (ended === 0 ? "" : forPost(roles, "boards_back", () => late)(key));
  });
}
