/**
 * The workbook templates as data: every JSON file validates against sheets-templates/schema.json
 * (JSON Schema 2020-12, ajv), and the catalog holds the invariants a schema cannot express. Also
 * pins what later issues rely on: every CFG key of the spec (§3.8 and the §7 defaults) is a Settings
 * row, and the Routes sheet carries the default approval routes of WF-01, WF-02, WF-04..10, WF-19, WF-26.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import Ajv2020 from "ajv/dist/2020";
import { describe, expect, it } from "vitest";
import { buildCatalog, catalogProblems, settingsSeedRows, sheetTemplate, templateCatalog } from "../../src/core/templates/catalog";
import { specSettingsKeys } from "../../src/core/rules/catalog";
import type { SheetTemplate } from "../../src/core/templates/types";

const root = resolve(import.meta.dirname, "../../sheets-templates");
const readJson = (path: string): unknown => JSON.parse(readFileSync(join(root, path), "utf8"));
const sheetFiles = readdirSync(join(root, "sheets")).filter((f) => f.endsWith(".json")).sort();

function validator(): (data: unknown) => string[] {
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, strictTypes: false });
  const validate = ajv.compile(readJson("schema.json") as object);
  return (data) => (validate(data) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ""}`));
}

describe("template files against the JSON Schema", () => {
  const validate = validator();

  it("workbook.json is valid", () => {
    expect(validate(readJson("workbook.json"))).toEqual([]);
  });

  it.each(sheetFiles)("sheets/%s is valid", (file) => {
    expect(validate(readJson(`sheets/${file}`))).toEqual([]);
  });

  it("rejects what the schema forbids: an unknown type, a camelCase key, an enum column without values, a header in one language", () => {
    const people = readJson("sheets/people.json") as SheetTemplate;
    const broken = (column: Record<string, unknown>): unknown => ({ ...people, columns: [column] });
    expect(validate(broken({ key: "name", header: { zh: "姓名", en: "Name" }, type: "string", since: 1 }))).not.toEqual([]);
    expect(validate(broken({ key: "fullName", header: { zh: "姓名", en: "Name" }, type: "text", since: 1 }))).not.toEqual([]);
    expect(validate(broken({ key: "role", header: { zh: "角色", en: "Role" }, type: "enum", since: 1 }))).not.toEqual([]);
    expect(validate(broken({ key: "name", header: { zh: "姓名" }, type: "text", since: 1 }))).not.toEqual([]);
  });

  it("every file under sheets/ is listed in workbook.json, in tab order", () => {
    const workbook = readJson("workbook.json") as { sheets: string[] };
    expect([...workbook.sheets].sort()).toEqual(sheetFiles.map((f) => f.replace(/\.json$/, "")));
  });
});

describe("the template catalog", () => {
  const catalog = templateCatalog();

  it("has no inconsistencies", () => {
    expect(catalogProblems(catalog)).toEqual([]);
  });

  it("gives every sheet a unique `中文 English` tab name", () => {
    const names = catalog.sheets.map((s) => s.tabName);
    expect(new Set(names).size).toBe(names.length);
    for (const s of catalog.sheets) expect(s.tabName).toBe(`${s.title.zh} ${s.title.en}`);
  });

  it("gives every column a unique snake_case key and a header in both languages", () => {
    for (const sheet of catalog.sheets) {
      const keys = sheet.columns.map((c) => c.key);
      expect(new Set(keys).size, sheet.key).toBe(keys.length);
      for (const c of sheet.columns) {
        expect(c.key, `${sheet.key}.${c.key}`).toMatch(/^[a-z][a-z0-9]*(_[a-z0-9]+)*$/);
        expect(c.header.zh.length * c.header.en.length, `${sheet.key}.${c.key}`).toBeGreaterThan(0);
      }
    }
  });

  it("points every ref validation at an existing sheet and column", () => {
    let refs = 0;
    for (const sheet of catalog.sheets) {
      for (const c of sheet.columns) {
        if (c.validation?.kind !== "ref") continue;
        refs += 1;
        const { sheet: target, column } = c.validation;
        expect(catalog.byKey.get(target)?.columns.some((t) => t.key === column), `${sheet.key}.${c.key} → ${target}.${column}`).toBe(true);
      }
    }
    expect(refs).toBeGreaterThan(20);
  });

  it("reports a ref to a missing column, a repeated key and an unknown formula placeholder", () => {
    const workbook = readJson("workbook.json");
    const files = sheetFiles.map((f) => readJson(`sheets/${f}`) as SheetTemplate);
    const tasks = files.find((s) => s.key === "tasks");
    if (!tasks) throw new Error("no tasks template");
    const broken: SheetTemplate = {
      ...tasks,
      columns: [
        ...tasks.columns.map((c) => (c.key === "is_late" ? { ...c, arrayFormula: "=ARRAYFORMULA({due_date}<TODAY())" } : c)),
        { key: "owner_email", header: { zh: "负责人二", en: "Owner two" }, type: "ref", validation: { kind: "ref", sheet: "people", column: "mail" }, since: 1 },
      ],
    };
    const build = (): unknown => buildCatalog(workbook, files.map((s) => (s.key === "tasks" ? broken : s)));
    expect(build).toThrow("tasks.owner_email: column key repeats");
    expect(build).toThrow("tasks.owner_email: ref points at people.mail, which does not exist");
    expect(build).toThrow("tasks.is_late: {due_date} is not a column of tasks");
  });

  it("has a sheet for every entity the issue names", () => {
    const expected = [
      "settings", "people", "regions", "products", "customers", "dealers", "plans", "actuals", "activities", "orders", "contract_incidents",
      "promotions", "requests", "approvals", "routes", "audit", "tasks", "holidays", "scorecard_sales_head", "scorecard_cust_head",
      "scorecard_info_head", "scorecard_mkt_head", "scorecard_objective", "annual_appraisal", "monthly_results", "annual_results", "dashboard", "reports_log",
      "mail_queue", "rules", "budgets", "dealer_purchases", "rebate_policy", "rebate_settlement", "work_standards",
    ];
    expect([...catalog.byKey.keys()].sort()).toEqual([...expected].sort());
  });
});

/**
 * Spec names that are not one Settings key: the §3.8 table joins related keys with " / ", and a
 * few seed numbers are split into the scalar keys the scoring functions read.
 */
const SPEC_KEY_ALIASES: Readonly<Record<string, readonly string[]>> = {
  "SALES_PLAN_MAX_POINTS / threshold": ["SALES_PLAN_MAX_POINTS", "SALES_PLAN_MAX_THRESHOLD"],
  "EXPENSE_MAX / INFO_SYS_MAX / ATTITUDE_MAX": ["EXPENSE_MAX", "INFO_SYS_MAX", "ATTITUDE_MAX"],
  "CONTRACT_COMM_LOSS / CUSTOMER_LOST": ["CONTRACT_COMM_LOSS", "CONTRACT_COMM_CUSTOMER_LOST"],
  "CONTRACT_CLAUSE_LOSS / CUSTOMER_LOST": ["CONTRACT_CLAUSE_LOSS", "CONTRACT_CLAUSE_CUSTOMER_LOST"],
  "CONTRACT_FOLLOWUP_NO_LOSS / WITH_LOSS": ["CONTRACT_FOLLOWUP_NO_LOSS", "CONTRACT_FOLLOWUP_WITH_LOSS"],
  "COLLECTION_DAYS_AFTER_SHIPMENT / LATE_PENALTY": ["COLLECTION_DAYS", "LATE_PTS_PER_DAY"],
  "RECORDS_MISS / TASK_MISS": ["RECORDS_MISS", "TASK_MISS"],
  "APPRAISAL_DUE_DAY / PUBLISH_DUE_DAY": ["APPRAISAL_DUE_DAY", "PUBLISH_DUE_DAY"],
  OBJ_WEIGHTS: ["OBJ_WORK_POINTS", "OBJ_BEHAVIOUR_POINTS", "OBJ_COMPANY_POINTS"],
  MONTH_POINTS: ["MONTH_POINTS", "ANNUAL_GRADE_BANDS"],
  ANNUAL_WEIGHTS: ["ANNUAL_HISTORY_WEIGHT", "ANNUAL_PEER_WEIGHT", "ANNUAL_SUPERVISOR_WEIGHT"],
  BOTTOM_N_DISMISS: ["BOTTOM_N"],
  APPEAL_WINDOW: ["APPEAL_DAYS"],
  PROBATION: ["PROBATION_DEFAULT_MONTHS", "PROBATION_MAX_MONTHS", "PROBATION_EXTENSION_MAX_DAYS"],
};

/** Config keys of spec §3.8 (first column) and the CFG.* / §7 defaults, as the spec writes them (2026-11-23). */
const SPEC_CONFIG_KEYS = [
  // §3.8 numeric parameter table
  "SALES_PLAN_FULL_POINTS", "SALES_PLAN_MAX_POINTS / threshold", "SALES_PLAN_ZERO_BELOW", "TEAM_ATTAIN_TIERS",
  "EXPENSE_MAX / INFO_SYS_MAX / ATTITUDE_MAX", "CUST_COLLECTION_PTS_PER_PP", "CUST_NEW_CUSTOMER_MISS", "CONTRACT_CREDIT_LOSS",
  "CONTRACT_COMM_LOSS / CUSTOMER_LOST", "CONTRACT_CLAUSE_LOSS / CUSTOMER_LOST", "CONTRACT_FOLLOWUP_NO_LOSS / WITH_LOSS",
  "COLLECTION_DAYS_AFTER_SHIPMENT / LATE_PENALTY", "RESEARCH_DEDUCTION_RANGE", "RECORDS_MISS / TASK_MISS", "DISCIPLINE_RANGE",
  "INFO_HEAD_WEIGHTS", "MKT_HEAD_BLOCK_WEIGHTS", "OBJ_WEIGHTS", "BEHAVIOUR_SCALE", "GRADE_BANDS", "MONTH_POINTS", "ANNUAL_WEIGHTS",
  "RAISE_RULE", "DEMOTE_RULE", "ANNUAL_DISMISS_BELOW", "BOTTOM_N_DISMISS", "DIRECTOR_LAST_RULE", "APPRAISAL_DUE_DAY / PUBLISH_DUE_DAY",
  "ANNUAL_WINDOW", "APPEAL_WINDOW", "PROBATION", "REINSTATED_MIN_MONTHS", "FOLLOWUP_HORIZON", "ANNUAL_PLAN_DUE", "REFERRAL_REWARD",
  // CFG.* in §2-§3 and the [REC] defaults of §7
  "APPEAL_HR_REPLY_DAYS", "BEST_EMPLOYEE_SCOPE", "CONTRACT_LOSS_BANDS", "CUST_HEAD_BASE", "CUST_HEAD_CAP", "CUST_HEAD_FLOOR",
  "C_CUMULATIVE_WINDOW_MONTHS", "DEFAULT_REJECT_ACTION", "EXPENSE_PENALTY_PER_PP", "INFO_SYS_SUBITEMS", "OBJ_COMPANY_RATIO_CAP",
  "OBJ_WEIGHT_MODE", "PER_10K_ROUNDING", "POST_SCORECARD_USAGE", "PROBATION_DEFAULT_MONTHS", "PROCESS_REVIEW_CADENCE",
  "PUBLISH_DUE_DAY", "REP_ATTAIN_THRESHOLD", "SALES_COMPLETION_BASIS", "SALES_PLAN_BELOW_TARGET_POINTS", "SALES_PLAN_MODE",
  "SCORE_DECIMALS", "ALLOWED_LEAVE_DAYS_PER_YEAR", "ALLOW_DOUBLE_PENALTY", "ANNUAL_PLAN_APPROVER", "ANNUAL_PRORATE",
  "APPRAISAL_SIGNER_ROLE", "BEST_EMPLOYEE_REWARD", "BOTTOM_N", "BUDGET_FINAL_APPROVER", "COLLECTION_CUTOFF", "COLLECTION_DAYS",
  "CUST_COLLECTION_BONUS_CAP", "DAILY_REPORT_DUE", "DEPT_MEETING_CADENCE", "ENABLE_HOTEL_KPIS", "EXCHANGE_COMPANY_APPROVER",
  "LATE_CAP", "LATE_PTS_PER_DAY", "OBJ_COMPANY_METRIC", "POST_SCORE_CAP", "PROMO_REPORT_DAYS", "ROLLOVER_CREDIT_SURPLUS", "TIER_INCLUSIVE",
];

/** Backticked names in spec §7 that are not settings: a reading's value, and a People column. */
const NOT_SETTINGS = new Set(["LITERAL_STEPS", "POST_LEVEL"]);

const settingsKeys = (): Set<string> => new Set(settingsSeedRows().map((r) => String(r.key)));

describe("Settings rows (every CFG.* key with its [REC] default)", () => {
  it("holds every config key of spec §3.8 and §7", () => {
    const keys = settingsKeys();
    const missing = SPEC_CONFIG_KEYS.flatMap((name) => (SPEC_KEY_ALIASES[name] ?? [name]).filter((k) => !keys.has(k)));
    expect(missing).toEqual([]);
  });

  it("still covers every key the spec names (read from the project's rule catalogue, never skipped)", () => {
    const named = new Set(specSettingsKeys().filter((k) => !NOT_SETTINGS.has(k)));
    expect(named.size).toBeGreaterThan(50);
    const keys = settingsKeys();
    expect([...named].filter((name) => (SPEC_KEY_ALIASES[name] ?? [name]).some((k) => !keys.has(k)))).toEqual([]);
  });

  it("seeds the [REC] readings as defaults (SC-03, SC-12, SC-32, SC-46 …)", () => {
    const value = new Map(settingsSeedRows().map((r) => [String(r.key), String(r.value)]));
    expect(value.get("SALES_PLAN_MODE")).toBe("PROPORTIONAL_CAPPED");
    expect(value.get("CUST_COLLECTION_PTS_PER_PP")).toBe("1");
    expect(value.get("OBJ_WEIGHT_MODE")).toBe("NORMALIZE");
    expect(value.get("RAISE_RULE")).toBe("9_OF_10_CONSECUTIVE");
    expect(value.get("TEAM_ATTAIN_TIERS")).toBe("0.9:20; 0.8:18; 0.7:15; 0.6:10");
    expect(value.get("TIME_ZONE")).toBe("Asia/Shanghai");
  });

  it("gives every setting a type, a rule or description, and both descriptions", () => {
    for (const row of settingsSeedRows()) {
      expect(row.type, String(row.key)).toBeTruthy();
      expect(String(row.description_zh).length * String(row.description_en).length, String(row.key)).toBeGreaterThan(0);
    }
  });
});

describe("Routes rows (default approval routes, citing the AMB decisions)", () => {
  const routes = (sheetTemplate("routes").seedRows ?? []).map((r) => r.values);
  const steps = (type: string): string[] => routes.filter((r) => r.request_type === type).map((r) => `${String(r.step)}:${String(r.role)}`);

  it("covers WF-01, WF-02, WF-04..WF-10, WF-19 and WF-26", () => {
    const rules = new Set(routes.map((r) => String(r.rule)));
    for (const wf of ["WF-01", "WF-02", "WF-04", "WF-05", "WF-06", "WF-07", "WF-08", "WF-09", "WF-10", "WF-19", "WF-26"]) expect(rules.has(wf), wf).toBe(true);
    for (const r of routes) expect(String(r.decision), `${String(r.request_type)} ${String(r.step)}`).toMatch(/^AMB-\d+$/);
  });

  it("routes a stock transfer Manager → Director (WF-05, AMB-38) and a promotion plan Director → President (WF-02, AMB-45)", () => {
    expect(steps("stock_transfer")).toEqual(["1:mkt_manager", "2:director"]);
    expect(steps("promotion_plan")).toEqual(["1:director", "2:president"]);
  });

  it("orders the rebate calculation Director → Finance → President → Finance (WF-08, AMB-41)", () => {
    expect(steps("rebate_calc")).toEqual(["1:director", "2:finance", "3:president", "4:finance"]);
    const president = routes.find((r) => r.request_type === "rebate_calc" && r.step === 3);
    expect(president?.on_reject).toBe("back_to_step");
    expect(president?.reject_to_step).toBe(2);
  });

  it("asks the Director only for cross-department process changes (WF-19, AMB-55)", () => {
    const director = routes.find((r) => r.request_type === "process_change" && r.role === "director");
    expect(director?.condition).toBe("cross_department = TRUE");
  });
});
