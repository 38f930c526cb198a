/**
 * The plain data the local spreadsheet is made of: a cell (constant or formula, number format,
 * note, validation, style), data-validation rules, conditional-format rules and protections as
 * values. The Apps Script classes (range.ts, dataValidation.ts, …) are views over these; the
 * .xlsx sidecar stores them as JSON, so every field here is JSON-friendly.
 */
import type { GridRect } from "./a1";
import type { Scalar } from "./numberFormat";

export interface CellStyle {
  readonly bold?: boolean;
  /** `#rrggbb`, lower case, as Range.getBackground returns it. */
  readonly background?: string;
  readonly fontColor?: string;
  readonly horizontalAlignment?: "left" | "center" | "right" | "general";
  readonly wrap?: boolean;
}

/**
 * One cell. A constant lives in `value` (dates as serial numbers under a date format); a formula in
 * `formula`, Sheets text with its leading `=`. A cell never has both.
 */
export interface Cell {
  value?: Scalar;
  formula?: string;
  format?: string;
  note?: string;
  validation?: DataValidationRule;
  style?: CellStyle;
  /** Links over parts of a text constant (Range.setRichTextValue); offsets 0-based, end exclusive. */
  links?: readonly CellLink[];
}

/** A link over `text.slice(start, end)` of a cell's text (RichTextValueBuilder.setLinkUrl). */
export interface CellLink {
  readonly start: number;
  readonly end: number;
  readonly url: string;
}

/** A range on a named sheet, as validations, protections, named ranges and rules refer to one. */
export interface SheetRect {
  readonly sheetName: string;
  readonly rect: GridRect;
}

/** https://developers.google.com/apps-script/reference/spreadsheet/data-validation-criteria */
export type DataValidationCriteria =
  | "VALUE_IN_LIST"
  | "VALUE_IN_RANGE"
  | "NUMBER_BETWEEN"
  | "NUMBER_GREATER_THAN"
  | "NUMBER_GREATER_THAN_OR_EQUAL_TO"
  | "NUMBER_LESS_THAN_OR_EQUAL_TO"
  | "DATE_IS_VALID_DATE"
  | "TEXT_IS_VALID_EMAIL"
  | "CHECKBOX";

/** Criterion arguments, JSON-friendly: dates as serials, a source range as a SheetRect. */
export type CriterionValue = string | number | boolean | SheetRect | readonly string[];

/** https://developers.google.com/apps-script/reference/spreadsheet/data-validation */
export interface DataValidationRule {
  readonly criteria: DataValidationCriteria;
  readonly values: readonly CriterionValue[];
  readonly allowInvalid: boolean;
  readonly helpText: string | null;
}

/** https://developers.google.com/apps-script/reference/spreadsheet/boolean-criteria */
export type BooleanCriteria = "TEXT_EQUAL_TO" | "NUMBER_GREATER_THAN_OR_EQUAL_TO" | "NUMBER_LESS_THAN" | "NUMBER_GREATER_THAN" | "NUMBER_EQUAL_TO" | "CUSTOM_FORMULA";

/** https://developers.google.com/apps-script/reference/spreadsheet/conditional-format-rule */
export interface ConditionalFormatRuleData {
  readonly ranges: readonly SheetRect[];
  readonly criteria: BooleanCriteria;
  readonly values: readonly (string | number)[];
  readonly background: string | null;
  readonly fontColor: string | null;
  readonly bold: boolean | null;
}

/** https://developers.google.com/apps-script/reference/spreadsheet/protection */
export interface ProtectionData {
  readonly id: number;
  readonly type: "SHEET" | "RANGE";
  sheetName: string;
  /** The protected cells; for a sheet protection the whole sheet (resolved when checked). */
  rect: GridRect | undefined;
  /**
   * The range was open-ended (`C2:C`, `C:C`, `2:2`): it runs to the sheet's last row (column) as
   * the sheet is now, so rows added at the bottom later are covered too. Google keeps such a range
   * unbounded ("Missing indexes indicate the range is unbounded on that side", GridRange:
   * https://developers.google.com/sheets/api/reference/rest/v4/other#GridRange); a bounded range
   * (`getRange(2, 3, 999, 1)`) does not grow when rows are inserted after its last row.
   */
  openEnd?: { readonly rows: boolean; readonly columns: boolean };
  description: string;
  /** `undefined` until a script changes editors: the protection then mirrors the spreadsheet's editors. */
  editors: string[] | undefined;
  warningOnly: boolean;
  domainEdit: boolean;
  unprotected: GridRect[];
}

export interface NamedRangeData {
  readonly name: string;
  readonly target: SheetRect;
}

/**
 * An embedded chart as the local host records it (https://developers.google.com/apps-script/reference/spreadsheet/embedded-chart):
 * its id, type, data ranges, anchor cell with pixel offsets, header rows and options. Kept in the
 * sidecar; the .xlsx does not carry charts.
 */
export interface ChartData {
  readonly chartId: number;
  /** Charts.ChartType name: COLUMN, BAR, PIE, LINE, AREA, SCATTER, TABLE, COMBO, HISTOGRAM. */
  readonly type: string;
  readonly ranges: readonly SheetRect[];
  readonly position: { readonly anchorRow: number; readonly anchorColumn: number; readonly offsetX: number; readonly offsetY: number };
  /** -1 = Sheets decides (the default). */
  readonly numHeaders: number;
  readonly options: Readonly<Record<string, string | number | boolean>>;
}
