/**
 * The project's own rule catalogue (issue 10 §7): every rule ID of the seed spec with its statement
 * in both languages and its seed source, in the repository, so no test or workbook reads a folder
 * outside it.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { allRules, ruleById, rulesOfKind, seedFiles, specSettingsKeys } from "../../src/core/rules/catalog";

const ids = (prefix: string, n: number): string[] => Array.from({ length: n }, (_, i) => `${prefix}-${String(i + 1).padStart(2, "0")}`);

describe("the rule catalogue", () => {
  it("holds every rule ID of the spec: WF-GEN.1-3, WF-01..35, SC-01..64, KPI-01..77, RP-01..28, AMB-01..75 (spec §8)", () => {
    expect(rulesOfKind("SC").map((r) => r.id)).toEqual(ids("SC", 64));
    expect(rulesOfKind("KPI").map((r) => r.id)).toEqual(ids("KPI", 77));
    expect(rulesOfKind("RP").map((r) => r.id)).toEqual(ids("RP", 28));
    expect(rulesOfKind("AMB").map((r) => r.id)).toEqual(ids("AMB", 75));
    expect(rulesOfKind("WF").map((r) => r.id)).toEqual(["WF-GEN.1", "WF-GEN.2", "WF-GEN.3", ...ids("WF", 35)]);
  });

  it("gives every rule a statement in both languages and a seed source (a seed file it was generated from, lines ≥ 1)", () => {
    const seeds = new Set(seedFiles());
    for (const rule of allRules()) {
      expect(rule.statement.en.length, rule.id).toBeGreaterThan(5);
      expect(rule.statement.zh, rule.id).toMatch(/[\u3400-\u9fff]/);
      expect(rule.specLine, rule.id).toBeGreaterThan(0);
      for (const source of rule.sources) {
        expect(seeds.has(source.seed), `${rule.id} ${source.seed}`).toBe(true);
        expect(source.from, rule.id).toBeGreaterThanOrEqual(1);
        expect(source.to, rule.id).toBeGreaterThanOrEqual(source.from);
      }
    }
    const unsourced = allRules().filter((r) => r.sources.length === 0 && r.zhFrom !== "own").map((r) => r.id);
    expect(unsourced.length).toBeLessThan(allRules().length / 10);
  });

  it("SC-17: finds a rule by ID with the seed's own words and line (004 L190)", () => {
    const rule = ruleById("sc-17");
    expect(rule?.statement.zh).toContain("无损失每有1单扣2分,造成损失按损失大小扣5-20分");
    expect(rule?.statement.en).toContain("With loss: −5 to −20");
    expect(rule?.sources).toEqual([{ seed: "004_48a5b74466f8c1e3.txt", from: 190, to: 190 }]);
    expect(ruleById("SC-99")).toBeUndefined();
  });

  it("lists the Settings keys the spec names", () => {
    expect(specSettingsKeys()).toEqual(expect.arrayContaining(["SALES_PLAN_MODE", "PER_10K_ROUNDING", "TIER_INCLUSIVE"]));
  });

  it("is read by no test from outside the repository", () => {
    for (const file of ["templates-schema.test.ts", "templates-scoring-rules.test.ts"]) {
      expect(readFileSync(resolve(import.meta.dirname, file), "utf8"), file).not.toMatch(/shared\/spec|\.\.\/shared/);
    }
  });
});
