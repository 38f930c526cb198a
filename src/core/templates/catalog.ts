/**
 * The template catalog: the JSON files of sheets-templates/ (bundled by esbuild as JSON imports)
 * joined into one `TemplateCatalog`, with the invariants a JSON Schema cannot express checked by
 * `catalogProblems`: every sheet listed once, unique tab names and keys, header spellings that cannot
 * be confused within a sheet, `ref` validations and formula placeholders pointing at columns that
 * exist, seed rows that fit their sheet, named ranges that resolve, and the Settings and Audit
 * columns the installer itself writes. A broken catalog is a programming error and throws.
 */
import workbookJson from "../../../sheets-templates/workbook.json";
import activities from "../../../sheets-templates/sheets/activities.json";
import actuals from "../../../sheets-templates/sheets/actuals.json";
import annualAppraisal from "../../../sheets-templates/sheets/annual_appraisal.json";
import annualResults from "../../../sheets-templates/sheets/annual_results.json";
import approvals from "../../../sheets-templates/sheets/approvals.json";
import audit from "../../../sheets-templates/sheets/audit.json";
import budgets from "../../../sheets-templates/sheets/budgets.json";
import contractIncidents from "../../../sheets-templates/sheets/contract_incidents.json";
import customers from "../../../sheets-templates/sheets/customers.json";
import dashboard from "../../../sheets-templates/sheets/dashboard.json";
import dealers from "../../../sheets-templates/sheets/dealers.json";
import dealerPurchases from "../../../sheets-templates/sheets/dealer_purchases.json";
import holidays from "../../../sheets-templates/sheets/holidays.json";
import mailQueue from "../../../sheets-templates/sheets/mail_queue.json";
import monthlyResults from "../../../sheets-templates/sheets/monthly_results.json";
import orders from "../../../sheets-templates/sheets/orders.json";
import people from "../../../sheets-templates/sheets/people.json";
import plans from "../../../sheets-templates/sheets/plans.json";
import products from "../../../sheets-templates/sheets/products.json";
import promotions from "../../../sheets-templates/sheets/promotions.json";
import rebatePolicy from "../../../sheets-templates/sheets/rebate_policy.json";
import rebateSettlement from "../../../sheets-templates/sheets/rebate_settlement.json";
import regions from "../../../sheets-templates/sheets/regions.json";
import reportsLog from "../../../sheets-templates/sheets/reports_log.json";
import requests from "../../../sheets-templates/sheets/requests.json";
import routes from "../../../sheets-templates/sheets/routes.json";
import rules from "../../../sheets-templates/sheets/rules.json";
import scorecardCustHead from "../../../sheets-templates/sheets/scorecard_cust_head.json";
import scorecardInfoHead from "../../../sheets-templates/sheets/scorecard_info_head.json";
import scorecardMktHead from "../../../sheets-templates/sheets/scorecard_mkt_head.json";
import scorecardObjective from "../../../sheets-templates/sheets/scorecard_objective.json";
import scorecardSalesHead from "../../../sheets-templates/sheets/scorecard_sales_head.json";
import settings from "../../../sheets-templates/sheets/settings.json";
import tasks from "../../../sheets-templates/sheets/tasks.json";
import workStandards from "../../../sheets-templates/sheets/work_standards.json";
import { headerSpellings } from "./columns";
import { CFG_KEYS_RANGE, CFG_VALUES_RANGE, placeholders } from "./formulas";
import type { Placeholder } from "./formulas";
import type { ColumnTemplate, SeedValue, SheetTemplate, TemplateCatalog, WorkbookTemplate } from "./types";

/** The sheet files as bundled; the schema test validates each against sheets-templates/schema.json. */
const SHEET_FILES: readonly unknown[] = [
  activities,
  actuals,
  annualAppraisal,
  annualResults,
  approvals,
  audit,
  budgets,
  contractIncidents,
  customers,
  dashboard,
  dealers,
  dealerPurchases,
  holidays,
  mailQueue,
  monthlyResults,
  orders,
  people,
  plans,
  products,
  promotions,
  rebatePolicy,
  rebateSettlement,
  regions,
  reportsLog,
  requests,
  routes,
  rules,
  scorecardCustHead,
  scorecardInfoHead,
  scorecardMktHead,
  scorecardObjective,
  scorecardSalesHead,
  settings,
  tasks,
  workStandards,
];

/** Keys of the sheets the installer and the table adapter write themselves. */
export const SETTINGS_SHEET = "settings";
export const AUDIT_SHEET = "audit";
/** The Settings row holding the installed template version. */
export const TEMPLATE_VERSION_KEY = "TEMPLATE_VERSION";
/** Audit columns the installer fills (and any job that logs). */
export const AUDIT_COLUMNS = ["at", "actor_email", "action", "object_type", "object_id", "before", "after", "comment", "channel"] as const;

const SNAKE_KEY = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Joins a workbook template and sheet templates (already schema-valid JSON) into a catalog, sheets
 * in the workbook's tab order. Throws listing every problem `catalogProblems` finds.
 */
export function buildCatalog(workbook: unknown, sheetFiles: readonly unknown[]): TemplateCatalog {
  if (!isRecord(workbook) || !Array.isArray(workbook.sheets)) throw new Error("workbook template: not a workbook.json object");
  const wb = workbook as unknown as WorkbookTemplate;
  const byKey = new Map<string, SheetTemplate>();
  const problems: string[] = [];
  for (const file of sheetFiles) {
    if (!isRecord(file) || typeof file.key !== "string") {
      problems.push("a sheet template has no key");
      continue;
    }
    if (byKey.has(file.key)) problems.push(`sheet ${file.key}: defined twice`);
    byKey.set(file.key, file as unknown as SheetTemplate);
  }
  const sheets: SheetTemplate[] = [];
  for (const key of wb.sheets) {
    const sheet = byKey.get(key);
    if (sheet) sheets.push(sheet);
    else problems.push(`workbook.json lists sheet ${key}, which has no template`);
  }
  for (const key of byKey.keys()) if (!wb.sheets.includes(key)) problems.push(`sheet ${key}: not listed in workbook.json`);
  const catalog: TemplateCatalog = { workbook: wb, sheets, byKey };
  problems.push(...catalogProblems(catalog));
  if (problems.length > 0) throw new Error(`sheets-templates is inconsistent:\n  ${problems.join("\n  ")}`);
  return catalog;
}

function columnProblems(sheet: SheetTemplate, column: ColumnTemplate, catalog: TemplateCatalog): string[] {
  const at = `${sheet.key}.${column.key}`;
  const problems: string[] = [];
  const version = catalog.workbook.templateVersion;
  if (!SNAKE_KEY.test(column.key)) problems.push(`${at}: key is not snake_case`);
  if (column.since < sheet.since || column.since > version) problems.push(`${at}: since ${column.since} outside ${sheet.since}..${version}`);
  if (column.formulaSince !== undefined && (column.formulaSince < column.since || column.formulaSince > version)) {
    problems.push(`${at}: formulaSince ${column.formulaSince} outside ${column.since}..${version}`);
  }
  if (column.arrayFormula !== undefined && column.type !== "formula") problems.push(`${at}: an arrayFormula column must have type formula`);
  // Issue 11 §1: machine columns are out of sight and protected.
  if (column.hidden === true && column.protected === undefined && sheet.protection === undefined) problems.push(`${at}: a hidden column must be protected (the column or its sheet)`);
  const validation = column.validation;
  if (column.type === "enum" && validation?.kind !== "enum") problems.push(`${at}: an enum column needs an enum validation`);
  if (column.type === "ref" && validation?.kind !== "ref") problems.push(`${at}: a ref column needs a ref validation`);
  if (validation?.kind === "enum") {
    const values = validation.values.map((o) => o.value);
    if (new Set(values).size !== values.length) problems.push(`${at}: enum values repeat`);
  }
  if (validation?.kind === "ref") {
    const target = catalog.byKey.get(validation.sheet);
    const targetColumn = target?.columns.find((c) => c.key === validation.column);
    if (!targetColumn) problems.push(`${at}: ref points at ${validation.sheet}.${validation.column}, which does not exist`);
    else if (targetColumn.type === "formula") problems.push(`${at}: ref points at a formula column`);
  }
  if (column.arrayFormula !== undefined) problems.push(...placeholderProblems(at, column.arrayFormula, sheet, catalog, "column"));
  return problems;
}

function placeholderProblems(at: string, formula: string, sheet: SheetTemplate | null, catalog: TemplateCatalog, place: "column" | "condition" | "cell"): string[] {
  const problems: string[] = [];
  const settingKeys = new Set(seedValues(catalog.byKey.get(SETTINGS_SHEET), "key"));
  const check = (p: Placeholder): string | null => {
    switch (p.kind) {
      case "setting":
        return settingKeys.has(p.key) ? null : `{cfg:${p.key}} is not a Settings key`;
      case "column":
        if (sheet === null || place === "cell") return `{${p.column}} needs a sheet`;
        return sheet.columns.some((c) => c.key === p.column) ? null : `{${p.column}} is not a column of ${sheet.key}`;
      case "sheetColumn": {
        if (place === "condition") return `a conditional format cannot read {${p.sheet}.${p.column}}`;
        const target = catalog.byKey.get(p.sheet);
        return target?.columns.some((c) => c.key === p.column) ? null : `{${p.sheet}.${p.column}} does not exist`;
      }
    }
  };
  for (const p of placeholders(formula)) {
    const problem = check(p);
    if (problem) problems.push(`${at}: ${problem}`);
  }
  return problems;
}

/** The values of one column across a sheet's seed rows, as strings. */
function seedValues(sheet: SheetTemplate | undefined, column: string): string[] {
  return (sheet?.seedRows ?? []).map((row) => row.values[column]).filter((v): v is SeedValue => v !== undefined).map(String);
}

function sheetProblems(sheet: SheetTemplate, catalog: TemplateCatalog): string[] {
  const problems: string[] = [];
  const version = catalog.workbook.templateVersion;
  if (!SNAKE_KEY.test(sheet.key)) problems.push(`${sheet.key}: key is not snake_case`);
  if (sheet.since > version) problems.push(`${sheet.key}: since ${sheet.since} is after template version ${version}`);
  const keys = sheet.columns.map((c) => c.key);
  for (const key of new Set(keys)) if (keys.indexOf(key) !== keys.lastIndexOf(key)) problems.push(`${sheet.key}.${key}: column key repeats`);
  const spellingOwner = new Map<string, string>();
  for (const column of sheet.columns) {
    for (const spelling of headerSpellings(column)) {
      const owner = spellingOwner.get(spelling);
      if (owner !== undefined && owner !== column.key) problems.push(`${sheet.key}: header "${spelling}" fits both ${owner} and ${column.key}`);
      spellingOwner.set(spelling, column.key);
    }
    problems.push(...columnProblems(sheet, column, catalog));
  }
  const byKey = new Map(sheet.columns.map((c) => [c.key, c]));
  for (const key of sheet.rowKey ?? []) if (!byKey.has(key)) problems.push(`${sheet.key}: rowKey ${key} is not a column`);
  const identities = new Set<string>();
  for (const [i, seed] of (sheet.seedRows ?? []).entries()) {
    const at = `${sheet.key} seed row ${i + 1}`;
    if (seed.since < sheet.since || seed.since > version) problems.push(`${at}: since ${seed.since} outside ${sheet.since}..${version}`);
    for (const [key, value] of Object.entries(seed.values)) {
      const column = byKey.get(key);
      if (!column) problems.push(`${at}: ${key} is not a column`);
      else if (column.type === "formula") problems.push(`${at}: ${key} is a formula column`);
      else if (column.validation?.kind === "enum" && !column.validation.values.some((o) => o.value === String(value))) {
        problems.push(`${at}: ${String(value)} is not a value of ${key}`);
      }
    }
    const identity = seedIdentity((sheet.rowKey ?? []).map((k) => seed.values[k] ?? null));
    if ((sheet.rowKey ?? []).some((k) => seed.values[k] === undefined)) problems.push(`${at}: lacks a rowKey value`);
    if (identities.has(identity)) problems.push(`${at}: repeats ${identity}`);
    identities.add(identity);
  }
  for (const rule of sheet.conditionalFormats ?? []) {
    const at = `${sheet.key} conditional format ${rule.key}`;
    for (const key of rule.columns ?? []) if (!byKey.has(key)) problems.push(`${at}: ${key} is not a column`);
    if (rule.since < sheet.since || rule.since > version) problems.push(`${at}: since ${rule.since} outside ${sheet.since}..${version}`);
    problems.push(...placeholderProblems(at, rule.formula, sheet, catalog, "condition"));
  }
  for (const range of sheet.namedRanges ?? []) if (!byKey.has(range.column)) problems.push(`${sheet.key} named range ${range.name}: no column ${range.column}`);
  const cellsAt = new Set<string>();
  for (const cell of sheet.cells ?? []) {
    const at = `${sheet.key} cell R${cell.row}C${cell.column}`;
    if (cellsAt.has(at)) problems.push(`${at}: defined twice`);
    cellsAt.add(at);
    if (cell.formula !== undefined) problems.push(...placeholderProblems(at, cell.formula, null, catalog, "cell"));
  }
  for (const cell of sheet.cells ?? []) {
    if (cell.repeat !== undefined && cell.formula === undefined) problems.push(`${sheet.key} cell R${cell.row}C${cell.column}: only a formula repeats`);
  }
  if (sheet.cellsSince !== undefined && (sheet.cellsSince < sheet.since || sheet.cellsSince > version)) problems.push(`${sheet.key}: cellsSince ${sheet.cellsSince} outside ${sheet.since}..${version}`);
  const chartKeys = new Set<string>();
  const chartTitles = new Set<string>();
  for (const chart of sheet.charts ?? []) {
    const at = `${sheet.key} chart ${chart.key}`;
    if (chartKeys.has(chart.key)) problems.push(`${at}: defined twice`);
    chartKeys.add(chart.key);
    // The installer recognises a chart by its title: two charts with one title would look like one.
    const title = `${chart.title.zh}/${chart.title.en}`;
    if (chartTitles.has(title)) problems.push(`${at}: repeats the title ${title}`);
    chartTitles.add(title);
    if (chart.since < sheet.since || chart.since > version) problems.push(`${at}: since ${chart.since} outside ${sheet.since}..${version}`);
  }
  if (sheet.kind === "dashboard" && sheet.columns.length > 0) problems.push(`${sheet.key}: a dashboard has cells, not columns`);
  return problems;
}

function installerNeeds(catalog: TemplateCatalog): string[] {
  const problems: string[] = [];
  const settingsSheet = catalog.byKey.get(SETTINGS_SHEET);
  const settingsColumns = new Set(settingsSheet?.columns.map((c) => c.key));
  if (!settingsColumns.has("key") || !settingsColumns.has("value")) problems.push("the settings sheet needs key and value columns");
  if (settingsSheet?.rowKey?.join() !== "key" || settingsSheet.seedMode !== "ensure") problems.push("settings rows are identified by key and always ensured");
  if (!seedValues(settingsSheet, "key").includes(TEMPLATE_VERSION_KEY)) problems.push(`settings lacks the ${TEMPLATE_VERSION_KEY} row`);
  const auditColumns = new Set(catalog.byKey.get(AUDIT_SHEET)?.columns.map((c) => c.key));
  for (const key of AUDIT_COLUMNS) if (!auditColumns.has(key)) problems.push(`the audit sheet needs a ${key} column`);
  const named = new Map((catalog.workbook.namedRanges ?? []).map((r) => [r.name, r]));
  if (named.get(CFG_KEYS_RANGE)?.column !== "key" || named.get(CFG_VALUES_RANGE)?.column !== "value") {
    problems.push(`${CFG_KEYS_RANGE} and ${CFG_VALUES_RANGE} must name the settings key and value columns`);
  }
  return problems;
}

/** Every inconsistency of a catalog, as readable lines; empty when the catalog is sound. */
export function catalogProblems(catalog: TemplateCatalog): string[] {
  const problems: string[] = [];
  const tabs = new Map<string, string>();
  for (const sheet of catalog.sheets) {
    const owner = tabs.get(sheet.tabName.toLowerCase());
    if (owner !== undefined) problems.push(`tab name "${sheet.tabName}" used by ${owner} and ${sheet.key}`);
    tabs.set(sheet.tabName.toLowerCase(), sheet.key);
    problems.push(...sheetProblems(sheet, catalog));
  }
  const names = new Map<string, string>();
  const allRanges = [
    ...(catalog.workbook.namedRanges ?? []).map((r) => ({ name: r.name, sheet: r.sheet, column: r.column })),
    ...catalog.sheets.flatMap((s) => (s.namedRanges ?? []).map((r) => ({ name: r.name, sheet: s.key, column: r.column }))),
  ];
  for (const range of allRanges) {
    if (names.has(range.name)) problems.push(`named range ${range.name} defined twice`);
    names.set(range.name, range.sheet);
    if (!catalog.byKey.get(range.sheet)?.columns.some((c) => c.key === range.column)) problems.push(`named range ${range.name}: no column ${range.sheet}.${range.column}`);
  }
  problems.push(...installerNeeds(catalog));
  return problems;
}

/**
 * The identity of a seed row: its rowKey values joined, numbers and text compared as text, so the
 * Routes row (`exchange`, 2) matches a sheet row holding "exchange" and 2.
 */
export function seedIdentity(values: readonly unknown[]): string {
  return values
    .map((v) => {
      if (v === null || v === undefined) return "";
      if (typeof v === "string") return v.trim();
      if (typeof v === "number" || typeof v === "boolean") return String(v);
      return "";
    })
    .join("\u241f");
}

let bundled: TemplateCatalog | undefined;

/** The catalog of the templates bundled with this build. */
export function templateCatalog(): TemplateCatalog {
  bundled ??= buildCatalog(workbookJson, SHEET_FILES);
  return bundled;
}

/** One sheet template by key; throws for an unknown key (a programming error). */
export function sheetTemplate(key: string, catalog: TemplateCatalog = templateCatalog()): SheetTemplate {
  const sheet = catalog.byKey.get(key);
  if (!sheet) throw new Error(`no sheet template ${key}`);
  return sheet;
}

/** The Settings rows as the template seeds them: key, default value, type, options, rule, descriptions. */
export function settingsSeedRows(catalog: TemplateCatalog = templateCatalog()): readonly Readonly<Record<string, SeedValue>>[] {
  return (sheetTemplate(SETTINGS_SHEET, catalog).seedRows ?? []).map((row) => row.values);
}
