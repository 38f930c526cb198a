/**
 * When the annual appraisal (年度考核) runs, spec WF-25.1 and SC-27, seed `004_48a5b74466f8c1e3.txt`
 * L264: 「年度考核每年1月1日至1月15日进行,考核年度为1月1日至12月31日」. The window is the Settings value
 * `ANNUAL_WINDOW` (`MM-DD..MM-DD`, default `01-01..01-15`), read on the workbook's calendar; inside
 * it, the year due is the calendar year that just ended (a window that wraps past 31 December, such
 * as `12-20..01-15`, closes the year it starts in). Pure: the day comes in as an argument.
 */
import type { Bilingual } from "../i18n";
import { format } from "../i18n";

export interface AnnualWindow {
  /** Month and day of the first and the last day, inclusive. */
  readonly from: { readonly month: number; readonly day: number };
  readonly to: { readonly month: number; readonly day: number };
  /** The Settings text, as shown in messages. */
  readonly text: string;
}

export const DEFAULT_ANNUAL_WINDOW = "01-01..01-15";

const WINDOW_TEXT = /^\s*(\d{1,2})-(\d{1,2})\s*\.\.\s*(\d{1,2})-(\d{1,2})\s*$/;

export const ANNUAL_WINDOW_UNREADABLE: Bilingual = {
  zh: "设置 ANNUAL_WINDOW「{got}」无法读取:请写成 MM-DD..MM-DD,如 01-01..01-15",
  en: 'Settings ANNUAL_WINDOW "{got}" cannot be read: write it as MM-DD..MM-DD, e.g. 01-01..01-15',
};

function validDay(month: number, day: number): boolean {
  return Number.isInteger(month) && Number.isInteger(day) && month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

/**
 * The window of a Settings value; blank is the default.
 * @example annualWindow("01-01..01-15") → { from: {1,1}, to: {1,15} }; annualWindow("1月") → the problem text
 */
export function annualWindow(value: unknown): AnnualWindow | Bilingual {
  const typed = typeof value === "string" ? value.trim() : typeof value === "number" ? String(value) : "";
  const text = typed === "" ? DEFAULT_ANNUAL_WINDOW : typed;
  const m = WINDOW_TEXT.exec(text);
  const [fm, fd, tm, td] = m ? [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])] : [NaN, NaN, NaN, NaN];
  if (!m || !validDay(fm, fd) || !validDay(tm, td)) return format(ANNUAL_WINDOW_UNREADABLE, { got: text });
  return { from: { month: fm, day: fd }, to: { month: tm, day: td }, text };
}

export function isAnnualWindow(value: AnnualWindow | Bilingual): value is AnnualWindow {
  return "from" in value;
}

const ordinal = (month: number, day: number): number => month * 100 + day;

/**
 * The appraisal year the window says is due on a calendar day, or null outside the window.
 * @example annualYearDue({ year: 2027, month: 1, day: 8 }, annualWindow("01-01..01-15")) → 2026
 * @example annualYearDue({ year: 2027, month: 1, day: 16 }, …) → null
 */
export function annualYearDue(today: { readonly year: number; readonly month: number; readonly day: number }, window: AnnualWindow): number | null {
  const at = ordinal(today.month, today.day);
  const from = ordinal(window.from.month, window.from.day);
  const to = ordinal(window.to.month, window.to.day);
  if (from <= to) return at >= from && at <= to ? today.year - 1 : null;
  // Wraps past 31 December: the part in December closes this year, the part in January last year.
  if (at >= from) return today.year;
  return at <= to ? today.year - 1 : null;
}
