/**
 * Form questions as data, and the reading of one answer. A request type (request-types.ts) lists
 * its questions: a stable key (the Requests column where one exists), a bilingual title, a kind,
 * whether it is required, its limits, and for dropdowns either fixed choices or the sheet whose
 * rows fill the list (People, Regions, Products, Customers, Dealers, Promotions; the installer
 * refreshes these from the menu). `formItem` turns a question into what FormApp builds; `readAnswer`
 * turns what a person submitted into a typed value or a bilingual problem naming the question.
 * Nothing a person typed is dropped: a bad answer is kept as typed next to its problem.
 */
import type { Bilingual, CellLocation } from "../i18n";
import { both, format } from "../i18n";
import type { FieldValue, Problem } from "./model";

export type QuestionKind = "text" | "paragraph" | "number" | "integer" | "money" | "percent" | "date" | "yesno" | "choice" | "source" | "email";

/** Sheets whose rows fill a dropdown: the key column is what the answer stores. */
export type ChoiceSource = "people" | "regions" | "products" | "customers" | "dealers" | "promotions";

export interface ChoiceOption {
  readonly value: string;
  readonly label: Bilingual;
}

export interface Question {
  readonly key: string;
  readonly title: Bilingual;
  readonly help?: Bilingual;
  readonly kind: QuestionKind;
  readonly required: boolean;
  readonly min?: number;
  readonly max?: number;
  readonly maxLength?: number;
  /** A regular expression the text must match, with an example to show. */
  readonly pattern?: { readonly regex: string; readonly example: string };
  readonly choices?: readonly ChoiceOption[];
  readonly source?: ChoiceSource;
}

/** The sheet and key column behind each choice source. */
export const CHOICE_SOURCES: Readonly<Record<ChoiceSource, { readonly sheet: string; readonly keyColumn: string; readonly label: Bilingual }>> = {
  people: { sheet: "people", keyColumn: "email", label: { zh: "人员", en: "People" } },
  regions: { sheet: "regions", keyColumn: "code", label: { zh: "区域", en: "Regions" } },
  products: { sheet: "products", keyColumn: "sku", label: { zh: "产品", en: "Products" } },
  customers: { sheet: "customers", keyColumn: "id", label: { zh: "客户", en: "Customers" } },
  dealers: { sheet: "dealers", keyColumn: "id", label: { zh: "经销商", en: "Dealers" } },
  promotions: { sheet: "promotions", keyColumn: "id", label: { zh: "促销活动", en: "Promotions" } },
};

/** Keys known in each source sheet; a source left out is not checked. */
export type Lookups = Partial<Readonly<Record<ChoiceSource, ReadonlySet<string>>>>;

const CHOICE_SEPARATOR = " · ";

/**
 * The text of a dropdown choice filled from a sheet: the key first, then its name.
 * @example choiceText("EAST", "华东 East") → "EAST · 华东 East"
 */
export function choiceText(key: string, label: string): string {
  return label.trim() === "" ? key : `${key}${CHOICE_SEPARATOR}${label.trim()}`;
}

/** The key of a choice as `choiceText` wrote it (or a bare key typed by hand). */
export function choiceKey(text: string): string {
  const at = text.indexOf(CHOICE_SEPARATOR);
  return (at < 0 ? text : text.slice(0, at)).trim();
}

/** The title a form shows: both languages, Chinese first. */
export function questionTitle(question: Pick<Question, "title">): string {
  return both(question.title);
}

const YES: Bilingual = { zh: "是", en: "Yes" };
const NO: Bilingual = { zh: "否", en: "No" };

/** What FormApp builds for a question (the local host's FormApp models the same item types). */
export interface FormItemSpec {
  readonly key: string;
  readonly type: "TEXT" | "PARAGRAPH_TEXT" | "LIST" | "MULTIPLE_CHOICE" | "DATE";
  readonly title: string;
  readonly helpText: string;
  readonly required: boolean;
  /** Fixed choices; empty for a sheet-filled list (see `source`). */
  readonly choices: readonly string[];
  readonly source: ChoiceSource | null;
  readonly validation: {
    readonly rule: "number" | "integer" | "numberGreaterThanOrEqualTo" | "numberBetween" | "email" | "lengthLessThanOrEqualTo";
    readonly a?: number;
    readonly b?: number;
    readonly helpText: string;
  } | null;
}

function numberValidation(q: Question): FormItemSpec["validation"] {
  const help = both({ zh: "请填写数字", en: "Enter a number" });
  if (q.min !== undefined && q.max !== undefined) return { rule: "numberBetween", a: q.min, b: q.max, helpText: `${help} (${q.min}–${q.max})` };
  if (q.min !== undefined) return { rule: "numberGreaterThanOrEqualTo", a: q.min, helpText: `${help} (≥ ${q.min})` };
  return { rule: q.kind === "integer" ? "integer" : "number", helpText: help };
}

/**
 * The form item of a question: text items carry Forms' own validation where Forms has one
 * (https://developers.google.com/apps-script/reference/forms/text-validation-builder), choices
 * are "中文 / English", and sheet-filled lists get their choices from the installer.
 * https://developers.google.com/apps-script/reference/forms/form#addListItem()
 * https://developers.google.com/apps-script/reference/forms/form#addDateItem()
 */
export function formItem(q: Question): FormItemSpec {
  const base = { key: q.key, title: questionTitle(q), helpText: q.help ? both(q.help) : "", required: q.required, source: null };
  switch (q.kind) {
    case "paragraph":
      return { ...base, type: "PARAGRAPH_TEXT", choices: [], validation: q.maxLength === undefined ? null : { rule: "lengthLessThanOrEqualTo", a: q.maxLength, helpText: `≤ ${q.maxLength}` } };
    case "number":
    case "integer":
    case "money":
    case "percent":
      return { ...base, type: "TEXT", choices: [], validation: numberValidation(q) };
    case "email":
      return { ...base, type: "TEXT", choices: [], validation: { rule: "email", helpText: both({ zh: "请填写邮箱", en: "Enter an email address" }) } };
    case "date":
      return { ...base, type: "DATE", choices: [], validation: null };
    case "yesno":
      return { ...base, type: "MULTIPLE_CHOICE", choices: [both(YES), both(NO)], validation: null };
    case "choice":
      return { ...base, type: "MULTIPLE_CHOICE", choices: (q.choices ?? []).map((c) => both(c.label)), validation: null };
    case "source":
      return { ...base, type: "LIST", choices: [], source: q.source ?? null, validation: null };
    case "text":
      return { ...base, type: "TEXT", choices: [], validation: q.maxLength === undefined ? null : { rule: "lengthLessThanOrEqualTo", a: q.maxLength, helpText: `≤ ${q.maxLength}` } };
  }
}

/** A read answer: the typed value (null when blank or bad), the text as given, and any problem. */
export interface ReadAnswer {
  readonly value: FieldValue;
  readonly typed: string;
  readonly problem: Problem | null;
}

/** An answer as a form or a test hands it over. */
export type AnswerInput = string | number | boolean | readonly string[] | null | undefined;

function typedText(raw: AnswerInput): string {
  if (raw === null || raw === undefined) return "";
  if (typeof raw === "string") return raw.trim();
  if (typeof raw === "number" || typeof raw === "boolean") return String(raw);
  return raw.join(", ").trim();
}

const M = {
  required: { zh: "「{q}」必须填写", en: "\"{q}\" is required" },
  notNumber: { zh: "「{q}」须为数字,收到「{v}」", en: "\"{q}\" must be a number, got \"{v}\"" },
  notInteger: { zh: "「{q}」须为整数,收到「{v}」", en: "\"{q}\" must be a whole number, got \"{v}\"" },
  tooSmall: { zh: "「{q}」不能小于 {min},收到 {v}", en: "\"{q}\" must be at least {min}, got {v}" },
  tooLarge: { zh: "「{q}」不能大于 {max},收到 {v}", en: "\"{q}\" must be at most {max}, got {v}" },
  notDate: { zh: "「{q}」须为日期,如 2026-11-02,收到「{v}」", en: "\"{q}\" must be a date such as 2026-11-02, got \"{v}\"" },
  notChoice: { zh: "「{q}」须为以下之一:{choices},收到「{v}」", en: "\"{q}\" must be one of: {choices}; got \"{v}\"" },
  unknownRef: { zh: "「{q}」的「{v}」不在「{sheet}」表中,请先在该表登记或重新选择", en: "\"{q}\": \"{v}\" is not in the {sheetEn} sheet; add it there first or pick another" },
  tooLong: { zh: "「{q}」最多 {max} 个字,现有 {n} 个", en: "\"{q}\" takes at most {max} characters, got {n}" },
  pattern: { zh: "「{q}」格式不对,应如「{example}」,收到「{v}」", en: "\"{q}\" should look like \"{example}\", got \"{v}\"" },
  notEmail: { zh: "「{q}」须为邮箱地址,收到「{v}」", en: "\"{q}\" must be an email address, got \"{v}\"" },
} as const;

/** A problem about question `q` (`{q}` in the text becomes its title), at the responses sheet's cell when known. */
export function answerProblem(q: Pick<Question, "key" | "title">, code: string, text: Bilingual, values: Readonly<Record<string, string | number>>, at?: CellLocation): Problem {
  const filled: Bilingual = { zh: text.zh.split("{q}").join(q.title.zh), en: text.en.split("{q}").join(q.title.en) };
  const out = format(filled, values);
  return at ? { code, text: out, question: q.key, at: { ...at, column: questionTitle(q) } } : { code, text: out, question: q.key };
}

const NUMBER_TEXT = /^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$/;
const DATE_TEXT = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T].*)?$/;

function readNumber(text: string): number | null {
  const cleaned = text.replace(/^[¥￥]\s*/, "").replace(/\s*(元|yuan|%)$/i, "").trim();
  return NUMBER_TEXT.test(cleaned) ? Number(cleaned.replace(/,/g, "")) : null;
}

function readDate(text: string): string | null {
  const m = DATE_TEXT.exec(text);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const check = new Date(Date.UTC(y, mo - 1, d));
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, "0")}-${String(mo).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

function matches(text: string, option: Bilingual & { value?: string }): boolean {
  const t = text.toLowerCase();
  return [both(option), option.zh, option.en, option.value ?? ""].some((s) => s !== "" && s.toLowerCase() === t);
}

/**
 * Reads one answer against its question.
 * @example readAnswer(quantity, "1,200") → { value: 1200, typed: "1,200", problem: null }
 */
export function readAnswer(q: Question, raw: AnswerInput, lookups: Lookups = {}, at?: CellLocation): ReadAnswer {
  const typed = typedText(raw);
  const fail = (code: string, text: Bilingual, values: Readonly<Record<string, string | number>> = {}): ReadAnswer => ({
    value: null,
    typed,
    problem: answerProblem(q, code, text, { v: typed, ...values }, at),
  });
  if (typed === "") {
    if (q.kind === "yesno" && !q.required) return { value: false, typed, problem: null };
    return q.required ? fail("ANSWER_REQUIRED", M.required) : { value: null, typed, problem: null };
  }
  switch (q.kind) {
    case "text":
    case "paragraph": {
      if (q.maxLength !== undefined && typed.length > q.maxLength) return fail("ANSWER_TOO_LONG", M.tooLong, { max: q.maxLength, n: typed.length });
      if (q.pattern && !new RegExp(q.pattern.regex).test(typed)) return fail("ANSWER_PATTERN", M.pattern, { example: q.pattern.example });
      return { value: typed, typed, problem: null };
    }
    case "email":
      return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(typed) ? { value: typed.toLowerCase(), typed, problem: null } : fail("ANSWER_NOT_EMAIL", M.notEmail);
    case "number":
    case "integer":
    case "money":
    case "percent": {
      const n = typeof raw === "number" ? raw : readNumber(typed);
      if (n === null || !Number.isFinite(n)) return fail("ANSWER_NOT_NUMBER", M.notNumber);
      if (q.kind === "integer" && !Number.isInteger(n)) return fail("ANSWER_NOT_INTEGER", M.notInteger);
      if (q.min !== undefined && n < q.min) return fail("ANSWER_TOO_SMALL", M.tooSmall, { min: q.min });
      if (q.max !== undefined && n > q.max) return fail("ANSWER_TOO_LARGE", M.tooLarge, { max: q.max });
      return { value: q.kind === "percent" ? n / 100 : n, typed, problem: null };
    }
    case "date": {
      const d = readDate(typed);
      return d === null ? fail("ANSWER_NOT_DATE", M.notDate) : { value: d, typed, problem: null };
    }
    case "yesno": {
      if (raw === true || matches(typed, { ...YES, value: "true" }) || /^(y|yes|是|true|1)$/i.test(typed)) return { value: true, typed, problem: null };
      if (raw === false || matches(typed, { ...NO, value: "false" }) || /^(n|no|否|false|0)$/i.test(typed)) return { value: false, typed, problem: null };
      return fail("ANSWER_NOT_CHOICE", M.notChoice, { choices: `${both(YES)}, ${both(NO)}` });
    }
    case "choice": {
      const option = (q.choices ?? []).find((c) => matches(typed, { ...c.label, value: c.value }));
      return option ? { value: option.value, typed, problem: null } : fail("ANSWER_NOT_CHOICE", M.notChoice, { choices: (q.choices ?? []).map((c) => both(c.label)).join(", ") });
    }
    case "source": {
      const key = choiceKey(typed);
      const source = q.source;
      const known = source ? lookups[source] : undefined;
      const normal = source === "people" ? key.toLowerCase() : key;
      if (source && known && !known.has(normal)) {
        return fail("ANSWER_UNKNOWN_REF", M.unknownRef, { sheet: CHOICE_SOURCES[source].label.zh, sheetEn: CHOICE_SOURCES[source].label.en });
      }
      return { value: normal, typed, problem: null };
    }
  }
}

/** The key of the question a form title (or a key typed by hand) names, if any. */
export function questionKeyOf(questions: readonly Question[], title: string): string | undefined {
  const t = title.replace(/\s+/g, " ").trim().toLowerCase();
  const found = questions.find((q) => [q.key, questionTitle(q), q.title.zh, q.title.en].some((s) => s.replace(/\s+/g, " ").trim().toLowerCase() === t));
  return found?.key;
}
