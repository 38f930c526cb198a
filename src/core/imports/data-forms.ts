/**
 * Data-entry forms (数据填报表单), issue 9 §2: a phone-friendly Google Form per kind of data — actuals
 * (实绩填报: sales, collections, new customers, with return refunds) and activity (拜访与活动填报:
 * on-site and phone visits, return visits, competitor reports, customer-file updates, daily reports;
 * spec WF-12, WF-29, KPI-07..10, KPI-50, RP-14, SC-09..11). The questions are data (the request
 * forms' `Question`, so Build forms builds them the same way); each title is the target column's own
 * bilingual header, so a response row reads like a row of the CSV file the sales system exports and
 * is validated by the same reader, `planImport` (csv-import.ts): one reader per table, the same
 * messages, the same row key. What a response adds:
 * - Actuals: the row `month#region#person#metric` (SC-10: collections as booked, less refunds). The
 *   form asks for the month's figure **to date** on a day; the day decides the month. A later
 *   response for the same month, region, person and metric updates that row (as a re-imported file
 *   would), so a response sent twice, or a figure corrected by sending it again, is one row.
 * - Activities: one record, its ID made from what was answered (`entryId`): the same visit sent twice
 *   is one record.
 * Who answered is the form's verified email: the Activities row's person; an Actuals row names its
 * person in the form (blank = the region's total, as in the sheet).
 */
import type { Bilingual, Language } from "../i18n";
import type { AnswerInput, ChoiceOption, Question } from "../approvals/questions";
import { choiceKey, questionTitle } from "../approvals/questions";
import { sheetTemplate } from "../templates/catalog";
import type { TableRow } from "../templates/table";
import type { ColumnTemplate } from "../templates/types";
import type { ImportPlan, ImportReferences, ImportTable } from "./csv-import";
import { dayOf, planImport } from "./csv-import";

/** The kinds of data-entry form: one per table they fill. */
export type DataFormKind = ImportTable;
export const DATA_FORM_KINDS: readonly DataFormKind[] = ["actuals", "activities"];

export const isDataFormKind = (value: unknown): value is DataFormKind => typeof value === "string" && (DATA_FORM_KINDS as readonly string[]).includes(value);

export interface DataFormSpec {
  readonly kind: DataFormKind;
  readonly title: Bilingual;
  readonly description: Bilingual;
  readonly confirmation: Bilingual;
  readonly questions: readonly Question[];
}

function column(table: DataFormKind, key: string): ColumnTemplate {
  const found = sheetTemplate(table).columns.find((c) => c.key === key);
  if (!found) throw new Error(`no column ${table}.${key}`);
  return found;
}

/** The choices of an enum column, labelled as the sheet's dropdown labels them. */
function enumChoices(table: DataFormKind, key: string, only?: readonly string[]): ChoiceOption[] {
  const v = column(table, key).validation;
  if (!v || v.kind !== "enum") throw new Error(`${table}.${key} is not an enum column`);
  return v.values.filter((x) => only === undefined || only.includes(x.value)).map((x) => ({ value: x.value, label: x.label ?? { zh: x.value, en: x.value } }));
}

/** A question whose title is the column's header, so the response tab's column matches the table's. */
function columnQuestion(table: DataFormKind, key: string, rest: Omit<Question, "key" | "title">): Question {
  return { key, title: column(table, key).header, ...rest };
}

/** The day question: Actuals keep the month it falls in; Activities keep the day. */
const DAY_TITLE: Bilingual = { zh: "日期", en: "Date" };

const ACTUAL_METRICS = ["sales", "sales_volume", "collections", "new_customers"] as const;

const SPECS: Readonly<Record<DataFormKind, DataFormSpec>> = {
  actuals: {
    kind: "actuals",
    title: { zh: "实绩填报", en: "Actuals entry" },
    description: {
      zh: "填报本月截至某日的累计实绩:销售额、销售量、回款(以财务入账为准,SC-10)、新客户数。同一月份、区域、人员和指标再次填报时更新原数,不会重复计入。",
      en: "Report the month's figure to date: sales, volume, collections (as booked by Finance, SC-10), new customers. Reporting the same month, region, person and metric again updates the figure; it is never counted twice.",
    },
    confirmation: { zh: "已收到,实绩表随即更新;有问题时会发邮件说明。", en: "Received: Actuals is updated now; if something is wrong you will get an email saying what." },
    questions: [
      { key: "date", title: DAY_TITLE, kind: "date", required: true, help: { zh: "截至哪一天的数;日期所在月份即实绩月份", en: "The day the figure is as of; its month is the month reported" } },
      columnQuestion("actuals", "region", { kind: "source", source: "regions", required: true }),
      columnQuestion("actuals", "person_email", { kind: "source", source: "people", required: false, help: { zh: "留空 = 区域合计", en: "Blank = the region's total" } }),
      columnQuestion("actuals", "metric", { kind: "choice", choices: enumChoices("actuals", "metric", ACTUAL_METRICS), required: true }),
      columnQuestion("actuals", "amount", {
        kind: "number",
        min: 0,
        required: true,
        help: { zh: "本月截至上述日期的累计数(金额为元,新客户为个数)", en: "The month's total up to that day (yuan; new customers: a count)" },
      }),
      columnQuestion("actuals", "refunds", { kind: "money", min: 0, required: false, help: { zh: "仅回款填写:本月已付的退货退款,从回款中扣除(SC-10)", en: "Collections only: return refunds paid this month, deducted from collections (SC-10)" } }),
    ],
  },
  activities: {
    kind: "activities",
    title: { zh: "拜访与活动填报", en: "Activity entry" },
    description: {
      zh: "每次拜访、竞品信息、客户档案更新和工作日报各填一份(KPI-07 每周上门8家、电话30家,KPI-09 竞品信息每周2次,KPI-10 档案每月更新,RP-14 日报)。",
      en: "One response per visit, competitor report, customer-file update or daily report (KPI-07: 8 on-site and 30 phone visits a week; KPI-09: 2 competitor reports a week; KPI-10: files updated monthly; RP-14: daily reports).",
    },
    confirmation: { zh: "已收到,已记入拜访与竞品表;有问题时会发邮件说明。", en: "Received and recorded in Activities; if something is wrong you will get an email saying what." },
    questions: [
      columnQuestion("activities", "date", { kind: "date", required: true }),
      columnQuestion("activities", "type", { kind: "choice", choices: enumChoices("activities", "type"), required: true }),
      columnQuestion("activities", "customer_id", { kind: "source", source: "customers", required: false, help: { zh: "拜访与档案更新须选客户", en: "Visits and file updates name the customer" } }),
      columnQuestion("activities", "notes", { kind: "paragraph", required: false, maxLength: 5000 }),
      columnQuestion("activities", "competitor_brand", { kind: "text", required: false, maxLength: 200, help: { zh: "竞品信息须填(WF-29)", en: "Required for a competitor report (WF-29)" } }),
      columnQuestion("activities", "competitor_product", { kind: "text", required: false, maxLength: 200 }),
      columnQuestion("activities", "competitor_price", { kind: "money", min: 0, required: false }),
      columnQuestion("activities", "competitor_promotion", { kind: "paragraph", required: false, maxLength: 5000 }),
    ],
  },
};

export function dataFormSpec(kind: DataFormKind): DataFormSpec {
  return SPECS[kind];
}

/** The title of a data form, as people find it in Drive. */
export function dataFormTitle(kind: DataFormKind): string {
  const t = SPECS[kind].title;
  return `${t.zh} / ${t.en}`;
}

/** A response as the responses tab holds it: answers by the tab's column title, and who sent it. */
export interface DataResponse {
  /** The responses tab's name and the response's row there. */
  readonly tab: string;
  readonly row: number;
  /** Answers by the tab's header (the question titles); dates already as `YYYY-MM-DD` days. */
  readonly answers: Readonly<Record<string, AnswerInput>>;
  /** The form's verified email of whoever answered ("" when the form collected none). */
  readonly respondent: string;
  /** The tab's header of the respondent's email column, for messages. */
  readonly respondentColumn: string;
}

function answerText(raw: AnswerInput): string {
  if (raw === null || raw === undefined) return "";
  if (Array.isArray(raw)) return raw.join(", ").trim();
  return String(raw).trim();
}

/**
 * The ID of an activity reported by form: the day and a short fingerprint (FNV-1a) of who reported
 * what, so the same report sent twice is the same record and anything different is another.
 * @example entryId("2026-10-08", ["kong@example.com", "onsite", "C-001", "…"]) → "F20261008-1a2b3c4d"
 */
export function entryId(day: string, parts: readonly string[]): string {
  const s = parts.join("\u001f");
  let hash = 0x811c9dc5;
  for (let i = 0; i < s.length; i += 1) {
    hash ^= s.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `F${day.replace(/-/g, "")}-${hash.toString(16).padStart(8, "0")}`;
}

/**
 * A response as one row of an import file: the header (the table's own column headers, which the
 * CSV reader matches) and the cells, and for each column the tab's column it came from. Dropdown
 * answers ("KEY · name") become their key; the actuals day becomes its month; the person of an
 * activity is whoever answered.
 */
export function responseAsImportRow(kind: DataFormKind, response: DataResponse): { header: string[]; cells: string[]; columns: Record<string, string> } {
  const spec = SPECS[kind];
  const byKey = new Map<string, string>();
  const columns: Record<string, string> = {};
  for (const q of spec.questions) {
    const title = questionTitle(q);
    const raw = answerText(response.answers[title]);
    byKey.set(q.key, q.kind === "source" ? choiceKey(raw) : raw);
    columns[q.key === "date" && kind === "actuals" ? "period" : q.key] = title;
  }
  const header: string[] = [];
  const cells: string[] = [];
  const put = (key: string, value: string): void => {
    const c = column(kind, key);
    header.push(`${c.header.zh} / ${c.header.en}`);
    cells.push(value);
  };
  if (kind === "actuals") {
    const day = byKey.get("date") ?? "";
    put("period", dayOf(day)?.slice(0, 7) ?? day);
    for (const key of ["region", "person_email", "metric", "amount", "refunds"]) put(key, byKey.get(key) ?? "");
    put("source", "form");
    return { header, cells, columns };
  }
  const respondent = response.respondent.trim().toLowerCase();
  columns.person_email = response.respondentColumn;
  columns.id = response.respondentColumn;
  const day = dayOf(byKey.get("date") ?? "") ?? byKey.get("date") ?? "";
  const answered = spec.questions.filter((q) => q.key !== "date").map((q) => byKey.get(q.key) ?? "");
  put("id", entryId(day, [respondent, ...answered]));
  put("person_email", respondent);
  for (const q of spec.questions) put(q.key, byKey.get(q.key) ?? "");
  return { header, cells, columns };
}

export interface DataEntryInput extends ImportReferences {
  readonly kind: DataFormKind;
  readonly response: DataResponse;
  /** The target table's rows as they stand (with what this run already wrote). */
  readonly existing: readonly TableRow[];
}

/**
 * What one response would do to its table, by the CSV import's own reader: a row to add, a row to
 * change, nothing (already there), or refused with its reasons naming the responses tab, the row and
 * the column (`plan.refused`).
 */
export function planDataEntry(input: DataEntryInput): ImportPlan {
  const { header, cells, columns } = responseAsImportRow(input.kind, input.response);
  return planImport({
    table: input.kind,
    fileName: input.response.tab,
    csv: [header, cells],
    existing: input.existing,
    people: input.people,
    regions: input.regions,
    customers: input.customers,
    responses: { firstRow: input.response.row, columns },
  });
}

/** The email telling whoever answered that a response was not recorded, and why (issue 9 §2). */
export interface DataEntryRefusedMail {
  readonly kind: "data-entry-refused";
  readonly to: readonly string[];
  readonly cc: readonly string[];
  readonly language: Language;
  readonly recipientName: string;
  readonly timeZone: string;
  /** The form's title, both languages. */
  readonly form: string;
  /** The table the response was for: its tab name. */
  readonly sheet: string;
  /** Where the response is kept: the responses tab and its row. */
  readonly tab: string;
  readonly row: number;
  /** Every reason, both languages, each naming sheet, row and column. */
  readonly reasons: readonly Bilingual[];
  readonly replyTo: string | null;
}

export function dataEntryRefusedMail(kind: DataFormKind, response: Pick<DataResponse, "tab" | "row">, sheet: string, reasons: readonly Bilingual[], to: { readonly email: string; readonly name: string; readonly language: Language }, timeZone: string): DataEntryRefusedMail {
  return { kind: "data-entry-refused", to: [to.email], cc: [], language: to.language, recipientName: to.name, timeZone, form: dataFormTitle(kind), sheet, tab: response.tab, row: response.row, reasons: [...reasons], replyTo: null };
}
