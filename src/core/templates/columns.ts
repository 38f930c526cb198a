/**
 * The column resolver: finds each template column in a sheet's header row by what a person may have
 * written there, so code reads tables by key and never by position (architecture rule 5). A header
 * cell matches a column when it reads, ignoring case and spacing, as the bilingual header
 * (`邮箱 / Email`, also `邮箱 Email` or `邮箱/Email`), either language alone (`邮箱`, `Email`) or
 * the stable key (`email`). Users may therefore reorder columns, rename a header to one language and
 * add columns of their own; a required column that is missing is a `UserError` naming the sheet and
 * the column in both languages.
 */
import { UserError } from "../i18n";
import type { Bilingual } from "../i18n";
import type { ColumnTemplate, SheetTemplate } from "./types";

/** What row 1 shows for a column: `中文 / English`. */
export function headerText(column: Pick<ColumnTemplate, "header">): string {
  return `${column.header.zh} / ${column.header.en}`;
}

/** Header text reduced to what matters for matching: case, spacing and slash width ignored. */
export function normalizeHeader(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .replace(/\s*\/\s*/g, "/")
    .trim();
}

/** Every spelling that identifies `column` in a header cell, normalized. */
export function headerSpellings(column: Pick<ColumnTemplate, "key" | "header">): string[] {
  const { zh, en } = column.header;
  const forms = [`${zh} / ${en}`, `${en} / ${zh}`, `${zh} ${en}`, zh, en, column.key];
  return [...new Set(forms.map(normalizeHeader))];
}

function cellText(cell: unknown): string {
  if (typeof cell === "string") return cell;
  if (typeof cell === "number" || typeof cell === "boolean") return String(cell);
  return "";
}

/** The outcome of matching a header row, without judging it. Positions are 0-based. */
export interface HeaderMatch {
  readonly found: ReadonlyMap<string, number>;
  /** Template columns that appear more than once, with every position. */
  readonly duplicates: ReadonlyMap<string, readonly number[]>;
  /** Non-empty header cells that match no template column: the user's own columns. */
  readonly extra: readonly { readonly index: number; readonly header: string }[];
  /** Number of cells up to and including the last non-empty header cell. */
  readonly width: number;
}

/** Matches a header row against a sheet template, leniently: nothing is required here. */
export function matchHeader(headerRow: readonly unknown[], sheet: Pick<SheetTemplate, "columns">): HeaderMatch {
  const keyBySpelling = new Map<string, string>();
  for (const column of sheet.columns) {
    for (const spelling of headerSpellings(column)) if (!keyBySpelling.has(spelling)) keyBySpelling.set(spelling, column.key);
  }
  const found = new Map<string, number>();
  const positions = new Map<string, number[]>();
  const extra: { index: number; header: string }[] = [];
  let width = 0;
  headerRow.forEach((cell, index) => {
    const text = cellText(cell).trim();
    if (text === "") return;
    width = index + 1;
    const key = keyBySpelling.get(normalizeHeader(text));
    if (key === undefined) {
      extra.push({ index, header: text });
      return;
    }
    const seen = positions.get(key);
    if (seen) seen.push(index);
    else {
      positions.set(key, [index]);
      found.set(key, index);
    }
  });
  const duplicates = new Map([...positions].filter(([, at]) => at.length > 1));
  return { found, duplicates, extra, width };
}

const MISSING_COLUMN: Bilingual = {
  zh: "缺少这一必需的列,请在第 1 行加上它的标题(中文、英文或两者均可)",
  en: "this required column is missing: add its header to row 1 (in Chinese, English or both)",
};
const DUPLICATE_COLUMN: Bilingual = {
  zh: "这一列在第 1 行出现了不止一次,请删除或改名多余的那一列",
  en: "this column appears more than once in row 1: delete or rename the extra one",
};

/** A located column for messages: `邮箱 / Email`. */
function where(sheet: Pick<SheetTemplate, "tabName">, column: ColumnTemplate): { sheet: string; column: string } {
  return { sheet: sheet.tabName, column: headerText(column) };
}

/**
 * Column key → 0-based position in `headerRow`, for every template column present. Throws a
 * `UserError` (`MISSING_COLUMN`) for the first required column that is missing and
 * (`DUPLICATE_COLUMN`) for a template column found twice; optional columns may be absent.
 *
 * @example resolveColumns(["Email", "姓名"], people) → Map { "email" → 0, "name" → 1, … }
 */
export function resolveColumns(headerRow: readonly unknown[], sheet: Pick<SheetTemplate, "tabName" | "columns">): ReadonlyMap<string, number> {
  const match = matchHeader(headerRow, sheet);
  for (const column of sheet.columns) {
    if (match.duplicates.has(column.key)) throw new UserError("DUPLICATE_COLUMN", DUPLICATE_COLUMN, where(sheet, column));
  }
  for (const column of sheet.columns) {
    if (column.required && !match.found.has(column.key)) throw new UserError("MISSING_COLUMN", MISSING_COLUMN, where(sheet, column));
  }
  return match.found;
}
