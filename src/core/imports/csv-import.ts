/**
 * CSV import from the company's sales system (销售系统导入) into Actuals (实绩) and Activities
 * (拜访与竞品), issue 9 §2, spec WF-12, KPI-07..10, SC-09..11: the rows of a parsed CSV file (the
 * host parses it; this module never reads files) become table records by header — the bilingual
 * header, either language or the column key, as the sheet's own header row (columns.ts) — and every
 * row is validated on entry. A bad row is never dropped silently: it is refused with its reason,
 * naming the file's row and column and the sheet it was meant for, in both languages. Each row has
 * a key (Actuals: month#region#person#metric, the sheet's own lookup key without "met"; Activities:
 * the record ID), so importing the same file again changes nothing and a changed row is an update
 * of the row already in the sheet, not a duplicate. Only the columns the file carries are compared
 * and written; computed columns in a file are ignored.
 */
import { format } from "../i18n";
import type { Bilingual } from "../i18n";
import { sheetTemplate } from "../templates/catalog";
import { matchHeader } from "../templates/columns";
import type { RecordValue, TableRecord, TableRow } from "../templates/table";
import { isComputed } from "../templates/table";
import type { ColumnTemplate, SheetTemplate } from "../templates/types";
import { collectionMonth } from "../scoring/collection-rate";
import { readParameter } from "../scoring/parameters";
import { isScoreError } from "../scoring/score-error";

/** The tables a CSV may be imported into. */
export const IMPORT_TABLES = ["actuals", "activities"] as const;
export type ImportTable = (typeof IMPORT_TABLES)[number];

export const isImportTable = (value: unknown): value is ImportTable => typeof value === "string" && (IMPORT_TABLES as readonly string[]).includes(value);

/** Visit types: each names its customer, since KPI-07 counts distinct customers a week (AMB-49). */
const VISIT_TYPES: ReadonlySet<string> = new Set(["onsite", "phone", "return_visit"]);

const M = {
  empty: { zh: "文件是空的:第 1 行应为表头(列名),其下每行一条记录", en: "the file is empty: row 1 must hold the column headers, one record on each row below" },
  missingColumn: { zh: "缺少必填列「{column}」:请在第 1 行加上这一列", en: "the required column \"{column}\" is missing: add it to row 1" },
  duplicateColumn: { zh: "列「{column}」出现了 {count} 次:请只保留一列", en: "the column \"{column}\" appears {count} times: keep one" },
  required: { zh: "必填,不能为空", en: "is required and must not be blank" },
  badPeriod: { zh: "「{value}」不是月份:请写成 2026-10", en: "\"{value}\" is not a month: write it as 2026-10" },
  badDate: { zh: "「{value}」不是日期:请写成 2026-10-08", en: "\"{value}\" is not a date: write it as 2026-10-08" },
  badNumber: { zh: "「{value}」不是数字", en: "\"{value}\" is not a number" },
  negative: { zh: "「{value}」不能为负数", en: "\"{value}\" must not be negative" },
  notWhole: { zh: "「{value}」须为整数(个数)", en: "\"{value}\" must be a whole number (a count)" },
  badChoice: { zh: "「{value}」不是可选值:请填 {choices}", en: "\"{value}\" is not one of the choices: use {choices}" },
  unknownRegion: { zh: "区域「{value}」不在「区域 Regions」表中", en: "region \"{value}\" is not in the Regions sheet" },
  unknownPerson: { zh: "人员「{value}」不在「人员 People」表中:请填其邮箱", en: "person \"{value}\" is not in the People sheet: use their email" },
  unknownCustomer: { zh: "客户「{value}」不在「客户 Customers」表中:请填客户编号", en: "customer \"{value}\" is not in the Customers sheet: use the customer ID" },
  visitCustomer: { zh: "拜访须填客户(KPI-07 按每周拜访的不同客户计数)", en: "a visit names its customer (KPI-07 counts distinct customers a week)" },
  competitorBrand: { zh: "竞品信息须填竞品品牌(KPI-09、WF-29)", en: "a competitor report names the competitor's brand (KPI-09, WF-29)" },
  refundsOnCollections: { zh: "退货退款从回款中扣除(SC-10):请填在指标为「回款」的行上", en: "return refunds are deducted from collections (SC-10): put them on the collections row" },
  repeated: { zh: "与文件第 {line} 行是同一条记录(同一{what}):请只保留一行", en: "the same record as row {line} of the file (same {what}): keep one" },
  sheetTwice: { zh: "表中已有两行同一{what}(第 {rows} 行):请先在表中合并", en: "the sheet holds this {what} twice (rows {rows}): merge them in the sheet first" },
  keyActuals: { zh: "月份、区域、人员和指标", en: "month, region, person and metric" },
  keyActivities: { zh: "记录编号", en: "record ID" },
  where: {
    zh: "文件「{file}」第 {line} 行{column}(导入「{sheet}」):{reason}",
    en: "file \"{file}\" row {line}{column} (importing into \"{sheet}\"): {reason}",
  },
  whereFile: { zh: "文件「{file}」(导入「{sheet}」):{reason}", en: "file \"{file}\" (importing into \"{sheet}\"): {reason}" },
  whereResponse: {
    zh: "表单回复表「{file}」第 {line} 行{column}(写入「{sheet}」):{reason}",
    en: "responses sheet \"{file}\" row {line}{column} (for \"{sheet}\"): {reason}",
  },
} as const;

/** The reference data rows are checked against, as read from their sheets. */
export interface ImportReferences {
  readonly people: readonly TableRecord[];
  readonly regions: readonly TableRecord[];
  readonly customers: readonly TableRecord[];
}

export interface ImportInput extends ImportReferences {
  readonly table: ImportTable;
  /** The file's name, for messages. */
  readonly fileName: string;
  /** The parsed file: row 1 the headers. */
  readonly csv: readonly (readonly string[])[];
  /** The target sheet's data rows (src/gas/table.ts readTable). */
  readonly existing: readonly TableRow[];
  /**
   * The rows come from a data-entry form's responses tab (named `fileName`), not a file: the first
   * data row is the tab's row `firstRow`, and `columns` names the tab's column each table column
   * was read from, so a refusal names the sheet, row and column the person answered in.
   */
  readonly responses?: { readonly firstRow: number; readonly columns: Readonly<Record<string, string>> };
  /** Settings `COLLECTION_CUTOFF` as typed (blank = LAST_DAY): the month a collections row dated by its booking day counts toward (SC-10, AMB-11). */
  readonly collectionCutoff?: unknown;
}

/** A row of the file that is not imported, with why, where (1-based file row, header as written). */
export interface RefusedRow {
  readonly line: number;
  /** The column's header as the file writes it; null when the row as a whole is refused. */
  readonly column: string | null;
  readonly reason: Bilingual;
  /** The full message: file, row, column, sheet and reason, in both languages. */
  readonly text: Bilingual;
}

export interface ImportAdd {
  readonly line: number;
  readonly key: string;
  readonly values: TableRecord;
}

export interface ImportChange {
  readonly line: number;
  readonly key: string;
  /** The sheet row to update. */
  readonly row: number;
  /** Only the columns that change, new values. */
  readonly values: TableRecord;
  readonly before: TableRecord;
}

/** What one import would do, for the preview and for the one write. */
export interface ImportPlan {
  readonly table: ImportTable;
  /** The target sheet's tab name. */
  readonly sheet: string;
  readonly fileName: string;
  readonly add: readonly ImportAdd[];
  readonly change: readonly ImportChange[];
  /** Rows of the file already in the sheet as they are. */
  readonly unchanged: number;
  readonly refused: readonly RefusedRow[];
  /** What stops the whole file (no header, a required column missing): nothing is imported. */
  readonly problems: readonly Bilingual[];
  /** Header cells of the file that are not imported (not a column of the sheet, or computed). */
  readonly ignoredColumns: readonly string[];
}

const text = (v: RecordValue | undefined): string => (v === null || v === undefined ? "" : String(v).trim());

/** The choices of an enum column: value → value, and each label (zh, en, both) → value, lower-cased. */
function choices(column: ColumnTemplate): Map<string, string> | null {
  const validation = column.validation;
  if (!validation || validation.kind !== "enum") return null;
  const map = new Map<string, string>();
  for (const v of validation.values) {
    map.set(v.value.toLowerCase(), v.value);
    if (v.label) for (const label of [v.label.zh, v.label.en, `${v.label.zh} / ${v.label.en}`, `${v.label.zh} ${v.label.en}`]) map.set(label.toLowerCase(), v.value);
  }
  return map;
}

function choiceList(column: ColumnTemplate): string {
  const validation = column.validation;
  return validation && validation.kind === "enum" ? validation.values.map((v) => v.value).join(", ") : "";
}

/**
 * A number as a sales system writes it: `12345`, `12,345.50`, `¥12,345`, `-3`; null when it is not one.
 * @example numberOf("¥12,345.5") → 12345.5
 */
export function numberOf(raw: string): number | null {
  let t = raw.trim().replace(/^[¥￥$]\s*/, "");
  if (/^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(t)) t = t.replace(/,/g, "");
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
}

/**
 * A month as `YYYY-MM`: `2026-10`, `2026/10`, `2026.1`, `2026年10月`; null when it is not one.
 * @example periodOf("2026/8") → "2026-08"
 */
export function periodOf(raw: string): string | null {
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?$/.exec(raw.trim());
  if (!m) return null;
  const month = Number(m[2]);
  return month >= 1 && month <= 12 ? `${m[1]}-${String(month).padStart(2, "0")}` : null;
}

/**
 * A calendar day as `YYYY-MM-DD`: `2026-10-08`, `2026/10/8`, `2026.10.08`, `2026年10月8日`,
 * `2026/10/8 0:00`; null
 * when it is not one or the day does not exist (2026-02-30).
 */
export function dayOf(raw: string): string | null {
  // A time of day after the date (Excel writes `2026/8/3 0:00`) is dropped: the column holds days.
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[T\s]+\d{1,2}:\d{2}(?::\d{2})?)?$/.exec(raw.trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return null;
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  if (d > days) return null;
  return `${m[1]}-${String(mo).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/**
 * The key of an Actuals or Activities record: re-importing a row with the same key updates that
 * row. Actuals: `month#region#person#metric` (person blank = the region's total; email
 * lower-cased); Activities: the record ID.
 * @example rowKey("actuals", { period: "2026-10", region: "EAST", person_email: "Kong.Linghui@example.com", metric: "sales" }) → "2026-10#EAST#kong.linghui@example.com#sales"
 */
export function rowKey(table: ImportTable, record: TableRecord): string {
  if (table === "activities") return text(record.id);
  const period = text(record.period);
  return [periodOf(period) ?? period, text(record.region).toUpperCase(), text(record.person_email).toLowerCase(), text(record.metric)].join("#");
}

/** The Drive file id in what a person pasted: a file URL (`…/d/ID/…`, `?id=ID`) or the id itself; null otherwise. */
export function driveFileIdOf(pasted: string): string | null {
  const t = pasted.trim();
  const inUrl = /\/d\/([A-Za-z0-9_-]{10,})/.exec(t) ?? /[?&]id=([A-Za-z0-9_-]{10,})/.exec(t);
  if (inUrl?.[1]) return inUrl[1];
  return /^[A-Za-z0-9_-]{10,}$/.test(t) ? t : null;
}

/** Compares a stored value with an imported one: blank = blank, numbers by value, text trimmed (emails and codes by case). */
function sameValue(stored: RecordValue | undefined, imported: RecordValue | undefined, column: ColumnTemplate): boolean {
  const a = text(stored);
  const b = text(imported);
  if (a === "" || b === "") return a === b;
  if (typeof imported === "number") {
    const n = typeof stored === "number" ? stored : numberOf(a);
    return n !== null && Math.abs(n - imported) < 1e-9;
  }
  if (column.type === "ref" || column.type === "email") return a.toLowerCase() === b.toLowerCase();
  if (column.key === "period") return (periodOf(a) ?? a) === b;
  return a === b;
}

interface Lookups {
  readonly people: ReadonlyMap<string, string>;
  readonly regions: ReadonlyMap<string, string>;
  readonly customers: ReadonlyMap<string, string>;
}

function lookups(refs: ImportReferences): Lookups {
  const people = new Map<string, string>();
  for (const p of refs.people) if (text(p.email) !== "") people.set(text(p.email).toLowerCase(), text(p.email));
  const regions = new Map<string, string>();
  for (const r of refs.regions) {
    const code = text(r.code);
    if (code === "") continue;
    for (const name of [code, text(r.name_zh), text(r.name_en)]) if (name !== "" && !regions.has(name.toLowerCase())) regions.set(name.toLowerCase(), code);
  }
  const customers = new Map<string, string>();
  for (const c of refs.customers) if (text(c.id) !== "") customers.set(text(c.id).toLowerCase(), text(c.id));
  return { people, regions, customers };
}

type Cell = { readonly ok: true; readonly value: RecordValue } | { readonly ok: false; readonly reason: Bilingual };

/** One cell of the file → the value to store, by the column's type and the reference sheets. */
function convert(column: ColumnTemplate, raw: string, refs: Lookups, table: ImportTable): Cell {
  const value = raw.trim();
  if (value === "") return column.required ? { ok: false, reason: M.required } : { ok: true, value: null };
  const enumChoices = choices(column);
  if (enumChoices) {
    const found = enumChoices.get(value.toLowerCase());
    return found ? { ok: true, value: found } : { ok: false, reason: format(M.badChoice, { value, choices: choiceList(column) }) };
  }
  if (column.key === "period") {
    // Finance's booking day (2026-10-31) is kept as a day; planImport turns it into its month by the cut-off (SC-10).
    const period = periodOf(value) ?? (table === "actuals" ? dayOf(value) : null);
    return period ? { ok: true, value: period } : { ok: false, reason: format(M.badPeriod, { value }) };
  }
  if (column.type === "date") {
    const day = dayOf(value);
    return day ? { ok: true, value: day } : { ok: false, reason: format(M.badDate, { value }) };
  }
  if (column.type === "number" || column.type === "money" || column.type === "integer" || column.type === "percent") {
    const n = numberOf(value);
    if (n === null) return { ok: false, reason: format(M.badNumber, { value }) };
    if (n < 0) return { ok: false, reason: format(M.negative, { value }) };
    return { ok: true, value: n };
  }
  if (column.key === "region") {
    const code = refs.regions.get(value.toLowerCase());
    return code ? { ok: true, value: code } : { ok: false, reason: format(M.unknownRegion, { value }) };
  }
  if (column.key === "person_email") {
    const email = refs.people.get(value.toLowerCase());
    return email ? { ok: true, value: email } : { ok: false, reason: format(M.unknownPerson, { value }) };
  }
  if (column.key === "customer_id" && table === "activities") {
    const id = refs.customers.get(value.toLowerCase());
    return id ? { ok: true, value: id } : { ok: false, reason: format(M.unknownCustomer, { value }) };
  }
  return { ok: true, value };
}

/** The rules across columns of one record (spec KPI-07, KPI-09, SC-10); each names the column to fix. */
function recordRules(table: ImportTable, record: Record<string, RecordValue>): { key: string; reason: Bilingual }[] {
  const out: { key: string; reason: Bilingual }[] = [];
  if (table === "actuals") {
    // SC-10: refunds are deducted from collections; on another metric they would be lost.
    if (typeof record.refunds === "number" && record.refunds !== 0 && record.metric !== "collections") out.push({ key: "refunds", reason: M.refundsOnCollections });
    // KPI-08: new customers are counted.
    if ((record.metric === "new_customers" || record.metric === "sales_volume") && typeof record.amount === "number" && !Number.isInteger(record.amount)) {
      out.push({ key: "amount", reason: format(M.notWhole, { value: record.amount }) });
    }
  } else {
    if (VISIT_TYPES.has(text(record.type)) && text(record.customer_id) === "") out.push({ key: "customer_id", reason: M.visitCustomer });
    if (record.type === "competitor_report" && text(record.competitor_brand) === "") out.push({ key: "competitor_brand", reason: M.competitorBrand });
  }
  return out;
}

/**
 * What importing `input.csv` into its table would do: rows to add, rows to change (only the
 * columns that differ), rows already there, rows refused with their reasons, and what stops the
 * whole file. Pure; the same input always gives the same plan (the confirmed write re-plans and
 * compares fingerprints).
 */
export function planImport(input: ImportInput): ImportPlan {
  const template: SheetTemplate = sheetTemplate(input.table);
  const sheet = template.tabName;
  const base = { table: input.table, sheet, fileName: input.fileName };
  const fileProblem = (reason: Bilingual): Bilingual => fill(M.whereFile, { file: input.fileName, sheet }, reason);
  const rows = input.csv.map((r, i) => r.map((c, j) => (i === 0 && j === 0 ? String(c ?? "").replace(/^\uFEFF/, "") : String(c ?? ""))));
  const header = rows[0] ?? [];
  const nothing = { add: [], change: [], unchanged: 0, refused: [], ignoredColumns: [] };
  if (header.every((h) => h.trim() === "")) return { ...base, ...nothing, problems: [fileProblem(M.empty)] };

  const match = matchHeader(header, template);
  const problems: Bilingual[] = [];
  for (const [key, positions] of match.duplicates) {
    problems.push(fileProblem(format(M.duplicateColumn, { column: header[positions[0] ?? 0]?.trim() ?? key, count: positions.length })));
  }
  const columns = template.columns.filter((c) => !isComputed(c) && match.found.has(c.key));
  for (const c of template.columns) {
    if (c.required && !isComputed(c) && !match.found.has(c.key)) problems.push(fileProblem(format(M.missingColumn, { column: `${c.header.zh} / ${c.header.en}` })));
  }
  const ignoredColumns = [...match.extra.map((e) => e.header), ...template.columns.filter((c) => isComputed(c) && match.found.has(c.key)).map((c) => header[match.found.get(c.key) ?? 0]?.trim() ?? c.key)];
  if (problems.length > 0) return { ...base, ...nothing, ignoredColumns, problems };

  const refs = lookups(input);
  const cutoff = readParameter(input.collectionCutoff ?? "", "COLLECTION_CUTOFF");
  if (isScoreError(cutoff)) return { ...base, ...nothing, ignoredColumns, problems: [fileProblem(cutoff.text)] };
  const headerOf = (key: string): string => input.responses?.columns[key] ?? (header[match.found.get(key) ?? -1]?.trim() || key);
  const where = input.responses ? M.whereResponse : M.where;
  const refusal = (line: number, column: string | null, reason: Bilingual): RefusedRow => ({
    line,
    column,
    reason,
    text: {
      zh: format(where, { file: input.fileName, line, column: column === null ? "" : `,列「${column}」`, sheet, reason: reason.zh }).zh,
      en: format(where, { file: input.fileName, line, column: column === null ? "" : `, column "${column}"`, sheet, reason: reason.en }).en,
    },
  });

  const existingByKey = new Map<string, TableRow[]>();
  for (const row of input.existing) {
    const key = rowKey(input.table, row.values);
    if (key.replace(/#/g, "") === "") continue;
    existingByKey.set(key, [...(existingByKey.get(key) ?? []), row]);
  }
  const keyWhat = input.table === "actuals" ? M.keyActuals : M.keyActivities;
  const seen = new Map<string, number>();
  const add: ImportAdd[] = [];
  const change: ImportChange[] = [];
  const refused: RefusedRow[] = [];
  let unchanged = 0;

  const firstLine = input.responses?.firstRow ?? 2;
  rows.slice(1).forEach((cells, i) => {
    const line = i + firstLine;
    if (cells.every((c) => c.trim() === "")) return; // a blank line holds no record
    const record: Record<string, RecordValue> = {};
    const reasons: RefusedRow[] = [];
    for (const column of columns) {
      const cell = convert(column, cells[match.found.get(column.key) ?? -1] ?? "", refs, input.table);
      if (cell.ok) record[column.key] = cell.value;
      else reasons.push(refusal(line, headerOf(column.key), cell.reason));
    }
    // SC-10 / AMB-11: a row dated by its booking day counts toward a month: collections by COLLECTION_CUTOFF, other metrics by the day's own month.
    if (typeof record.period === "string" && record.period.length === 10) record.period = collectionMonth(record.period, record.metric === "collections" ? cutoff : "LAST_DAY");
    if (reasons.length === 0) for (const r of recordRules(input.table, record)) reasons.push(refusal(line, match.found.has(r.key) || input.responses?.columns[r.key] !== undefined ? headerOf(r.key) : sheetColumn(template, r.key), r.reason));
    if (reasons.length > 0) {
      refused.push(...reasons);
      return;
    }
    const key = rowKey(input.table, record);
    const first = seen.get(key);
    if (first !== undefined) {
      refused.push(refusal(line, null, fill(M.repeated, { line: first }, keyWhat)));
      return;
    }
    seen.set(key, line);
    const matches = existingByKey.get(key) ?? [];
    if (matches.length > 1) {
      refused.push(refusal(line, null, fill(M.sheetTwice, { rows: matches.map((m) => m.row).join(", ") }, keyWhat)));
      return;
    }
    const existing = matches[0];
    if (!existing) {
      add.push({ line, key, values: input.table === "actuals" && !("source" in record && record.source !== null) ? { ...record, source: "import" } : record });
      return;
    }
    const values: Record<string, RecordValue> = {};
    const before: Record<string, RecordValue> = {};
    for (const column of columns) {
      if (column.key === "source") continue;
      if (sameValue(existing.values[column.key], record[column.key], column)) continue;
      values[column.key] = record[column.key] ?? null;
      before[column.key] = existing.values[column.key] ?? null;
    }
    if (Object.keys(values).length === 0) {
      unchanged += 1;
      return;
    }
    if (input.table === "actuals") {
      const source = text(record.source) || "import";
      if (text(existing.values.source) !== source) {
        values.source = source;
        before.source = existing.values.source ?? null;
      }
    }
    change.push({ line, key, row: existing.row, values, before });
  });
  return { ...base, add, change, unchanged, refused, problems: [], ignoredColumns };
}

/** `template` filled with `values`, then `{reason}` / `{what}` with the pair's own language. */
function fill(template: Bilingual, values: Readonly<Record<string, string | number>>, inner: Bilingual): Bilingual {
  const t = format(template, values);
  return { zh: t.zh.replace(/\{(reason|what)\}/g, inner.zh), en: t.en.replace(/\{(reason|what)\}/g, inner.en) };
}

function sheetColumn(template: SheetTemplate, key: string): string {
  const c = template.columns.find((x) => x.key === key);
  return c ? `${c.header.zh} / ${c.header.en}` : key;
}

/**
 * A short fingerprint of what the write would do (FNV-1a), so the confirmed write is the previewed
 * one: if the file or the sheet changes between the preview and the click, it differs.
 */
export function importFingerprint(plan: ImportPlan): string {
  const s = JSON.stringify([plan.table, plan.add.map((a) => [a.key, a.values]), plan.change.map((c) => [c.row, c.values]), plan.refused.map((r) => [r.line, r.column])]);
  let hash = 0x811c9dc5;
  for (let i = 0; i < s.length; i += 1) {
    hash ^= s.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `${hash.toString(16).padStart(8, "0")}-${plan.add.length}-${plan.change.length}-${plan.refused.length}`;
}
