/**
 * The project's own rule catalogue (issue 10 §7): every rule ID of the seed specification — the
 * workflows (WF-GEN.n, WF-nn), scoring rules (SC-nn), work standards (KPI-nn), reports (RP-nn) and
 * ambiguities with their recommended readings (AMB-nn) — with its statement in English and Chinese
 * and the seed file and lines it comes from, plus every Settings key the spec names. Generated once
 * from ../shared/spec/seed-spec.md and the seed files by `scripts/build-rule-catalog.ts` and
 * committed (catalog.json), so the tests and the workbook depend on nothing outside the repository.
 * It will also feed the workbook's Rules sheet (issue 11).
 */
import type { Bilingual } from "../i18n";
import catalogJson from "./catalog.json";

export type RuleKind = "WF" | "SC" | "KPI" | "RP" | "AMB";

/** A place in a seed file: `seed` is its file name, lines are 1-based and inclusive. */
export interface RuleSource {
  readonly seed: string;
  readonly from: number;
  readonly to: number;
}

export interface Rule {
  readonly id: string;
  readonly kind: RuleKind;
  /** Short English name, as the spec gives it. */
  readonly title: string;
  /** The rule: `en` as the spec states it; `zh` in the seed's own words where it has them. */
  readonly statement: Bilingual;
  /**
   * Where the Chinese statement comes from: `seed` the seed lines cited for the rule, `spec` the
   * Chinese the spec quotes or names for it, `section` the opening text of the seed section it is
   * part of, `own` the project's own words (where neither gives Chinese).
   */
  readonly zhFrom: "seed" | "spec" | "section" | "own";
  /** A secondary [S] rule (optional, off by default, spec §0.2). */
  readonly secondary: boolean;
  readonly sources: readonly RuleSource[];
  /** The line of seed-spec.md that states the rule. */
  readonly specLine: number;
  /** Other rule IDs its statement refers to. */
  readonly related: readonly string[];
}

interface CatalogFile {
  readonly seeds: readonly string[];
  readonly rules: readonly {
    readonly id: string;
    readonly kind: string;
    readonly title: string;
    readonly en: string;
    readonly zh: string;
    readonly zhFrom: string;
    readonly secondary: boolean;
    readonly sources: readonly RuleSource[];
    readonly specLine: number;
    readonly related: readonly string[];
  }[];
  readonly settingsKeys: readonly string[];
}

const KINDS: readonly RuleKind[] = ["WF", "SC", "KPI", "RP", "AMB"];
const ZH_FROM: readonly Rule["zhFrom"][] = ["seed", "spec", "section", "own"];

function checked(file: CatalogFile): readonly Rule[] {
  return file.rules.map((r) => {
    const kind = KINDS.find((k) => k === r.kind);
    const zhFrom = ZH_FROM.find((z) => z === r.zhFrom);
    if (!kind || !zhFrom) throw new Error(`rule catalogue: ${r.id} has kind ${r.kind} and zhFrom ${r.zhFrom}`);
    return { id: r.id, kind, title: r.title, statement: { zh: r.zh, en: r.en }, zhFrom, secondary: r.secondary, sources: r.sources, specLine: r.specLine, related: r.related };
  });
}

const file = catalogJson as CatalogFile;
const RULES: readonly Rule[] = checked(file);
const BY_ID: ReadonlyMap<string, Rule> = new Map(RULES.map((r) => [r.id, r]));

/** Every rule, in the order of the spec. */
export function allRules(): readonly Rule[] {
  return RULES;
}

/** The rules of one kind (all scoring rules, all work standards…), in the order of the spec. */
export function rulesOfKind(kind: RuleKind): readonly Rule[] {
  return RULES.filter((r) => r.kind === kind);
}

/** The rule with this ID (`SC-17`, `WF-GEN.1`, `AMB-15`), or `undefined` for an ID the spec does not define. */
export function ruleById(id: string): Rule | undefined {
  return BY_ID.get(id.trim().toUpperCase());
}

/** Every Settings key the spec names (its §3.8 parameter table, its §7 defaults and each `CFG.*`), sorted. */
export function specSettingsKeys(): readonly string[] {
  return file.settingsKeys;
}

/** The seed files the catalogue was generated from. */
export function seedFiles(): readonly string[] {
  return file.seeds;
}
