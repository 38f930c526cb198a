/**
 * The shape of the workbook templates (sheets-templates/*.json), as TypeScript types that mirror
 * `sheets-templates/schema.json` property for property. The JSON files are validated against that
 * schema by a test (ajv, draft 2020-12) and checked for the invariants a schema cannot express by
 * `catalogProblems` in ./catalog; code then reads them through these types. Templates are data
 * (architecture rule 6): sheets, columns with stable keys and bilingual headers, validations,
 * protections, conditional formats, named ranges and seed rows.
 */
import type { Bilingual, Language } from "../i18n";

export type ColumnType =
  | "text"
  | "multiline"
  | "number"
  | "money"
  | "percent"
  | "integer"
  | "date"
  | "datetime"
  | "boolean"
  | "email"
  | "enum"
  | "ref"
  | "formula";

/** One choice of an enum column: the cell stores `value`; `label` explains it in both languages. */
export interface EnumOption {
  readonly value: string;
  readonly label: Bilingual;
}

export type ColumnValidation =
  | { readonly kind: "enum"; readonly values: readonly EnumOption[]; readonly allowOther?: boolean }
  | { readonly kind: "ref"; readonly sheet: string; readonly column: string; readonly allowOther?: boolean }
  | { readonly kind: "number"; readonly min?: number; readonly max?: number }
  | { readonly kind: "date" }
  | { readonly kind: "email" }
  | { readonly kind: "checkbox" };

/** `warning`: editing asks for confirmation; `owner`: only the owner (and scripts running as the owner) may edit. */
export type ProtectionLevel = "warning" | "owner";

export interface ColumnTemplate {
  readonly key: string;
  readonly header: Bilingual;
  readonly type: ColumnType;
  readonly format?: string;
  readonly width?: number;
  readonly required?: boolean;
  readonly validation?: ColumnValidation;
  readonly protected?: ProtectionLevel;
  /** A machine column: hidden by the installer (install and upgrade). */
  readonly hidden?: boolean;
  readonly note?: Bilingual;
  readonly since: number;
  /** `=ARRAYFORMULA(...)` placed in row 2; `{key}`, `{sheet.key}` and `{cfg:KEY}` are placeholders. */
  readonly arrayFormula?: string;
  readonly formulaSince?: number;
  readonly rules?: readonly string[];
}

export interface ConditionalFormatTemplate {
  readonly key: string;
  readonly description: Bilingual;
  /** Custom formula for row 2, copied down by Sheets; `{key}` stands for that row's cell. */
  readonly formula: string;
  readonly columns?: readonly string[];
  readonly background?: string;
  readonly fontColor?: string;
  readonly since: number;
}

export interface SheetNamedRangeTemplate {
  readonly name: string;
  readonly column: string;
  readonly description?: Bilingual;
  readonly since: number;
}

export interface WorkbookNamedRangeTemplate extends SheetNamedRangeTemplate {
  readonly sheet: string;
}

export type SeedValue = string | number | boolean;

/** A row the installer adds when missing (by the sheet's rowKey), never overwriting a user's values. */
export interface SeedRow {
  readonly since: number;
  readonly values: Readonly<Record<string, SeedValue>>;
}

export interface DashboardCellTemplate {
  readonly row: number;
  readonly column: number;
  readonly text?: Bilingual;
  readonly formula?: string;
  /** The formula fills this many rows from `row` down; relative references move one row per row (Range.setFormula over a range). */
  readonly repeat?: number;
  readonly format?: string;
  readonly bold?: boolean;
  readonly background?: string;
  readonly fontColor?: string;
  readonly note?: Bilingual;
}

export type DashboardChartType = "column" | "bar" | "pie";

/** A native chart on a dashboard (EmbeddedChartBuilder), identified by its title. */
export interface DashboardChartTemplate {
  readonly key: string;
  readonly title: Bilingual;
  readonly type: DashboardChartType;
  /** A1 ranges on the dashboard itself: the first column is the domain (labels), the rest the series. */
  readonly ranges: readonly string[];
  /** Header rows at the top of the ranges (series names). */
  readonly headers: number;
  /** Anchor cell (1-based). */
  readonly row: number;
  readonly column: number;
  readonly width: number;
  readonly height: number;
  readonly since: number;
}

export type SheetKind = "table" | "settings" | "dashboard";

export interface SheetTemplate {
  readonly key: string;
  readonly title: Bilingual;
  readonly tabName: string;
  readonly kind: SheetKind;
  readonly since: number;
  readonly frozenRows: number;
  readonly frozenColumns?: number;
  readonly tabColor: string;
  readonly description: Bilingual;
  readonly protection?: ProtectionLevel;
  readonly columns: readonly ColumnTemplate[];
  readonly rowKey?: readonly string[];
  /** `ensure`: add missing seed rows on every run; `once`: only when the sheet or row is new. */
  readonly seedMode?: "ensure" | "once";
  readonly seedRows?: readonly SeedRow[];
  readonly conditionalFormats?: readonly ConditionalFormatTemplate[];
  readonly namedRanges?: readonly SheetNamedRangeTemplate[];
  readonly cells?: readonly DashboardCellTemplate[];
  /** The version that last changed a dashboard's cells: an upgrade from before it writes them again (a dashboard holds no user data). */
  readonly cellsSince?: number;
  readonly charts?: readonly DashboardChartTemplate[];
  readonly rules?: readonly string[];
}

export interface WorkbookTemplate {
  readonly templateVersion: number;
  readonly defaultLanguage: Language;
  /** Sheet keys in tab order. */
  readonly sheets: readonly string[];
  readonly namedRanges?: readonly WorkbookNamedRangeTemplate[];
}

/** The workbook template with its sheets, in tab order, and a lookup by key. */
export interface TemplateCatalog {
  readonly workbook: WorkbookTemplate;
  readonly sheets: readonly SheetTemplate[];
  readonly byKey: ReadonlyMap<string, SheetTemplate>;
}
