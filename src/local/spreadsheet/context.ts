/**
 * What every emulated spreadsheet class shares: the service environment, the workbook model, the
 * host (toasts, menus, alerts) and factories for the other classes' proxies. spreadsheetApp.ts builds
 * one per SpreadsheetApp; the class files depend only on this interface, not on each other.
 */
import type { ServiceEnv } from "../services/env";
import type { GridRect } from "./a1";
import type { ChartData, ConditionalFormatRuleData, DataValidationRule, NamedRangeData, ProtectionData, SheetRect } from "./cells";
import type { SheetModel } from "./sheetModel";
import type { MenuRecord, AlertRecord, DialogRecord, PromptRecord, SidebarRecord } from "./ui";
import type { Workbook } from "./workbook";

/** What the host provides to the spreadsheet: where toasts, menus and alerts go. */
export interface SpreadsheetHost {
  toast(message: string, title: string): void;
  /** Menus added with Menu.addToUi, in order (the host clears them when the spreadsheet is reopened). */
  readonly menus: MenuRecord[];
  /** Ui.alert calls, in order; optional (without it alerts are answered and not recorded). */
  readonly alerts?: AlertRecord[];
  /** Ui.prompt calls with their answers, in order; optional. */
  readonly prompts?: PromptRecord[];
  /** What the person types into the next Ui.prompt calls (taken from the front); optional. */
  readonly promptAnswers?: string[];
  /** Ui.showModalDialog calls, in order; optional. */
  readonly dialogs?: DialogRecord[];
  /** Ui.showSidebar calls, in order; optional. */
  readonly sidebars?: SidebarRecord[];
  /** Sheet.getFormUrl(): the form sending responses to this sheet (the host asks its forms), or null. */
  formUrl?(sheetId: number, sheetName: string): string | null;
}

export interface SheetsContext {
  readonly env: ServiceEnv;
  readonly book: Workbook;
  readonly host: SpreadsheetHost;
  spreadsheet(): object;
  sheet(model: SheetModel): object;
  /** `open`: the A1 notation left the end row / column open (see ProtectionData.openEnd). */
  range(model: SheetModel, rect: GridRect, open?: { readonly rows: boolean; readonly columns: boolean }): object;
  protection(data: ProtectionData): object;
  namedRange(data: NamedRangeData): object;
  dataValidation(rule: DataValidationRule): object;
  dataValidationBuilder(rule?: DataValidationRule): object;
  conditionalFormatRule(data: ConditionalFormatRuleData): object;
  conditionalFormatRuleBuilder(data?: ConditionalFormatRuleData): object;
  booleanCondition(data: ConditionalFormatRuleData): object;
  user(email: string): object;
  /** A chart builder over `draft` (shared by the typed builders `as…Chart()` returns), exposed as `className`. */
  chartBuilder(sheet: SheetModel, draft?: ChartBuilderDraft, className?: string): object;
  chart(sheet: SheetModel, data: ChartData): object;
  chartOptions(options: Readonly<Record<string, string | number | boolean>>): object;
  containerInfo(position: ChartData["position"]): object;
  /** An Apps Script enum (values are their names), guarded so unknown members throw `not emulated:`. */
  enumeration(name: string, values: Readonly<Record<string, string>>): object;
  /** A host value (arrays, Dates) rebuilt in the bundle's realm. */
  toBundle<T>(value: T): T;
  /** Refuses a script write Sheets would refuse: inside a custom function, or on a protected range. */
  guardWrite(method: string, sheet: SheetModel, rect: GridRect): void;
}

/** What a chart builder holds until `build()` (see chart.ts). */
export interface ChartBuilderDraft {
  chartId: number | undefined;
  type: string | undefined;
  ranges: SheetRect[];
  position: { anchorRow: number; anchorColumn: number; offsetX: number; offsetY: number };
  numHeaders: number;
  options: Record<string, string | number | boolean>;
}
