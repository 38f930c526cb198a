/**
 * SpreadsheetApp for the local host (https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet-app):
 * the bound spreadsheet (getActive), its Ui, flush, the rule builders and the enums MarketOps uses.
 * `createSpreadsheetApp(env, workbook, host)` wires every emulated class over one Workbook; each
 * object the bundle receives is an `emulated` proxy, so every call is counted as `Class.method`
 * and anything not modelled throws `not emulated: Class.member`.
 */
import type { ServiceEnv } from "../services/env";
import { parseA1, resolveA1, type GridRect } from "./a1";
import type { ChartData, ConditionalFormatRuleData, DataValidationRule, NamedRangeData, ProtectionData } from "./cells";
import { ChartOptionsImpl, ContainerInfoImpl, EmbeddedChartBuilderImpl, EmbeddedChartImpl } from "./chart";
import { BooleanConditionImpl, ConditionalFormatRuleBuilderImpl, ConditionalFormatRuleImpl } from "./conditionalFormat";
import type { ChartBuilderDraft, SheetsContext, SpreadsheetHost } from "./context";
import { DataValidationBuilderImpl, DataValidationImpl } from "./dataValidation";
import { Emulated, expose } from "./handles";
import { NamedRangeImpl } from "./namedRange";
import { ProtectionImpl } from "./protection";
import { RangeImpl } from "./range";
import { RichTextValueBuilderImpl } from "./richText";
import { SheetImpl } from "./sheet";
import type { SheetModel } from "./sheetModel";
import { SpreadsheetImpl } from "./spreadsheet";
import { UiImpl } from "./ui";
import type { Workbook } from "./workbook";
import { emulated } from "../emulation";

export type { SpreadsheetHost } from "./context";
export type { MenuRecord, MenuEntry, MenuItem, AlertRecord, DialogRecord } from "./ui";

/** https://developers.google.com/apps-script/reference/spreadsheet/data-validation-criteria */
const DATA_VALIDATION_CRITERIA = [
  "VALUE_IN_LIST",
  "VALUE_IN_RANGE",
  "NUMBER_BETWEEN",
  "NUMBER_GREATER_THAN",
  "NUMBER_GREATER_THAN_OR_EQUAL_TO",
  "NUMBER_LESS_THAN_OR_EQUAL_TO",
  "DATE_IS_VALID_DATE",
  "TEXT_IS_VALID_EMAIL",
  "CHECKBOX",
] as const;
/** https://developers.google.com/apps-script/reference/spreadsheet/boolean-criteria */
const BOOLEAN_CRITERIA = ["TEXT_EQUAL_TO", "NUMBER_GREATER_THAN_OR_EQUAL_TO", "NUMBER_GREATER_THAN", "NUMBER_LESS_THAN", "NUMBER_EQUAL_TO", "CUSTOM_FORMULA"] as const;
/** https://developers.google.com/apps-script/reference/spreadsheet/protection-type */
const PROTECTION_TYPES = ["RANGE", "SHEET"] as const;

function enumOf(names: readonly string[]): Record<string, string> {
  return Object.fromEntries(names.map((n) => [n, n]));
}

class UserImpl extends Emulated {
  private readonly _email: string;

  constructor(email: string) {
    super();
    this._email = email;
  }

  /** https://developers.google.com/apps-script/reference/base/user#getEmail() */
  getEmail(): string {
    return this._email;
  }
}

class SpreadsheetAppImpl extends Emulated {
  readonly _ctx: SheetsContext;
  readonly DataValidationCriteria: object;
  readonly BooleanCriteria: object;
  readonly ProtectionType: object;

  constructor(ctx: SheetsContext) {
    super();
    this._ctx = ctx;
    this.DataValidationCriteria = ctx.enumeration("DataValidationCriteria", enumOf(DATA_VALIDATION_CRITERIA));
    this.BooleanCriteria = ctx.enumeration("BooleanCriteria", enumOf(BOOLEAN_CRITERIA));
    this.ProtectionType = ctx.enumeration("ProtectionType", enumOf(PROTECTION_TYPES));
  }

  /** https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet-app#getActive() */
  getActive(): object {
    return this._ctx.spreadsheet();
  }

  getActiveSpreadsheet(): object {
    return this._ctx.spreadsheet();
  }

  getActiveSheet(): object {
    return this._ctx.sheet(this._ctx.book.activeSheet);
  }

  /** https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet-app#getUi() */
  getUi(): object {
    return expose("Ui", new UiImpl(this._ctx), this._ctx.env.counter);
  }

  /** https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet-app#flush(): evaluates pending formulas. */
  flush(): void {
    this._ctx.book.flush();
  }

  newDataValidation(): object {
    return this._ctx.dataValidationBuilder();
  }

  newConditionalFormatRule(): object {
    return this._ctx.conditionalFormatRuleBuilder();
  }

  /** https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet-app#newRichTextValue() (links only; see richText.ts). */
  newRichTextValue(): object {
    return expose("RichTextValueBuilder", new RichTextValueBuilderImpl(this._ctx), this._ctx.env.counter);
  }
}

/** The SpreadsheetApp global plus uncounted factories the host uses for event objects (e.source, e.range). */
export interface SpreadsheetService {
  readonly SpreadsheetApp: object;
  /** A Spreadsheet object for `e.source`. */
  spreadsheet(): object;
  /** A Range object for `e.range`, by sheet name and A1 notation or rectangle. */
  range(sheetName: string, where: string | GridRect): object;
}

/** Builds the SpreadsheetApp global over `workbook` for one vm context. */
export function createSpreadsheetApp(env: ServiceEnv, workbook: Workbook, host: SpreadsheetHost): object {
  return createSpreadsheetService(env, workbook, host).SpreadsheetApp;
}

/** SpreadsheetApp and the host's factories over one workbook, sharing one context. */
export function createSpreadsheetService(env: ServiceEnv, workbook: Workbook, host: SpreadsheetHost): SpreadsheetService {
  const counter = env.counter;
  // NOW() and TODAY() follow the host's simulated clock.
  workbook.clock = () => env.clock.now();
  const ctx: SheetsContext = {
    env,
    book: workbook,
    host,
    spreadsheet: () => expose("Spreadsheet", new SpreadsheetImpl(ctx), counter),
    sheet: (model: SheetModel) => expose("Sheet", new SheetImpl(ctx, model), counter),
    range: (model: SheetModel, rect: GridRect, open?: { readonly rows: boolean; readonly columns: boolean }) => expose("Range", new RangeImpl(ctx, model, rect, open), counter),
    protection: (data: ProtectionData) => expose("Protection", new ProtectionImpl(ctx, data), counter),
    namedRange: (data: NamedRangeData) => expose("NamedRange", new NamedRangeImpl(ctx, data), counter),
    dataValidation: (rule: DataValidationRule) => expose("DataValidation", new DataValidationImpl(ctx, rule), counter),
    dataValidationBuilder: (rule?: DataValidationRule) => expose("DataValidationBuilder", new DataValidationBuilderImpl(ctx, rule), counter),
    conditionalFormatRule: (data: ConditionalFormatRuleData) => expose("ConditionalFormatRule", new ConditionalFormatRuleImpl(ctx, data), counter),
    conditionalFormatRuleBuilder: (data?: ConditionalFormatRuleData) =>
      expose("ConditionalFormatRuleBuilder", new ConditionalFormatRuleBuilderImpl(ctx, data), counter),
    booleanCondition: (data: ConditionalFormatRuleData) => expose("BooleanCondition", new BooleanConditionImpl(ctx, data), counter),
    user: (email: string) => expose("User", new UserImpl(email), counter),
    chartBuilder: (model: SheetModel, draft?: ChartBuilderDraft, className = "EmbeddedChartBuilder") =>
      expose(className, new EmbeddedChartBuilderImpl(ctx, model, draft), counter),
    chart: (model: SheetModel, data: ChartData) => expose("EmbeddedChart", new EmbeddedChartImpl(ctx, model, data), counter),
    chartOptions: (options: Readonly<Record<string, string | number | boolean>>) => expose("ChartOptions", new ChartOptionsImpl(options), counter),
    containerInfo: (position: ChartData["position"]) => expose("ContainerInfo", new ContainerInfoImpl(position), counter),
    enumeration: (name: string, values: Readonly<Record<string, string>>) => emulated(name, Object.freeze({ ...values }), counter),
    toBundle: <T>(value: T): T => env.realm.copyIn(value),
    guardWrite: (method: string, sheet: SheetModel, rect: GridRect) => {
      workbook.assertNotEvaluating(method);
      workbook.assertCanEdit(env.session.effectiveUserEmail, sheet, rect);
    },
  };
  return {
    SpreadsheetApp: expose("SpreadsheetApp", new SpreadsheetAppImpl(ctx), counter),
    spreadsheet: () => ctx.spreadsheet(),
    range: (sheetName: string, where: string | GridRect) => {
      const sheet = workbook.requireSheet(sheetName);
      const rect = typeof where === "string" ? resolveA1(parseA1(where), sheet.maxRows, sheet.maxColumns) : where;
      return ctx.range(sheet, rect);
    },
  };
}
