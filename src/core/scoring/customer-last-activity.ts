/**
 * The last contact of each customer file, from the Activities sheet (spec WF-12.3, WF-12.5, KPI-10,
 * KPI-45; ENT-VISIT: on-site, phone and return visits). Seed `003_ab0358f32ef97fc5.txt` L126:
 * 「每家客户需建档,客户档案需详实,至少每月更新一次。」 and WF-12.3: regular visits by the responsible
 * person. `CUSTOMER_LAST_ACTIVITY` gives, per customer, the latest day of an activity of the types
 * named (visits: `onsite, phone, return_visit`; file updates: `file_update`), or of a date column of
 * the file itself when later (the file's own "updated on"), so the last visit and the file's last
 * update are one formula each over the whole sheet. Blank when there is none.
 */
import type { Bilingual } from "../i18n";
import { sheetTemplate } from "../templates/catalog";
import type { Cell } from "./cells";
import { isBlank, readDay, readDayOrNull } from "./cells";
import { columnCells, customerKey, otherSheetProblem, pairedColumns } from "./customer-class";
import { readParameter } from "./parameters";
import { isScoreError, scoreError } from "./score-error";
import type { Field, ScoreError } from "./score-error";
import type { RuleValue } from "./vectorise";

/** The Activities sheet's type keys (its Type dropdown). */
function activityTypes(): readonly string[] {
  const column = sheetTemplate("activities").columns.find((c) => c.key === "type");
  return column?.validation?.kind === "enum" ? column.validation.values.map((v) => v.value) : [];
}

const ACTIVITIES_SHEET: Bilingual = { zh: "拜访与竞品表", en: "Activities" };
const ACTIVITIES_WHAT: Bilingual = { zh: "活动记录(客户、日期)", en: "the activities (customer, date)" };
const DATE: Field = { zh: "活动日期", en: "activity date" };
const OWN_DATE: Field = { zh: "档案日期", en: "file date" };
const UNKNOWN_TYPE: Bilingual = { zh: "「{got}」不是活动类型;可用:{allowed}", en: '"{got}" is not an activity type; use {allowed}' };
const NO_TYPE: Bilingual = { zh: "请写明要找的活动类型,如 onsite, phone, return_visit", en: "name the activity types to look for, e.g. onsite, phone, return_visit" };

/**
 * The activity types of a `types` argument (`onsite, phone, return_visit`), or why not.
 * @example readActivityTypes("onsite, phone") → ["onsite", "phone"]
 */
export function readActivityTypes(cell: Cell): readonly string[] | ScoreError {
  const allowed = activityTypes();
  const words = (typeof cell === "string" ? cell : "").split(/[\s,;，；、]+/).filter((w) => w !== "");
  if (words.length === 0) return scoreError(NO_TYPE);
  for (const w of words) if (!allowed.includes(w)) return scoreError(UNKNOWN_TYPE, { got: w, allowed: allowed.join(", ") });
  return words;
}

/** The latest day per customer key among activities of `types`, or the row problem of the first unreadable date. */
export function lastActivityDays(
  customers: readonly Cell[],
  dates: readonly Cell[],
  kinds: readonly Cell[],
  types: readonly string[],
  timeZone: string,
): ReadonlyMap<string, number> | ScoreError {
  const wanted = new Set(types);
  const last = new Map<string, number>();
  for (const [i, cell] of customers.entries()) {
    const key = customerKey(cell);
    const kind = kinds[i];
    if (key === null || typeof kind !== "string" || !wanted.has(kind.trim())) continue;
    const dateCell = dates[i];
    if (isBlank(dateCell)) continue;
    const day = readDay(dateCell, DATE, timeZone);
    if (isScoreError(day)) return otherSheetProblem(ACTIVITIES_SHEET, i, day);
    if (day > (last.get(key) ?? -Infinity)) last.set(key, day);
  }
  return last;
}

/**
 * `CUSTOMER_LAST_ACTIVITY(ids, activityCustomers, activityDates, activityTypes, types, [ownDates],
 * [timeZone])` over the Customers column: a serial day per customer (the column is date-formatted).
 */
export function customerLastActivityColumn(rows: readonly (readonly Cell[] | null)[], params: readonly Cell[]): readonly RuleValue[] | ScoreError {
  const [activityCustomers, activityDates, activityKinds, typesCell, ownDatesCell, zoneCell] = params;
  const zone = readParameter(zoneCell, "TIME_ZONE");
  if (isScoreError(zone)) return zone;
  const types = readActivityTypes(typesCell);
  if (isScoreError(types)) return types;
  const activities = pairedColumns(activityCustomers, activityDates, ACTIVITIES_WHAT);
  if (isScoreError(activities)) return activities;
  const typed = pairedColumns(activityCustomers, activityKinds, ACTIVITIES_WHAT);
  if (isScoreError(typed)) return typed;
  const last = lastActivityDays(activities.keys, activities.values, typed.values, types, zone);
  if (isScoreError(last)) return last;
  const ownDates = ownDatesCell === undefined || isBlank(ownDatesCell) ? [] : columnCells(ownDatesCell);
  return rows.map((row, r): RuleValue => {
    if (row === null) return "";
    const key = customerKey(row[0]);
    if (key === null) return "";
    const own = readDayOrNull(ownDates.length === 1 ? ownDates[0] : ownDates[r], OWN_DATE, zone);
    if (isScoreError(own)) return own;
    const logged = last.get(key) ?? null;
    const day = own === null ? logged : logged === null ? own : Math.max(own, logged);
    return day === null ? "" : day;
  });
}
