/**
 * Every scoring rule of spec §3 (SC-01..SC-64) has a home: a scoring module that computes it (and
 * cites it), a workbook template that carries it (a column, a Settings row or a conditional format
 * whose `rules` name it), or, for the statements with nothing to compute, an entry here that says
 * where the workbook records it. Each rule ID is named in a test title below.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { rulesOfKind } from "../../src/core/rules/catalog";
import { settingsSeedRows, templateCatalog } from "../../src/core/templates/catalog";

const root = resolve(import.meta.dirname, "../..");

/** The rules the core computes: every SC ID cited in src/core/scoring. */
const computed = new Set(
  readdirSync(join(root, "src/core/scoring"))
    .filter((f) => f.endsWith(".ts"))
    .flatMap((f) => [...readFileSync(join(root, "src/core/scoring", f), "utf8").matchAll(/\bSC-\d\d\b/g)].map((m) => m[0])),
);

/** The rules the templates carry: `rules` of columns and conditional formats, and the Settings rule column. */
const carried = new Set<string>();
for (const sheet of templateCatalog().sheets) {
  for (const column of sheet.columns) for (const rule of column.rules ?? []) carried.add(rule);
  for (const rule of sheet.rules ?? []) carried.add(rule);
}
for (const row of settingsSeedRows()) for (const m of String(row.rule ?? "").matchAll(/\bSC-\d\d\b/g)) carried.add(m[0]);

/** Statements of §3 with nothing to compute, and where the workbook keeps them. */
const STATEMENTS: Readonly<Record<string, string>> = {
  "SC-26": "appraisal types: the monthly objective appraisal and the annual appraisal sheets; probation on People (SC-55); special appraisals are ad hoc",
  "SC-28": "the appraisal body (manager + one designated employee) works through the objective appraisal's status column, draft to final",
  "SC-35": "evidence and forms: self-summary and interview date on the objective appraisal (WF-24)",
  "SC-56": "results filed in the HR employee file: the appraisal rows themselves, with their publication date",
  "SC-57": "an appraisal is valid once the GM signs: the objective appraisal's GM signature date and APPRAISAL_SIGNER_ROLE",
  "SC-58": "follow-up record per appraisal: FOLLOWUP_HORIZON on Settings",
  "SC-59": "the company's reward and penalty regulations are not in the seeds",
  "SC-60": "the supervisor ranks reps and promoters: no formula in the seeds",
  "SC-61": "process compliance is part of the appraisal: a statement",
  "SC-62": "generic indicators: informative only",
  "SC-63": "[S] referral rewards: REFERRAL_REWARD and REFERRAL_CHANNEL_REWARD_MIN on Settings, off by default",
  "SC-64": "[S] telecom arrears and churn rates: a secondary excerpt, not modelled",
};

const ids = Array.from({ length: 64 }, (_, i) => `SC-${String(i + 1).padStart(2, "0")}`);

describe("every scoring rule of spec §3 has a home", () => {
  it.each(ids)("%s is computed by the core, carried by a template, or recorded as a statement", (id) => {
    const homes = [computed.has(id) ? "core" : "", carried.has(id) ? "templates" : "", id in STATEMENTS ? "statement" : ""].filter(Boolean);
    expect(homes.length, id).toBeGreaterThan(0);
  });

  it("lists as statements only rules nothing computes", () => {
    expect(Object.keys(STATEMENTS).filter((id) => computed.has(id))).toEqual([]);
  });

  it("gives every rule with a formula (SC-01..SC-25, SC-27, SC-29..SC-34, SC-36..SC-48, SC-50..SC-55) a scoring module or a template column", () => {
    const withFormula = ids.filter((id) => !(id in STATEMENTS));
    expect(withFormula.filter((id) => !computed.has(id) && !carried.has(id))).toEqual([]);
  });

  it("knows every SC ID the spec defines, and no other (read from the project's rule catalogue, never skipped)", () => {
    const defined = rulesOfKind("SC").map((r) => r.id).sort();
    expect(defined).toEqual(ids);
  });
});

describe("the scorecard templates", () => {
  const scorecards = templateCatalog().sheets.filter((s) => s.key.startsWith("scorecard_") || s.key === "annual_appraisal");

  it("give every computed column one array formula in row 2, protected warning-only", () => {
    const missing: string[] = [];
    for (const sheet of scorecards) {
      for (const column of sheet.columns.filter((c) => c.type === "formula")) {
        if (column.protected !== "warning") missing.push(`${sheet.key}.${column.key}: not warning-protected`);
        if (column.arrayFormula === undefined) missing.push(`${sheet.key}.${column.key}: no formula`);
        else if (!column.arrayFormula.startsWith("=ARRAYFORMULA(")) missing.push(`${sheet.key}.${column.key}: not an array formula`);
      }
    }
    expect(missing).toEqual([]);
  });

  it("colour the grades A, B and C on the objective and annual appraisals (SC-36, SC-41)", () => {
    const colours = (key: string): string[] => (templateCatalog().byKey.get(key)?.conditionalFormats ?? []).map((r) => r.formula);
    expect(colours("scorecard_objective")).toEqual(expect.arrayContaining(['={grade}="A"', '={grade}="B"', '={grade}="C"']));
    expect(colours("annual_appraisal")).toEqual(expect.arrayContaining(['={annual_grade}="A"', '={annual_grade}="B"', '={annual_grade}="C"']));
  });

  it("pass the ambiguous readings in from Settings ({cfg:KEY}), so a company switches a reading without editing a formula (spec §0.4)", () => {
    const formulas = scorecards.flatMap((s) => s.columns.map((c) => c.arrayFormula ?? "")).join("\n");
    for (const key of ["SALES_PLAN_MODE", "TIER_INCLUSIVE", "EXPENSE_PENALTY_PER_PP", "CUST_COLLECTION_PTS_PER_PP", "POST_SCORECARD_USAGE", "OBJ_COMPANY_RATIO_CAP", "OBJ_WEIGHT_MODE", "ANNUAL_PRORATE", "RAISE_RULE", "C_CUMULATIVE_WINDOW_MONTHS", "BOTTOM_N"]) {
      expect(formulas, key).toContain(`{cfg:${key}}`);
    }
  });
});
