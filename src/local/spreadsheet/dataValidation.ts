/**
 * DataValidationBuilder and DataValidation
 * (https://developers.google.com/apps-script/reference/spreadsheet/data-validation-builder,
 * https://developers.google.com/apps-script/reference/spreadsheet/data-validation): dropdowns from a
 * list or a range, number and date criteria, checkboxes, with allowInvalid and help text. A built
 * rule is an immutable DataValidationRule shared by every cell it is set on.
 */
import { isDate } from "../emulation";
import type { CriterionValue, DataValidationCriteria, DataValidationRule, SheetRect } from "./cells";
import type { SheetsContext } from "./context";
import { Emulated, implOf, signatureError } from "./handles";
import { asText } from "./numberFormat";
import { RangeImpl } from "./range";

function isSheetRect(value: unknown): value is SheetRect {
  return typeof value === "object" && value !== null && "sheetName" in value && "rect" in value;
}

/** Criterion values as Apps Script returns them: a Range object for a range criterion. */
function criteriaValuesOut(ctx: SheetsContext, rule: DataValidationRule): unknown[] {
  return rule.values.map((v) => {
    if (isSheetRect(v)) {
      const sheet = ctx.book.sheet(v.sheetName);
      return sheet ? ctx.range(sheet, v.rect) : null;
    }
    return Array.isArray(v) ? [...(v as readonly string[])] : v;
  });
}

export class DataValidationBuilderImpl extends Emulated {
  readonly _ctx: SheetsContext;
  private _criteria: DataValidationCriteria | undefined;
  private _values: CriterionValue[] = [];
  private _allowInvalid = true;
  private _helpText: string | null = null;

  constructor(ctx: SheetsContext, from?: DataValidationRule) {
    super();
    this._ctx = ctx;
    if (from) {
      this._criteria = from.criteria;
      this._values = [...from.values];
      this._allowInvalid = from.allowInvalid;
      this._helpText = from.helpText;
    }
  }

  private _set(criteria: DataValidationCriteria, values: CriterionValue[]): this {
    this._criteria = criteria;
    this._values = values;
    return this._self;
  }

  private static _number(method: string, value: unknown): number {
    if (typeof value !== "number" || !Number.isFinite(value)) throw signatureError(`DataValidationBuilder.${method}`, [value]);
    return value;
  }

  /** https://developers.google.com/apps-script/reference/spreadsheet/data-validation-builder#requireValueInList(String,Boolean) */
  requireValueInList(values: unknown, showDropdown: unknown = true): this {
    if (!Array.isArray(values)) throw signatureError("DataValidationBuilder.requireValueInList", [values]);
    return this._set("VALUE_IN_LIST", [(values as unknown[]).map(asText), showDropdown !== false]);
  }

  /** https://developers.google.com/apps-script/reference/spreadsheet/data-validation-builder#requireValueInRange(Range,Boolean) */
  requireValueInRange(range: unknown, showDropdown: unknown = true): this {
    const impl = implOf(range, RangeImpl);
    if (!impl) throw signatureError("DataValidationBuilder.requireValueInRange", [range]);
    return this._set("VALUE_IN_RANGE", [{ sheetName: impl._sheet.name, rect: impl._rect }, showDropdown !== false]);
  }

  requireNumberBetween(start: unknown, end: unknown): this {
    return this._set("NUMBER_BETWEEN", [DataValidationBuilderImpl._number("requireNumberBetween", start), DataValidationBuilderImpl._number("requireNumberBetween", end)]);
  }

  requireNumberGreaterThan(number: unknown): this {
    return this._set("NUMBER_GREATER_THAN", [DataValidationBuilderImpl._number("requireNumberGreaterThan", number)]);
  }

  requireNumberGreaterThanOrEqualTo(number: unknown): this {
    return this._set("NUMBER_GREATER_THAN_OR_EQUAL_TO", [DataValidationBuilderImpl._number("requireNumberGreaterThanOrEqualTo", number)]);
  }

  requireNumberLessThanOrEqualTo(number: unknown): this {
    return this._set("NUMBER_LESS_THAN_OR_EQUAL_TO", [DataValidationBuilderImpl._number("requireNumberLessThanOrEqualTo", number)]);
  }

  /** https://developers.google.com/apps-script/reference/spreadsheet/data-validation-builder#requireDate() */
  requireDate(): this {
    return this._set("DATE_IS_VALID_DATE", []);
  }

  /** https://developers.google.com/apps-script/reference/spreadsheet/data-validation-builder#requireTextIsEmail() */
  requireTextIsEmail(): this {
    return this._set("TEXT_IS_VALID_EMAIL", []);
  }

  /** https://developers.google.com/apps-script/reference/spreadsheet/data-validation-builder#requireCheckbox(Object,Object) */
  requireCheckbox(checkedValue?: unknown, uncheckedValue?: unknown): this {
    if (checkedValue === undefined) return this._set("CHECKBOX", []);
    const scalar = (v: unknown): string | number | boolean => (typeof v === "number" || typeof v === "boolean" ? v : isDate(v) ? v.toISOString() : asText(v));
    return this._set("CHECKBOX", uncheckedValue === undefined ? [scalar(checkedValue)] : [scalar(checkedValue), scalar(uncheckedValue)]);
  }

  setAllowInvalid(allowInvalidData: unknown): this {
    if (typeof allowInvalidData !== "boolean") throw signatureError("DataValidationBuilder.setAllowInvalid", [allowInvalidData]);
    this._allowInvalid = allowInvalidData;
    return this._self;
  }

  setHelpText(helpText: unknown): this {
    this._helpText = helpText === null || helpText === undefined ? null : asText(helpText);
    return this._self;
  }

  getCriteriaType(): string | null {
    return this._criteria ?? null;
  }

  getCriteriaValues(): unknown[] {
    if (!this._criteria) return this._ctx.toBundle([]);
    return this._ctx.toBundle(criteriaValuesOut(this._ctx, { criteria: this._criteria, values: this._values, allowInvalid: this._allowInvalid, helpText: this._helpText }));
  }

  getAllowInvalid(): boolean {
    return this._allowInvalid;
  }

  getHelpText(): string | null {
    return this._helpText;
  }

  build(): object {
    if (!this._criteria) throw new Error("A data validation rule needs a criterion (for example requireValueInList) before build().");
    return this._ctx.dataValidation({ criteria: this._criteria, values: [...this._values], allowInvalid: this._allowInvalid, helpText: this._helpText });
  }
}

export class DataValidationImpl extends Emulated {
  readonly _ctx: SheetsContext;
  readonly _rule: DataValidationRule;

  constructor(ctx: SheetsContext, rule: DataValidationRule) {
    super();
    this._ctx = ctx;
    this._rule = rule;
  }

  /** https://developers.google.com/apps-script/reference/spreadsheet/data-validation#getCriteriaType() */
  getCriteriaType(): string {
    return this._rule.criteria;
  }

  getCriteriaValues(): unknown[] {
    return this._ctx.toBundle(criteriaValuesOut(this._ctx, this._rule));
  }

  getAllowInvalid(): boolean {
    return this._rule.allowInvalid;
  }

  getHelpText(): string | null {
    return this._rule.helpText;
  }

  copy(): object {
    return this._ctx.dataValidationBuilder(this._rule);
  }
}
