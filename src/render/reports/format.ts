/**
 * How report numbers and labels read: money to the cent as the sheet's `#,##0.00` shows it (the
 * same `moneyText` the approval emails use), rates as `0.0%` like the scorecards' rate columns,
 * counts as whole numbers, enum values by their template labels (the words people see in the sheet,
 * never the stored key), and bar charts drawn with table cells (email clients drop SVG, images
 * from outside and CSS layout; a `<td>` with a width and a background shows everywhere).
 */
import { moneyText } from "../../core/approvals/notices";
import type { Bilingual, Language } from "../../core/i18n";
import { sheetTemplate } from "../../core/templates/catalog";

export { moneyText };

/** `0.953` → `95.3%`; null → `—`. */
export function rateText(rate: number | null): string {
  if (rate === null || !Number.isFinite(rate)) return "—";
  return `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;
}

/** A count or a score: whole numbers as they are, others with one decimal. */
export function numberText(n: number | null): string {
  if (n === null || !Number.isFinite(n)) return "—";
  return Number.isInteger(n) ? String(n) : (Math.round(n * 10) / 10).toFixed(1);
}

export function pick(text: Bilingual, language: Language): string {
  return language === "en" ? text.en : text.zh;
}

/** The label of an enum value of a template column, as the sheet's dropdown shows it; the value itself if unknown. */
export function enumLabel(sheetKey: string, columnKey: string, value: string): Bilingual {
  const column = sheetTemplate(sheetKey).columns.find((c) => c.key === columnKey);
  const v = column?.validation;
  if (v?.kind === "enum") {
    const option = v.values.find((o) => o.value === value);
    if (option) return option.label;
  }
  return { zh: value, en: value };
}

const BAR_TRACK = "#e8eaed";

/** The colour of a completion rate: green at or above plan, amber from 60 %, red below (SC-03's zero band). */
export function rateColour(rate: number | null): string {
  if (rate === null) return "#9aa0a6";
  if (rate >= 1) return "#188038";
  if (rate >= 0.6) return "#f29900";
  return "#d93025";
}

/**
 * A horizontal bar of `fraction` (0..1, clamped) as a one-row table: the filled cell's width is
 * the fraction, the rest is the track. Widths are whole percent; an empty side is left out.
 */
export function barHtml(fraction: number, colour: string): string {
  const pct = Math.max(0, Math.min(100, Math.round(fraction * 100)));
  const cell = (width: number, bg: string): string => `<td width="${width}%" height="8" bgcolor="${bg}" style="background:${bg};font-size:1px;line-height:8px">&nbsp;</td>`;
  const cells = (pct > 0 ? cell(pct, colour) : "") + (pct < 100 ? cell(100 - pct, BAR_TRACK) : "");
  return `<table role="presentation" cellpadding="0" cellspacing="0" width="100%" style="min-width:48px"><tr>${cells}</tr></table>`;
}
