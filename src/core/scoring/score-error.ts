/**
 * The value a scoring rule returns when its input cannot be scored (目标为0, a negative amount,
 * a rating outside its scale): a `ScoreError` carrying a short bilingual text that says what to
 * fix. Rules never throw for input a user typed; the vectoriser turns a `ScoreError` into the cell
 * text `目标须大于0 / target must be > 0` and the other rows are scored as usual. The checks below
 * are the shared wording every rule uses, so the same mistake reads the same in every cell.
 */
import { format } from "../i18n";
import type { Bilingual } from "../i18n";

/** Why one row (or cell) could not be scored, in both languages. */
export interface ScoreError {
  readonly kind: "ScoreError";
  readonly text: Bilingual;
}

/** A `ScoreError` with `{name}` placeholders of `text` filled from `values`. */
export function scoreError(text: Bilingual, values: Readonly<Record<string, string | number>> = {}): ScoreError {
  return { kind: "ScoreError", text: format(text, values) };
}

export function isScoreError(value: unknown): value is ScoreError {
  return typeof value === "object" && value !== null && (value as { kind?: unknown }).kind === "ScoreError";
}

/** The first problem found, or `null` when every check passed. */
export function firstProblem(...checks: readonly (ScoreError | null)[]): ScoreError | null {
  for (const check of checks) if (check) return check;
  return null;
}

/** What a value is called in a message: `{ zh: "目标", en: "target" }`. */
export type Field = Bilingual;

const MUST_BE_POSITIVE: Bilingual = { zh: "{zh}须大于0", en: "{en} must be > 0" };
const MUST_NOT_BE_NEGATIVE: Bilingual = { zh: "{zh}不能为负数", en: "{en} must not be negative" };
const MUST_BE_WHOLE: Bilingual = { zh: "{zh}须为整数", en: "{en} must be a whole number" };
const MUST_BE_BETWEEN: Bilingual = { zh: "{zh}须在{min}到{max}之间", en: "{en} must be between {min} and {max}" };
const MUST_BE_AT_MOST: Bilingual = { zh: "{zh}不能大于{max}", en: "{en} must not exceed {max}" };

function named(field: Field): Record<string, string> {
  return { zh: field.zh, en: field.en };
}

/** `目标须大于0 / target must be > 0` unless `value > 0`. */
export function positive(value: number, field: Field): ScoreError | null {
  return value > 0 ? null : scoreError(MUST_BE_POSITIVE, named(field));
}

/** `金额不能为负数 / amount must not be negative` unless `value ≥ 0`. */
export function nonNegative(value: number, field: Field): ScoreError | null {
  return value >= 0 ? null : scoreError(MUST_NOT_BE_NEGATIVE, named(field));
}

/** `value` is a whole number. */
export function whole(value: number, field: Field): ScoreError | null {
  return Number.isInteger(value) ? null : scoreError(MUST_BE_WHOLE, named(field));
}

/** A count: a whole number ≥ 0. */
export function count(value: number, field: Field): ScoreError | null {
  return firstProblem(nonNegative(value, field), whole(value, field));
}

/** `min ≤ value ≤ max`, with the range in the message. */
export function between(value: number, min: number, max: number, field: Field): ScoreError | null {
  return value >= min && value <= max ? null : scoreError(MUST_BE_BETWEEN, { ...named(field), min, max });
}

/** `value ≤ max`. */
export function atMost(value: number, max: number, field: Field): ScoreError | null {
  return value <= max ? null : scoreError(MUST_BE_AT_MOST, { ...named(field), max });
}
