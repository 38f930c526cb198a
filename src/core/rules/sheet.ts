/**
 * The 规则说明 Rules sheet (issue 11 §1): one row per rule of the project's own catalogue
 * (./catalog.json, every rule ID the workbook can show — flags, task notes, Settings and Routes
 * rule columns), with its statement in both languages and its source, in the catalogue's order.
 * The installer writes these rows (the sheet is owner-protected reference, not user data), so a
 * catalogue change updates them and a second install finds them equal and writes nothing. Cells
 * that show rule IDs link each ID to its row: `#gid=<sheetId>&range=A<row>`, the in-spreadsheet
 * link form of Google Sheets (https://developers.google.com/apps-script/reference/spreadsheet/rich-text-value-builder#setLinkUrl(Integer,Integer,String)).
 * Pure.
 */
import { allRules, ruleById } from "./catalog";
import type { Rule, RuleSource } from "./catalog";

/** Template key of the Rules sheet. */
export const RULES_SHEET = "rules";

/** Columns of the Rules sheet, in template order. */
export const RULES_COLUMNS = ["id", "kind", "statement_zh", "statement_en", "source"] as const;

const KIND_LABEL: Readonly<Record<Rule["kind"], string>> = {
  WF: "流程 Workflow",
  SC: "评分 Scoring",
  KPI: "工作标准 Work standard",
  RP: "报表 Report",
  AMB: "歧义与解读 Ambiguity and reading",
};

const ZH_FROM: Readonly<Record<Rule["zhFrom"], string>> = {
  seed: "中文取自种子原文 Chinese from the seed text",
  spec: "中文取自规范 Chinese as the spec quotes it",
  section: "中文取自所属章节 Chinese from the seed section",
  own: "中文为本项目译文 Chinese in the project's own words",
};

function sourceText(rule: Rule): string {
  const seeds = rule.sources.map((s: RuleSource) => `${s.seed} L${s.from}${s.to !== s.from ? `–${s.to}` : ""}`);
  return [...seeds, `seed-spec.md L${rule.specLine}`, ZH_FROM[rule.zhFrom]].join("; ");
}

/** The Rules sheet's data rows (row 2 down), one per catalogue rule, as text. */
export function rulesSheetRows(): readonly (readonly string[])[] {
  return allRules().map((r) => [r.id, KIND_LABEL[r.kind], r.statement.zh, r.statement.en, sourceText(r)]);
}

const ROW_OF: ReadonlyMap<string, number> = new Map(allRules().map((r, i) => [r.id, i + 2]));

/** The sheet row (1-based, header is row 1) that states rule `id`, or undefined for an ID the catalogue lacks. */
export function ruleRow(id: string): number | undefined {
  const rule = ruleById(id);
  return rule ? ROW_OF.get(rule.id) : undefined;
}

/**
 * The rows to write, or null when the sheet already holds exactly the catalogue (idempotent
 * install). `existing` is the sheet's data rows as getValues gives them (header excluded).
 */
export function rulesSheetUpdate(existing: readonly (readonly unknown[])[]): readonly (readonly string[])[] | null {
  const wanted = rulesSheetRows();
  const rows = existing.filter((row) => row.some((v) => v !== "" && v !== null && v !== undefined));
  const text = (v: unknown): string => (typeof v === "string" ? v : typeof v === "number" || typeof v === "boolean" ? String(v) : "");
  if (rows.length === wanted.length && wanted.every((w, i) => w.every((v, c) => text(rows[i]?.[c]) === v))) return null;
  return wanted;
}

/** A rule ID shown in a cell: its place in the text and the row it links to. */
export interface RuleMention {
  readonly id: string;
  readonly start: number;
  readonly end: number;
  readonly row: number;
}

const RULE_ID = /\b(?:WF-GEN\.\d+|(?:WF|SC|KPI|RP|AMB)-\d+)\b/g;

/** Every catalogue rule ID in `text` (`SC-42 年度C…`, `SC-27, AMB-37`), in order; unknown IDs are skipped. */
export function ruleMentions(text: string): readonly RuleMention[] {
  const out: RuleMention[] = [];
  for (const m of text.matchAll(RULE_ID)) {
    const row = ruleRow(m[0]);
    if (row !== undefined && m.index !== undefined) out.push({ id: m[0], start: m.index, end: m.index + m[0].length, row });
  }
  return out;
}

/** The in-spreadsheet link to a Rules row: `#gid=<sheetId>&range=A<row>`. */
export function ruleRowLink(sheetId: number, row: number): string {
  return `#gid=${sheetId}&range=A${row}`;
}
