/**
 * Conditional formatting (https://developers.google.com/apps-script/reference/spreadsheet/conditional-format-rule-builder,
 * https://developers.google.com/apps-script/reference/spreadsheet/conditional-format-rule,
 * https://developers.google.com/apps-script/reference/spreadsheet/boolean-condition): rules with a
 * text-equals, number-comparison or custom-formula condition, a background, font colour or bold
 * format, over ranges. Rules are stored per sheet (Sheet.setConditionalFormatRules replaces them)
 * and written to the .xlsx file; the local host does not paint cells with them.
 */
import type { BooleanCriteria, ConditionalFormatRuleData, SheetRect } from "./cells";
import type { SheetsContext } from "./context";
import { Emulated, implOf, normalizeColor, signatureError } from "./handles";
import { RangeImpl } from "./range";

export class ConditionalFormatRuleBuilderImpl extends Emulated {
  readonly _ctx: SheetsContext;
  private _ranges: SheetRect[] = [];
  private _criteria: BooleanCriteria | undefined;
  private _values: (string | number)[] = [];
  private _background: string | null = null;
  private _fontColor: string | null = null;
  private _bold: boolean | null = null;

  constructor(ctx: SheetsContext, from?: ConditionalFormatRuleData) {
    super();
    this._ctx = ctx;
    if (from) {
      this._ranges = [...from.ranges];
      this._criteria = from.criteria;
      this._values = [...from.values];
      this._background = from.background;
      this._fontColor = from.fontColor;
      this._bold = from.bold;
    }
  }

  private _when(criteria: BooleanCriteria, values: (string | number)[]): this {
    this._criteria = criteria;
    this._values = values;
    return this._self;
  }

  private static _number(method: string, value: unknown): number {
    if (typeof value !== "number" || !Number.isFinite(value)) throw signatureError(`ConditionalFormatRuleBuilder.${method}`, [value]);
    return value;
  }

  whenTextEqualTo(text: unknown): this {
    return this._when("TEXT_EQUAL_TO", [String(text)]);
  }

  whenNumberGreaterThanOrEqualTo(number: unknown): this {
    return this._when("NUMBER_GREATER_THAN_OR_EQUAL_TO", [ConditionalFormatRuleBuilderImpl._number("whenNumberGreaterThanOrEqualTo", number)]);
  }

  whenNumberGreaterThan(number: unknown): this {
    return this._when("NUMBER_GREATER_THAN", [ConditionalFormatRuleBuilderImpl._number("whenNumberGreaterThan", number)]);
  }

  whenNumberLessThan(number: unknown): this {
    return this._when("NUMBER_LESS_THAN", [ConditionalFormatRuleBuilderImpl._number("whenNumberLessThan", number)]);
  }

  whenNumberEqualTo(number: unknown): this {
    return this._when("NUMBER_EQUAL_TO", [ConditionalFormatRuleBuilderImpl._number("whenNumberEqualTo", number)]);
  }

  /** https://developers.google.com/apps-script/reference/spreadsheet/conditional-format-rule-builder#whenFormulaSatisfied(String) */
  whenFormulaSatisfied(formula: unknown): this {
    if (typeof formula !== "string") throw signatureError("ConditionalFormatRuleBuilder.whenFormulaSatisfied", [formula]);
    return this._when("CUSTOM_FORMULA", [formula]);
  }

  setBackground(color: unknown): this {
    this._background = typeof color === "string" && color !== "" ? normalizeColor(color) : null;
    return this._self;
  }

  setFontColor(color: unknown): this {
    this._fontColor = typeof color === "string" && color !== "" ? normalizeColor(color) : null;
    return this._self;
  }

  setBold(bold: unknown): this {
    this._bold = bold === null || bold === undefined ? null : Boolean(bold);
    return this._self;
  }

  setRanges(ranges: unknown): this {
    if (!Array.isArray(ranges)) throw signatureError("ConditionalFormatRuleBuilder.setRanges", [ranges]);
    this._ranges = (ranges as unknown[]).map((r) => {
      const impl = implOf(r, RangeImpl);
      if (!impl) throw signatureError("ConditionalFormatRuleBuilder.setRanges", [ranges]);
      return { sheetName: impl._sheet.name, rect: impl._rect };
    });
    return this._self;
  }

  getRanges(): object[] {
    return this._ctx.toBundle(rangesOut(this._ctx, this._ranges));
  }

  build(): object {
    if (!this._criteria) throw new Error("A conditional format rule needs a condition (for example whenTextEqualTo) before build().");
    return this._ctx.conditionalFormatRule({
      ranges: [...this._ranges],
      criteria: this._criteria,
      values: [...this._values],
      background: this._background,
      fontColor: this._fontColor,
      bold: this._bold,
    });
  }
}

function rangesOut(ctx: SheetsContext, ranges: readonly SheetRect[]): object[] {
  const out: object[] = [];
  for (const r of ranges) {
    const sheet = ctx.book.sheet(r.sheetName);
    if (sheet) out.push(ctx.range(sheet, r.rect));
  }
  return out;
}

export class ConditionalFormatRuleImpl extends Emulated {
  readonly _ctx: SheetsContext;
  readonly _data: ConditionalFormatRuleData;

  constructor(ctx: SheetsContext, data: ConditionalFormatRuleData) {
    super();
    this._ctx = ctx;
    this._data = data;
  }

  getRanges(): object[] {
    return this._ctx.toBundle(rangesOut(this._ctx, this._data.ranges));
  }

  getBooleanCondition(): object {
    return this._ctx.booleanCondition(this._data);
  }

  copy(): object {
    return this._ctx.conditionalFormatRuleBuilder(this._data);
  }
}

export class BooleanConditionImpl extends Emulated {
  readonly _ctx: SheetsContext;
  readonly _data: ConditionalFormatRuleData;

  constructor(ctx: SheetsContext, data: ConditionalFormatRuleData) {
    super();
    this._ctx = ctx;
    this._data = data;
  }

  getCriteriaType(): string {
    return this._data.criteria;
  }

  getCriteriaValues(): unknown[] {
    return this._ctx.toBundle([...this._data.values]);
  }

  getBackground(): string | null {
    return this._data.background;
  }

  getFontColor(): string | null {
    return this._data.fontColor;
  }

  getBold(): boolean | null {
    return this._data.bold;
  }
}
