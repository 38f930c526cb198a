/**
 * Bilingual text (zh-CN / en) and the error a user can cause.
 *
 * Every user-facing string is a `Bilingual` pair. Modules keep their own catalogue of pairs next to
 * the rules that use them (one rule, one module); this file holds the shape, the language choice
 * and `UserError`, which carries a stable code, both languages and where to fix it.
 */

export type Language = "zh-CN" | "en";

export interface Bilingual {
  readonly zh: string;
  readonly en: string;
}

/** Both languages in one string, Chinese first: `目标须大于0 / target must be > 0`. */
export function both(text: Bilingual): string {
  return `${text.zh} / ${text.en}`;
}

/** The text in one language. */
export function pick(text: Bilingual, language: Language): string {
  return language === "en" ? text.en : text.zh;
}

/** Fills `{name}` placeholders in both languages. */
export function format(text: Bilingual, values: Readonly<Record<string, string | number>>): Bilingual {
  const fill = (s: string): string => s.replace(/\{(\w+)\}/g, (m, key: string) => (key in values ? String(values[key]) : m));
  return { zh: fill(text.zh), en: fill(text.en) };
}

/** Where in the workbook a user should look: sheet, 1-based row, column key or header. */
export interface CellLocation {
  readonly sheet: string;
  readonly row?: number;
  readonly column?: string;
}

function describeLocation(at: CellLocation): Bilingual {
  const zh = [`工作表「${at.sheet}」`, at.row !== undefined ? `第 ${at.row} 行` : "", at.column !== undefined ? `列「${at.column}」` : ""];
  const en = [`sheet "${at.sheet}"`, at.row !== undefined ? `row ${at.row}` : "", at.column !== undefined ? `column "${at.column}"` : ""];
  return { zh: zh.filter(Boolean).join(" "), en: en.filter(Boolean).join(", ") };
}

/**
 * An error the user caused and can fix: a stable `code` (tests pin it), the message in both
 * languages, and optionally where. `message` is the bilingual text, location included.
 */
export class UserError extends Error {
  readonly code: string;
  readonly text: Bilingual;
  readonly at: CellLocation | undefined;

  constructor(code: string, text: Bilingual, at?: CellLocation) {
    const full = at ? withLocation(text, at) : text;
    super(both(full));
    this.name = "UserError";
    this.code = code;
    this.text = full;
    this.at = at;
  }
}

function withLocation(text: Bilingual, at: CellLocation): Bilingual {
  const where = describeLocation(at);
  return { zh: `${where.zh}:${text.zh}`, en: `${where.en}: ${text.en}` };
}
