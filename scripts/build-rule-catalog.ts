/**
 * Generates the project's own rule catalogue, src/core/rules/catalog.json, from the seed
 * specification and the seed files (run once, and again only when the spec changes):
 *
 *   npx tsx scripts/build-rule-catalog.ts [path/to/seed-spec.md] [path/to/seeds/]
 *
 * (defaults: ../shared/spec/seed-spec.md and ../shared/seeds/ next to the repository). The output is
 * committed, so the tests and the workbook never read a folder outside the repository (issue 10 §7).
 *
 * For every rule ID of the spec — the workflows (WF-GEN.n, WF-nn), the scoring rules (SC-nn), the
 * work standards (KPI-nn), the reports (RP-nn) and the ambiguities with their recommended readings
 * (AMB-nn) — it records:
 * - `en`: the spec's English statement of the rule (markdown removed);
 * - `zh`: the rule in Chinese, in the seed's own words: the seed line(s) the spec cites for it;
 *   where the spec cites no single line (or only a whole section), the Chinese the spec quotes
 *   for it (「…」) or its Chinese name;
 * - `sources`: each seed file and line range cited for it, and `specLine`, where the spec states it.
 * It also lists every Settings key the spec names (§3.8 table, §7 defaults, `CFG.*`), for the
 * template tests.
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const specPath = resolve(process.argv[2] ?? join(root, "../shared/spec/seed-spec.md"));
const seedsDir = resolve(process.argv[3] ?? join(root, "../shared/seeds"));
const outPath = join(root, "src/core/rules/catalog.json");

type Kind = "WF" | "SC" | "KPI" | "RP" | "AMB";

interface Source {
  seed: string;
  from: number;
  to: number;
}

interface Rule {
  id: string;
  kind: Kind;
  title: string;
  en: string;
  zh: string;
  /** Where `zh` comes from: the seed lines cited for the rule, the spec's Chinese for it, or the opening seed text of the section it belongs to. */
  zhFrom: "seed" | "spec" | "section" | "own";
  secondary: boolean;
  sources: Source[];
  specLine: number;
  related: string[];
}

const spec = readFileSync(specPath, "utf8").split("\n");
const seedFiles = readdirSync(seedsDir).filter((f) => /^\d{3}_.*\.txt$/.test(f));
const seedLines = new Map(seedFiles.map((f) => [f.slice(0, 3), readFileSync(join(seedsDir, f), "utf8").split("\n")]));
const seedName = (prefix: string): string => seedFiles.find((f) => f.startsWith(prefix)) ?? prefix;

/** Markdown to plain text: bold, code ticks, citation brackets kept readable. */
function plain(text: string): string {
  return text
    .replace(/\*\*/g, "")
    .replace(/`/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

/** The seed references in a piece of spec text: `004 L142`, `⟦002 §三1-2, L25-27⟧`, `(L190)` with the section's file. */
function referencesIn(text: string, defaultSeed: string | null): Source[] {
  const out: Source[] = [];
  let seed = defaultSeed;
  // A seed file is named by its three-digit prefix ("004"), never the tail of an amount ("10,000").
  for (const m of text.matchAll(/(?<![\d,.])\b(00[0-4])\b(?![,.]\d)|\bL(\d+)(?:\s*-\s*(\d+))?/g)) {
    if (m[1]) {
      seed = m[1];
      continue;
    }
    if (!seed) continue;
    const from = Number(m[2]);
    const to = m[3] ? Number(m[3]) : from;
    out.push({ seed: seedName(seed), from, to });
  }
  return out;
}

/**
 * The seed's text at a source, cleaned: at most two lines. A long line (over 120 characters: the
 * seeds hold whole sections on one line) is narrowed to the sentences naming one of `hints` (the Chinese the spec
 * gives for the rule), and cut at 300 characters.
 */
function seedText(source: Source, hints: readonly string[] = []): string {
  const lines = seedLines.get(source.seed.slice(0, 3)) ?? [];
  const picked = lines.slice(source.from - 1, Math.min(source.to, source.from + 1)).map((l) => l.trim()).filter((l) => l !== "");
  let text = picked.join(" ").replace(/\s+/g, " ").trim();
  if (text.length > 120) {
    const sentences = text.split(/(?<=[。;;!!])|(?=\d+[.、](?!\d))/);
    // The sentences naming the longest of the hints the line contains.
    const hint = [...hints].sort((a, b) => b.length - a.length).find((h) => h.length >= 2 && text.includes(h));
    const named = hint ? sentences.filter((x) => x.includes(hint)) : [];
    if (named.length > 0) text = named.join("").trim();
  }
  return text.length > 300 ? `${text.slice(0, 299)}…` : text;
}

/** Chinese terms of a spec text, to find a rule's sentence in a long seed line. */
const hintsIn = (text: string): string[] => [...text.matchAll(/[\u3400-\u9fff]{2,}/g)].map((m) => m[0]);

const CJK = /[\u3400-\u9fff]/;

/**
 * The few rules for which neither the spec nor a cited seed line gives Chinese: stated in the
 * project's own words, faithful to the spec's English (labelled `own`).
 */
const OWN_WORDS: Readonly<Record<string, string>> = {
  "WF-GEN.1": "每一次审批都要记录:审批人角色、审批人、决定、时间和意见。驳回时退回到“驳回时”所指的步骤;种子文件未说明的,默认退回申请人修改(DEFAULT_REJECT_ACTION = RETURN_TO_INITIATOR)。",
  "SC-58": "每次考核都要有跟进记录,由人力资源部和主管领导负责(WF-24.8)。",
  "AMB-13": "“每损失1万元”的金额不是1万元整数倍时:默认按比例计算(PER_10K_ROUNDING = PRORATA;可选 FLOOR、CEIL)。",
  "RP-28": "[REC] 每月邮件报告包(产品功能):按区域和个人的销售与计划对比、回款与计划(含滚动)、费用与预算、促销人员汇总、工作标准达标情况、考核得分与等级、待审批事项和逾期任务,按角色发给总监、经理、各主管和每位员工。",
  "AMB-54": "部门会议的频率未给出:默认每周一次(DEPT_MEETING_CADENCE = WEEKLY)。",
};

/** The rule a statement belongs to, for OWN_WORDS (set while a rule is read). */
let currentId = "";
const idOf = (_text: string): string => currentId;

/** Chinese the spec gives for a rule: its 「quotes」, else its Chinese names in parentheses. */
function chineseIn(text: string): string {
  const quotes = [...text.matchAll(/「([^」]+)」/g)].map((m) => m[1] ?? "");
  if (quotes.length > 0) return quotes.join(" ");
  const names = [...text.matchAll(/[(（]([^()（）]*[\u3400-\u9fff][^()（）]*)[)）]/g)].map((m) => m[1] ?? "").filter((n) => CJK.test(n));
  return names.join(";");
}

/**
 * The zh statement: the seed lines cited for the rule itself when they are few (a rule, not a
 * whole section), else what the spec quotes in Chinese, else the opening seed text of the cited
 * range or section (labelled `section`: the seed says it there, among other things).
 */
function zhOf(own: readonly Source[], text: string, section: readonly Source[]): { zh: string; zhFrom: Rule["zhFrom"] } {
  const narrow = own.filter((s) => s.to - s.from <= 3);
  const fromSeed = narrow.map((source) => seedText(source, hintsIn(text))).filter((t) => CJK.test(t));
  if (fromSeed.length > 0) return { zh: [...new Set(fromSeed)].slice(0, 2).join(" "), zhFrom: "seed" };
  const quoted = chineseIn(text);
  if (quoted) return { zh: quoted, zhFrom: "spec" };
  const runs = [...text.matchAll(/[\u3400-\u9fff][\u3400-\u9fff、,,。:0-9%]*/g)].map((m) => m[0]);
  if (runs.length > 0) return { zh: [...new Set(runs)].join("、"), zhFrom: "spec" };
  const wide = [...own, ...section].map((source) => seedText(source, hintsIn(text))).find((t) => CJK.test(t));
  if (wide) return { zh: wide, zhFrom: "section" };
  return { zh: OWN_WORDS[idOf(text)] ?? "", zhFrom: "own" };
}

const relatedIn = (text: string, self: string): string[] =>
  [...new Set([...text.matchAll(/\b(SC-\d\d|KPI-\d\d|WF-\d\d|WF-GEN\.\d|RP-\d\d|AMB-\d\d)\b/g)].map((m) => m[1] ?? ""))].filter((id) => id !== self);

const rules: Rule[] = [];
let sectionSeed: string | null = null;
let sectionRefs: Source[] = [];

for (let i = 0; i < spec.length; i++) {
  const line = spec[i] ?? "";
  if (line.startsWith("#")) {
    const refs = /⟦([^⟧]*)⟧/.exec(line);
    sectionRefs = refs ? referencesIn(refs[1] ?? "", null) : [];
    const first = refs ? /\b(00[0-4])\b/.exec(refs[1] ?? "") : null;
    // A heading without a citation stays in the seed of the section before it (3.6 follows 3.5's 004).
    if (first) sectionSeed = first[1] ?? null;
    else if (line.startsWith("## ")) sectionSeed = null;
  }

  // Workflows: "### WF-01 Title (中文) ⟦refs⟧" and the line after it.
  const wf = /^### (WF-\d\d) (.*?)\s*(?:⟦([^⟧]*)⟧)?(?:\s*\(.*\))?\s*$/.exec(line);
  if (wf) {
    const id = wf[1] ?? "";
    currentId = id;
    const title = plain((wf[2] ?? "").replace(/\[S\]\s*/, ""));
    const next = plain(spec[i + 1] ?? "");
    const sources = referencesIn(wf[3] ?? "", null);
    rules.push({
      id,
      kind: "WF",
      title,
      en: next && !next.startsWith("|") ? `${title}. ${next}` : title,
      ...zhOf([], line, sources),
      secondary: line.includes("[S]"),
      sources,
      specLine: i + 1,
      related: relatedIn(next, id),
    });
    continue;
  }

  // General workflow rules, scoring rules and work standards: "- WF-GEN.1 …", "- **SC-01 Title.** text" and continuation lines.
  const bullet = /^- (?:\*\*)?(WF-GEN\.\d|SC-\d\d|KPI-\d\d)\b(.*)$/.exec(line);
  if (bullet) {
    const id = bullet[1] ?? "";
    currentId = id;
    const kind: Kind = id.startsWith("SC") ? "SC" : id.startsWith("KPI") ? "KPI" : "WF";
    let body = bullet[2] ?? "";
    for (let j = i + 1; j < spec.length && /^ {2,}\S/.test(spec[j] ?? ""); j++) body += ` ${(spec[j] ?? "").trim()}`;
    const titleMatch = /^\s*([^*]*?)\*\*/.exec(body);
    const named = plain(titleMatch ? (titleMatch[1] ?? "").replace(/\.$/, "") : "");
    const title = named || plain(body.replace(/^\s*\*\*\s*/, "")).split(/(?<=[a-z)])[.:] /)[0]?.slice(0, 100) || id;
    const own = referencesIn(body, sectionSeed);
    const sources = own.length > 0 ? own : sectionRefs;
    rules.push({
      id,
      kind,
      title,
      en: plain(`${body}`.replace(/^\s*[^*]*?\*\*\s*/, titleMatch ? `${titleMatch[1] ?? ""} ` : "")),
      ...zhOf(own, body, sectionRefs),
      secondary: body.includes("[S]"),
      sources,
      specLine: i + 1,
      related: relatedIn(body, id),
    });
    continue;
  }

  // Reports: | RP-01 | Report (中文) | cadence | from → to | deadline | source |
  const rp = /^\| (RP-\d\d)(?: \[(?:S|REC)\])? \| (.*?) \| (.*?) \| (.*?) \| (.*?) \| (.*?) \|\s*$/.exec(line);
  if (rp) {
    const [, id = "", report = "", cadence = "", route = "", deadline = "", source = ""] = rp;
    currentId = id;
    const own = referencesIn(source, null);
    rules.push({
      id,
      kind: "RP",
      title: plain(report),
      en: plain(`${report}: ${cadence}; ${route}; deadline: ${deadline}`),
      ...zhOf(own, report, []),
      secondary: line.includes("[S]"),
      sources: own,
      specLine: i + 1,
      related: relatedIn(`${route} ${deadline}`, id),
    });
    continue;
  }

  // Ambiguities: | AMB-01 ★ | where | issue | recommended default |
  const amb = /^\| (AMB-\d\d)( ★)? \| (.*?) \| (.*?) \| (.*?) \|\s*$/.exec(line);
  if (amb) {
    const [, id = "", , where = "", issue = "", reading = ""] = amb;
    const own = referencesIn(where, null);
    rules.push({
      id,
      kind: "AMB",
      title: plain(issue).split(/(?<=[.;])\s/)[0] ?? plain(issue),
      en: plain(`${issue} Recommended reading: ${reading}`),
      zh: "",
      zhFrom: "spec",
      secondary: false,
      sources: own,
      specLine: i + 1,
      related: relatedIn(`${where} ${issue}`, id),
    });
  }
}

// An ambiguity's zh: the seed lines it cites, else the Chinese it quotes, else its rule's zh.
const byId = new Map(rules.map((r) => [r.id, r]));
for (const rule of rules.filter((r) => r.kind === "AMB")) {
  const text = rule.en;
  currentId = rule.id;
  const relatedSources = rule.related.flatMap((id) => byId.get(id)?.sources ?? []).slice(0, 3);
  Object.assign(rule, zhOf(rule.sources, text, relatedSources));
  if (rule.sources.length === 0) rule.sources = relatedSources;
}

// Settings keys the spec names: the §3.8 table, the §7 defaults and every CFG.* mention.
const text = spec.join("\n");
const table = text.slice(text.indexOf("### 3.8"), text.indexOf("## 4."));
const fromTable = [...table.matchAll(/^\| ([A-Z][A-Z0-9_]+(?: \/ [A-Za-z_]+)*)(?: \[S\])? \|/gm)].map((m) => m[1] ?? "").filter((k) => k !== "Config key");
const ambiguities = text.slice(text.indexOf("## 7."), text.indexOf("### 7.1"));
const fromAmbiguities = [...ambiguities.matchAll(/`([A-Z][A-Z0-9_]{2,})(?: = [^`]*)?`/g)].map((m) => m[1] ?? "");
const fromCfg = [...text.matchAll(/CFG\.([A-Z][A-Z0-9_]+)/g)].map((m) => m[1] ?? "");
const settingsKeys = [...new Set([...fromTable, ...fromAmbiguities, ...fromCfg])].sort();

const missingZh = rules.filter((r) => !CJK.test(r.zh)).map((r) => r.id);
if (missingZh.length > 0) throw new Error(`no Chinese statement found for ${missingZh.join(", ")}`);
const duplicates = rules.map((r) => r.id).filter((id, i, all) => all.indexOf(id) !== i);
if (duplicates.length > 0) throw new Error(`rule IDs defined twice: ${duplicates.join(", ")}`);

const catalogue = {
  generatedFrom: "seed-spec.md (../shared/spec) and the seed files (../shared/seeds) by scripts/build-rule-catalog.ts",
  seeds: seedFiles,
  rules,
  settingsKeys,
};
writeFileSync(outPath, `${JSON.stringify(catalogue, null, 1)}\n`);
const counts = Object.fromEntries((["WF", "SC", "KPI", "RP", "AMB"] as const).map((k) => [k, rules.filter((r) => r.kind === k).length]));
process.stdout.write(`wrote ${outPath}: ${rules.length} rules ${JSON.stringify(counts)}, ${settingsKeys.length} settings keys\n`);
